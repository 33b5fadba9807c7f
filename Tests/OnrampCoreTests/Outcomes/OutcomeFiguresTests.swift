import Foundation
import Testing
@testable import OnrampCore

/// The rules every outcome figure goes through: Wilson intervals against published values,
/// medians, and small numbers hidden so that no total gives one away.
@Suite struct OutcomeFiguresTests {
    /// Newcombe (1998), "Two-sided confidence intervals for the single proportion", Table I,
    /// method 3 (the Wilson score interval), to 4 places.
    @Test(arguments: [(81, 263, 0.2553, 0.3662), (15, 148, 0.0624, 0.1605), (0, 20, 0.0, 0.1611), (1, 29, 0.0061, 0.1718), (29, 29, 0.8830, 1.0)])
    func wilsonIntervalsMatchNewcombe(successes: Int, total: Int, low: Double, high: Double) throws {
        let interval = try #require(Proportion(successes, of: total)).interval
        #expect(abs(interval.lowerBound - low) < 0.00005 && abs(interval.upperBound - high) < 0.00005, "\(successes)/\(total): \(interval)")
    }

    @Test func proportionsRefuseNonsenseAndReadPlainly() {
        #expect(Proportion(1, of: 0) == nil && Proportion(3, of: 2) == nil && Proportion(-1, of: 2) == nil)
        #expect(Proportion(81, of: 263)?.words == "31% (26% to 37%)")
    }

    @Test func mediansTakeTheMiddleOrHalfwayBetweenTheTwo() {
        #expect(Median.of([Int]()) == nil)
        #expect(Median.of([7, 1, 3]) == 3)
        #expect(Median.of([4, 1, 3, 10]) == 3.5)
    }

    @Test func aSingleCountFrom1To4IsFewerThan5() {
        #expect(SmallNumbers.protect(0) == .count(0) && SmallNumbers.protect(5) == .count(5))
        #expect((1...4).allSatisfy { SmallNumbers.protect($0) == .fewerThan5 })
        #expect(SmallNumbers.protect(3).words == "fewer than 5" && SmallNumbers.Cell.withheld.words == "not shown")
    }

    @Test func aHiddenCellTakesAnotherWithItSoTotalsDoNotGiveItAway() {
        // 2 is hidden; 10 beside it, then 8 below it, then 9 go too. The totals can be shown.
        let table = SmallNumbers.protect([[2, 10], [8, 9]])
        #expect(table.cells == [[.fewerThan5, .withheld], [.withheld, .withheld]])
        #expect(table.rowTotals == [.count(12), .count(17)] && table.columnTotals == [.count(10), .count(19)] && table.total == .count(29))
        // A 0 is hidden only when nothing larger is left; a total last of all.
        let zeros = SmallNumbers.protect([[3, 0, 40]])
        #expect(zeros.cells[0] == [.fewerThan5, .count(0), .withheld] && zeros.rowTotals == [.count(43)])
    }

    /// Random tables: every 1 to 4 is hidden, everything shown is true, and no row or column
    /// (with its total) has exactly one hidden cell.
    @Test func noLineEverHasExactlyOneHiddenCell() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let rows = Int.random(in: 1...5, using: &generator), columns = Int.random(in: 1...5, using: &generator)
            let counts = (0..<rows).map { _ in (0..<columns).map { _ in [0, 1, 2, 3, 4, 5, 9, 30].randomElement(using: &generator)! } }
            let table = SmallNumbers.protect(counts)
            let grid = table.cells.enumerated().map { $1 + [table.rowTotals[$0]] } + [table.columnTotals + [table.total]]
            let truth = counts.map { $0 + [$0.reduce(0, +)] } + [(0..<columns).map { c in counts.map { $0[c] }.reduce(0, +) } + [counts.flatMap { $0 }.reduce(0, +)]]
            for (row, line) in grid.enumerated() {
                #expect(line.filter(\.isHidden).count != 1, "\(counts) row \(row)")
                for (column, cell) in line.enumerated() {
                    if (1...4).contains(truth[row][column]) { #expect(cell == .fewerThan5) }
                    if case .count(let shown) = cell { #expect(shown == truth[row][column]) }
                }
            }
            for column in 0...columns { #expect(grid.map { $0[column] }.filter(\.isHidden).count != 1, "\(counts) column \(column)") }
        }
    }

    @Test func aFollowUpLinkWorksFor30DaysFromWhenItWasSent() {
        let sent = CalendarDay(iso: "2026-12-01")!
        #expect(FollowUpSchedule.linkWorks(askedOn: sent, today: sent) && FollowUpSchedule.linkWorks(askedOn: sent, today: sent.adding(days: 30)))
        #expect(!FollowUpSchedule.linkWorks(askedOn: sent, today: sent.adding(days: 31)) && !FollowUpSchedule.linkWorks(askedOn: nil, today: sent))
    }
}
