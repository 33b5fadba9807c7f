import Fluent
import Vapor

/// GOV.UK Notify's callbacks: delivery receipts for emails and texts, and returned letters.
/// Notify sends the bearer token set up for the service; without a matching token nothing is read.
struct NotifyCallbackController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post(.notifyCallback, use: receipt)
    }

    /// A delivery receipt has `id` and `status`; a returned letter has `notification_id` and
    /// `date_sent`. Both carry the `reference` Onramp sent, its own id for the message.
    struct Callback: Content {
        let id: String?
        let reference: String?
        let status: String?
        let notificationID: String?
        let dateSent: String?

        enum CodingKeys: String, CodingKey {
            case id, reference, status
            case notificationID = "notification_id"
            case dateSent = "date_sent"
        }
    }

    func receipt(req: Request) async throws -> HTTPStatus {
        guard let expected = req.application.onramp.settings.notify?.callbackToken, !expected.isEmpty,
              let sent = req.headers.bearerAuthorization?.token, SecretToken.equal(expected, sent)
        else { throw Abort(.unauthorized, reason: "A delivery receipt needs the callback bearer token") }
        let callback = try req.content.decode(Callback.self)
        guard let notifyID = callback.notificationID ?? callback.id else { throw Abort(.badRequest, reason: "A callback needs Notify's id for the message") }
        guard let message = try await Self.message(notifyID: notifyID, reference: callback.reference, on: req.db) else {
            throw Abort(.notFound, reason: "No message has that Notify id or reference")
        }
        // About an earlier try of a message since sent again: nothing to change.
        guard message.providerID == notifyID else { return .noContent }
        let now = Date()
        if callback.notificationID != nil {
            // Notify may send the same callback again: the case is told once.
            guard message.status != MessageStatus.returned.rawValue else { return .noContent }
            try await Self.returned(message, on: req.db, now: now)
            return .noContent
        }
        // A receipt is news only about a message on its way: a late or repeated one (Notify
        // retries its callbacks) about a message since sent again, held or ended changes nothing.
        guard [MessageStatus.sent.rawValue, MessageStatus.sending.rawValue].contains(message.status) else { return .noContent }
        let channel = MessageChannel(rawValue: message.channel) ?? .email
        switch callback.status {
        case "delivered":
            message.status = MessageStatus.delivered.rawValue
            try await message.save(on: req.db)
        case "technical-failure":
            // Notify's own fault: sending again may well work.
            try await NotificationQueue.retry(message, reason: NotifySetupWords.undelivered("technical-failure", channel: channel), on: req.db, now: now)
        case "permanent-failure", "temporary-failure", "validation-failed":
            message.lastError = NotifySetupWords.undelivered(callback.status ?? "", channel: channel)
            try await NotificationQueue.fail(message, on: req.db, now: now)
        default:
            break
        }
        return .noContent
    }

    /// By Notify's id, and failing that by the reference Onramp sent (its own id), which also
    /// finds a message whose sending was cut short before Notify's id was recorded.
    static func message(notifyID: String, reference: String?, on database: any Database) async throws -> OutboxMessage? {
        if let found = try await OutboxMessage.query(on: database).filter(\.$providerID == notifyID).first() { return found }
        guard let id = reference.flatMap(UUID.init(uuidString:)), let found = try await OutboxMessage.find(id, on: database) else { return nil }
        // Taken as Notify's id only while that is not yet known: otherwise the callback is about
        // an earlier try, and the message keeps the id of the latest.
        if found.providerID == nil || found.status == MessageStatus.sending.rawValue { found.providerID = notifyID }
        return found
    }

    /// Royal Mail brought the letter back: recorded on the message and the case, so that staff
    /// check the address or try another way, rather than the callback being refused.
    static func returned(_ letter: OutboxMessage, on database: any Database, now: Date) async throws {
        try await database.transaction { tx in
            letter.status = MessageStatus.returned.rawValue
            letter.lastError = "Royal Mail could not deliver it and it was returned to GOV.UK Notify"
            try await letter.save(on: tx)
            guard let caseID = letter.caseID else { return }
            try await CaseEvent(
                caseID: caseID, at: now, actor: "Onramp",
                text: "Our letter \u{201C}\(letter.subject)\u{201D} came back: Royal Mail could not deliver it. Check the address with the resident, or phone them."
            ).create(on: tx)
        }
    }
}
