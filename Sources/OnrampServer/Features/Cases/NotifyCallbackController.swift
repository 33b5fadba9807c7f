import Fluent
import Vapor

/// GOV.UK Notify's delivery receipts. Notify sends the bearer token set up for the service;
/// without a matching token nothing is read.
struct NotifyCallbackController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post(.notifyCallback, use: receipt)
    }

    struct Receipt: Content {
        let id: String
        let reference: String?
        let status: String
    }

    func receipt(req: Request) async throws -> HTTPStatus {
        guard let expected = req.application.onramp.settings.notify?.callbackToken, !expected.isEmpty,
              let sent = req.headers.bearerAuthorization?.token, SecretToken.equal(expected, sent)
        else { throw Abort(.unauthorized, reason: "A delivery receipt needs the callback bearer token") }
        let receipt = try req.content.decode(Receipt.self)
        guard let message = try await OutboxMessage.query(on: req.db).filter(\.$providerID == receipt.id).first() else {
            throw Abort(.notFound, reason: "No message has that Notify id")
        }
        switch receipt.status {
        case "delivered":
            message.status = MessageStatus.delivered.rawValue
            try await message.save(on: req.db)
        case "permanent-failure", "temporary-failure", "technical-failure", "validation-failed":
            message.lastError = Self.reason(receipt.status)
            try await NotificationQueue.fail(message, on: req.db, now: Date())
        default:
            break
        }
        return .noContent
    }

    static func reason(_ status: String) -> String {
        switch status {
        case "permanent-failure": "the number or address does not exist"
        case "temporary-failure": "the phone was off or the inbox full for 72 hours"
        default: "the provider could not deliver it"
        }
    }
}
