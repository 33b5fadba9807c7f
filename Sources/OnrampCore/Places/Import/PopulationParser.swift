/// Small-area population estimates: ONS's mid-year files or GLA's extracts, on 2011 or 2021
/// LSOAs, with a code column and an all-ages column.
public struct PopulationParser: RowParser {
    /// 2011 or 2021, from the code column's name.
    public let lsoaYear: Int
    let code: Int
    let total: Int
    let localAuthority: Int?

    public init(header: ColumnMap) throws {
        guard let code = ["LSOA11CD", "LSOA21CD", "LSOA Code", "LSOA 2021 Code", "LSOA 2011 Code"].lazy.compactMap({ header.index($0) }).first,
              let total = ["Persons_All-Ages", "All Ages", "Total"].lazy.compactMap({ header.index($0) }).first
        else {
            throw ImportRefusal("This is not an LSOA population file: it needs an LSOA code column (such as \u{201C}LSOA11CD\u{201D}) and an all-ages column (such as \u{201C}All Ages\u{201D})")
        }
        self.code = code
        self.total = total
        lsoaYear = header.header[code].contains("11") ? 2011 : 2021
        localAuthority = header.index(pattern: "LAD##CD") ?? header.index("LA Code (2021 boundaries)")
    }

    public func parse(_ fields: [String]) throws -> IndicatorRow? {
        let code = try Field.code(fields, code, as: .lsoa, label: "The LSOA code")
        let localAuthority = try self.localAuthority.map { try Field.code(fields, $0, as: .localAuthority, label: "The local authority code") }
        let population = try Field.number(fields, total, label: "The population", in: 0...100_000)
        return IndicatorRow(code: code, localAuthority: localAuthority, values: ["population": population])
    }
}
