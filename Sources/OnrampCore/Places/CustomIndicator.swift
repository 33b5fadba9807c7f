import Foundation

/// An indicator a council adds to the index from its own file (a local survey, service data),
/// beside DERI's. It is checked here so that a bad key or label is refused before any row is read.
public enum CustomIndicator {
    /// The indicator, or the reasons it cannot be one, in words an administrator can act on.
    public static func make(key: String, label: String, component: String, reversed: Bool) throws -> RiskIndex.Indicator {
        var problems: [String] = []
        if !isValidKey(key) {
            problems.append("The key \u{201C}\(key)\u{201D} must be 2 to 40 lower-case letters, digits or underscores, starting with a letter")
        } else if RiskIndex.indicator(key) != nil || reservedKeys.contains(key) {
            problems.append("The key \u{201C}\(key)\u{201D} is one of Onramp\u{2019}s own: choose another")
        }
        let label = label.trimmingCharacters(in: .whitespaces)
        if label.isEmpty || label.count > 80 { problems.append("The label must be 1 to 80 characters") }
        let part = RiskIndex.Component(rawValue: component)
        if part == nil { problems.append("The component must be demography, connectivity or deprivation") }
        guard problems.isEmpty, let part else { throw RiskIndex.Problem(messages: problems) }
        return RiskIndex.Indicator(key: key, label: label, component: part, reversed: reversed)
    }

    /// Keys that imports use for figures which are not indicators.
    static let reservedKeys: Set<String> = ["population", "population_2015", "population_2021", "imd_rank", "imd_decile"]

    static func isValidKey(_ key: String) -> Bool {
        guard (2...40).contains(key.count), let first = key.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return key.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }
}

/// A council's own indicator file: an LSOA code column (LSOA21CD or LSOA11CD, or lsoa21_code
/// and the like) and a column of values headed `value` or the indicator's key. An empty cell
/// is a missing figure, never 0.
public struct CustomIndicatorParser: RowParser {
    /// 2011 or 2021, from the code column's name.
    public let lsoaYear: Int
    let key: String
    let code: Int
    let value: Int

    public init(header: ColumnMap, key: String) throws {
        let codeNames = ["LSOA21CD", "LSOA11CD", "lsoa21cd", "lsoa11cd", "lsoa21_code", "lsoa11_code"]
        guard let code = codeNames.lazy.compactMap({ header.index($0) }).first,
              let value = header.index(key) ?? header.index("value")
        else {
            throw ImportRefusal("This is not an indicator file for \(key): it needs an LSOA code column (LSOA21CD or LSOA11CD) and a column headed \u{201C}value\u{201D} or \u{201C}\(key)\u{201D}")
        }
        self.key = key
        self.code = code
        self.value = value
        lsoaYear = header.header[code].contains("11") ? 2011 : 2021
    }

    public func parse(_ fields: [String]) throws -> IndicatorRow? {
        let code = try Field.code(fields, code, as: .lsoa, label: "The LSOA code")
        guard value < fields.count, !fields[value].trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        return IndicatorRow(code: code, localAuthority: nil, values: [key: try Field.number(fields, value, label: "The value")])
    }
}
