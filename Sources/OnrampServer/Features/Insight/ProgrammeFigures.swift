import Fluent
import Foundation
import OnrampCore
import SQLKit

/// The programme's figures quarter by quarter, for the dashboard and the quarterly report: each
/// read as narrow rows through the person's scope, then counted by the financial quarter of the
/// day it happened (London time).
struct ProgrammeFigures: Sendable {
    struct Quarter: Sendable, Equatable {
        /// Different residents whose request for help was made in the quarter.
        var residents = 0
        /// Requests (cases), each with its package of help.
        var cases = 0
        /// Referrals made in the quarter, by where they are now.
        var referrals: [ReferralStatus: Int] = [:]
        var devicesGiven = 0
        var devicesLent = 0
        var simsGiven = 0
        var sessions = 0
        var attendances = 0
        /// Champions who gave time in the quarter, and the hours.
        var champions = 0
        var championHours = 0.0
        /// Follow-ups due in the quarter that ended: answered or not.
        var followUpsEnded = 0
        var followUpsAnswered = 0
        var onlineAtFollowUp = 0

        var referralsMade: Int { referrals.values.reduce(0, +) }
    }

    /// Newest first.
    let quarters: [FinancialQuarter]
    let figures: [FinancialQuarter: Quarter]

    subscript(quarter: FinancialQuarter) -> Quarter { figures[quarter] ?? Quarter() }

    static func load(_ scope: Scope, quarters count: Int = 8, today: CalendarDay, on database: any Database) async throws -> ProgrammeFigures {
        let quarters = FinancialQuarter.recent(count, to: today)
        let oldestFirst = Array(quarters.reversed())
        let first = oldestFirst[0].firstDay, end = quarters[0].lastDay.adding(days: 1)
        let (from, until) = (oldestFirst[0].londonBounds.start, quarters[0].londonBounds.end)
        // Each big table is counted in the database, a row a quarter: a council's history can be
        // millions of rows. A moment's quarter is by the London day it fell on.
        let moments = oldestFirst.dropFirst().map(\.londonBounds.start)
        let days = oldestFirst.dropFirst().map(\.firstDay.iso)
        func byQuarter(_ column: String, _ bounds: [any Encodable & Sendable]) -> SQLPeriodIndex { SQLPeriodIndex(column: SQLColumn(column), bounds: bounds) }
        func quarter(of row: any SQLRow) throws -> FinancialQuarter { oldestFirst[try row.decode(column: "quarter", as: Int.self)] }
        var figures: [FinancialQuarter: Quarter] = [:]
        func add(_ date: Date, _ change: (inout Quarter) -> Void) { add(WorkingDays.today(date), change) }
        func add(_ day: CalendarDay?, _ change: (inout Quarter) -> Void) {
            guard let day, !(day < first), day < end else { return }
            change(&figures[FinancialQuarter(containing: day), default: Quarter()])
        }

        for row in try await scope.query(HelpCase.self, on: database).filter(\.$createdAt >= from).filter(\.$createdAt < until).sqlSelect()
            .column(byQuarter("created_at", moments), as: "quarter").countingAll(as: "cases")
            .column(SQLFunction("COUNT", args: SQLDistinct(SQLColumn("resident_id"))), as: "residents").groupBy("quarter").all() {
            let residents = try row.decode(column: "residents", as: Int.self), cases = try row.decode(column: "cases", as: Int.self)
            try figures[quarter(of: row), default: Quarter()].residents = residents
            try figures[quarter(of: row), default: Quarter()].cases = cases
        }
        for row in try await scope.query(Referral.self, on: database).filter(\.$createdAt >= from).filter(\.$createdAt < until).filter(\.$combinedIntoID == nil)
            .sqlSelect().column(byQuarter("created_at", moments), as: "quarter").column("status").countingAll(as: "referrals")
            .groupBy("quarter").groupBy("status").all() {
            guard let status = ReferralStatus(rawValue: try row.decode(column: "status", as: String.self)) else { continue }
            try figures[quarter(of: row), default: Quarter()].referrals[status, default: 0] += row.decode(column: "referrals", as: Int.self)
        }
        for row in try await scope.query(KitAllocation.self, on: database).filter(\.$handedOverOn >= first.iso).filter(\.$handedOverOn < end.iso).sqlSelect()
            .column(byQuarter("handed_over_on", days), as: "quarter").countingAll(as: "handed")
            .column(SQLFunction("COUNT", args: SQLRaw("CASE WHEN is_loan THEN 1 END")), as: "lent").groupBy("quarter").all() {
            let handed = try row.decode(column: "handed", as: Int.self), lent = try row.decode(column: "lent", as: Int.self)
            try figures[quarter(of: row), default: Quarter()].devicesLent = lent
            try figures[quarter(of: row), default: Quarter()].devicesGiven = handed - lent
        }
        for row in try await scope.query(DataPack.self, on: database).filter(\.$givenOn >= first.iso).filter(\.$givenOn < end.iso).sqlSelect()
            .column(byQuarter("given_on", days), as: "quarter").countingAll(as: "given").groupBy("quarter").all() {
            try figures[quarter(of: row), default: Quarter()].simsGiven = row.decode(column: "given", as: Int.self)
        }
        for row in try await scope.query(FollowUp.self, on: database).filter(\.$dueOn >= first.iso).filter(\.$dueOn < end.iso)
            .filter(\.$status ~~ [.answered, .unanswered]).sqlSelect()
            .column(byQuarter("due_on", days), as: "quarter").countingAll(as: "ended")
            .column(SQLFunction("COUNT", args: SQLRaw("CASE WHEN status = 'answered' THEN 1 END")), as: "answered")
            .column(SQLFunction("COUNT", args: SQLRaw("CASE WHEN online THEN 1 END")), as: "online").groupBy("quarter").all() {
            let ended = try row.decode(column: "ended", as: Int.self), answered = try row.decode(column: "answered", as: Int.self)
            let online = try row.decode(column: "online", as: Int.self)
            try figures[quarter(of: row), default: Quarter()].followUpsEnded = ended
            try figures[quarter(of: row), default: Quarter()].followUpsAnswered = answered
            try figures[quarter(of: row), default: Quarter()].onlineAtFollowUp = online
        }
        // Sessions and champions' hours are hundreds a quarter, not millions: counted here.
        let sessions = try await scope.query(SkillSession.self, on: database).filter(\.$startsAt >= from).filter(\.$startsAt < until).filter(\.$cancelled == false)
            .field(\.$id).field(\.$startsAt).all()
        for session in sessions { add(session.startsAt) { $0.sessions += 1 } }
        let started = Dictionary(uniqueKeysWithValues: sessions.map { ($0.id!, $0.startsAt) })
        for chunk in Array(started.keys).chunked(into: 1000) {
            for sessionID in try await scope.query(SessionBooking.self, on: database).filter(\.$sessionID ~~ Array(chunk)).filter(\.$status == .attended).all(\.$sessionID) {
                if let at = started[sessionID] { add(at) { $0.attendances += 1 } }
            }
        }
        var champions: [FinancialQuarter: Set<UUID>] = [:]
        for entry in try await scope.query(ChampionHoursEntry.self, on: database).filter(\.$day >= first.iso).filter(\.$day < end.iso)
            .field(\.$id).field(\.$championID).field(\.$day).field(\.$hours).all() {
            guard let day = CalendarDay(iso: entry.day) else { continue }
            add(day) { $0.championHours += entry.hours }
            champions[FinancialQuarter(containing: day), default: []].insert(entry.championID)
        }
        for (quarter, people) in champions { figures[quarter, default: Quarter()].champions = people.count }
        return ProgrammeFigures(quarters: quarters, figures: figures)
    }
}
