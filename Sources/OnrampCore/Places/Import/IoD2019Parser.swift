/// The English Indices of Deprivation 2019, from any of MHCLG's layouts (File 1, 2, 5, 6 or 7,
/// which share the "LSOA code (2011)" column and name their columns alike) or mySociety's
/// composite UK file. Takes whatever the file has of: IMD score, rank and decile, income score,
/// and the 2015 population; refuses a file with none of them.
public struct IoD2019Parser: RowParser {
    enum Layout: Sendable { case mhclg, mysociety }

    struct Column: Sendable {
        let key: String
        let index: Int
        let label: String
        let range: ClosedRange<Double>
        /// mySociety gives the income score as a percentage; MHCLG as a rate.
        var scale = 1.0
    }

    let layout: Layout
    let code: Int
    let localAuthority: Int?
    let nation: Int?
    let columns: [Column]

    public static let title = "IoD2019"

    public init(header: ColumnMap) throws {
        if let code = header.index("LSOA code (2011)") {
            layout = .mhclg
            self.code = code
            localAuthority = header.index(prefix: "Local Authority District code")
            nation = nil
            let wanted: [(String, String, String, ClosedRange<Double>)] = [
                ("imd_score", "Index of Multiple Deprivation (IMD) Score", "The IMD score", 0...100),
                ("imd_rank", "Index of Multiple Deprivation (IMD) Rank", "The IMD rank", 1...32_844),
                ("imd_decile", "Index of Multiple Deprivation (IMD) Decile", "The IMD decile", 1...10),
                ("income_score", "Income Score (rate)", "The income score", 0...1),
                ("population_2015", "Total population: mid 2015", "The 2015 population", 0...100_000),
            ]
            columns = wanted.compactMap { key, prefix, label, range in
                header.index(prefix: prefix).map { Column(key: key, index: $0, label: label, range: range) }
            }
        } else if let code = header.index("lsoa"), let nation = header.index("nation"),
                  let score = header.index("overall_local_score"), let income = header.index("income_score") {
            layout = .mysociety
            self.code = code
            self.nation = nation
            localAuthority = nil
            columns = [
                Column(key: "imd_score", index: score, label: "The IMD score", range: 0...100),
                Column(key: "income_score", index: income, label: "The income score", range: 0...100, scale: 0.01),
            ]
        } else {
            throw ImportRefusal("This is not an IoD2019 file: its header has neither \u{201C}LSOA code (2011)\u{201D} (MHCLG) nor \u{201C}nation, lsoa, overall_local_score, income_score\u{201D} (mySociety)")
        }
        guard !columns.isEmpty else {
            throw ImportRefusal("This IoD2019 file has none of the columns Onramp uses: the IMD score, rank or decile, the income score, or the population")
        }
    }

    /// The indicator keys this file will give.
    public var keys: [String] { columns.map(\.key) }

    public func parse(_ fields: [String]) throws -> IndicatorRow? {
        if let nation, (nation < fields.count ? fields[nation] : "") != "E" { return nil }
        let code = try Field.code(fields, code, as: .lsoa, label: "The LSOA code")
        let localAuthority = try self.localAuthority.map { try Field.code(fields, $0, as: .localAuthority, label: "The local authority code") }
        var values: [String: Double] = [:]
        for column in columns {
            values[column.key] = try Field.number(fields, column.index, label: column.label, in: column.range) * column.scale
        }
        return IndicatorRow(code: code, localAuthority: localAuthority, values: values)
    }
}
