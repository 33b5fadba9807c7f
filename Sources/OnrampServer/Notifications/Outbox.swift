import Fluent
import Foundation

/// A message waiting to be sent, or sent. Until the GOV.UK Notify sender arrives, staff read
/// the outbox and pass messages on themselves.
final class OutboxMessage: Model, @unchecked Sendable {
    static let schema = "outbox_messages"

    @ID(key: .id) var id: UUID?
    @Field(key: "council_id") var councilID: UUID
    @Field(key: "channel") var channel: String
    @Field(key: "recipient") var recipient: String
    @Field(key: "subject") var subject: String
    @Field(key: "body") var body: String
    @Field(key: "status") var status: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(councilID: UUID, channel: String, recipient: String, subject: String, body: String, createdAt: Date) {
        self.councilID = councilID
        self.channel = channel
        self.recipient = recipient
        self.subject = subject
        self.body = body
        self.status = "queued"
        self.createdAt = createdAt
    }
}

/// Queues messages. Callers pass the transaction their change runs in, so a message exists
/// exactly when the change that caused it does.
enum Outbox {
    static func queueEmail(
        on database: any Database, councilID: UUID, to recipient: String, subject: String, body: String, now: Date
    ) async throws {
        try await OutboxMessage(
            councilID: councilID, channel: "email", recipient: recipient, subject: subject, body: body, createdAt: now
        ).create(on: database)
    }
}
