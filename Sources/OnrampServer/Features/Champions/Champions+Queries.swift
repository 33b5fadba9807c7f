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
                                   summary: "Recorded \(ChampionHours.words(hours)) given by the champion on \(day.spoken)", councilID: champion.councilID, on: tx, now: now)
        }
    }

    static func removeHours(_ entry: ChampionHoursEntry, of champion: Champion, actor: AuditActor, now: Date, on database: any Database) async throws {
        try await database.transaction { tx in
            try await entry.delete(on: tx)
            try await Audit.record(.championHoursRemoved, by: actor, recordType: "champion", recordID: champion.id,
                                   summary: "Removed \(ChampionHours.words(entry.hours)) recorded for \(CalendarDay.spoken(entry.day)), recorded by \(entry.recordedBy)",
                                   councilID: champion.councilID, on: tx, now: now)
        }
    }

    /// New contact details and the rest; the audit names what changed, not the new values.
    static func change(_ champion: Champion, to details: ChampionApplicationForm.Details, actor: AuditActor, now: Date, on database: any Database) async throws {
        let before = [champion.name, champion.email ?? "", champion.phone ?? "", champion.address ?? "", champion.contactBy, champion.availability, champion.strengths, champion.languages]
        details.write(to: champion)
        let after = [champion.name, champion.email ?? "", champion.phone ?? "", champion.address ?? "", champion.contactBy, champion.availability, champion.strengths, champion.languages]
        let names = ["name", "email", "phone", "address", "ways to contact", "free times", "strengths", "languages"]
        let changed = names.indices.filter { before[$0] != after[$0] }.map { names[$0] }
        guard !changed.isEmpty else { return }
        try await database.transaction { tx in
            try await champion.save(on: tx)
            try await Audit.record(.championDetailsChanged, by: actor, recordType: "champion", recordID: champion.id,
                                   summary: "Changed the champion\u{2019}s \(changed.joined(separator: ", "))", councilID: champion.councilID, on: tx, now: now)
        }
    }

    /// The register records the time of each champion who runs the session, once a meeting:
    /// a champion with time already recorded against this session on that day is left as they are.
    /// Returns how many champions had time recorded.
    static func recordRegisterHours(_ session: SkillSession, today: CalendarDay, actor: AuditActor, now: Date, on tx: any Database) async throws -> Int {
        guard let given = ChampionHours.givenAtMeeting(startsAt: session.startsAt, endsAt: session.endsAt, meetings: session.meetings, today: today) else { return 0 }
        let runnerIDs = try await SkillSessionRunner.query(on: tx).filter(\.$sessionID == session.id!).all().compactMap(\.championID)
        guard !runnerIDs.isEmpty else { return 0 }
        let recorded = Set(try await ChampionHoursEntry.query(on: tx).filter(\.$sessionID == session.id!).filter(\.$day == given.day.iso).all().map(\.championID))
        let champions = try await Champion.query(on: tx).filter(\.$councilID == session.councilID).filter(\.$id ~~ runnerIDs).all()
            .filter { !recorded.contains($0.id!) && $0.status != .left }
        for champion in champions {
            try await recordHours(given.hours, on: given.day, sessionID: session.id, for: champion, actor: actor, now: now, on: tx)
        }
        return champions.count
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
