import Fluent
import OnrampCore
import SQLKit
import Vapor

/// Turns a finished triage into a case: the resident's record, a referral per chosen offer with
/// its service-standard deadline, the timeline's first lines, possible duplicates for an officer
/// to check, and the message with the reference. All in one transaction.
enum CaseIntake {
    static func submit(
        draft: TriageDraft, details: HelpRequestForm.Details, offers: [HelpOffer], actor: AuditActor, workingDays: WorkingDays,
        random: @escaping @Sendable (Int) -> Int, trackURL: String, now: Date, on database: any Database
    ) async throws -> HelpCase {
        do {
            return try await database.transaction { tx in
                // Read again inside the transaction: a second press of the button finds the first case.
                if let existing = try await TriageDraft.find(draft.id, on: tx)?.caseID, let helpCase = try await HelpCase.unscoped(existing, on: tx) {
                    return helpCase
                }
                let answers = draft.triageAnswers
                let resident = try await createResident(details, answers: answers, councilID: draft.councilID, now: now, on: tx)
                let helpCase = HelpCase()
                helpCase.councilID = draft.councilID
                helpCase.reference = try await newReference(random: random, on: tx)
                helpCase.residentID = resident.id!
                helpCase.draftID = draft.id!
                helpCase.channel = draft.channel
                helpCase.answers = draft.answers
                helpCase.consentVersion = Consent.version
                helpCase.createdBy = draft.staffUserID
                helpCase.createdAt = now
                try await helpCase.create(on: tx)

                try await CaseEvent(caseID: helpCase.id!, at: now, actor: actor.label, text: "Asked for help: \(draft.channel.label.lowercased()). Agreed to consent wording \(Consent.version).").create(on: tx)
                let chosen = offers.filter { details.offerIDs.contains($0.id!) }
                let package = MinimumAccessPackage(answers: draft.triageAnswers, catalogue: offers.map(\.core))
                let partners = try await Organisation.query(on: tx).filter(\.$id ~~ chosen.map(\.partnerID)).all()
                for offer in chosen {
                    let referral = Referral(caseID: helpCase.id!, councilID: draft.councilID, offer: offer, partnerID: offer.partnerID, workingDays: workingDays, now: now)
                    referral.quantity = package.eligible.first { $0.offer.id == offer.id!.uuidString }?.quantity ?? 1
                    try await referral.create(on: tx)
                    // Counted down in the database, so two requests at once cannot both take the last one.
                    try await (tx as! any SQLDatabase).update(HelpOffer.schema).set("available", to: SQLRaw("available - 1"))
                        .where("id", .equal, offer.id!).where("available", .greaterThan, 0).run()
                    let partner = partners.first { $0.id == offer.partnerID }?.name ?? "a partner"
                    try await CaseEvent(caseID: helpCase.id!, referralID: referral.id, at: now, actor: "Onramp", text: "Referred to \(partner) for \(offer.name). First contact due by \(CalendarDay.spoken(referral.contactDue)).").create(on: tx)
                }
                try await flagDuplicates(of: resident, on: tx, now: now)
                draft.caseID = helpCase.id
                draft.updatedAt = now
                try await draft.save(on: tx)
                try await CaseMessages.queue(.received(reference: helpCase.referenceNumber, offers: chosen.map { offer in
                    (offer.name, partners.first { $0.id == offer.partnerID }?.name ?? "A partner")
                }), to: resident, caseID: helpCase.id!, trackURL: trackURL, now: now, on: tx)
                try await Audit.record(.caseCreated, by: actor, recordType: "case", recordID: helpCase.id, summary: "Case \(helpCase.reference) with \(chosen.count) referrals", councilID: draft.councilID, on: tx, now: now)
                return helpCase
            }
        } catch where error.isConstraintFailure {
            // Two presses at the same moment: the unique draft id let one through.
            guard let existing = try await HelpCase.query(on: database).filter(\.$draftID == draft.id!).first() else { throw error }
            return existing
        }
    }

    static func createResident(_ details: HelpRequestForm.Details, answers: TriageAnswers, councilID: UUID, now: Date, on database: any Database) async throws -> Resident {
        let resident = Resident()
        resident.councilID = councilID
        resident.name = details.name
        resident.dateOfBirth = details.dateOfBirth.iso
        let postcode = answers.first("postcode").flatMap { $0.isEmpty ? nil : $0 }
        resident.postcode = postcode
        resident.address = details.address
        resident.phone = details.phone
        resident.email = details.email
        resident.contactBy = ContactWays(answers["contact-by"]).stored
        resident.contactWhen = answers["contact-when"].joined(separator: ",")
        resident.language = answers.first("language") ?? "english"
        resident.accessNeeds = answers["access-needs"].joined(separator: ",")
        resident.refreshKeys()
        resident.createdAt = now
        resident.detailsGivenAt = now
        try await resident.create(on: database)
        return resident
    }

    /// Records every earlier resident who shares a name, date of birth and postcode, a phone or
    /// an email with this one. An officer decides; nothing is merged on a guess.
    static func flagDuplicates(of resident: Resident, on database: any Database, now: Date) async throws {
        let identity = resident.identity
        guard identity.nameKey != nil || identity.phone != nil || identity.email != nil else { return }
        let candidates = try await Resident.query(on: database)
            .filter(\.$councilID == resident.councilID).filter(\.$mergedIntoID == nil).filter(\.$id != resident.id!)
            .group(.or) { match in
                if let key = identity.nameKey { match.filter(\.$nameKey == key) }
                if let phone = identity.phone { match.filter(\.$phone == phone) }
                if let email = identity.email { match.filter(\.$email == email) }
            }
            .all()
        for candidate in candidates {
            let shared = identity.matches(candidate.identity)
            guard !shared.isEmpty else { continue }
            let duplicate = PossibleDuplicate()
            duplicate.councilID = resident.councilID
            duplicate.residentID = resident.id!
            duplicate.existingID = candidate.id!
            duplicate.matchedOn = shared.joined(separator: ", ")
            duplicate.decision = .open
            duplicate.createdAt = now
            try await duplicate.create(on: database)
        }
    }

    static func newReference(random: @Sendable (Int) -> Int, on database: any Database) async throws -> String {
        for _ in 0..<10 {
            let reference = ReferenceNumber(random: random).value
            if try await HelpCase.query(on: database).filter(\.$reference == reference).count() == 0 { return reference }
        }
        throw Abort(.internalServerError, reason: "Could not make a new reference")
    }
}
