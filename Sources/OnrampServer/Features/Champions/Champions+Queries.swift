import Fluent
import OnrampCore
import SQLKit
import Vapor

/// Reading champions through a scope, and their hours.
enum Champions {
    static let pageSize = 25

    /// The partner they volunteer with, or the council.
    static func organisationName(of champion: Champion, on database: any Database) async throws -> String {
        try await Organisation.find(champion.organisationID ?? champion.councilID, on: database)?.name ?? "the council"
    }

    /// One page of the scope's champions, with `status` or all of them, the longest waiting first.
    static func page(_ scope: Scope, status: ChampionStatus?, requested: Int?, on database: any Database) async throws -> ([Champion], Paging) {
        let query = scope.query(Champion.self, on: database)
        if let status { query.filter(\.$status == status) }
        let paging = Paging(requested: requested, size: pageSize, totalItems: try await query.count())
        let champions = try await query.sort(\.$statusSince).sort(\.$name).range(paging.offset..<(paging.offset + paging.size)).all()
        return (champions, paging)
    }

    /// How many of the scope's champions are in each status.
    static func counts(_ scope: Scope, on database: any Database) async throws -> [ChampionStatus: Int] {
        var counts: [ChampionStatus: Int] = [:]
        for status in ChampionStatus.allCases { counts[status] = try await scope.query(Champion.self, on: database).filter(\.$status == status).count() }
        return counts
    }

    /// Records time a champion gave, perhaps at a session. A session's register calls this too.
    static func recordHours(_ hours: Double, on day: CalendarDay, sessionID: UUID?, for champion: Champion, actor: AuditActor, now: Date, on database: any Database) async throws {
        try await database.transaction { tx in
            let entry = ChampionHoursEntry()
            (entry.councilID, entry.championID, entry.sessionID, entry.day, entry.hours) = (champion.councilID, champion.id!, sessionID, day.iso, hours)
            (entry.recordedBy, entry.createdAt) = (actor.label, now)
            try await entry.create(on: tx)
            try await Audit.record(.championHoursRecorded, by: actor, recordType: "champion", recordID: champion.id,
                                   summary: "Recorded \(ChampionHours.words(hours)) given by \(champion.name) on \(day.spoken)", councilID: champion.councilID, on: tx, now: now)
        }
    }

    /// The sessions the champion ran that have started, latest first, to record time against.
    static func sessionsRun(by champion: Champion, now: Date, on database: any Database) async throws -> [SkillSession] {
        let ids = try await SkillSessionRunner.query(on: database).filter(\.$championID == champion.id!).all().map(\.sessionID)
        guard !ids.isEmpty else { return [] }
        return try await SkillSession.query(on: database).filter(\.$councilID == champion.councilID).filter(\.$id ~~ ids).filter(\.$startsAt <= now)
            .sort(\.$startsAt, .descending).limit(20).all()
    }

    static func recentHours(_ champion: Champion, on database: any Database) async throws -> [ChampionHoursEntry] {
        try await ChampionHoursEntry.query(on: database).filter(\.$championID == champion.id!).sort(\.$day, .descending).sort(\.$createdAt, .descending).limit(20).all()
    }

    static func totalHours(_ champion: Champion, on database: any Database) async throws -> Double {
        try await ChampionHoursEntry.query(on: database).filter(\.$championID == champion.id!).sum(\.$hours) ?? 0
    }

    /// Every day's hours of the scope's champions, for the report.
    static func hoursEntries(_ champions: [Champion], councilID: UUID, on database: any Database) async throws -> [ChampionHours.Entry] {
        struct Row: Decodable { let champion_id: UUID; let day: String; let hours: Double }
        let organisations = Dictionary(uniqueKeysWithValues: champions.map { ($0.id!, $0.organisationID) })
        let rows = try await (database as! any SQLDatabase).select().column("champion_id").column("day")
            .column(SQLAlias(SQLFunction("SUM", args: SQLIdentifier("hours")), as: SQLIdentifier("hours")))
            .from(ChampionHoursEntry.schema).where("council_id", .equal, councilID).groupBy("champion_id").groupBy("day")
            .all(decoding: Row.self)
        return rows.compactMap { row in
            guard let organisation = organisations[row.champion_id], let day = CalendarDay(iso: row.day) else { return nil }
            return ChampionHours.Entry(championID: row.champion_id, organisationID: organisation, day: day, hours: row.hours)
        }
    }

    /// What has happened to the champion, from the audit log, latest first.
    static func history(_ champion: Champion, on database: any Database) async throws -> [AuditEvent] {
        try await AuditEvent.query(on: database).filter(\.$councilID == champion.councilID).filter(\.$recordType == "champion")
            .filter(\.$recordID == champion.id!.uuidString).sort(\.$occurredAt, .descending).limit(50).all()
    }
}
