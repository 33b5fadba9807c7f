/// A small area with the ward and local authority it lies in, from an ONS best-fit lookup.
public struct AreaRow: Sendable, Equatable {
    public let code: String
    public let name: String
    public let wardCode: String
    public let wardName: String
    public let localAuthorityCode: String
    public let localAuthorityName: String
}

/// ONS LSOA → ward → local authority lookups, for 2011 or 2021 LSOAs and any year's wards
/// and authorities ("LSOA21CD, WD23CD, LAD23CD…"), whatever other columns they carry.
public struct LSOALookupParser: RowParser {
    /// 2011 or 2021, read from the header.
    public let lsoaYear: Int
    let code, name, ward, wardName, authority, authorityName: Int

    public init(header: ColumnMap) throws {
        guard let code = header.index(pattern: "LSOA##CD"), let name = header.index(pattern: "LSOA##NM"),
              let ward = header.index(pattern: "WD##CD"), let wardName = header.index(pattern: "WD##NM"),
              let authority = header.index(pattern: "LAD##CD"), let authorityName = header.index(pattern: "LAD##NM")
        else {
            throw ImportRefusal("This is not an LSOA to ward to local authority lookup: it needs columns like LSOA21CD, LSOA21NM, WD23CD, WD23NM, LAD23CD and LAD23NM")
        }
        let year = Int(header.header[code].dropFirst(4).prefix(2)) ?? 0
        guard year == 11 || year == 21 else { throw ImportRefusal("Onramp knows 2011 and 2021 LSOAs, not \(header.header[code])") }
        lsoaYear = 2000 + year
        (self.code, self.name, self.ward, self.wardName, self.authority, self.authorityName) = (code, name, ward, wardName, authority, authorityName)
    }

    public func parse(_ fields: [String]) throws -> AreaRow? {
        AreaRow(
            code: try Field.code(fields, code, as: .lsoa, label: "The LSOA code"),
            name: try Field.text(fields, name, label: "The LSOA name"),
            wardCode: try Field.code(fields, ward, as: .ward, label: "The ward code"),
            wardName: try Field.text(fields, wardName, label: "The ward name"),
            localAuthorityCode: try Field.code(fields, authority, as: .localAuthority, label: "The local authority code"),
            localAuthorityName: try Field.text(fields, authorityName, label: "The local authority name")
        )
    }
}

/// How a 2011 LSOA became 2021 LSOAs, from ONS's LSOA11 → LSOA21 lookup.
public struct LSOALinkRow: Sendable, Equatable {
    public let lsoa11: String
    public let lsoa21: String
    /// U unchanged, S split, M merged, X irregular.
    public let change: String
    public let localAuthority: String

    public init(lsoa11: String, lsoa21: String, change: String, localAuthority: String) {
        self.lsoa11 = lsoa11
        self.lsoa21 = lsoa21
        self.change = change
        self.localAuthority = localAuthority
    }
}

public struct LSOALinkParser: RowParser {
    let from, to, change, authority: Int

    public init(header: ColumnMap) throws {
        guard let from = header.index("F_LSOA11CD") ?? header.index("LSOA11CD"), let to = header.index("LSOA21CD"),
              let change = header.index("CHGIND"), let authority = header.index(pattern: "LAD##CD")
        else {
            throw ImportRefusal("This is not the LSOA 2011 to 2021 lookup: it needs LSOA11CD (or F_LSOA11CD), LSOA21CD, CHGIND and a LADnnCD column")
        }
        (self.from, self.to, self.change, self.authority) = (from, to, change, authority)
    }

    public func parse(_ fields: [String]) throws -> LSOALinkRow? {
        let change = change < fields.count ? fields[change] : ""
        guard ["U", "S", "M", "X"].contains(change) else {
            throw RowProblem("CHGIND \u{201C}\(change)\u{201D} is not one of U, S, M or X")
        }
        return LSOALinkRow(
            lsoa11: try Field.code(fields, from, as: .lsoa, label: "The 2011 LSOA code"),
            lsoa21: try Field.code(fields, to, as: .lsoa, label: "The 2021 LSOA code"),
            change: change,
            localAuthority: try Field.code(fields, authority, as: .localAuthority, label: "The local authority code")
        )
    }
}
