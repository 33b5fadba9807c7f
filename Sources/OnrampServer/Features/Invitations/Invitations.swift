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
            summary: summary(email: user.email, role: user.role), councilID: user.councilID, on: tx, now: now
        )
        return token
    }

    /// Whether an administrator independent of `approver` sent `user` a link that is still
    /// unused and in date: then `approver` asking too is a second person's approval.
    static func independentlyRequested(for user: User, approver: UUID, now: Date, on database: any Database) async throws -> Bool {
        let requesters = try await Invitation.query(on: database).filter(\.$user.$id == user.id!).filter(\.$usedAt == nil).filter(\.$expiresAt > now)
            .all().compactMap { $0.$invitedBy.id }.filter { $0 != approver }
        for requester in Set(requesters) where try await areIndependent(requester, approver, on: database) { return true }
        return false
    }

    /// Neither set the other's password, even through people they made: an administrator can
    /// make another account, so an account they made cannot be their second person.
    static func areIndependent(_ a: UUID, _ b: UUID, on database: any Database) async throws -> Bool {
        let madeA = try await passwordSetters(of: a, on: database), madeB = try await passwordSetters(of: b, on: database)
        return !madeA.contains(b) && !madeB.contains(a)
    }

    /// Whose links set this person's password, and whose links set theirs, and so on.
    static func passwordSetters(of userID: UUID, on database: any Database) async throws -> Set<UUID> {
        var found: Set<UUID> = [], frontier = [userID]
        while !frontier.isEmpty {
            let used = try await Invitation.query(on: database).filter(\.$user.$id ~~ frontier).filter(\.$usedAt != nil).all()
            let setters = Set(used.compactMap { $0.$invitedBy.id }).subtracting(found)
            found.formUnion(setters)
            frontier = Array(setters)
        }
        return found
    }

    static func summary(email: String, role: Role) -> String {
        // A champion is a volunteer: the log keeps their account's id, not their address.
        role == .champion ? "Queued an invitation to a digital champion" : "Queued an invitation to \(email) as \(role.label.lowercased())"
    }

    /// An invitation to an address that has an account with another council: no account is
    /// made and no link works; the person is emailed through their own council's outbox, which
    /// records the try. The inviting council's log reads as for any invitation. Returns the
    /// person as the page shows them, and a token that opens nothing.
    static func turnAway(
        _ existing: User, invitedAs valid: InviteForm.Valid, by actor: AuditActor, from inviter: Organisation, now: Date, on database: any Database
    ) async throws -> (User, String) {
        try await database.transaction { tx in
            try await Outbox.queue(
                on: tx, councilID: existing.councilID, channel: .email, to: existing.email, subject: "Someone tried to invite you to Onramp",
                body: """
                Hello \(existing.name),

                An administrator at \(inviter.name) tried to invite this email address to Onramp. It already has an Onramp account, which you can go on using, so no new account was made.

                If you now work with \(inviter.name) too, ask them to invite a different email address. If you were not expecting this, you can ignore it.
                """,
                caseID: nil, now: now
            )
            try await Audit.record(.userInvited, by: .commandLine, recordType: "user", recordID: existing.id,
                                   summary: "An administrator of another council tried to invite \(existing.email); no account was made", councilID: existing.councilID, on: tx, now: now)
            try await Audit.record(.userInvited, by: actor, recordType: "user", recordID: nil, summary: summary(email: valid.email, role: valid.role), on: tx, now: now)
        }
        let shown = User(organisation: inviter, email: valid.email, name: valid.name, role: valid.role, passwordHash: nil)
        shown.id = UUID()
        return (shown, SecretToken.make())
    }

    /// The address to put in links: the configured public address, never the request's `Host`.
    static func baseURL(for request: Request) -> String {
        request.application.onramp.siteAddress
    }
}
