@testable import OnrampCore
import Testing

@Suite struct CustomIndicatorTests {
    @Test func aCouncilsIndicatorIsCheckedBeforeAnyRow() throws {
        let indicator = try CustomIndicator.make(key: "no_home_internet_pct", label: " Households without home internet (%) ", component: "connectivity", reversed: false)
        #expect(indicator == RiskIndex.Indicator(key: "no_home_internet_pct", label: "Households without home internet (%)", component: .connectivity))

        #expect(throws: RiskIndex.Problem(messages: [
            "The key \u{201C}Bad Key\u{201D} must be 2 to 40 lower-case letters, digits or underscores, starting with a letter",
            "The label must be 1 to 80 characters",
            "The component must be demography, connectivity or deprivation",
        ])) { try CustomIndicator.make(key: "Bad Key", label: "  ", component: "housing", reversed: false) }
        #expect(throws: RiskIndex.Problem(messages: ["The key \u{201C}imd_score\u{201D} is one of Onramp\u{2019}s own: choose another"])) {
            try CustomIndicator.make(key: "imd_score", label: "IMD", component: "deprivation", reversed: false)
        }
    }

    @Test func itsFileGivesOneValuePerLSOAAndLeavesEmptyCellsMissing() throws {
        let parser = try CustomIndicatorParser(header: ColumnMap(header: ["LSOA11CD", "name", "value"]), key: "survey_pct")
        #expect(parser.lsoaYear == 2011)
        #expect(try parser.parse(["E01003927", "Southwark 002A", "1,234.5"]) == IndicatorRow(code: "E01003927", localAuthority: nil, values: ["survey_pct": 1234.5]))
        #expect(try parser.parse(["E01003927", "Southwark 002A", " "]) == nil)
        #expect(throws: RowProblem("The value \u{201C}n/a\u{201D} is not a number")) { try parser.parse(["E01003927", "x", "n/a"]) }
        #expect(throws: RowProblem("The LSOA code \u{201C}E0100392\u{201D} is not a valid code")) { try parser.parse(["E0100392", "x", "1"]) }

        let byKey = try CustomIndicatorParser(header: ColumnMap(header: ["lsoa21_code", "survey_pct"]), key: "survey_pct")
        #expect(byKey.lsoaYear == 2021)
        #expect(throws: ImportRefusal.self) { try CustomIndicatorParser(header: ColumnMap(header: ["LSOA21CD", "other"]), key: "survey_pct") }
    }
}
