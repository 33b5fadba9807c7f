import Fluent
import OnrampCore
import Vapor

/// What an admin narrows the audit log to. Every part is optional.
struct AuditFilter: Sendable {
    var actor = ""
    var actions: Set<AuditAction> = []
    var organisationID: UUID?
    var from: CalendarDay?
    var to: CalendarDay?

    static let pageSize = 50
    static let timeZone = TimeZone(identifier: "Europe/London")!

    /// One page of the council's log, newest first.
    func page(councilID: UUID, requested: Int?, on database: any Database) async throws -> ([AuditEvent], Paging) {
        var query = AuditEvent.query(on: database).filter(\.$councilID == councilID)
        if !actor.isEmpty { query = query.filter(\.$actor ~~ actor.lowercased()) }
        if !actions.isEmpty { query = query.filter(\.$action ~~ actions.map(\.rawValue)) }
        if let organisationID { query = query.filter(\.$organisationID == organisationID) }
        if let from { query = query.filter(\.$occurredAt >= from.start(in: Self.timeZone)) }
        if let to { query = query.filter(\.$occurredAt < Self.dayAfter(to)) }
        let paging = Paging(requested: requested, size: Self.pageSize, totalItems: try await query.count())
        let events = try await query.sort(\.$occurredAt, .descending).sort(\.$id)
            .range(paging.offset..<(paging.offset + paging.size)).all()
        return (events, paging)
    }

    /// Midnight at the end of `day`, London time, whatever the clocks did that day.
    static func dayAfter(_ day: CalendarDay) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.date(byAdding: .day, value: 1, to: day.start(in: timeZone))!
    }
}
