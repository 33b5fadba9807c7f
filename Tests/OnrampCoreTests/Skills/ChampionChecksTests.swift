import Foundation
import Testing
@testable import OnrampCore

/// The champions' rule: active only while every required check is done and in date; what
/// lapses soon; the moves staff may make; checks and hours as staff type them.
@Suite struct ChampionChecksTests {
    static let today = CalendarDay(iso: "2026-12-04")!
    static let references = ChampionRequirement(id: UUID(), kind: .references(count: 2), validForMonths: nil)
    static let dbs = ChampionRequirement(id: UUID(), kind: .dbs(level: .standard), validForMonths: 36)
    static let safeguarding = ChampionRequirement(id: UUID(), kind: .training(module: "Safeguarding"), validForMonths: 24)
    static let required = [references, dbs, safeguarding]

    static func done(_ requirement: ChampionRequirement, _ iso: String, level: DBSLevel? = nil) -> ChampionCheckRecord {
        ChampionCheckRecord(requirementID: requirement.id, doneOn: CalendarDay(iso: iso)!, dbsLevel: level)
    }

    static let allInDate = [done(references, "2026-01-02"), done(references, "2026-01-09"), done(dbs, "2026-01-20", level: .enhanced), done(safeguarding, "2026-02-01")]

    @Test func everyCheckDoneAndInDateMakesAChampionReady() {
        let checks = ChampionCheckAssessment(required: Self.required, recorded: Self.allInDate, today: Self.today)
        #expect(checks.allDone && checks.problems.isEmpty && checks.lapsingSoon.isEmpty)
        #expect(checks.standings[1].state == .done(lapses: CalendarDay(iso: "2029-01-20")!))
        #expect(checks.standings[1].words == "Done, lapses on 20 January 2029")
        #expect(ChampionMoves.refusal(from: .checking, to: .active, checks: checks, reason: "") == nil)
    }

    @Test func missingOrTooLowChecksKeepAChampionFromBeingActive() {
        let recorded = [Self.done(Self.references, "2026-01-02"), Self.done(Self.dbs, "2026-01-20", level: .basic), Self.done(Self.safeguarding, "2026-02-01")]
        let checks = ChampionCheckAssessment(required: Self.required, recorded: recorded, today: Self.today)
        #expect(!checks.allDone)
        #expect(checks.problems == ["2 references: only 1 in date", "Standard DBS check not done"])
        let refusal = ChampionMoves.refusal(from: .checking, to: .active, checks: checks, reason: "")
        #expect(refusal?.message == "A champion can be active only when every required check is done and in date: 2 references: only 1 in date; Standard DBS check not done")
    }

    @Test func checksLapsingWithin30DaysAreListedAndLapsedOnesGiveTheReason() {
        let soon = Self.allInDate.dropLast() + [Self.done(Self.safeguarding, "2024-12-20")]
        let lapsing = ChampionCheckAssessment(required: Self.required, recorded: Array(soon), today: Self.today)
        #expect(lapsing.allDone && lapsing.lapsingSoon.map(\.requirement) == [Self.safeguarding])
        #expect(lapsing.lapsingSoon[0].words == "Lapses on 20 December 2026")
        #expect(ChampionMoves.automaticPause(.active, checks: lapsing) == nil)

        let lapsed = ChampionCheckAssessment(required: Self.required, recorded: Array(Self.allInDate.dropLast()) + [Self.done(Self.safeguarding, "2024-12-04")], today: Self.today)
        #expect(!lapsed.allDone && lapsed.lapsed.map(\.requirement) == [Self.safeguarding])
        #expect(ChampionMoves.automaticPause(.active, checks: lapsed) == "Training: Safeguarding lapsed on 4 December 2026")
        #expect(ChampionMoves.automaticPause(.paused, checks: lapsed) == nil, "only active champions are paused")
        #expect(ChampionMoves.automaticPause(.checking, checks: lapsed) == nil)
    }

    @Test func theLatestRecordCountsAndMonthsEndOnShortMonths() {
        let renewed = Self.allInDate + [Self.done(Self.dbs, "2023-01-01", level: .standard)]
        #expect(ChampionCheckAssessment(required: Self.required, recorded: renewed, today: Self.today).allDone)
        #expect(CalendarDay(iso: "2026-01-31")!.adding(months: 1) == CalendarDay(iso: "2026-02-28")!)
        #expect(CalendarDay(iso: "2024-02-29")!.adding(months: 12) == CalendarDay(iso: "2025-02-28")!)
    }

    @Test func movesFollowTheStatuses() {
        let ready = ChampionCheckAssessment(required: [], recorded: [], today: Self.today)
        #expect(ChampionMoves.refusal(from: .applied, to: .active, checks: ready, reason: "") == .notAllowed(from: .applied, to: .active))
        #expect(ChampionMoves.refusal(from: .active, to: .paused, checks: ready, reason: " ") == .reasonNeeded)
        #expect(ChampionMoves.refusal(from: .paused, to: .active, checks: ready, reason: "") == nil)
        #expect(ChampionStatus.allCases.filter { $0 != .left }.allSatisfy { $0.next.contains(.left) }, "anyone can leave")
        #expect(ChampionStatus.left.next.isEmpty)
    }

    @Test func aCheckDatedInTheFutureOrBelowTheLevelIsRefused() {
        var errors = FormErrors()
        let tomorrow = ChampionCheckRecord.validate(for: Self.dbs, doneOn: DateParts(day: "5", month: "12", year: "2026"), dbsLevel: "enhanced", onUpdateService: true, note: nil, today: Self.today, into: &errors)
        #expect(tomorrow == nil && errors["done"] == "The date it was done must be today or in the past")
        errors = FormErrors()
        _ = ChampionCheckRecord.validate(for: Self.dbs, doneOn: DateParts(day: "4", month: "12", year: "2026"), dbsLevel: "basic", onUpdateService: false, note: nil, today: Self.today, into: &errors)
        #expect(errors["dbs_level"] == "The council asks for a standard DBS check or higher: this one is basic")
        errors = FormErrors()
        let today = ChampionCheckRecord.validate(for: Self.dbs, doneOn: DateParts(day: "4", month: "12", year: "2026"), dbsLevel: "enhanced", onUpdateService: true, note: "No. 001", today: Self.today, into: &errors)
        #expect(errors.isEmpty && today?.dbsLevel == .enhanced && today?.onUpdateService == true)
    }

    @Test func requirementsAreCheckedAsAnAdministratorTypesThem() {
        var errors = FormErrors()
        #expect(ChampionRequirement.validate(kind: "dbs", referencesCount: nil, dbsLevel: "basic", module: nil, validMonths: "36", into: &errors)! == (.dbs(level: .basic), 36))
        #expect(ChampionRequirement.validate(kind: "training", referencesCount: nil, dbsLevel: nil, module: "Spotting scams", validMonths: "", into: &errors)! == (.training(module: "Spotting scams"), nil))
        #expect(ChampionRequirement.validate(kind: "references", referencesCount: "9", dbsLevel: nil, module: nil, validMonths: "0", into: &errors) == nil)
        #expect(errors["references_count"] == "Enter how many references, from 1 to 5" && errors["valid_months"] != nil)
    }

    @Test func hoursMustBeMoreThanNoneAndNoMoreThanADay() {
        func hours(_ text: String, day: String = "4") -> (FormErrors, Double?) {
            var errors = FormErrors()
            let given = ChampionHours.validate(hours: text, day: DateParts(day: day, month: "12", year: "2026"), today: Self.today, into: &errors)
            return (errors, given?.hours)
        }
        #expect(hours("-1").0["hours"] == "Hours must be more than 0 and no more than 24")
        #expect(hours("24.5").0["hours"] == "Hours must be more than 0 and no more than 24")
        #expect(hours("lots").0["hours"] == "Enter the hours as a number, like 2 or 1.5")
        #expect(hours("2", day: "5").0["day"] == "The day must be today or in the past")
        #expect(hours("24").1 == 24 && hours("1.6").1 == 1.5)
        #expect(ChampionHours.words(1) == "1 hour" && ChampionHours.words(2.5) == "2.5 hours")
    }

    @Test func theReportAddsUpByChampionOrganisationAndQuarter() {
        let (a, b, c, library) = (UUID(), UUID(), UUID(), UUID())
        let entries = [
            ChampionHours.Entry(championID: a, organisationID: library, day: CalendarDay(iso: "2026-04-01")!, hours: 2),
            ChampionHours.Entry(championID: a, organisationID: library, day: CalendarDay(iso: "2026-06-30")!, hours: 1.5),
            ChampionHours.Entry(championID: b, organisationID: nil, day: CalendarDay(iso: "2026-07-01")!, hours: 3),
            ChampionHours.Entry(championID: c, organisationID: library, day: CalendarDay(iso: "2027-03-31")!, hours: 1),
        ]
        let all = ChampionHoursReport(entries, period: nil)
        #expect(all.total == .init(hours: 7.5, champions: 3))
        #expect(all.byQuarter.map(\.quarter.label) == ["January to March 2027", "July to September 2026", "April to June 2026"])
        #expect(all.byQuarter.map(\.line.champions) == [1, 1, 1] && all.byQuarter.last?.line.hours == 3.5)
        #expect(all.byOrganisation[library] == .init(hours: 4.5, champions: 2) && all.byOrganisation[nil] == .init(hours: 3, champions: 1))
        let first = ChampionHoursReport(entries, period: FinancialQuarter(key: "2026-q1"))
        #expect(first.byChampion == [a: 3.5] && first.total.champions == 1)
        #expect(FinancialQuarter(containing: CalendarDay(iso: "2027-02-01")!) == FinancialQuarter(key: "2026-q4"))
        #expect(FinancialQuarter(key: "2026-q5") == nil && FinancialQuarter(key: "x") == nil)
    }

    @Test func theRegisterCreditsTheMeetingItIsTakenFor() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = SessionReminder.london
        let first = calendar.date(from: DateComponents(year: 2026, month: 11, day: 10, hour: 10))!
        let ends = first.addingTimeInterval(90 * 60)
        // A weekly course of 4: on 4 December the latest meeting was on 1 December.
        let given = ChampionHours.givenAtMeeting(startsAt: first, endsAt: ends, meetings: 4, today: Self.today)
        #expect(given?.day == CalendarDay(iso: "2026-12-01") && given?.hours == 1.5)
        #expect(ChampionHours.givenAtMeeting(startsAt: first, endsAt: ends, meetings: 4, today: CalendarDay(iso: "2026-11-10")!)?.day == CalendarDay(iso: "2026-11-10"))
        #expect(ChampionHours.givenAtMeeting(startsAt: first, endsAt: ends, meetings: 4, today: CalendarDay(iso: "2026-11-09")!) == nil)
        // Lengths go to the quarter hour: 50 minutes is 0.75 hours.
        #expect(ChampionHours.givenAtMeeting(startsAt: first, endsAt: first.addingTimeInterval(50 * 60), meetings: 1, today: Self.today)?.hours == 0.75)
    }
}
