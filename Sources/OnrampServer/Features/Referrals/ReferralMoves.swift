import Fluent
import OnrampCore
import SQLKit
import Vapor

/// Changes to a referral: each checked against the rules in OnrampCore, written with its line on
/// the case's timeline, the message to the resident and the audit record, in one transaction.
enum ReferralMoves {
    static func move(
        _ referral: Referral, to status: ReferralStatus, reason: String, outcome: String?, actor: AuditActor,
        trackURL: String, now: Date, on database: any Database
    ) async throws -> ReferralMoveRefusal? {
        if let refusal = referral.status.move(to: status, reason: reason) { return refusal }
        return try await database.transaction { tx in
            let before = referral.status
            guard try await claim(referral, from: before, to: status, now: now, on: tx) else { return .changedMeanwhile }
            if status.isContactMade, referral.contactedAt == nil { referral.contactedAt = now }
            if let outcome, !outcome.isEmpty { referral.outcome = outcome }
            try await referral.save(on: tx)
            let (helpCase, resident, offer) = try await context(of: referral, on: tx)
            if status == .fulfilled { try await FollowUps.schedule(referral, offer: offer, now: now, on: tx) }
            let why = reason.isEmpty ? "" : " Reason: \(reason)"
            let result = outcome.map { $0.isEmpty ? "" : " Outcome: \($0)" } ?? ""
            try await CaseEvent(caseID: helpCase.id!, referralID: referral.id, at: now, actor: actor.label,
                                text: "\(offer.name): \(before.label) \u{2192} \(status.label).\(why)\(result)").create(on: tx)
            let partner = try await Organisation.find(referral.organisationID, on: tx)?.name ?? "the organisation helping you"
            try await CaseMessages.queue(.statusChanged(reference: helpCase.referenceNumber, offer: offer.name, partner: partner, status: status),
                                         to: resident, caseID: helpCase.id!, trackURL: trackURL, now: now, on: tx)
            try await Audit.record(.referralMoved, by: actor, recordType: "referral", recordID: referral.id,
                                   summary: "\(helpCase.reference) \(offer.name): \(before.rawValue) to \(status.rawValue)", councilID: referral.councilID, on: tx, now: now)
            return nil
        }
    }

    /// Moves the status in the database only if it is still `from`, what the person saw: two
    /// people moving one referral at once cannot both succeed. Updates `referral` to match.
    private static func claim(_ referral: Referral, from: ReferralStatus, to: ReferralStatus, now: Date, on database: any Database) async throws -> Bool {
        let moved = try await (database as! any SQLDatabase).update(Referral.schema)
            .set("status", to: to.rawValue).set("updated_at", to: now)
            .where("id", .equal, referral.id!).where("status", .equal, from.rawValue)
            .returning("id").all()
        guard !moved.isEmpty, let current = try await Referral.unscoped(referral.id, on: database) else { return false }
        (referral.status, referral.updatedAt, referral.contactedAt, referral.outcome) = (current.status, current.updatedAt, current.contactedAt, current.outcome)
        return true
    }

    static func note(_ referral: Referral, text: String, actor: AuditActor, now: Date, on database: any Database) async throws {
        try await database.transaction { tx in
            try await CaseEvent(caseID: referral.caseID, referralID: referral.id, at: now, actor: actor.label, text: "Note: \(text)").create(on: tx)
            // The note's words stay on the case; the log says only that one was added.
            try await Audit.record(.referralNoted, by: actor, recordType: "referral", recordID: referral.id, summary: "Added a note to a referral", on: tx, now: now)
        }
    }

    /// Sends a declined or unreachable referral to another partner: the old one closes, a new
    /// one starts with a fresh service-standard deadline.
    static func reroute(
        _ referral: Referral, to partner: Organisation, actor: AuditActor, workingDays: WorkingDays, trackURL: String, now: Date, on database: any Database
    ) async throws -> Result<Referral, ReferralMoveRefusal> {
        guard referral.status.canReroute else { return .failure(.notReroutable) }
        return try await database.transaction { tx in
            guard try await claim(referral, from: referral.status, to: .closed, now: now, on: tx) else { return .failure(.changedMeanwhile) }
            let (helpCase, resident, offer) = try await context(of: referral, on: tx)
            let next = Referral(caseID: referral.caseID, councilID: referral.councilID, offer: offer, partnerID: partner.id!, workingDays: workingDays, now: now)
            try await next.create(on: tx)
            try await CaseEvent(caseID: helpCase.id!, referralID: next.id, at: now, actor: actor.label,
                                text: "\(offer.name): re-routed to \(partner.name). First contact due by \(CalendarDay.spoken(next.contactDue)).").create(on: tx)
            try await CaseMessages.queue(.rerouted(reference: helpCase.referenceNumber, offer: offer.name, partner: partner.name),
                                         to: resident, caseID: helpCase.id!, trackURL: trackURL, now: now, on: tx)
            try await Audit.record(.referralRerouted, by: actor, recordType: "referral", recordID: next.id,
                                   summary: "\(helpCase.reference) \(offer.name) to \(partner.name)", councilID: referral.councilID, on: tx, now: now)
            return .success(next)
        }
    }

    static func context(of referral: Referral, on database: any Database) async throws -> (HelpCase, Resident, HelpOffer) {
        guard let helpCase = try await HelpCase.unscoped(referral.caseID, on: database),
              let resident = try await Resident.unscoped(helpCase.residentID, on: database),
              let offer = try await HelpOffer.find(referral.offerID, on: database)
        else { throw Abort(.notFound) }
        return (helpCase, resident, offer)
    }
}
