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

    /// A line of "who has looked at this resident".
    struct Look: Sendable {
        let at: Date
        let who: String
        let what: String
    }

    /// Who has been shown this resident's personal data (or a record since merged into theirs),
    /// the most recent first.
    static func looks(at resident: Resident, limit: Int = 50, on database: any Database) async throws -> [Look] {
        let merged = try await Resident.query(on: database).filter(\.$mergedIntoID == resident.id!).all().compactMap(\.id)
        let views = try await ResidentView.query(on: database).filter(\.$residentID ~~ ([resident.id!] + merged))
            .sort(\.$viewedAt, .descending).limit(limit).all()
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
        struct StatusCount: Decodable { let status: String; let total: Int }
        for row in try await sql.select().column("status").countingAll()
            .from(Referral.schema).where("council_id", .equal, councilID).groupBy("status").all(decoding: StatusCount.self) {
            if let status = ReferralStatus(rawValue: row.status) { summary.byStatus[status] = row.total }
        }
        struct Count: Decodable { let total: Int }
        summary.overdue = try await sql.select().countingAll()
            .from(Referral.schema).where("council_id", .equal, councilID).where(ReferralQueue.awaitingContact)
            .where("contact_due", .lessThan, today.iso).first(decoding: Count.self)?.total ?? 0
        summary.duplicates = try await PossibleDuplicate.query(on: database).filter(\.$councilID == councilID).filter(\.$decision == .open).count()
        summary.tasks = try await staffTasks(councilID: councilID, on: database).count()
        return summary
    }
}

/// Merging keeps every case: the newer record's cases move to the older one, which stays.
enum ResidentMerges {
    static func merge(_ duplicate: PossibleDuplicate, actor: AuditActor, now: Date, on database: any Database) async throws {
        try await database.transaction { tx in
            guard let newer = try await Resident.unscoped(duplicate.residentID, on: tx), var older = try await Resident.unscoped(duplicate.existingID, on: tx) else { return }
            // The earlier record may itself have been merged since: merge into where it went.
            while let next = older.mergedIntoID, let merged = try await Resident.unscoped(next, on: tx) { older = merged }
            guard older.id != newer.id else { return }
            let cases = try await HelpCase.query(on: tx).filter(\.$residentID == newer.id!).all()
            for helpCase in cases {
                helpCase.residentID = older.id!
                try await helpCase.save(on: tx)
                try await CaseEvent(caseID: helpCase.id!, at: now, actor: actor.label, text: "Resident records merged: the same person as an earlier record (matched on \(duplicate.matchedOn)).").create(on: tx)
            }
            newer.mergedIntoID = older.id
            try await newer.save(on: tx)
            // Other questions about the newer record are now about the one it joined.
            for other in try await PossibleDuplicate.query(on: tx).filter(\.$decision == .open).filter(\.$id != duplicate.id!)
                .group(.or, { $0.filter(\.$residentID == newer.id!).filter(\.$existingID == newer.id!) }).all() {
                if other.residentID == newer.id { other.residentID = older.id! } else { other.existingID = older.id! }
                if other.residentID == other.existingID { other.decision = .merged; other.decidedBy = actor.label }
                try await other.save(on: tx)
            }
            duplicate.decision = .merged
            duplicate.decidedBy = actor.label
            try await duplicate.save(on: tx)
            try await Audit.record(.residentsMerged, by: actor, recordType: "resident", recordID: older.id, summary: "Merged \(cases.count) cases into an earlier record", on: tx, now: now)
        }
    }

    static func keepApart(_ duplicate: PossibleDuplicate, actor: AuditActor, on database: any Database) async throws {
        try await database.transaction { tx in
            duplicate.decision = .keptApart
            duplicate.decidedBy = actor.label
            try await duplicate.save(on: tx)
            try await Audit.record(.duplicateKeptApart, by: actor, recordType: "resident", recordID: duplicate.residentID, summary: "Kept apart from another record", on: tx)
        }
    }
}
