/// Fixed broadband coverage by 2021 LSOA as a CSV: Ofcom's column names for superfast and
/// gigabit availability, and an LSOA code column.
public struct BroadbandParser: RowParser {
    let code: Int
    let superfast: Int
    let gigabit: Int

    public init(header: ColumnMap) throws {
        guard let code = ["LSOA21CD", "lsoa21cd", "lsoa_code", "LSOA code"].lazy.compactMap({ header.index($0) }).first,
              let superfast = header.index(prefix: "SFBB availability (% premises)"),
              let gigabit = header.index(prefix: "Gigabit availability (% premises)")
        else {
            throw ImportRefusal("This is not a broadband coverage file: it needs an LSOA code column and Ofcom\u{2019}s \u{201C}SFBB availability (% premises)\u{201D} and \u{201C}Gigabit availability (% premises)\u{201D}")
        }
        self.code = code
        self.superfast = superfast
        self.gigabit = gigabit
    }

    public func parse(_ fields: [String]) throws -> IndicatorRow? {
        let code = try Field.code(fields, code, as: .lsoa, label: "The LSOA code")
        return IndicatorRow(code: code, localAuthority: nil, values: [
            "superfast_pct": try Field.number(fields, superfast, label: "Superfast availability", in: 0...100),
            "gigabit_pct": try Field.number(fields, gigabit, label: "Gigabit availability", in: 0...100),
        ])
    }
}
