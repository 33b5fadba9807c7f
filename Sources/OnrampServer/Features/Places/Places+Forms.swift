import OnrampCore
import Vapor

/// The form that starts a computation: where, against what, with which weights.
struct IndexRunForm: Decodable {
    var lad: String?
    var geography: String?
    var base: String?
    /// "weight-<indicator key>" and "component-<component>" fields, as typed.
    var weights: [String: String] = [:]

    init(lad: String? = nil, geography: String? = LSOAGeography.lsoa21.rawValue, base: String? = nil, weights: [String: String] = [:]) {
        self.lad = lad
        self.geography = geography
        self.base = base
        self.weights = weights
    }

    /// Reads the flat form body, where each weight is its own field.
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: AnyKey.self)
        lad = try container.decodeIfPresent(String.self, forKey: AnyKey("lad"))
        geography = try container.decodeIfPresent(String.self, forKey: AnyKey("geography"))
        base = try container.decodeIfPresent(String.self, forKey: AnyKey("base"))
        for key in container.allKeys where key.stringValue.hasPrefix("weight-") || key.stringValue.hasPrefix("component-") {
            weights[key.stringValue] = try container.decodeIfPresent(String.self, forKey: key)
        }
    }

    struct AnyKey: CodingKey {
        let stringValue: String
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }

    /// The value to show in a weight box: what was typed, else the default.
    func weightText(_ field: String, default value: Int) -> String { weights[field] ?? String(value) }

    static func defaultWeight(_ indicator: RiskIndex.Indicator) -> Int {
        RiskIndex.standardIndicators.contains(indicator) ? 1 : 0
    }

    /// `catalogue`: Onramp's indicators and the council's own, each given a weight.
    func validated(knownAuthorities: Set<String>, catalogue: [RiskIndex.Indicator]) -> (Valid?, FormErrors) {
        var errors = FormErrors()
        if lad.map(knownAuthorities.contains) != true { errors.add("lad", "Select a local authority") }
        let geography = errors.choice("geography", geography ?? LSOAGeography.lsoa21.rawValue, as: LSOAGeography.self, message: "Select which small areas to use")
        let base = errors.choice("base", base, as: IndexBase.self, message: "Select what to compare areas against")
        var indicatorWeights: [String: Int] = [:]
        for indicator in catalogue {
            let field = "weight-\(indicator.key)"
            if let weight = Self.weight(weights[field] ?? String(Self.defaultWeight(indicator))) {
                indicatorWeights[indicator.key] = weight
            } else {
                errors.add(field, "The weight of \(indicator.label.lowercased()) must be a whole number from 0 to 10")
            }
        }
        var componentWeights: [String: Int] = [:]
        for component in RiskIndex.Component.allCases {
            let field = "component-\(component.rawValue)"
            if let weight = Self.weight(weights[field] ?? "1") {
                componentWeights[component.rawValue] = weight
            } else {
                errors.add(field, "The weight of \(component.label.lowercased()) must be a whole number from 0 to 10")
            }
        }
        let custom = catalogue.filter { RiskIndex.indicator($0.key) == nil }
        let settings = RunSettings(
            indicators: catalogue.map(\.key), indicatorWeights: indicatorWeights, componentWeights: componentWeights, custom: custom.isEmpty ? nil : custom
        )
        if errors.isEmpty, let problem = settings.core.problems.first { errors.add("component-demography", problem) }
        guard errors.isEmpty, let lad, let geography, let base else { return (nil, errors) }
        return (Valid(lad: lad, geography: geography, base: base, settings: settings), errors)
    }

    struct Valid {
        let lad: String
        let geography: LSOAGeography
        let base: IndexBase
        let settings: RunSettings
    }

    static func weight(_ text: String) -> Int? {
        Int(text.trimmingCharacters(in: .whitespaces)).flatMap { (0...10).contains($0) ? $0 : nil }
    }
}
