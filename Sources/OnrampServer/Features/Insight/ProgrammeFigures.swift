import Fluent
import Foundation
import OnrampCore

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
        let first = quarters.last!.firstDay, end = quarters.first!.lastDay.adding(days: 1)
        let (from, until) = (first.start(in: SessionReminder.london), end.start(in: SessionReminder.london))
        var figures: [FinancialQuarter: Quarter] = [:]
        func add(_ date: Date, _ change: (inout Quarter) -> Void) { add(WorkingDays.today(date), change) }
        func add(_ day: CalendarDay?, _ change: (inout Quarter) -> Void) {
            guard let day, !(day < first), day < end else { return }
            change(&figures[FinancialQuarter(containing: day), default: Quarter()])
        }

        var residents: [FinancialQuarter: Set<UUID>] = [:]
        for helpCase in try await scope.query(HelpCase.self, on: database).filter(\.$createdAt >= from).filter(\.$createdAt < until)
            .field(\.$id).field(\.$residentID).field(\.$createdAt).all() {
            add(helpCase.createdAt) { $0.cases += 1 }
            residents[FinancialQuarter(containing: WorkingDays.today(helpCase.createdAt)), default: []].insert(helpCase.residentID)
        }
        for (quarter, people) in residents { figures[quarter, default: Quarter()].residents = people.count }
        for referral in try await scope.query(Referral.self, on: database).filter(\.$createdAt >= from).filter(\.$createdAt < until).filter(\.$combinedIntoID == nil)
            .field(\.$id).field(\.$status).field(\.$createdAt).all() {
            add(referral.createdAt) { $0.referrals[referral.status, default: 0] += 1 }
        }
        for handover in try await scope.query(KitAllocation.self, on: database).filter(\.$handedOverOn >= first.iso).filter(\.$handedOverOn < end.iso)
            .field(\.$id).field(\.$isLoan).field(\.$handedOverOn).all() {
            add(CalendarDay(iso: handover.handedOverOn)) { handover.isLoan ? ($0.devicesLent += 1) : ($0.devicesGiven += 1) }
        }
        for given in try await scope.query(DataPack.self, on: database).filter(\.$givenOn >= first.iso).filter(\.$givenOn < end.iso).all(\.$givenOn) {
            add(given.flatMap(CalendarDay.init(iso:))) { $0.simsGiven += 1 }
        }
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
        for followUp in try await scope.query(FollowUp.self, on: database).filter(\.$dueOn >= first.iso).filter(\.$dueOn < end.iso)
            .filter(\.$status ~~ [.answered, .unanswered]).field(\.$id).field(\.$status).field(\.$dueOn).field(\.$online).all() {
            add(CalendarDay(iso: followUp.dueOn)) { quarter in
                quarter.followUpsEnded += 1
                if followUp.status == .answered { quarter.followUpsAnswered += 1 }
                if followUp.online == true { quarter.onlineAtFollowUp += 1 }
            }
        }
        return ProgrammeFigures(quarters: quarters, figures: figures)
    }
}
