import Fluent
import Foundation
import OnrampCore

/// A message to a resident or a member of staff, and its way through the queue:
/// queued → sending → sent → delivered (a letter: posted, or returned), or retrying, failed; or
/// held (a fault in Onramp's own set-up) → queued once it is mended; or for-staff (for a person
/// to pass on: a phone call, a large-print letter, anything while no sender is set up) → done.
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
    @OptionalField(key: "case_id") var caseID: UUID?
    @Field(key: "attempts") var attempts: Int
    @OptionalField(key: "next_attempt_at") var nextAttemptAt: Date?
    @OptionalField(key: "lease_until") var leaseUntil: Date?
    @OptionalField(key: "last_error") var lastError: String?
    @OptionalField(key: "provider_id") var providerID: String?
    @OptionalField(key: "sent_at") var sentAt: Date?
    /// A letter to print in large print: staff print it, since Notify cannot.
    @Field(key: "large_print") var largePrint: Bool
    /// When the message's words were removed under the council's retention settings.
    @OptionalField(key: "body_removed_at") var bodyRemovedAt: Date?

    init() {}

    init(councilID: UUID, channel: MessageChannel, recipient: String, subject: String, body: String, caseID: UUID? = nil, createdAt: Date) {
        self.councilID = councilID
        self.channel = channel.rawValue
        self.recipient = recipient
        self.subject = subject
        self.body = body
        self.caseID = caseID
        self.status = MessageStatus.queued.rawValue
        self.attempts = 0
        self.nextAttemptAt = createdAt
        self.createdAt = createdAt
        self.largePrint = false
    }
}

enum MessageChannel: String, CaseIterable, Sendable {
    case email, sms, letter, phone

    var label: String {
        switch self {
        case .email: "Email"
        case .sms: "Text message"
        case .letter: "Letter"
        case .phone: "Phone call"
        }
    }
}

enum MessageStatus: String, Sendable {
    case queued, sending, retrying, sent, delivered, failed
    case forStaff = "for-staff"
    case done
    case held, posted, returned

    var label: String {
        switch self {
        case .queued: "Queued"
        case .sending: "Sending"
        case .retrying: "Will try again"
        case .sent: "Sent"
        case .delivered: "Delivered"
        case .failed: "Could not be delivered"
        case .forStaff: "For staff to send"
        case .done: "Done by staff"
        case .held: "Held: Onramp's set-up needs mending"
        case .posted: "Posted"
        case .returned: "Came back undelivered"
        }
    }
}

/// Queues messages. Callers pass the transaction their change runs in, so a message exists
/// exactly when the change that caused it does; the queue's worker sends it later.
enum Outbox {
    static func queueEmail(
        on database: any Database, councilID: UUID, to recipient: String, subject: String, body: String, now: Date
    ) async throws {
        try await queue(on: database, councilID: councilID, channel: .email, to: recipient, subject: subject, body: body, caseID: nil, now: now)
    }

    /// A letter waits for the end of the day (`LetterPost`), and what else is said to the same
    /// person that day is written into it: one letter a day at most.
    static func queue(
        on database: any Database, councilID: UUID, channel: MessageChannel, to recipient: String,
        subject: String, body: String, caseID: UUID?, largePrint: Bool = false, now: Date
    ) async throws {
        if channel == .letter {
            let goes = LetterPost.goes(writtenAt: now)
            if let waiting = try await OutboxMessage.query(on: database).filter(\.$councilID == councilID).filter(\.$channel == channel.rawValue)
                .filter(\.$recipient == recipient).filter(\.$status == MessageStatus.queued.rawValue).filter(\.$nextAttemptAt == goes).first() {
                waiting.body += "\n\n" + body
                waiting.largePrint = waiting.largePrint || largePrint
                try await waiting.save(on: database)
                return
            }
            let letter = OutboxMessage(councilID: councilID, channel: channel, recipient: recipient, subject: subject, body: body, caseID: caseID, createdAt: now)
            (letter.nextAttemptAt, letter.largePrint) = (goes, largePrint)
            try await letter.create(on: database)
            return
        }
        try await OutboxMessage(
            councilID: councilID, channel: channel, recipient: recipient, subject: subject, body: body, caseID: caseID, createdAt: now
        ).create(on: database)
    }
}
