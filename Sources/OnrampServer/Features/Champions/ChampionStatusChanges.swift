import Fluent
import OnrampCore
import Vapor

/// Moving a champion on by hand (see `ChampionMoves` for what is allowed), and their account:
/// a champion who becomes active is invited to Onramp with the champion role.
enum ChampionStatusChanges {
    /// What happened about the champion's account when they became active, for the page to say.
    enum Account: String {
        case invited, linked, noEmail = "no-email", emailTaken = "email-taken", alreadyHas = "already"

        var notice: String {
            switch self {
            case .invited: "They have been sent an invitation to Onramp by email, as a digital champion."
            case .linked: "Their email address already had a champion\u{2019}s account, which is now linked to them."
            case .noEmail: "They have no email address, so they have no account: record their hours for them."
            case .emailTaken: "Someone else already has an account with their email address, so no invitation was sent."
            case .alreadyHas: "They already have an account."
            }
        }
    }

    /// Where invitation links point, and how long they last.
    struct Links {
        let baseURL: String
        let settings: Settings
    }

    /// The move, audited, with the champion told; nil when it is refused, with why.
    static func move(
        _ champion: Champion, to status: ChampionStatus, reason: String, links: Links, actor: AuditActor, today: CalendarDay, now: Date, on database: any Database
    ) async throws -> Result<Account?, ChampionMoveRefusal> {
        let checks = try await ChampionChecks.assess(champion, today: today, on: database)
        if let refusal = ChampionMoves.refusal(from: champion.status, to: status, checks: checks, reason: reason) { return .failure(refusal) }
        let account = try await database.transaction { tx -> Account? in
            let from = champion.status
            (champion.status, champion.statusSince) = (status, now)
            champion.pausedReason = status == .paused ? reason.trimmingCharacters(in: .whitespacesAndNewlines) : nil
            try await champion.save(on: tx)
            let why = reason.isEmpty ? "" : ": \(reason)"
            try await Audit.record(.championMoved, by: actor, recordType: "champion", recordID: champion.id,
                                   summary: "Moved the champion from \(from.label.lowercased()) to \(status.label.lowercased())\(why)", councilID: champion.councilID, on: tx, now: now)
            guard status == .active else { return nil }
            try await ChampionMessages.queue(.active, to: champion, now: now, on: tx)
            return try await invite(champion, links: links, actor: actor, now: now, on: tx)
        }
        return .success(account)
    }

    /// An account with the champion role in their organisation (the council's, for the
    /// council's own volunteers), through the usual invitation. A person whose address another
    /// council's account has is told through that council, and this page reads as for anyone.
    static func invite(_ champion: Champion, links: Links, actor: AuditActor, now: Date, on database: any Database) async throws -> Account {
        if let linked = try await champion.userID.asyncFlatMap({ try await User.find($0, on: database) }) {
            guard linked.passwordHash == nil, linked.isActive else { return .alreadyHas }
            _ = try await Invitations.issue(for: linked, by: actor, baseURL: links.baseURL, settings: links.settings, now: now, on: database)
            return .invited
        }
        guard let email = champion.email else { return .noEmail }
        guard let organisation = try await Organisation.find(champion.organisationID ?? champion.councilID, on: database) else { return .noEmail }
        if let existing = try await User.find(email: email, on: database) {
            if existing.councilID != champion.councilID {
                let valid = InviteForm.Valid(name: champion.name, email: email, organisationID: organisation.id!, role: .champion)
                _ = try await Invitations.turnAway(existing, invitedAs: valid, by: actor, from: organisation, now: now, on: database)
                return .invited
            }
            let taken = try await Champion.query(on: database).filter(\.$userID == existing.id!).count() > 0
            guard existing.role == .champion, !taken else { return .emailTaken }
            champion.userID = existing.id
            try await champion.save(on: database)
            return .linked
        }
        let user = User(organisation: organisation, email: email, name: champion.name, role: .champion, passwordHash: nil)
        try await user.create(on: database)
        champion.userID = user.id
        try await champion.save(on: database)
        _ = try await Invitations.issue(for: user, by: actor, baseURL: links.baseURL, settings: links.settings, now: now, on: database)
        return .invited
    }
}
