import Fluent
import Foundation
import OnrampCore
import SQLKit

/// Removes what identifies a resident or a champion and keeps what the figures count: the
/// resident's area (its 2021 LSOA), language, age band and the rest of the triage's closed
/// answers, each case, offer, date, status and outcome. The same for retention and for erasure.
enum Anonymiser {
    /// What was changed, for the audit log and the retention run's counts.
    struct Changed: Sendable, Equatable {
        var residents = 0, cases = 0, referrals = 0, caseEvents = 0, followUps = 0, messages = 0, bookings = 0, loans = 0, drafts = 0
    }

    static let residentName = "Anonymised resident"
    static let removed = "Removed when this resident\u{2019}s details were anonymised."

    /// Anonymises the resident in one transaction: nothing half done.
    static func resident(_ residentID: UUID, now: Date, on database: any Database) async throws -> Changed {
        try await database.transaction { tx in
            var changed = Changed()
            let ids = try await Resident.withMerged(residentID, on: tx)
            let residents = try await Resident.query(on: tx).filter(\.$id ~~ ids).all()
            guard let councilID = residents.first?.councilID else { return changed }
            // Messages and bookings made without a case are theirs by the address they gave, as
            // stored or as shown (a phone task's number), within their own council only.
            let phones = residents.compactMap(\.phone).filter { !$0.isEmpty }
            let contacts = Array(Set(phones + phones.map(PhoneNumber.display)
                + residents.flatMap { [$0.email, $0.searchPhone, $0.searchEmail].compactMap { $0 } }.filter { !$0.isEmpty }))
            let cases = try await HelpCase.query(on: tx).filter(\.$residentID ~~ ids).all()
            let caseIDs = cases.compactMap(\.id)
            for resident in residents {
                // As the figures place it: the postcode as stored, matched exactly.
                if let postcode = resident.postcode, resident.areaLSOA21 == nil {
                    resident.areaLSOA21 = try await PostcodePoint.query(on: tx).filter(\.$postcode == postcode).first()?.lsoa21
                }
                resident.name = residentName
                (resident.dateOfBirth, resident.postcode, resident.address, resident.phone, resident.email) = (nil, nil, nil, nil, nil)
                (resident.contactWhen, resident.accessNeeds, resident.nameKey) = ("", "", nil)
                (resident.searchName, resident.searchPhone, resident.searchEmail, resident.searchPostcode) = (nil, nil, nil, nil)
                resident.anonymisedAt = now
                try await resident.save(on: tx)
                changed.residents += 1
            }
            for helpCase in cases {
                var answers = helpCase.triageAnswers
                answers.values["postcode"] = nil
                helpCase.answers = String(decoding: (try? JSONEncoder.sorted.encode(answers)) ?? Data("{}".utf8), as: UTF8.self)
                try await helpCase.save(on: tx)
                changed.cases += 1
            }
            guard !caseIDs.isEmpty || !contacts.isEmpty else { return changed }
            let sql = tx as! any SQLDatabase
            let theirs = Theirs(councilID: councilID, caseIDs: caseIDs, contacts: contacts, phoneTasks: phones.map(PhoneNumber.display))
            if !caseIDs.isEmpty {
                changed.referrals = try await sql.update(Referral.schema).set("outcome", to: SQLLiteral.null)
                    .where("case_id", .in, SQLBind.group(caseIDs)).where("outcome", .isNot, SQLLiteral.null).returning("id").all().count
                changed.caseEvents = try await sql.update(CaseEvent.schema).set("text", to: removed)
                    .where("case_id", .in, SQLBind.group(caseIDs)).where("text", .notEqual, removed).returning("id").all().count
                changed.followUps = try await sql.update(FollowUp.schema).set("other", to: SQLLiteral.null)
                    .set("token_hash", to: SQLLiteral.null).set("reminder_token_hash", to: SQLLiteral.null)
                    .where("case_id", .in, SQLBind.group(caseIDs)).returning("id").all().count
                changed.loans = try await sql.update(KitAllocation.schema).set("extended_reason", to: SQLLiteral.null)
                    .where(SQLColumn("referral_id"), .in, SQLGroupExpression(sql.select().column("id").from(Referral.schema).where("case_id", .in, SQLBind.group(caseIDs)).select))
                    .where("extended_reason", .isNot, SQLLiteral.null).returning("id").all().count
                changed.drafts = try await sql.delete(from: TriageDraft.schema).where("case_id", .in, SQLBind.group(caseIDs)).returning("id").all().count
            }
            changed.messages = try await forgetMessages(theirs, now: now, on: sql)
            // A possible duplicate left open would let a merge bring their details back.
            try await sql.update(PossibleDuplicate.schema).set("decision", to: DuplicateDecision.keptApart.rawValue).set("decided_by", to: "Onramp (anonymised)")
                .where("decision", .equal, DuplicateDecision.open.rawValue)
                .where { $0.orWhere("resident_id", .in, SQLBind.group(ids)).orWhere("existing_id", .in, SQLBind.group(ids)) }.run()
            changed.bookings = try await theirs.filter(sql.update(SessionBooking.schema).set("name", to: residentName).set("contact", to: "").set("contact_key", to: SQLLiteral.null)
                .set("access_needs", to: "").where("name", .notEqual, residentName), contactColumns: ["contact", "contact_key"]).returning("id").all().count
            return changed
        }
    }

    /// Rows of a person's cases, or of their council given one of their addresses: as stored
    /// (a phone number, an email, a letter's address) or, for messages, as a phone task shows
    /// it ("Ada Example, 07700 900123", a booking made by phone).
    struct Theirs {
        let councilID: UUID, caseIDs: [UUID], contacts: [String], phoneTasks: [String]

        func filter(_ update: SQLUpdateBuilder, contactColumns: [String], phoneTaskColumn: String? = nil) -> SQLUpdateBuilder {
            update.where("council_id", .equal, councilID).where { either in
                var either = either
                if !caseIDs.isEmpty { either = either.orWhere("case_id", .in, SQLBind.group(caseIDs)) }
                for column in contactColumns where !contacts.isEmpty { either = either.orWhere(column, .in, SQLBind.group(contacts)) }
                if let column = phoneTaskColumn {
                    for phone in phoneTasks { either = either.orWhere(column, .like, "%, " + phone) }
                }
                return either
            }
        }
    }

    /// Nothing not yet sent goes out to someone who is no longer on record: it is ended. Every
    /// message's recipient and words go. Returns how many messages were theirs.
    private static func forgetMessages(_ theirs: Theirs, now: Date, on sql: any SQLDatabase) async throws -> Int {
        let unsent: [MessageStatus] = [.queued, .retrying, .sending, .held, .forStaff]
        try await theirs.filter(sql.update(OutboxMessage.schema).set("status", to: MessageStatus.done.rawValue).set("next_attempt_at", to: SQLLiteral.null)
            .where("status", .in, SQLBind.group(unsent.map(\.rawValue))), contactColumns: ["recipient"], phoneTaskColumn: "recipient").run()
        return try await theirs.filter(sql.update(OutboxMessage.schema).set("recipient", to: removed).set("body", to: removed).set("body_removed_at", to: now)
            .where("recipient", .notEqual, removed), contactColumns: ["recipient"], phoneTaskColumn: "recipient").returning("id").all().count
    }

    static let championName = "Former champion"

    /// Columns that name, by their account's email, who did something.
    static let accountColumns = [
        ("case_events", "actor"), ("champion_checks", "recorded_by"), ("champion_hours", "recorded_by"), ("directory_proposals", "decided_by"),
        ("follow_ups", "online_by"), ("follow_ups", "recorded_by"), ("kit_data_packs", "given_by"), ("kit_device_moves", "actor"),
        ("kit_files", "created_by"), ("kit_wipes", "recorded_by"), ("kit_batches", "created_by"), ("kit_data_packs", "created_by"),
        ("possible_duplicates", "decided_by"), ("session_bookings", "booked_by"), ("skills_reviews", "recorded_by"),
    ]

    /// A champion who left: their details go, their hours and the sessions they ran stay counted.
    /// The messages sent to them go as a resident's do, and their account (if they had one) is
    /// closed and keeps no name or email; the audit log keeps its id.
    static func champion(_ champion: Champion, now: Date, on database: any Database) async throws {
        try await database.transaction { tx in
            let phones = [champion.phone].compactMap { $0 }
            let letter = CaseMessages.destination(ways: ContactWays(["letter"]), name: champion.name, phone: nil, email: nil, address: champion.address).1
            let contacts = phones + phones.map(PhoneNumber.display) + [champion.email].compactMap { $0 } + (champion.address == nil ? [] : [letter])
            let sql = tx as! any SQLDatabase
            if !contacts.isEmpty {
                _ = try await forgetMessages(Theirs(councilID: champion.councilID, caseIDs: [], contacts: contacts, phoneTasks: phones.map(PhoneNumber.display)), now: now, on: sql)
            }
            champion.name = championName
            (champion.email, champion.phone, champion.address, champion.pausedReason) = (nil, nil, nil, nil)
            (champion.availability, champion.languages, champion.strengths) = ("", "", "")
            champion.anonymisedAt = now
            try await champion.save(on: tx)
            try await sql.update(ChampionCheck.schema).set("note", to: "").where("champion_id", .equal, champion.id!).run()
            try await sql.update(SkillSessionRunner.schema).set("name", to: championName).where("champion_id", .equal, champion.id!).run()
            if let userID = champion.userID, let user = try await User.find(userID, on: tx), user.role == .champion {
                // What they did stays, done by "a digital champion": their email goes from every record of who did what.
                for (table, column) in accountColumns {
                    try await sql.update(table).set(SQLIdentifier(column), to: SQLBind(AuditActor.championLabel)).where(SQLIdentifier(column), .equal, SQLBind(user.email)).run()
                }
                try await sql.update(DirectoryProposal.schema).set("proposer_name", to: AuditActor.championLabel).where("proposed_by", .equal, userID).run()
                user.name = championName
                user.email = "former-champion-\(userID.uuidString.lowercased())@anonymised.invalid"
                (user.passwordHash, user.isActive) = (nil, false)
                user.deactivatedAt = user.deactivatedAt ?? now
                try await user.save(on: tx)
                try await UserSession.query(on: tx).filter(\.$user.$id == userID).delete()
                try await Invitation.query(on: tx).filter(\.$user.$id == userID).delete()
            }
        }
    }
}
