/// The Digital Exclusion Risk Index, after Greater Manchester's DERI (v1.4–1.6).
///
/// Each indicator is scaled to 0–10 by min–max over a base (the local authority, London or
/// England), reversed where a higher value means less risk. A component's score is the mean of
/// its indicators' scores weighted by their integer weights (0–10); the index is the mean of the
/// components weighted the same way. A missing value is never 0: it is left out of that area's
/// means and named, and an area with nothing at all in a component gets a partial index.
public enum RiskIndex {
    public enum Component: String, CaseIterable, Sendable, Codable {
        case demography, connectivity, deprivation

        public var label: String {
            switch self {
            case .demography: "Demography"
            case .connectivity: "Connectivity"
            case .deprivation: "Deprivation"
            }
        }
    }

    public struct Indicator: Sendable, Equatable, Hashable, Codable {
        public let key: String
        public let label: String
        public let component: Component
        /// True where more of it means less risk, such as broadband coverage: its score is reversed.
        public let reversed: Bool

        public init(key: String, label: String, component: Component, reversed: Bool = false) {
            self.key = key
            self.label = label
            self.component = component
            self.reversed = reversed
        }
    }

    /// DERI's indicators. Councils may add others to a component.
    public static let standardIndicators: [Indicator] = [
        Indicator(key: "aged_65_plus_pct", label: "People aged 65 and over (%)", component: .demography),
        Indicator(key: "aged_75_plus_pct", label: "People aged 75 and over (%)", component: .demography),
        Indicator(key: "disabled_pct", label: "Disabled under the Equality Act (%)", component: .demography),
        Indicator(key: "superfast_pct", label: "Premises that can get superfast broadband (%)", component: .connectivity, reversed: true),
        Indicator(key: "gigabit_pct", label: "Premises that can get gigabit broadband (%)", component: .connectivity, reversed: true),
        Indicator(key: "no_qualifications_pct", label: "Adults with no qualifications (%)", component: .deprivation),
        Indicator(key: "income_score", label: "Income deprivation (IoD2019 income score)", component: .deprivation),
        Indicator(key: "imd_score", label: "Index of Multiple Deprivation 2019 score", component: .deprivation),
    ]

    /// Further indicators Onramp can import, which a council may add to the index (weight 0 by default).
    public static let optionalIndicators: [Indicator] = [
        Indicator(key: "bad_health_pct", label: "People in bad or very bad health (%)", component: .demography),
    ]

    public static func indicator(_ key: String) -> Indicator? {
        (standardIndicators + optionalIndicators).first { $0.key == key }
    }

    /// What a council chooses: the indicators that count and their weights, and the components' weights.
    public struct Settings: Sendable, Equatable {
        public var indicators: [Indicator]
        public var indicatorWeights: [String: Int]
        public var componentWeights: [Component: Int]

        public init(indicators: [Indicator] = RiskIndex.standardIndicators, indicatorWeights: [String: Int] = [:], componentWeights: [Component: Int] = [:]) {
            self.indicators = indicators
            self.indicatorWeights = indicatorWeights
            self.componentWeights = componentWeights
        }

        /// Unset weights are 1: every indicator and component counts equally by default.
        public func weight(of indicator: Indicator) -> Int { indicatorWeights[indicator.key] ?? 1 }
        public func weight(of component: Component) -> Int { componentWeights[component] ?? 1 }

        /// Problems that make the settings unusable, in words a council officer can act on.
        public var problems: [String] {
            var problems: [String] = []
            for (key, weight) in indicatorWeights where !(0...10).contains(weight) {
                problems.append("The weight of \(key) must be a whole number from 0 to 10")
            }
            for (component, weight) in componentWeights where !(0...10).contains(weight) {
                problems.append("The weight of \(component.label.lowercased()) must be a whole number from 0 to 10")
            }
            let counted = Component.allCases.filter { component in
                weight(of: component) > 0 && indicators.contains { $0.component == component && weight(of: $0) > 0 }
            }
            if problems.isEmpty && counted.isEmpty {
                problems.append("At least one component, and one indicator in it, must have a weight above 0")
            }
            return problems
        }
    }

    public struct Problem: Error, Equatable, CustomStringConvertible {
        public let messages: [String]
        public var description: String { messages.joined(separator: "; ") }
    }

    /// One area's indicator values; a key that is absent is a value that is missing.
    public struct Area: Sendable, Equatable {
        public let code: String
        public let values: [String: Double]

        public init(code: String, values: [String: Double]) {
            self.code = code
            self.values = values
        }
    }

    public struct Score: Sendable, Equatable {
        public let code: String
        /// 0–10 per indicator that has a value.
        public let indicatorScores: [String: Double]
        /// 0–10 per component with at least one value.
        public let componentScores: [Component: Double]
        /// nil only when the area has no value in any counted indicator.
        public let index: Double?
        /// Counted indicators with no value for this area.
        public let missing: [String]
        /// Counted components with no value at all, which the index leaves out.
        public let missingComponents: [Component]

        public var isPartial: Bool { !missingComponents.isEmpty }
    }

    /// The smallest and largest value of each indicator across the base.
    public struct Range: Sendable, Equatable {
        public let low: Double
        public let high: Double

        /// One value's score, as the method defines it. The index is worked out in columns, a
        /// column at a time (`RiskIndex+Columns`); `RiskIndexColumnsTests` checks the columns
        /// against this, to the last bit.
        func score(_ value: Double, reversed: Bool) -> Double {
            guard high > low else { return Self.noSpreadScore }
            let scaled = Self.scaled(value, low: low, spread: high - low)
            return reversed ? 10 - scaled : scaled
        }

        /// With no spread, an indicator tells areas apart in no way, so it adds no risk.
        static let noSpreadScore = 0.0

        /// A value from 0 at `low` to 10 at `low + spread`, held within 0 to 10.
        @inline(__always)
        static func scaled(_ value: Double, low: Double, spread: Double) -> Double {
            min(10, max(0, 10 * (value - low) / spread))
        }
    }

    public static func ranges(of base: [Area], for indicators: [Indicator]) -> [String: Range] {
        ranges(of: Table(base, keys: indicators.map(\.key)), for: indicators)
    }

    /// The indicators that count under `settings`: a weight above 0, in a component above 0.
    public static func counted(_ settings: Settings) -> [Indicator] {
        settings.indicators.filter { settings.weight(of: $0) > 0 && settings.weight(of: $0.component) > 0 }
    }

    /// Scores `areas` against the ranges found in `base` (which usually contains them).
    public static func compute(areas: [Area], base: [Area], settings: Settings) throws -> [Score] {
        try compute(areas: areas, ranges: ranges(of: base, for: counted(settings)), settings: settings)
    }

    /// Scores `areas` against ranges found once for a base, so that many areas scored against
    /// the same base (every authority in England, say) do not each scan it again.
    public static func compute(areas: [Area], ranges: [String: Range], settings: Settings) throws -> [Score] {
        let table = Table(areas, keys: counted(settings).map(\.key))
        return try compute(table, ranges: ranges, settings: settings).scores
    }

    /// The indicators that drive an area's score: at most `limit`, each scoring at least
    /// `threshold` (the middle of the scale), highest first, ties by key so the order is stable.
    public static func drivers(_ indicatorScores: [String: Double], limit: Int = 3, threshold: Double = 5) -> [String] {
        indicatorScores.filter { $0.value >= threshold }
            .sorted { ($0.value, $1.key) > ($1.value, $0.key) }
            .prefix(limit).map(\.key)
    }
}
