import Fluent
import Foundation
import OnrampCore
import SQLKit

enum CaseQueries {
    /// The residents whose cases these are.
    static func residentIDs(ofCases caseIDs: [UUID], on database: any Database) async throws -> [UUID] {
        guard !caseIDs.isEmpty else { return [] }
        return try await HelpCase.query(on: database).filter(\.$id ~~ Set(caseIDs)).all().map(\.residentID)
    }

    /// Each case's resident, by case id.
    static func residents(ofCases caseIDs: [UUID], on database: any Database) async throws -> [UUID: Resident] {
        guard !caseIDs.isEmpty else { return [:] }
        let cases = try await HelpCase.query(on: database).filter(\.$id ~~ Set(caseIDs)).all()
        let residents = try await Resident.query(on: database).filter(\.$id ~~ Set(cases.map(\.residentID))).all()
        return Dictionary(uniqueKeysWithValues: cases.compactMap { helpCase in residents.first { $0.id == helpCase.residentID }.map { (helpCase.id!, $0) } })
    }

    /// A line of "who has looked at this resident".
    struct Look: Sendable {
        let at: Date
        let who: String
        let what: String
    }

    /// Who has been shown this resident's personal data (or a record since merged into theirs),
    /// the most recent first.
    static func looks(at resident: Resident, limit: Int? = 50, on database: any Database) async throws -> [Look] {
        let ids = try await Resident.withMerged(resident.id!, on: database)
        var query = ResidentView.query(on: database).filter(\.$residentID ~~ ids).sort(\.$viewedAt, .descending)
        if let limit { query = query.limit(limit) }
        let views = try await query.all()
        let events = try await AuditEvent.query(on: database).filter(\.$id ~~ Set(views.map(\.auditEventID))).all()
        return views.compactMap { view in
            events.first { $0.id == view.auditEventID }.map { Look(at: view.viewedAt, who: $0.actor, what: $0.summary) }
        }
    }

    struct Summary: Sendable {
        var byStatus: [ReferralStatus: Int] = [:]
        var overdue = 0
        var duplicates = 0
        var tasks = 0
    }

    /// Messages to residents that a person must send: calls, letters, or anything while no
    /// sender is set up.
    static func staffTasks(councilID: UUID, on database: any Database) -> QueryBuilder<OutboxMessage> {
        OutboxMessage.query(on: database).filter(\.$councilID == councilID).filter(\.$status == MessageStatus.forStaff.rawValue).filter(\.$caseID != nil)
    }

    static func summary(councilID: UUID, today: CalendarDay, on database: any Database) async throws -> Summary {
        var summary = Summary()
        let sql = database as! any SQLDatabase
        let council = Scope(councilID: councilID, organisationID: nil)
        // From the tallies triggers keep (AddReferralCounts, AddReferralDueCounts), not by
        // counting every referral the council has had.
        struct StatusCount: Decodable { let status: String; let total: Int }
        let byStatus = sql.select().column("status").column(ReferralQueue.summedReferrals, as: "total").from("referral_counts")
        for row in try await Referral.within(council, byStatus).groupBy("status").all(decoding: StatusCount.self) {
            // A status Onramp no longer has keeps its tally row (at 0): skipped, not a failure.
            if let status = ReferralStatus(rawValue: row.status) { summary.byStatus[status] = row.total }
        }
        summary.overdue = try await ReferralQueue.overdue(council, statuses: ReferralStatus.allCases, today: today, on: sql)
        summary.duplicates = try await PossibleDuplicate.query(on: database).filter(\.$councilID == councilID).filter(\.$decision == .open).count()
        summary.tasks = try await staffTasks(councilID: councilID, on: database).count()
        return summary
    }
}

/// The cases search: residents found by any one detail (see OnrampCore's `ResidentQuery`),
/// within the signed-in person's scope, a page at a time.
enum ResidentSearches {
    static let pageSize = 20

    struct Found: Sendable {
        let paging: Paging
        let residents: [Resident]
        /// Each resident's cases, the newest first.
        let cases: [UUID: [HelpCase]]
    }

    static func page(_ query: ResidentQuery, scope: Scope, page: Int?, on database: any Database) async throws -> Found {
        let conditions = query.conditions
        guard !conditions.contains(where: \.isEmpty) else { return Found(paging: Paging(requested: 1, size: pageSize, totalItems: 0), residents: [], cases: [:]) }
        let matching = scope.query(Resident.self, on: database).filter(\.$mergedIntoID == nil)
        for anyOf in conditions {
            matching.group(.or) { group in
                for condition in anyOf { group.filter(.sql(Self.expression(condition))) }
            }
        }
        let paging = Paging(requested: page, size: pageSize, totalItems: try await matching.count())
        let residents = try await matching.sort(\.$searchName).sort(\.$createdAt).sort(\.$id)
            .range(paging.offset..<(paging.offset + paging.size)).all()
        let cases = try await scope.query(HelpCase.self, on: database).filter(\.$residentID ~~ Set(residents.compactMap(\.id)))
            .sort(\.$createdAt, .descending).all()
        return Found(paging: paging, residents: residents, cases: Dictionary(grouping: cases, by: \.residentID))
    }

    /// A condition as SQL that reads the same on SQLite and PostgreSQL: the stored keys and the
    /// typed text are both folded already, so `LIKE` compares them as they are.
    static func expression(_ condition: ResidentQuery.Condition) -> any SQLExpression {
        let column = switch condition.field {
        case .name: "search_name"
        case .phone: "search_phone"
        case .email: "search_email"
        case .postcode: "search_postcode"
        case .dateOfBirth: "date_of_birth"
        }
        let escaped = condition.text.replacingOccurrences(of: "!", with: "!!").replacingOccurrences(of: "%", with: "!%").replacingOccurrences(of: "_", with: "!_")
        return switch condition.match {
        case .equals: SQLBinaryExpression(SQLColumn(column, table: Resident.schema), .equal, SQLBind(condition.text))
        case .contains: Like(column: column, pattern: "%" + escaped + "%")
        case .startsWith: Like(column: column, pattern: escaped + "%")
        }
    }

    /// `column LIKE pattern ESCAPE '!'`: a `%` or `_` typed is itself, not a wildcard.
    struct Like: SQLExpression {
        let column: String
        let pattern: String

        func serialize(to serializer: inout SQLSerializer) {
            SQLColumn(column, table: Resident.schema).serialize(to: &serializer)
            serializer.write(" LIKE ")
            SQLBind(pattern).serialize(to: &serializer)
            serializer.write(" ESCAPE '!'")
        }
    }
}

/// Merging two records of one resident. Every case is kept, on the earlier record, which stays;
/// the newer one is marked merged into it and keeps the details the resident gave with it, so
/// both references still open at /track. The more recently given contact details and
/// preferences are kept, and open requests for the same help are combined into one. An officer
/// reads what will happen (`preview`) before it does (`merge`).
enum ResidentMerges {
    struct Preview: Sendable {
        let duplicate: PossibleDuplicate
        let earlier: Resident
        let newer: Resident
        /// Both records' cases, the oldest first.
        let cases: [HelpCase]
        /// Both records' referrals, with the names a page shows.
        let requests: [QueueRow]
        let plan: ResidentMergePlan

        func cases(of resident: Resident) -> [HelpCase] { cases.filter { $0.residentID == resident.id } }
        func row(_ request: ResidentMergePlan.Request) -> QueueRow? { requests.first { $0.referral.id == request.id } }
    }

    /// The record `id` names, or the record it has since been merged into, within `scope`.
    static func current(_ id: UUID, scope: Scope, on database: any Database) async throws -> Resident? {
        var record = try await scope.find(Resident.self, id, on: database)
        var seen: Set<UUID> = []
        while let next = record?.mergedIntoID, seen.insert(next).inserted, let merged = try await scope.find(Resident.self, next, on: database) { record = merged }
        return record
    }

    /// What merging the records of `duplicate` would do now; nil when they are one record already.
    static func preview(_ duplicate: PossibleDuplicate, scope: Scope, on database: any Database) async throws -> Preview? {
        guard let first = try await current(duplicate.existingID, scope: scope, on: database),
              let second = try await current(duplicate.residentID, scope: scope, on: database), first.id != second.id else { return nil }
        let firstIsEarlier = first.createdAt != second.createdAt ? first.createdAt < second.createdAt : first.id!.precedes(second.id!)
        let (earlier, newer) = firstIsEarlier ? (first, second) : (second, first)
        let cases = try await scope.query(HelpCase.self, on: database).filter(\.$residentID ~~ [earlier.id!, newer.id!]).sort(\.$createdAt).all()
        let referrals = try await scope.query(Referral.self, on: database).filter(\.$caseID ~~ Set(cases.compactMap(\.id))).sort(\.$createdAt).sort(\.$id).all()
        let record = { (resident: Resident) in
            ResidentMergePlan.Record(id: resident.id!, details: resident.contactDetails, givenAt: resident.detailsGivenAt ?? resident.createdAt)
        }
        let plan = ResidentMergePlan(earlier: record(earlier), newer: record(newer), requests: referrals.map {
            ResidentMergePlan.Request(id: $0.id!, offerID: $0.offerID, status: $0.status, createdAt: $0.createdAt)
        })
        return Preview(duplicate: duplicate, earlier: earlier, newer: newer, cases: cases, requests: try await ReferralQueue.rows(referrals, on: database), plan: plan)
    }

    enum Outcome: Sendable, Equatable {
        case merged(survivorID: UUID)
        /// Both entries already led to one record: the check is closed, nothing else changes.
        case alreadyOneRecord
        case alreadyDecided
        /// The records changed after the officer read the plan (`fingerprint`): nothing done.
        case changed
    }

    private struct PlanChanged: Error {}

    /// Merges as the plan with this fingerprint said, all in one transaction, or changes nothing.
    static func merge(_ duplicate: PossibleDuplicate, confirmed fingerprint: String, scope: Scope, actor: AuditActor, now: Date, on database: any Database) async throws -> Outcome {
        do {
            return try await database.transaction { tx in
                // Claimed first, so two officers confirming at once cannot both merge.
                guard try await claim(duplicate, as: .merged, by: actor, on: tx) else { return .alreadyDecided }
                guard let preview = try await preview(duplicate, scope: scope, on: tx) else {
                    try await Audit.record(.residentsMerged, by: actor, recordType: "resident", recordID: duplicate.existingID,
                                           summary: "Closed a duplicate check: both entries were already one record", on: tx, now: now)
                    return .alreadyOneRecord
                }
                guard preview.plan.fingerprint == fingerprint else { throw PlanChanged() }
                try await carryOut(preview, actor: actor, now: now, on: tx)
                return .merged(survivorID: preview.earlier.id!)
            }
        } catch is PlanChanged {
            return .changed
        }
    }

    private static func carryOut(_ preview: Preview, actor: AuditActor, now: Date, on tx: any Database) async throws {
        let (earlier, newer, plan, duplicate) = (preview.earlier, preview.newer, preview.plan, preview.duplicate)
        let reference = { (caseID: UUID) in preview.cases.first { $0.id == caseID }?.referenceNumber.description ?? "" }
        let moving = preview.cases(of: newer)
        for helpCase in moving {
            helpCase.residentID = earlier.id!
            try await helpCase.save(on: tx)
            try await CaseEvent(caseID: helpCase.id!, at: now, actor: actor.label, text: "Resident records merged: the same person as an earlier record (matched on \(duplicate.matchedOn)).").create(on: tx)
        }
        for helpCase in preview.cases(of: earlier) {
            let joined = moving.map { $0.referenceNumber.description }.joined(separator: ", ")
            try await CaseEvent(caseID: helpCase.id!, at: now, actor: actor.label,
                                text: "Resident records merged: a newer record of the same person (matched on \(duplicate.matchedOn))\(joined.isEmpty ? "" : ", with case \(joined),") joined this one.").create(on: tx)
        }

        // Open requests for the same help become one: the others close, and their place or item goes back.
        let sql = tx as! any SQLDatabase
        for combination in plan.combinations {
            guard let kept = preview.row(combination.kept) else { continue }
            for request in combination.closed {
                let closed = try await sql.update(Referral.schema).set("status", to: ReferralStatus.closed.rawValue).set("updated_at", to: now)
                    .set("combined_into_id", to: kept.referral.id)
                    .where("id", .equal, request.id).where("status", .equal, request.status.rawValue).returning("id").all()
                guard !closed.isEmpty, let row = preview.row(request) else { throw PlanChanged() }
                try await sql.update(HelpOffer.schema).set("available", to: SQLRaw("available + 1"))
                    .where("id", .equal, request.offerID).where("available", .isNot, SQLLiteral.null).run()
                try await CaseEvent(caseID: row.referral.caseID, referralID: request.id, at: now, actor: actor.label,
                                    text: "\(row.offerName): \(request.status.label) \u{2192} Closed. Combined with the same request on case \(reference(kept.referral.caseID)) when the resident\u{2019}s records were merged.").create(on: tx)
                try await CaseEvent(caseID: kept.referral.caseID, referralID: kept.referral.id, at: now, actor: actor.label,
                                    text: "\(kept.offerName): the same request on case \(reference(row.referral.caseID)) was combined into this one when the resident\u{2019}s records were merged.").create(on: tx)
                try await Audit.record(.referralMoved, by: actor, recordType: "referral", recordID: request.id,
                                       summary: "\(reference(row.referral.caseID)) \(row.offerName): \(request.status.rawValue) to closed (combined when records were merged)", councilID: earlier.councilID, on: tx, now: now)
            }
        }

        // The more recent contact details and preferences; the name and date of birth stay.
        earlier.contactDetails = plan.details
        earlier.detailsGivenAt = plan.givenAt
        earlier.refreshKeys()
        try await earlier.save(on: tx)
        newer.mergedIntoID = earlier.id
        try await newer.save(on: tx)
        // Equality-monitoring answers count once per person: the newer ones if the earlier record has none.
        if try await ResidentEquality.query(on: tx).filter(\.$residentID == earlier.id!).count() == 0 {
            try await ResidentEquality.query(on: tx).filter(\.$residentID == newer.id!).set(\.$residentID, to: earlier.id!).update()
        }

        // Other questions about the newer record are now about the one it joined; one asked
        // twice over, or about the joined record and itself, is answered.
        let open = try await PossibleDuplicate.query(on: tx).filter(\.$decision == .open).filter(\.$id != duplicate.id!).sort(\.$createdAt).all()
        var asked = Set(open.filter { $0.residentID != newer.id && $0.existingID != newer.id }.map { Set([$0.residentID, $0.existingID]) })
        for other in open where other.residentID == newer.id || other.existingID == newer.id {
            if other.residentID == newer.id { other.residentID = earlier.id! } else { other.existingID = earlier.id! }
            if other.residentID == other.existingID || !asked.insert(Set([other.residentID, other.existingID])).inserted {
                other.decision = .merged
                other.decidedBy = actor.label
            }
            try await other.save(on: tx)
        }
        let recent = plan.sources.values.contains(.newer) ? "contact details from the newer record" : "the earlier record\u{2019}s contact details"
        try await Audit.record(.residentsMerged, by: actor, recordType: "resident", recordID: earlier.id,
                               summary: "Merged two records of one resident (matched on \(duplicate.matchedOn)); cases moved to the earlier record: \(moving.count); duplicate requests closed: \(plan.closing.count); \(recent) kept",
                               on: tx, now: now)
    }

    static func keepApart(_ duplicate: PossibleDuplicate, actor: AuditActor, now: Date, on database: any Database) async throws -> Bool {
        try await database.transaction { tx in
            guard try await claim(duplicate, as: .keptApart, by: actor, on: tx) else { return false }
            try await Audit.record(.duplicateKeptApart, by: actor, recordType: "resident", recordID: duplicate.residentID, summary: "Kept apart from another record", on: tx, now: now)
            return true
        }
    }

    /// Decides the check in the database only if it is still open. The loaded `duplicate` is left
    /// as it was: a change given up rolls back the database, not the object.
    private static func claim(_ duplicate: PossibleDuplicate, as decision: DuplicateDecision, by actor: AuditActor, on database: any Database) async throws -> Bool {
        let claimed = try await (database as! any SQLDatabase).update(PossibleDuplicate.schema)
            .set("decision", to: decision.rawValue).set("decided_by", to: actor.label)
            .where("id", .equal, duplicate.id!).where("decision", .equal, DuplicateDecision.open.rawValue)
            .returning("id").all()
        return !claimed.isEmpty
    }
}
