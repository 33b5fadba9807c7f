import Foundation
import Testing
@testable import OnrampCore

@Suite struct ParsersTests {
    static let ts007aHeader = ["date", "geography", "geography code", "Age: Total"]
        + ["4 years and under", "5 to 9 years", "10 to 14 years", "15 to 19 years", "20 to 24 years", "25 to 29 years", "30 to 34 years",
           "35 to 39 years", "40 to 44 years", "45 to 49 years", "50 to 54 years", "55 to 59 years", "60 to 64 years", "65 to 69 years",
           "70 to 74 years", "75 to 79 years", "80 to 84 years"].map { "Age: Aged \($0)" } + ["Age: Aged 85 years and over"]

    @Test func censusAgeIsAShareOfTheTotal() throws {
        let parser = try CensusParser(table: .ts007a, header: ColumnMap(header: Self.ts007aHeader))
        // City of London 001A: 1,473 people; 65+ = 119 + 102 + 57 + 57 + 35 = 370; 75+ = 57 + 57 + 35 = 149.
        let fields = ["2021", "City of London 001A", "E01000001", "1473", "52", "34", "32", "23", "90", "159", "132", "117", "114", "105", "89", "73", "83", "119", "102", "57", "57", "35"]
        let row = try #require(try parser.parse(fields))
        #expect(row.code == "E01000001")
        #expect(abs(row.values["aged_65_plus_pct"]! - 100 * 370 / 1473) < 1e-9)
        #expect(abs(row.values["aged_75_plus_pct"]! - 100 * 149 / 1473) < 1e-9)
        // The total is every usual resident: the population that weights carried values.
        #expect(row.values["population_2021"] == 1473)
    }

    @Test func censusRowsWithBadFiguresSayWhy() throws {
        let parser = try CensusParser(table: .ts038, header: ColumnMap(header: ["date", "geography", "geography code", "Disability: Total: All usual residents", "Disability: Disabled under the Equality Act"]))
        #expect(throws: RowProblem("The geography code \u{201C}E0100001\u{201D} is not a valid code")) { try parser.parse(["2021", "x", "E0100001", "10", "1"]) }
        #expect(throws: RowProblem("The total \u{201C}ten\u{201D} is not a number")) { try parser.parse(["2021", "x", "E01000001", "ten", "1"]) }
        #expect(throws: RowProblem("the number disabled under the Equality Act (11) is more than the total (10)")) { try parser.parse(["2021", "x", "E01000001", "10", "11"]) }
        #expect(throws: RowProblem("the total is 0, so the number disabled under the Equality Act has no percentage")) { try parser.parse(["2021", "x", "E01000001", "0", "0"]) }
    }

    @Test func theWrongFileIsRefusedByItsHeader() {
        #expect(throws: ImportRefusal.self) { try CensusParser(table: .ts067, header: ColumnMap(header: Self.ts007aHeader)) }
        #expect(throws: ImportRefusal.self) { try IoD2019Parser(header: ColumnMap(header: Self.ts007aHeader)) }
        #expect(throws: ImportRefusal.self) { try LSOALookupParser(header: ColumnMap(header: ["LSOA11CD", "LSOA21CD", "CHGIND"])) }
    }

    @Test func iodFile7TakesScoresAndFile1TakesRanksWithThousands() throws {
        let file7 = try IoD2019Parser(header: ColumnMap(header: [
            "LSOA code (2011)", "LSOA name (2011)", "Local Authority District code (2019)", "Local Authority District name (2019)",
            "Index of Multiple Deprivation (IMD) Score", "Index of Multiple Deprivation (IMD) Rank (where 1 is most deprived)",
            "Index of Multiple Deprivation (IMD) Decile (where 1 is most deprived 10% of LSOAs)", "Income Score (rate)",
            "Total population: mid 2015 (excluding prisoners)",
        ]))
        let row = try #require(try file7.parse(["E01000001", "City of London 001A", "E09000001", "City of London", "6.208", "29199", "9", "0.007", "1296"]))
        #expect(row.values == ["imd_score": 6.208, "imd_rank": 29199, "imd_decile": 9, "income_score": 0.007, "population_2015": 1296])
        #expect(row.localAuthority == "E09000001")

        let file1 = try IoD2019Parser(header: ColumnMap(header: [
            "LSOA code (2011)", "LSOA name (2011)", "Local Authority District code (2019)", "Local Authority District name (2019)",
            "Index of Multiple Deprivation (IMD) Rank", "Index of Multiple Deprivation (IMD) Decile",
        ]))
        #expect(file1.keys == ["imd_rank", "imd_decile"])
        #expect(try file1.parse(["E01000001", "x", "E09000001", "x", "29,199", "9"])?.values["imd_rank"] == 29199)
        #expect(throws: RowProblem("The IMD decile is 11, outside 1 to 10")) { try file1.parse(["E01000001", "x", "E09000001", "x", "1", "11"]) }
    }

    @Test func mySocietyCompositeKeepsEnglandAndMakesIncomeARate() throws {
        let parser = try IoD2019Parser(header: ColumnMap(header: ["nation", "lsoa", "overall_local_score", "income_score", "employment_score"]))
        let row = try #require(try parser.parse(["E", "E01021988", "92.735", "56.9", "53.4"]))
        #expect(row.values["imd_score"] == 92.735)
        #expect(abs(row.values["income_score"]! - 0.569) < 1e-12)
        #expect(try parser.parse(["W", "W01000001", "10", "10", "10"]) == nil)
    }

    @Test func lookupsFollowAnyYearsColumns() throws {
        let parser = try LSOALookupParser(header: ColumnMap(header: ["LSOA21CD", "LSOA21NM", "LSOA21NMW", "WD23CD", "WD23NM", "WD23NMW", "LAD23CD", "LAD23NM", "LAD23NMW", "ObjectId"]))
        #expect(parser.lsoaYear == 2021)
        let row = try parser.parse(["E01011951", "Hartlepool 007A", "", "E05013038", "Burn Valley", "", "E06000001", "Hartlepool", "", "1"])
        #expect(row == AreaRow(code: "E01011951", name: "Hartlepool 007A", wardCode: "E05013038", wardName: "Burn Valley", localAuthorityCode: "E06000001", localAuthorityName: "Hartlepool"))

        let links = try LSOALinkParser(header: ColumnMap(header: ["F_LSOA11CD", "LSOA11NM", "LSOA21CD", "LSOA21NM", "CHGIND", "LAD22CD"]))
        #expect(try links.parse(["E01011949", "x", "E01011949", "x", "U", "E06000001"])?.change == "U")
        #expect(throws: RowProblem("CHGIND \u{201C}Q\u{201D} is not one of U, S, M or X")) { try links.parse(["E01011949", "x", "E01011949", "x", "Q", "E06000001"]) }
    }
}

@Suite struct LSOABridgeTests {
    // A was split into A1 and A2; B and C merged into D; E is unchanged.
    let links = [
        LSOALinkRow(lsoa11: "A", lsoa21: "A1", change: "S", localAuthority: "L"),
        LSOALinkRow(lsoa11: "A", lsoa21: "A2", change: "S", localAuthority: "L"),
        LSOALinkRow(lsoa11: "B", lsoa21: "D", change: "M", localAuthority: "L"),
        LSOALinkRow(lsoa11: "C", lsoa21: "D", change: "M", localAuthority: "L"),
        LSOALinkRow(lsoa11: "E", lsoa21: "E", change: "U", localAuthority: "L"),
    ]
    var bridge: LSOABridge { LSOABridge(links: links) }
    let values = ["A": 10.0, "B": 20, "C": 40, "E": 5]

    @Test func unchangedAndSplitAreasKeepTheirValue() {
        #expect(bridge.carry(to: "E", values: values, population: [:]) == .init(value: 5, method: .unchanged))
        #expect(bridge.carry(to: "A2", values: values, population: [:]) == .init(value: 10, method: .partOf("A", .to2021)))
    }

    @Test func mergedAreasAreWeightedByPopulation() {
        // (20 × 1,000 + 40 × 3,000) / 4,000 = 35
        let carried = bridge.carry(to: "D", values: values, population: ["B": 1000, "C": 3000])
        #expect(carried == .init(value: 35, method: .combined(from: ["B", "C"], .to2021, populationWeighted: true)))
        // Without populations: (20 + 40) / 2, and the method says so.
        #expect(bridge.carry(to: "D", values: values, population: [:])?.value == 30)
    }

    @Test func aMissingParentLeavesAGap() {
        #expect(bridge.carry(to: "D", values: ["B": 20], population: [:]) == nil)
        #expect(bridge.carry(to: "Z", values: values, population: [:]) == nil)
    }

    @Test func valuesCarryBackTo2011Areas() {
        let back = LSOABridge(links: links, direction: .to2011)
        let values21 = ["A1": 10.0, "A2": 30, "D": 25, "E": 5]
        // A split into A1 (1,000 people) and A2 (3,000): (10 × 1,000 + 30 × 3,000) / 4,000 = 25.
        #expect(back.carry(to: "A", values: values21, population: ["A1": 1000, "A2": 3000])
            == .init(value: 25, method: .combined(from: ["A1", "A2"], .to2011, populationWeighted: true)))
        // B and C merged into D: each takes D's rate.
        #expect(back.carry(to: "C", values: values21, population: [:]) == .init(value: 25, method: .partOf("D", .to2011)))
        #expect(back.carry(to: "E", values: values21, population: [:]) == .init(value: 5, method: .unchanged))
        #expect(back.carry(to: "C", values: values21, population: [:])?.method.description
            == "Merged with its neighbours into 2021 LSOA D: that area\u{2019}s value carried to each 2011 part.")
    }
}
