import Fluent
import SQLKit

/// A letter to a resident who asked for large print: Notify cannot print one, so staff do.
struct AddOutboxLargePrint: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("outbox_messages").field("large_print", .bool, .required, .sql(.default(false))).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("outbox_messages").deleteField("large_print").update()
    }
}
