import Foundation
@testable import OnrampCore
import Testing

@Suite struct InsightFiguresTests {
    @Test func representationComparesSharesAndHidesSmallGroups() {
        // 30 of 60 helped are in a group that is a quarter of the borough: ratio 2.
        let (lines, total) = Representation.lines(helped: [30, 27, 3], population: [250, 500, 250])
        #expect(total == .count(60))
        #expect(lines[0].helped == .count(30) && lines[0].helpedShare == 0.5 && lines[0].populationShare == 0.25 && lines[0].ratio == 2)
        // 3 is hidden, and so is the next smallest, 27, so that 60 - 30 cannot give it away.
        #expect(lines[2].helped == .fewerThan5 && lines[2].ratio == nil)
        #expect(lines[1].helped == .withheld && lines[1].helpedShare == nil)
    }

    @Test func censusAgeBandsSplitFifteenToNineteen() {
        // 1,000 people: 150 under 15, 50 aged 15 to 19, 60 aged 20 to 24, 400, 200, 80, 60.
        let shares = ["aged_under_15_pct": 15.0, "aged_15_to_19_pct": 5, "aged_20_to_24_pct": 6, "aged_25_to_49_pct": 40, "aged_50_to_64_pct": 20,
                      "aged_65_to_74_pct": 8, "aged_75_plus_pct": 6]
        let people = CensusAgeBands.people(shares: shares, population: 1_000)
        #expect(abs(people["under-18"]! - 180) < 1e-9)
        #expect(abs(people["18-24"]! - 80) < 1e-9)
        #expect(abs(people.values.reduce(0, +) - 1_000) < 1e-9)
        #expect(CensusAgeBands.people(shares: [:], population: 1_000).isEmpty)
    }

    @Test func aBarChartLabelsEveryColumnWithItsFigure() {
        let svg = BarChart.svg(title: "Residents", bars: [.init(label: "Q1 2026/27", value: 10), .init(label: "Q2 2026/27", value: 5), .init(label: "Q3 2026/27", value: nil, words: "fewer than 5")]).rendered
        #expect(svg.components(separatedBy: "<rect ").count - 1 == 2, "no column for the hidden figure")
        #expect(svg.contains("aria-label=\"Q3 2026/27: fewer than 5\""))
        // The tallest column fills the plot (180 - 24 - 40 = 116); half the figure, half the height.
        #expect(svg.contains("height=\"116\"") && svg.contains("height=\"58\""))
    }

    @Test func quartersCountBackAcrossTheYear() {
        let quarters = FinancialQuarter.recent(3, to: CalendarDay(year: 2026, month: 5, day: 1)!)
        #expect(quarters.map(\.key) == ["2026-q1", "2025-q4", "2025-q3"])
        #expect(quarters[1].shortLabel == "Q4 2025/26")
    }
}
