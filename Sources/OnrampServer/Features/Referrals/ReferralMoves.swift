import Fluent
import OnrampCore
import Vapor

/// Changes to a referral: each checked against the rules in OnrampCore, written with its line on
/// the case's timeline, the message to the resident and the audit record, in one transaction.
enum ReferralMoves {
    static func move(
        _ referral: Referral, to status: ReferralStatus, reason: String, outcome: String?, actor: AuditActor,
        trackURL: String, now: Date, on database: any Database
    ) async throws -> ReferralMoveRefusal? {
        if let refusal = referral.status.move(to: status, reason: reason) { return refusal }
        try await database.transaction { tx in
            let before = referral.status
            referral.status = status
            referral.updatedAt = now
            if status.isContactMade, referral.contactedAt == nil { referral.contactedAt = now }
            if let outcome, !outcome.isEmpty { referral.outcome = outcome }
            try await referral.save(on: tx)
            let (helpCase, resident, offer) = try await context(of: referral, on: tx)
            let why = reason.isEmpty ? "" : " Reason: \(reason)"
            let result = outcome.map { $0.isEmpty ? "" : " Outcome: \($0)" } ?? ""
            try await CaseEvent(caseID: helpCase.id!, referralID: referral.id, at: now, actor: actor.label,
                                text: "\(offer.name): \(before.label) \u{2192} \(status.label).\(why)\(result)").create(on: tx)
            try await CaseMessages.queue(.statusChanged(reference: ReferenceNumber(typed: helpCase.reference)!, offer: offer.name, status: status),
                                         to: resident, caseID: helpCase.id!, trackURL: trackURL, now: now, on: tx)
            try await Audit.record(.referralMoved, by: actor, recordType: "referral", recordID: referral.id,
                                   summary: "\(helpCase.reference) \(offer.name): \(before.rawValue) to \(status.rawValue)", councilID: referral.councilID, on: tx, now: now)
        }
        return nil
    }

    static func note(_ referral: Referral, text: String, actor: AuditActor, now: Date, on database: any Database) async throws {
        try await CaseEvent(caseID: referral.caseID, referralID: referral.id, at: now, actor: actor.label, text: "Note: \(text)").create(on: database)
    }

    /// Sends a declined or unreachable referral to another partner: the old one closes, a new
    /// one starts with a fresh service-standard deadline.
    static func reroute(
        _ referral: Referral, to partner: Organisation, actor: AuditActor, workingDays: WorkingDays, trackURL: String, now: Date, on database: any Database
    ) async throws -> Referral {
        guard referral.status.canReroute else { throw ReferralMoveRefusal.notReroutable }
        return try await database.transaction { tx in
            let (helpCase, resident, offer) = try await context(of: referral, on: tx)
            referral.status = .closed
            referral.updatedAt = now
            try await referral.save(on: tx)
            let next = Referral()
            next.councilID = referral.councilID
            next.caseID = referral.caseID
            next.offerID = referral.offerID
            next.organisationID = partner.id!
            next.status = .received
            next.contactDue = workingDays.adding(offer.standardDays, to: WorkingDays.today(now)).iso
            next.createdAt = now
            next.updatedAt = now
            try await next.create(on: tx)
            try await CaseEvent(caseID: helpCase.id!, referralID: next.id, at: now, actor: actor.label,
                                text: "\(offer.name): re-routed to \(partner.name). First contact due by \(next.contactDue).").create(on: tx)
            try await CaseMessages.queue(.rerouted(reference: ReferenceNumber(typed: helpCase.reference)!, offer: offer.name, partner: partner.name),
                                         to: resident, caseID: helpCase.id!, trackURL: trackURL, now: now, on: tx)
            try await Audit.record(.referralRerouted, by: actor, recordType: "referral", recordID: next.id,
                                   summary: "\(helpCase.reference) \(offer.name) to \(partner.name)", councilID: referral.councilID, on: tx, now: now)
            return next
        }
    }

    static func context(of referral: Referral, on database: any Database) async throws -> (HelpCase, Resident, HelpOffer) {
        guard let helpCase = try await HelpCase.find(referral.caseID, on: database),
              let resident = try await Resident.find(helpCase.residentID, on: database),
              let offer = try await HelpOffer.find(referral.offerID, on: database)
        else { throw Abort(.notFound) }
        return (helpCase, resident, offer)
    }
}
