import Fluent
import FluentSQL
import OnrampCore
import Vapor

extension User {
    static let pageSize = 25

    /// One page of a council's users, by name, optionally narrowed by a search of name or email.
    static func page(councilID: UUID, search: String, requested: Int?, on database: any Database) async throws -> ([User], Paging) {
        var query = User.query(on: database).filter(\.$councilID == councilID).with(\.$organisation)
        if !search.isEmpty {
            let needle = search.lowercased()
            // LOWER(…) LIKE so that the search ignores case on PostgreSQL as on SQLite.
            let pattern = SQLBind("%" + needle + "%")
            let name = SQLFunction("LOWER", args: SQLColumn("name", table: User.schema))
            query = query.group(.or) {
                $0.filter(\.$email ~~ needle).filter(.sql(SQLBinaryExpression(name, .like, pattern)))
            }
        }
        let paging = Paging(requested: requested, size: pageSize, totalItems: try await query.count())
        let users = try await query.sort(\.$name).sort(\.$email).range(paging.offset..<(paging.offset + paging.size)).all()
        return (users, paging)
    }

    /// A user of this council, or nil: another council's users do not exist as far as its admins know.
    static func find(_ id: UUID, councilID: UUID, on database: any Database) async throws -> User? {
        try await User.query(on: database)
            .filter(\.$id == id).filter(\.$councilID == councilID)
            .with(\.$organisation).first()
    }
}

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
        if let configured = request.application.onramp.settings.publicURL {
            return configured.hasSuffix("/") ? String(configured.dropLast()) : configured
        }
        return "http://" + (request.headers.first(name: .host) ?? "127.0.0.1:8080")
    }
}
