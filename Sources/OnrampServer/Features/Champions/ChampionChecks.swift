import Fluent
import OnrampCore
import SQLKit
import Vapor

/// The council's required checks, the checks each champion has done, and the rule between them
/// (`ChampionCheckAssessment`) applied: recording checks, and pausing champions whose checks lapse.
enum ChampionChecks {
    /// Automatic changes, in the audit log.
    static let rule = AuditActor(userID: nil, label: "Onramp, automatically", organisationID: nil, councilID: nil, ipAddress: nil)

    /// The council's list, in its order, without the checks it removed.
    static func required(councilID: UUID, on database: any Database) async throws -> [ChampionRequiredCheck] {
        try await ChampionRequiredCheck.query(on: database).filter(\.$councilID == councilID).filter(\.$removedAt == nil).sort(\.$position).all()
    }

    /// How each champion's checks stand today against the council's list, by champion.
    static func assess(_ champions: [Champion], required: [ChampionRequirement], today: CalendarDay, on database: any Database) async throws -> [UUID: ChampionCheckAssessment] {
        let ids = champions.compactMap(\.id)
        guard !ids.isEmpty else { return [:] }
        var records: [UUID: [ChampionCheckRecord]] = [:]
        for chunk in ids.chunked(into: 1000) {
            for check in try await ChampionCheck.query(on: database).filter(\.$championID ~~ Array(chunk)).all() {
                if let record = check.record { records[check.championID, default: []].append(record) }
            }
        }
        return Dictionary(uniqueKeysWithValues: ids.map { ($0, ChampionCheckAssessment(required: required, recorded: records[$0] ?? [], today: today)) })
    }

    static func assess(_ champion: Champion, today: CalendarDay, on database: any Database) async throws -> ChampionCheckAssessment {
        let required = try await required(councilID: champion.councilID, on: database).map(\.requirement)
        return try await assess([champion], required: required, today: today, on: database)[champion.id!]!
    }

    /// Records a check a champion has done.
    static func record(_ record: ChampionCheckRecord, requirement: ChampionRequirement, for champion: Champion, actor: AuditActor, now: Date, on database: any Database) async throws {
        try await database.transaction { tx in
            let check = ChampionCheck()
            (check.councilID, check.championID, check.requirementID, check.doneOn) = (champion.councilID, champion.id!, record.requirementID, record.doneOn.iso)
            (check.dbsLevel, check.onUpdateService, check.note, check.recordedBy, check.createdAt) = (record.dbsLevel, record.onUpdateService, record.note, actor.label, now)
            try await check.create(on: tx)
            let level = record.dbsLevel.map { " (\($0.label.lowercased())\(record.onUpdateService ? ", on the update service" : ""))" } ?? ""
            try await Audit.record(.championCheckRecorded, by: actor, recordType: "champion", recordID: champion.id,
                                   summary: "Recorded \(requirement.name)\(level) for the champion, done on \(record.doneOn.spoken)", councilID: champion.councilID, on: tx, now: now)
        }
    }

    /// Pauses every active champion of the council (of every council, when nil) whose required
    /// checks are not all done and in date, with the reason; tells each champion, and their
    /// coordinators in one email. Returns how many were paused. Run daily
    /// (`onramp champion-checks`) and whenever the champions' pages are opened.
    @discardableResult
    static func pauseLapsed(councilID: UUID?, today: CalendarDay, now: Date, on database: any Database) async throws -> Int {
        let councils = if let councilID { [councilID] } else { try await Organisation.councils(on: database).compactMap(\.id) }
        var paused = 0
        for council in councils {
            let active = try await Champion.query(on: database).filter(\.$councilID == council).filter(\.$status == .active).all()
            guard !active.isEmpty else { continue }
            let required = try await required(councilID: council, on: database).map(\.requirement)
            let checks = try await assess(active, required: required, today: today, on: database)
            let lapsed = active.compactMap { champion in ChampionMoves.automaticPause(champion.status, checks: checks[champion.id!]!).map { (champion: champion, reason: $0) } }
            guard !lapsed.isEmpty else { continue }
            paused += try await database.transaction { tx in
                var done: [(champion: Champion, reason: String)] = []
                for (champion, reason) in lapsed {
                    // Only if still active: of two pages opened at once, one pauses and tells.
                    let claimed = try await (tx as! any SQLDatabase).update(Champion.schema)
                        .set("status", to: SQLBind(ChampionStatus.paused.rawValue)).set("paused_reason", to: SQLBind(reason)).set("status_since", to: SQLBind(now))
                        .where("id", .equal, SQLBind(champion.id!)).where("status", .equal, SQLBind(ChampionStatus.active.rawValue))
                        .returning("id").all()
                    guard claimed.count == 1 else { continue }
                    (champion.status, champion.pausedReason) = (.paused, reason)
                    try await ChampionMessages.queue(.paused(reason: reason), to: champion, now: now, on: tx)
                    try await Audit.record(.championPaused, by: rule, recordType: "champion", recordID: champion.id, summary: "Paused the champion: \(reason)", councilID: council, on: tx, now: now)
                    done.append((champion, reason))
                }
                try await ChampionMessages.tellCoordinators(councilID: council, paused: done, now: now, on: tx)
                return done.count
            }
        }
        return paused
    }
}
