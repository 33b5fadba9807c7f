/// Census 2021 bulk tables in the Nomis layout: `date, geography, geography code`, then one
/// column of counts per category, headed "Table: Category".
public struct CensusTable: Sendable {
    public let dataset: String
    public let title: String
    public let total: String
    /// Each indicator: its key and the columns whose counts it adds up.
    public let indicators: [Indicator]
    /// The key under which the table's total is kept as the area's population, for the one
    /// table whose total is every usual resident; it weights values carried between LSOAs.
    public var populationKey: String? = nil

    public struct Indicator: Sendable {
        public let key: String
        public let label: String
        public let columns: [String]
    }

    public static let ts007a = CensusTable(
        dataset: "census-ts007a", title: "Census 2021 TS007A (age by five-year bands)", total: "Age: Total",
        indicators: [
            Indicator(key: "aged_65_plus_pct", label: "aged 65 and over", columns: ["65 to 69", "70 to 74", "75 to 79", "80 to 84"].map { "Age: Aged \($0) years" } + ["Age: Aged 85 years and over"]),
            Indicator(key: "aged_75_plus_pct", label: "aged 75 and over", columns: ["75 to 79", "80 to 84"].map { "Age: Aged \($0) years" } + ["Age: Aged 85 years and over"]),
        ] + CensusAgeBands.columns.map { band in
            Indicator(key: band.key, label: band.label, columns: band.columns.map { "Age: Aged \($0)" })
        },
        populationKey: "population_2021"
    )
    public static let ts037 = CensusTable(
        dataset: "census-ts037", title: "Census 2021 TS037 (general health)", total: "General health: Total: All usual residents",
        indicators: [Indicator(key: "bad_health_pct", label: "in bad or very bad health", columns: ["General health: Bad health", "General health: Very bad health"])]
    )
    public static let ts038 = CensusTable(
        dataset: "census-ts038", title: "Census 2021 TS038 (disability)", total: "Disability: Total: All usual residents",
        indicators: [Indicator(key: "disabled_pct", label: "disabled under the Equality Act", columns: ["Disability: Disabled under the Equality Act"])]
    )
    public static let ts067 = CensusTable(
        dataset: "census-ts067", title: "Census 2021 TS067 (highest qualification)",
        total: "Highest level of qualification: Total: All usual residents aged 16 years and over",
        indicators: [Indicator(key: "no_qualifications_pct", label: "with no qualifications", columns: ["Highest level of qualification: No qualifications"])]
    )

    public static let all = [ts007a, ts037, ts038, ts067]
}

/// Reads one Census table, giving each 2021 LSOA its indicators as percentages of the total.
public struct CensusParser: RowParser {
    let table: CensusTable
    let code: Int
    let total: Int
    let columns: [[Int]]
    let names: [String]

    public init(table: CensusTable, header: ColumnMap) throws {
        names = header.header
        self.table = table
        let named = try header.require(["geography code", table.total] + table.indicators.flatMap(\.columns), dataset: table.title)
        code = named[0]
        total = named[1]
        var offset = 2
        columns = table.indicators.map { indicator in
            defer { offset += indicator.columns.count }
            return Array(named[offset..<(offset + indicator.columns.count)])
        }
    }

    public func parse(_ fields: [String]) throws -> IndicatorRow? {
        let code = try Field.code(fields, self.code, as: .lsoa, label: "The geography code")
        guard code.hasPrefix("E") || code.hasPrefix("W") else { return nil }
        let total = try Field.number(fields, self.total, label: "The total", in: 0...Double(Int32.max))
        var values: [String: Double] = [:]
        if let key = table.populationKey { values[key] = total }
        for (indicator, columns) in zip(table.indicators, columns) {
            var count = 0.0
            for column in columns {
                count += try Field.number(fields, column, label: "The count in \u{201C}\(names[column])\u{201D}", in: 0...Double(Int32.max))
            }
            values[indicator.key] = try Field.percentage(count, of: total, label: "the number \(indicator.label)")
        }
        return IndicatorRow(code: code, localAuthority: nil, values: values)
    }
}
