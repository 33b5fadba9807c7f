/// Whether the people helped look like the borough: each group's share of those helped against
/// its share of the population (Census 2021). A ratio of 1 is in proportion; under 1, fewer were
/// helped than the group's size suggests. Counts of those helped are protected as every published
/// figure is (`SmallNumbers`), and a hidden count hides its share and ratio.
public enum Representation {
    public struct Line: Sendable, Equatable {
        public let helped: SmallNumbers.Cell
        /// Share of everyone helped whose group is known, 0 to 1.
        public let helpedShare: Double?
        public let population: Double
        public let populationShare: Double?
        public let ratio: Double?
    }

    /// `helped` and `population` by group, in the same order. People whose group is not known
    /// are left out of both shares (the page says how many).
    public static func lines(helped: [Int], population: [Double]) -> (lines: [Line], total: SmallNumbers.Cell) {
        let table = SmallNumbers.protect([helped])
        let helpedTotal = helped.reduce(0, +), populationTotal = population.reduce(0, +)
        let lines = zip(helped, population).enumerated().map { index, pair -> Line in
            let (count, people) = pair
            let cell = table.cells[0][index]
            let helpedShare = cell.isHidden || helpedTotal == 0 ? nil : Double(count) / Double(helpedTotal)
            let populationShare = populationTotal > 0 ? people / populationTotal : nil
            let ratio: Double? = if let helpedShare, let populationShare, populationShare > 0 { helpedShare / populationShare } else { nil }
            return Line(helped: cell, helpedShare: helpedShare, population: people, populationShare: populationShare, ratio: ratio)
        }
        return (lines, table.total)
    }
}

/// The borough's people in the triage's age bands, from Census 2021's five-year bands (TS007A).
/// The census band 15 to 19 straddles 18, so three-fifths of it count as under 18 and two-fifths
/// as 18 to 24 (a year of age each, assuming ages spread evenly within the band).
public enum CensusAgeBands {
    /// The shares Onramp imports from TS007A for this, beside the index's own.
    public static let columns: [(key: String, label: String, columns: [String])] = [
        ("aged_under_15_pct", "aged under 15", ["4 years and under", "5 to 9 years", "10 to 14 years"]),
        ("aged_15_to_19_pct", "aged 15 to 19", ["15 to 19 years"]),
        ("aged_20_to_24_pct", "aged 20 to 24", ["20 to 24 years"]),
        ("aged_25_to_49_pct", "aged 25 to 49", ["25 to 29 years", "30 to 34 years", "35 to 39 years", "40 to 44 years", "45 to 49 years"]),
        ("aged_50_to_64_pct", "aged 50 to 64", ["50 to 54 years", "55 to 59 years", "60 to 64 years"]),
        ("aged_65_to_74_pct", "aged 65 to 74", ["65 to 69 years", "70 to 74 years"]),
    ]

    /// People in each triage age band ("under-18", "18-24" … "75-plus") in one area, from its
    /// imported shares (percentages) and its population; empty when the area has none.
    public static func people(shares: [String: Double], population: Double) -> [String: Double] {
        func count(_ key: String) -> Double? { shares[key].map { $0 * population / 100 } }
        guard let under15 = count("aged_under_15_pct"), let teens = count("aged_15_to_19_pct"), let twenties = count("aged_20_to_24_pct"),
              let adults = count("aged_25_to_49_pct"), let older = count("aged_50_to_64_pct"), let retired = count("aged_65_to_74_pct"),
              let oldest = count("aged_75_plus_pct")
        else { return [:] }
        return ["under-18": under15 + teens * 3 / 5, "18-24": teens * 2 / 5 + twenties, "25-49": adults, "50-64": older, "65-74": retired, "75-plus": oldest]
    }
}
