/// A postcode's position.
public struct PostcodeRow: Sendable, Equatable {
    public let postcode: String
    public let latitude: Double
    public let longitude: Double
    public let localAuthority: String?
}

/// Postcode positions from OS Code-Point Open (eastings and northings on the National Grid,
/// converted here to WGS84; the files come without a header row, or with OS's long one) or from
/// any CSV with postcode, latitude and longitude columns (ONS's NSPL, a derived file).
public struct PostcodeParser: RowParser {
    enum Layout: Sendable { case codePoint, latitudeLongitude }

    let layout: Layout
    let postcode, first, second: Int
    let localAuthority: Int?
    public let firstRecordIsData: Bool

    /// Code-Point Open's columns, in order, when the file has no header.
    static let codePointColumns = ["Postcode", "Positional_quality_indicator", "Eastings", "Northings", "Country_code",
                                   "NHS_regional_HA_code", "NHS_HA_code", "Admin_county_code", "Admin_district_code", "Admin_ward_code"]

    public init(header: ColumnMap) throws {
        if let first = header.header.first, Postcode.normalise(first) != nil, header.header.count == Self.codePointColumns.count {
            (layout, postcode, self.first, second, localAuthority, firstRecordIsData) = (.codePoint, 0, 2, 3, 8, true)
            return
        }
        firstRecordIsData = false
        if let code = header.index("Postcode") ?? header.index("PC"), let east = header.index("Eastings") ?? header.index("EA"),
           let north = header.index("Northings") ?? header.index("NO") {
            (layout, postcode, first, second) = (.codePoint, code, east, north)
            localAuthority = header.index("Admin_district_code") ?? header.index("DC")
            return
        }
        guard let code = ["postcode", "pcds", "pcd", "Postcode"].lazy.compactMap({ header.index($0) }).first,
              let lat = ["latitude", "lat", "Latitude"].lazy.compactMap({ header.index($0) }).first,
              let lon = ["longitude", "long", "lon", "Longitude"].lazy.compactMap({ header.index($0) }).first
        else {
            throw ImportRefusal("This is not a postcode file: it needs OS Code-Point Open\u{2019}s columns (postcode, eastings, northings) or postcode, latitude and longitude")
        }
        (layout, postcode, first, second) = (.latitudeLongitude, code, lat, lon)
        localAuthority = ["lad_code", "oslaua", "lad23cd", "LAD23CD"].lazy.compactMap { header.index($0) }.first
    }

    public func parse(_ fields: [String]) throws -> PostcodeRow? {
        let typed = try Field.text(fields, postcode, label: "The postcode")
        guard let code = Postcode.normalise(typed) else { throw RowProblem("The postcode \u{201C}\(typed)\u{201D} is not a UK postcode") }
        let lad = localAuthority.flatMap { $0 < fields.count && AreaCode.isValid(fields[$0], as: .localAuthority) ? fields[$0] : nil }
        switch layout {
        case .codePoint:
            let easting = try Field.number(fields, first, label: "The easting", in: 0...700_000)
            let northing = try Field.number(fields, second, label: "The northing", in: 0...1_300_000)
            // Code-Point gives 0, 0 for a postcode it cannot place: not a position.
            guard easting > 0 || northing > 0 else { return nil }
            let position = NationalGrid.wgs84(easting: easting, northing: northing)
            return PostcodeRow(postcode: code, latitude: position.latitude, longitude: position.longitude, localAuthority: lad)
        case .latitudeLongitude:
            let latitude = try Field.number(fields, first, label: "The latitude", in: 49...61)
            let longitude = try Field.number(fields, second, label: "The longitude", in: -9...2)
            return PostcodeRow(postcode: code, latitude: latitude, longitude: longitude, localAuthority: lad)
        }
    }
}
