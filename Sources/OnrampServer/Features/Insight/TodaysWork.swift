import Fluent
import Foundation
import OnrampCore

/// What needs doing today, counted for the dashboard: each line links to the list where it is
/// done, and only lines the person may act on are shown.
struct TodaysWork: Sendable {
    struct Line: Sendable {
        let count: Int
        let words: String
        let url: SiteURL
        let action: Action
    }

    let lines: [Line]

    static func load(_ staff: StaffContext, scope: Scope, today: CalendarDay, on database: any Database) async throws -> TodaysWork {
        var lines: [Line] = []
        if staff.may(.viewCases) {
            let summary = try await CaseQueries.summary(councilID: scope.councilID, today: today, on: database)
            lines.append(Line(count: summary.overdue, words: "referrals past their first-contact deadline", url: .referrals, action: .viewCases))
            lines.append(Line(count: summary.tasks, words: "letters and phone calls to residents to make", url: .cases, action: .viewCases))
        }
        if staff.may(.makeFollowUpCalls) {
            let calls = try await scope.query(FollowUp.self, on: database).filter(\.$status == .toCall).count()
            lines.append(Line(count: calls, words: "follow-up calls to make", url: .followUpCalls, action: .makeFollowUpCalls))
        }
        if staff.may(.manageKit) {
            let soon = today.adding(days: 7).iso
            let loans = try await scope.query(KitAllocation.self, on: database).filter(\.$isLoan == true).filter(\.$returnedAt == nil).filter(\.$lostAt == nil)
                .filter(\.$due <= soon).count()
            lines.append(Line(count: loans, words: "loaned devices due back within a week or overdue", url: .kitLoans, action: .manageKit))
        }
        if staff.may(.manageChampions) {
            let champions = try await scope.query(Champion.self, on: database).filter(\.$status == .active).all()
            let required = try await ChampionChecks.required(councilID: scope.councilID, on: database).map(\.requirement)
            let lapsing = try await ChampionChecks.assess(champions, required: required, today: today, on: database).values
                .filter { !$0.lapsed.isEmpty || !$0.lapsingSoon.isEmpty }.count
            lines.append(Line(count: lapsing, words: "active champions with a check lapsed or lapsing soon", url: .champions, action: .manageChampions))
        }
        if staff.may(.viewOutbox) {
            let held = try await OutboxMessage.query(on: database).filter(\.$councilID == scope.councilID).filter(\.$status == MessageStatus.held.rawValue).count()
            if held > 0 { lines.append(Line(count: held, words: "messages held by a fault in Onramp\u{2019}s set-up with GOV.UK Notify", url: .outbox, action: .viewOutbox)) }
        }
        return TodaysWork(lines: lines)
    }
}
