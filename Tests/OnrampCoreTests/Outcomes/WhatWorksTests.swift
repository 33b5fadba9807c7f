import Foundation
import Testing
@testable import OnrampCore

/// What works, on a small set worked out by hand: medians in working days, response rates,
/// shares online, tasks gained, and small numbers hidden so that no total gives one away.
@Suite struct WhatWorksTests {
    static let workingDays = WorkingDays()
    static let monday = CalendarDay(iso: "2026-11-02")!
    static func day(_ n: Int) -> CalendarDay { workingDays.adding(n, to: monday) }

    /// 65 to 74: six referred; five contacted after 1 to 5 working days and fulfilled after 10;
    /// all five answered (four online; 1 to 5 tasks gained). 25 to 49: three referred, contacted
    /// after 2; two fulfilled after 4; one follow-up unanswered, one answered (online, none gained).
    static let records: [OutcomeRecord] = (1...5).map { n in
        OutcomeRecord(offer: "A", segment: "65-74", referredOn: monday, contactedOn: day(n), fulfilledOn: day(10), followUp: .answered(online: n != 4, tasksGained: n))
    } + [OutcomeRecord(offer: "A", segment: "65-74", referredOn: monday, contactedOn: nil, fulfilledOn: nil, followUp: nil)]
        + [OutcomeRecord(offer: "A", segment: "25-49", referredOn: monday, contactedOn: day(2), fulfilledOn: day(4), followUp: .unanswered),
           OutcomeRecord(offer: "A", segment: "25-49", referredOn: monday, contactedOn: day(2), fulfilledOn: day(4), followUp: .answered(online: true, tasksGained: 0)),
           OutcomeRecord(offer: "A", segment: "25-49", referredOn: monday, contactedOn: day(2), fulfilledOn: nil, followUp: nil)]

    @Test func theFiguresForEachGroupAndTheTotal() throws {
        let (groups, total) = WhatWorks.lines(Self.records, groups: ["65-74", "25-49"], workingDays: Self.workingDays)
        let older = groups[0]
        #expect(older.daysToContact == 3 && older.daysToFulfil == 10)
        #expect(older.responseRate == Proportion(5, of: 5) && older.online == Proportion(4, of: 5) && older.tasksGained == 3)
        // Three people: every median and share is left out.
        let younger = groups[1]
        #expect(younger.daysToContact == nil && younger.daysToFulfil == nil && younger.responseRate == nil && younger.online == nil && younger.tasksGained == nil)
        // All nine: contact after [1,2,3,4,5,2,2,2] days, fulfilment after [10 ×5, 4, 4].
        #expect(total.daysToContact == 2 && total.daysToFulfil == 10)
        #expect(total.responseRate == Proportion(6, of: 7) && total.online == Proportion(5, of: 6) && total.tasksGained == 2.5)
    }

    @Test func smallCountsAreHiddenAndTheirNeighboursWithThem() {
        let (groups, total) = WhatWorks.lines(Self.records, groups: ["65-74", "25-49"], workingDays: Self.workingDays)
        // Fulfilled and not, by group: [[5, 1], [2, 1]]. The 1s and 2 are small; the 5 beside the
        // first 1 and the totals they would give away go with them. Nine in all is shown.
        #expect(groups[1].referrals == .fewerThan5 && groups[1].fulfilled == .fewerThan5)
        #expect(groups[0].referrals == .withheld && groups[0].fulfilled == .withheld)
        #expect(total.referrals == .count(9) && total.fulfilled == .withheld)
        #expect(groups[0].followUpsEnded == .withheld && groups[1].followUpsEnded == .fewerThan5 && total.followUpsEnded == .count(7))
    }

    @Test func oneGroupAloneIsTheTotal() {
        let (groups, total) = WhatWorks.lines(Self.records, groups: ["65-74", "25-49"].map(Optional.some) + [nil], workingDays: Self.workingDays)
        #expect(groups.count == 3 && total.referrals == .count(9))
        // Seven fulfilled would give away the two who were not.
        let (all, sum) = WhatWorks.lines(Self.records.map { OutcomeRecord(offer: $0.offer, segment: nil, referredOn: $0.referredOn, contactedOn: $0.contactedOn, fulfilledOn: $0.fulfilledOn, followUp: $0.followUp) },
                                         groups: [nil], workingDays: Self.workingDays)
        #expect(all[0] == sum && sum.referrals == .count(9) && sum.fulfilled == .withheld && sum.daysToFulfil == 10)
    }
}
