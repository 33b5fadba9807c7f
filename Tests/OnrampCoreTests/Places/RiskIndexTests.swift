import Testing
@testable import OnrampCore

/// Figures worked out by hand from the method: see the comments beside each expectation.
@Suite struct RiskIndexTests {
    typealias I = RiskIndex.Indicator
    static let d1 = I(key: "d1", label: "d1", component: .demography)
    static let d2 = I(key: "d2", label: "d2", component: .demography)
    static let c1 = I(key: "c1", label: "c1", component: .connectivity, reversed: true)
    static let p1 = I(key: "p1", label: "p1", component: .deprivation)
    static let indicators = [d1, d2, c1, p1]

    // Ranges: d1 10–30, d2 0–10, c1 50–100 (reversed), p1 5–25.
    static let areas = [
        RiskIndex.Area(code: "A", values: ["d1": 10, "d2": 0, "c1": 100, "p1": 5]),
        RiskIndex.Area(code: "B", values: ["d1": 25, "d2": 5, "c1": 50, "p1": 15]),
        RiskIndex.Area(code: "C", values: ["d1": 30, "d2": 10, "p1": 25]),
    ]

    func compute(_ settings: RiskIndex.Settings) throws -> [String: RiskIndex.Score] {
        let scores = try RiskIndex.compute(areas: Self.areas, base: Self.areas, settings: settings)
        return Dictionary(uniqueKeysWithValues: scores.map { ($0.code, $0) })
    }

    @Test func indicatorsScaleToTenAndReverse() throws {
        let scores = try compute(.init(indicators: Self.indicators))
        let b = try #require(scores["B"])
        #expect(b.indicatorScores["d1"] == 7.5)   // 10 × (25 − 10) / (30 − 10)
        #expect(b.indicatorScores["d2"] == 5)     // 10 × (5 − 0) / (10 − 0)
        #expect(b.indicatorScores["c1"] == 10)    // 10 − 10 × (50 − 50) / (100 − 50): least coverage, most risk
        #expect(b.indicatorScores["p1"] == 5)     // 10 × (15 − 5) / (25 − 5)
        #expect(scores["A"]?.indicatorScores["c1"] == 0)
    }

    @Test func componentsAndIndexAreWeightedMeans() throws {
        let scores = try compute(.init(indicators: Self.indicators, indicatorWeights: ["d1": 3]))
        let b = try #require(scores["B"])
        #expect(b.componentScores[.demography] == 6.875)   // (7.5 × 3 + 5 × 1) / 4
        #expect(b.componentScores[.connectivity] == 10)
        #expect(b.componentScores[.deprivation] == 5)
        #expect(abs(b.index! - 21.875 / 3) < 1e-12)         // (6.875 + 10 + 5) / 3
        #expect(scores["A"]?.index == 0)
        #expect(!b.isPartial && b.missing.isEmpty)

        let weighted = try compute(.init(indicators: Self.indicators, indicatorWeights: ["d1": 3], componentWeights: [.deprivation: 2]))
        #expect(weighted["B"]?.index == 6.71875)           // (6.875 + 10 + 5 × 2) / 4
    }

    @Test func aMissingValueIsLeftOutNotCountedAsZero() throws {
        let c = try #require(try compute(.init(indicators: Self.indicators))["C"])
        #expect(c.missing == ["c1"])
        #expect(c.missingComponents == [.connectivity])
        #expect(c.isPartial)
        #expect(c.componentScores[.connectivity] == nil)
        #expect(c.index == 10)                              // (10 + 10) / 2, from the two components it has
    }

    @Test func aZeroWeightTakesAnIndicatorOut() throws {
        let scores = try compute(.init(indicators: Self.indicators, indicatorWeights: ["c1": 0]))
        let c = try #require(scores["C"])
        #expect(c.missing.isEmpty && !c.isPartial)
        #expect(scores["B"]?.index == 5.625)                // (6.25 + 5) / 2: demography (7.5 + 5) / 2 and deprivation; connectivity drops out
    }

    @Test func theBaseSetsTheRangeAndValuesOutsideItAreClamped() throws {
        let base = Self.areas + [RiskIndex.Area(code: "Z", values: ["d1": 50])]
        let outside = RiskIndex.Area(code: "Y", values: ["d1": 60])
        let scores = try RiskIndex.compute(areas: Self.areas + [outside], base: base, settings: .init(indicators: [Self.d1]))
        #expect(scores[1].indicatorScores["d1"] == 3.75)   // 10 × (25 − 10) / (50 − 10)
        #expect(scores[3].indicatorScores["d1"] == 10)
    }

    @Test func anIndicatorWithNoSpreadAddsNoRisk() throws {
        let flat = [RiskIndex.Area(code: "A", values: ["d1": 4]), RiskIndex.Area(code: "B", values: ["d1": 4])]
        let scores = try RiskIndex.compute(areas: flat, base: flat, settings: .init(indicators: [Self.d1]))
        #expect(scores.map(\.index) == [0, 0])
    }

    @Test func badWeightsAreRefusedWithReasons() {
        #expect(throws: RiskIndex.Problem.self) {
            try RiskIndex.compute(areas: Self.areas, base: Self.areas, settings: .init(indicators: Self.indicators, indicatorWeights: ["d1": 11]))
        }
        let allZero = RiskIndex.Settings(indicators: Self.indicators, componentWeights: [.demography: 0, .connectivity: 0, .deprivation: 0])
        #expect(allZero.problems == ["At least one component, and one indicator in it, must have a weight above 0"])
        let negative = RiskIndex.Settings(indicators: Self.indicators, componentWeights: [.demography: -1])
        #expect(negative.problems == ["The weight of demography must be a whole number from 0 to 10"])
    }

    @Test func driversAreTheHighestScoresFromTheMiddleUp() {
        let scores = ["a": 9, "b": 4.9, "c": 7, "d": 7, "e": 8.5]
        #expect(RiskIndex.drivers(scores) == ["a", "e", "c"])
        #expect(RiskIndex.drivers(["b": 4.9]).isEmpty)
    }

    @Test func theStandardSetFollowsDERI() {
        let byComponent = Dictionary(grouping: RiskIndex.standardIndicators, by: \.component).mapValues { $0.map(\.key) }
        #expect(byComponent[.demography] == ["aged_65_plus_pct", "aged_75_plus_pct", "disabled_pct"])
        #expect(byComponent[.connectivity] == ["superfast_pct", "gigabit_pct"])
        #expect(byComponent[.deprivation] == ["no_qualifications_pct", "income_score", "imd_score"])
        #expect(RiskIndex.standardIndicators.filter(\.reversed).map(\.key) == ["superfast_pct", "gigabit_pct"])
    }
}

@Suite struct QuantilesTests {
    @Test func fiveEvenClasses() {
        let breaks = Quantiles.breaks((1...10).map(Double.init))
        #expect(breaks == [2, 4, 6, 8])
        #expect(Quantiles.classIndex(of: 2, breaks: breaks) == 0)
        #expect(Quantiles.classIndex(of: 3, breaks: breaks) == 1)
        #expect(Quantiles.classIndex(of: 10, breaks: breaks) == 4)
    }

    @Test func bandsAreNamedFromTheTop() {
        let breaks = Quantiles.breaks((1...10).map(Double.init))
        #expect(Quantiles.bandName(of: 10, breaks: breaks) == "highest band")
        #expect(Quantiles.bandName(of: 1, breaks: breaks) == "lowest band")
        #expect(Quantiles.bandName(of: 2, breaks: [1]) == "highest band")
        #expect(Quantiles.bandName(of: 1, breaks: [1]) == "high band")
    }

    @Test func tiesMakeFewerClasses() {
        #expect(Quantiles.breaks([1, 1, 1, 1, 1, 1, 2]) == [1])
        #expect(Quantiles.breaks([3, 3, 3]) == [])
        #expect(Quantiles.breaks([]) == [])
    }
}
