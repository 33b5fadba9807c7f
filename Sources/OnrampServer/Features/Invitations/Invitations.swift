import Fluent
import OnrampCore
import Vapor

/// Invitations: made by an admin (or the command line), used once to choose a password.
enum Invitations {
    /// Replaces any unused invitation for `user` with a new one, queues the email, and returns
    /// the token for the link. Runs inside the caller's transaction.
    static func issue(
        for user: User, by actor: AuditActor, baseURL: String, settings: Settings, now: Date, on tx: any Database
    ) async throws -> String {
        try await Invitation.query(on: tx).filter(\.$user.$id == user.id!).filter(\.$usedAt == nil).delete()
        let token = SecretToken.make()
        try await Invitation(
            tokenHash: SecretToken.hash(token), user: user, invitedByID: actor.userID, now: now,
            expiresAt: now.addingTimeInterval(settings.invitationLifetime)
        ).create(on: tx)
        let link = baseURL + SiteURL.invitation(.value(token)).path
        let days = Int(settings.invitationLifetime / 86_400)
        try await Outbox.queueEmail(
            on: tx, councilID: user.councilID, to: user.email, subject: "You have been invited to Onramp",
            body: """
            Hello \(user.name),

            You have been invited to use Onramp. Open this link to choose your password:

            \(link)

            The link works once and for \(days) days. If you were not expecting this, you can ignore it.
            """,
            now: now
        )
        try await Audit.record(
            .userInvited, by: actor, recordType: "user", recordID: user.id,
            summary: "Invited \(user.email) as \(user.role.label.lowercased())", councilID: user.councilID, on: tx, now: now
        )
        return token
    }

    /// The address to put in links: the configured public URL, or the one this request came to.
    static func baseURL(for request: Request) -> String {
        if let configured = request.application.onramp.settings.siteAddress { return configured }
        return "http://" + (request.headers.first(name: .host) ?? "127.0.0.1:8080")
    }
}
