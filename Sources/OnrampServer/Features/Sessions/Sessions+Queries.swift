import Fluent
import FluentSQL
import Foundation
import OnrampCore
import SQLKit
import Vapor

/// Which sessions a member of staff reaches. Those who manage sessions reach their scope's
/// (a partner, its own organisation's); anyone else (a champion) only the sessions they run,
/// whichever organisation runs them.
enum SessionAccess {
    static func sessions(_ staff: StaffContext, on database: any Database) -> QueryBuilder<SkillSession> {
        guard !staff.may(.manageSessions) else { return Scope(staff).query(SkillSession.self, on: database) }
        let champions = SQLSubquery.select { $0.column("id").from("champions").where("user_id", .equal, staff.userID) }
        let runs = SQLSubquery.select { select in
            select.column("session_id").from(SkillSessionRunner.schema)
                .where("user_id", .equal, staff.userID).orWhere(SQLBinaryExpression(SQLColumn("champion_id"), .in, champions))
        }
        return Scope(councilID: staff.councilID, organisationID: nil).query(SkillSession.self, on: database)
            .filter(.sql(SQLBinaryExpression(SQLColumn("id", table: SkillSession.schema), .in, runs)))
    }

    /// The session whose id is in the path, if this person reaches it; otherwise 404.
    static func session(_ req: Request) async throws -> SkillSession {
        guard let id = req.parameters.get(SiteURL.sessionKey, as: UUID.self),
              let session = try await sessions(try req.signedIn(), on: req.db).filter(\.$id == id).first()
        else { throw Abort(.notFound) }
        return session
    }

    /// The booking whose id is in the path, through a session this person reaches.
    static func booking(_ req: Request) async throws -> (SessionBooking, SkillSession) {
        guard let id = req.parameters.get(SiteURL.bookingKey, as: UUID.self),
              let booking = try await SessionBooking.query(on: req.db).filter(\.$id == id).filter(\.$councilID == (try req.signedIn()).councilID).first(),
              let session = try await sessions(try req.signedIn(), on: req.db).filter(\.$id == booking.sessionID).first()
        else { throw Abort(.notFound) }
        return (booking, session)
    }
}

/// One session in the public listing.
struct ListedSession: Sendable {
    let session: SkillSession
    let place: DirectoryLocation?
    let metres: Double?
    let taken: Int
    let waiting: Int

    var placesLeft: Int { max(0, session.capacity - taken) }
}

/// The public listing: upcoming sessions, filtered by kind, language and weekday; near a
/// postcode, those at places nearest first, then those by phone or online. Filtered, ordered
/// and paged in SQL: only the page's sessions are read.
enum SessionSearch {
    /// Sessions further than this from the postcode are left out.
    static let nearMetres = 10 * Distance.metresPerMile

    static func run(_ form: SessionSearchForm, near: NationalGrid.Position?, now: Date, on database: any Database) async throws -> (sessions: [ListedSession], total: Int) {
        let sql = database as! any SQLDatabase
        var metres: [UUID: Double] = [:]
        if let near {
            for (id, point) in try await positions(near: near, on: database) { metres[id] = Distance.metres(near, point) }
            metres = metres.filter { $0.value <= nearMetres }
        }
        let nearest = metres.sorted { $0.value != $1.value ? $0.value < $1.value : $0.key.precedes($1.key) }.map(\.key)
        let weekdayRanges = try await form.weekday.asyncFlatMap { try await ranges(of: $0, now: now, on: sql) }
        func filtered(_ select: SQLSelectBuilder) -> SQLSelectBuilder {
            var select = select.where("cancelled", .equal, false).where("starts_at", .greaterThan, now)
            if let kind = form.kind.flatMap(SessionKind.init(rawValue:)) { select = select.where("kind", .equal, kind.rawValue) }
            if let language = form.language, !language.isEmpty { select = select.where("language", .equal, language.lowercased()) }
            if let weekdayRanges {
                select = select.where(group: { group in
                    var group = group.where(SQLLiteral.boolean(false))
                    for (from, to) in weekdayRanges { group = group.orWhere { $0.where("starts_at", .greaterThanOrEqual, from).where("starts_at", .lessThan, to) } }
                    return group
                })
            }
            if near != nil {
                select = select.where(group: { $0.where("location_id", .is, SQLLiteral.null).orWhere("location_id", .in, nearest.isEmpty ? [UUID()] : nearest) })
            }
            return select
        }
        struct Count: Decodable { let n: Int }
        let total = try await filtered(sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(SkillSession.schema)).first(decoding: Count.self)?.n ?? 0
        let paging = Paging(form.pageRequest, totalItems: total)
        struct Row: Decodable { let id: UUID }
        var select = filtered(sql.select().column("id").from(SkillSession.schema))
        if !nearest.isEmpty { select = select.orderBy(DistanceRank(nearest: nearest)) }
        let ids = try await select.orderBy("starts_at").orderBy("id").limit(paging.size).offset(paging.offset).all(decoding: Row.self).map(\.id)
        return (try await listed(ids, metres: metres, on: database), total)
    }

    /// The moments a London `weekday` (Sunday 1) covers, from today to the last upcoming session.
    static func ranges(of weekday: Int, now: Date, on sql: any SQLDatabase) async throws -> [(Date, Date)] {
        struct Last: Decodable { let last: Date? }
        guard let last = try await sql.select().column(SQLFunction("MAX", args: SQLColumn("starts_at")), as: "last").from(SkillSession.schema)
            .where("cancelled", .equal, false).where("starts_at", .greaterThan, now).first(decoding: Last.self)?.last else { return [] }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = SessionReminder.london
        var day = CalendarDay(now, in: SessionReminder.london), ranges: [(Date, Date)] = []
        let end = CalendarDay(last, in: SessionReminder.london)
        while day <= end {
            let start = day.start(in: SessionReminder.london)
            if calendar.component(.weekday, from: start) == weekday { ranges.append((start, day.adding(days: 1).start(in: SessionReminder.london))) }
            day = day.adding(days: 1)
        }
        return ranges
    }

    /// The sessions with these ids, in this order, with their places and counts.
    static func listed(_ ids: [UUID], metres: [UUID: Double] = [:], on database: any Database) async throws -> [ListedSession] {
        guard !ids.isEmpty else { return [] }
        let sessions = Dictionary(uniqueKeysWithValues: try await SkillSession.query(on: database).filter(\.$id ~~ ids).all().map { ($0.id!, $0) })
        let placeIDs = Array(Set(sessions.values.compactMap(\.locationID)))
        let places = placeIDs.isEmpty ? [:] : Dictionary(uniqueKeysWithValues: try await DirectoryLocation.query(on: database).filter(\.$id ~~ placeIDs).all().map { ($0.id!, $0) })
        let counts = try await SessionBookings.counts(ids, on: database)
        return ids.compactMap { id in
            guard let session = sessions[id] else { return nil }
            let count = counts[id] ?? (0, 0)
            return ListedSession(session: session, place: session.locationID.flatMap { places[$0] }, metres: session.locationID.flatMap { metres[$0] },
                                 taken: count.taken, waiting: count.waiting)
        }
    }

    /// Places with a position in the box around `point` that holds every place within `nearMetres`.
    static func positions(near point: NationalGrid.Position, on database: any Database) async throws -> [UUID: NationalGrid.Position] {
        struct Row: Decodable { let id: UUID; let latitude: Double; let longitude: Double }
        let rows = try await PositionBox(around: point, metres: nearMetres)
            .narrow((database as! any SQLDatabase).select().columns("id", "latitude", "longitude").from(DirectoryLocation.schema))
            .all(decoding: Row.self)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.id, NationalGrid.Position(latitude: $0.latitude, longitude: $0.longitude)) })
    }

    /// Languages of upcoming sessions, for the filter.
    static func languages(now: Date, on database: any Database) async throws -> [String] {
        struct Row: Decodable { let language: String }
        return try await (database as! any SQLDatabase).select().distinct().column("language").from(SkillSession.schema)
            .where("cancelled", .equal, false).where("starts_at", .greaterThan, now).all(decoding: Row.self).map(\.language).sorted()
    }
}

/// Orders sessions by how near their place is: `nearest` (not empty) first, in order, then the
/// rest (by phone or online). One CASE over the places near the postcode, whatever the database.
struct DistanceRank: SQLExpression {
    let nearest: [UUID]

    func serialize(to serializer: inout SQLSerializer) {
        serializer.write("CASE ")
        SQLColumn("location_id").serialize(to: &serializer)
        for (rank, id) in nearest.enumerated() {
            serializer.write(" WHEN ")
            SQLBind(id).serialize(to: &serializer)
            serializer.write(" THEN \(rank)")
        }
        serializer.write(" ELSE \(nearest.count) END")
    }
}
