import Testing
@testable import OnrampCore

/// The index worked out in columns gives exactly what scoring each area alone by the method
/// gives: every score equal to the last bit, not merely close.
@Suite struct RiskIndexColumnsTests {
    /// The method, area by area and with dictionaries, as OnrampCore computed it until it worked
    /// in columns: the figures the columns must reproduce.
    static func scoredOneByOne(_ areas: [RiskIndex.Area], ranges: [String: RiskIndex.Range], settings: RiskIndex.Settings) -> [RiskIndex.Score] {
        let counted = RiskIndex.counted(settings)
        let components = RiskIndex.Component.allCases.filter { component in counted.contains { $0.component == component } }
        return areas.map { area in
            var scores: [String: Double] = [:], missing: [String] = []
            var sums = [Double](repeating: 0, count: components.count), weights = sums
            for indicator in counted {
                guard let value = area.values[indicator.key], let range = ranges[indicator.key] else { missing.append(indicator.key); continue }
                let score = range.score(value, reversed: indicator.reversed)
                let slot = components.firstIndex(of: indicator.component)!
                scores[indicator.key] = score
                sums[slot] += score * Double(settings.weight(of: indicator))
                weights[slot] += Double(settings.weight(of: indicator))
            }
            var componentScores: [RiskIndex.Component: Double] = [:], missingComponents: [RiskIndex.Component] = []
            var indexSum = 0.0, indexWeight = 0.0
            for (slot, component) in components.enumerated() {
                guard weights[slot] > 0 else { missingComponents.append(component); continue }
                componentScores[component] = sums[slot] / weights[slot]
                indexSum += sums[slot] / weights[slot] * Double(settings.weight(of: component))
                indexWeight += Double(settings.weight(of: component))
            }
            return RiskIndex.Score(
                code: area.code, indicatorScores: scores, componentScores: componentScores,
                index: indexWeight > 0 ? indexSum / indexWeight : nil, missing: missing, missingComponents: missingComponents
            )
        }
    }

    /// 20,000 areas of awkward values: a tenth of each indicator missing, some areas with nothing
    /// in a component, repeated values and one indicator with no spread, from a fixed seed.
    static func areas() -> [RiskIndex.Area] {
        var generator = SplitMix64(seed: 17)
        let keys = (RiskIndex.standardIndicators + RiskIndex.optionalIndicators).map(\.key)
        return (0..<20_000).map { row in
            var values: [String: Double] = [:]
            for key in keys where Int.random(in: 0..<10, using: &generator) > 0 {
                values[key] = key == "bad_health_pct" ? 7 : (Double.random(in: -5...120, using: &generator) * 8).rounded() / 8
            }
            if row % 97 == 0 { values["superfast_pct"] = nil; values["gigabit_pct"] = nil }
            return RiskIndex.Area(code: "A\(row)", values: values)
        }
    }

    @Test(arguments: [
        RiskIndex.Settings(),
        RiskIndex.Settings(
            indicators: RiskIndex.standardIndicators + RiskIndex.optionalIndicators,
            indicatorWeights: ["aged_65_plus_pct": 3, "gigabit_pct": 0, "imd_score": 7, "bad_health_pct": 2],
            componentWeights: [.connectivity: 2, .deprivation: 5]
        ),
        RiskIndex.Settings(componentWeights: [.demography: 0]),
    ])
    func everyScoreIsTheSameToTheLastBit(settings: RiskIndex.Settings) throws {
        let areas = Self.areas()
        let base = Array(areas.prefix(15_000))   // some areas outside the base, so clamped
        let ranges = RiskIndex.ranges(of: base, for: RiskIndex.counted(settings))
        // Equal as numbers is not enough: -0 equals 0. Every figure's bits, in a fixed order.
        let bits = { (score: RiskIndex.Score) in
            [score.index?.bitPattern] + RiskIndex.Component.allCases.map { score.componentScores[$0]?.bitPattern }
                + score.indicatorScores.sorted { $0.key < $1.key }.map { $0.value.bitPattern }
        }
        // Areas are worked out 512 at a time: 20,000 end in part of a block, 3 are less than one.
        for scored in [areas, Array(areas.prefix(3)), []] {
            let expected = Self.scoredOneByOne(scored, ranges: ranges, settings: settings)
            let scores = try RiskIndex.compute(areas: scored, ranges: ranges, settings: settings)
            #expect(scores.count == scored.count)
            let differing = zip(scores, expected).filter { $0 != $1 }
            #expect(differing.isEmpty, "\(differing.count) of \(scored.count) areas differ, first \(String(describing: differing.first))")
            #expect(zip(scores, expected).allSatisfy { bits($0) == bits($1) })
        }
        let partial = Self.scoredOneByOne(areas, ranges: ranges, settings: settings).filter(\.isPartial).count
        #expect(partial > 0)
    }

    @Test func theRangesAreTheSmallestAndLargestPresentValues() {
        let areas = Self.areas()
        let ranges = RiskIndex.ranges(of: areas, for: RiskIndex.standardIndicators + RiskIndex.optionalIndicators)
        for indicator in RiskIndex.standardIndicators + RiskIndex.optionalIndicators {
            let values = areas.compactMap { $0.values[indicator.key] }
            #expect(ranges[indicator.key] == RiskIndex.Range(low: values.min()!, high: values.max()!))
        }
        #expect(RiskIndex.ranges(of: [RiskIndex.Area(code: "A", values: [:])], for: RiskIndex.standardIndicators).isEmpty)
    }
}
