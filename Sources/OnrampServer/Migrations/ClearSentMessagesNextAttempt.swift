import Fluent
import SQLKit

/// Sent emails and texts used to keep the time they were queued for; only letters that Notify
/// has are now looked at again (`followLetters`), and the queue's index should find them alone.
struct ClearSentMessagesNextAttempt: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await (database as! any SQLDatabase).update(OutboxMessage.schema).set("next_attempt_at", to: SQLLiteral.null)
            .where("status", .equal, MessageStatus.sent.rawValue).where("channel", .notEqual, MessageChannel.letter.rawValue).run()
    }

    /// Nothing to undo: the queue never reads those times.
    func revert(on database: any Database) async throws {}
}
