/// A public library with a position, from a libraries list that carries coordinates (the
/// Arts Council basic dataset once placed by postcode, as in the London extract).
public struct LibraryRow: Sendable, Equatable {
    public let name: String
    public let latitude: Double
    public let longitude: Double
    public let localAuthority: String?
    public let isClosed: Bool
}

public struct LibraryParser: RowParser {
    let name, latitude, longitude: Int
    let localAuthority, closed: Int?

    public init(header: ColumnMap) throws {
        guard let name = header.index("name"),
              let latitude = ["lat_postcode_centroid", "latitude", "lat"].lazy.compactMap({ header.index($0) }).first,
              let longitude = ["lon_postcode_centroid", "longitude", "lon"].lazy.compactMap({ header.index($0) }).first
        else {
            throw ImportRefusal("This is not a libraries file Onramp can place on a map: it needs \u{201C}name\u{201D} and latitude and longitude columns (a file with postcodes only must be placed by postcode first)")
        }
        (self.name, self.latitude, self.longitude) = (name, latitude, longitude)
        localAuthority = header.index("lad_code_codepoint") ?? header.index(pattern: "LAD##CD")
        closed = header.index("closed")
    }

    public func parse(_ fields: [String]) throws -> LibraryRow? {
        let name = try Field.text(fields, name, label: "The library name")
        // A library with no position yet (its postcode not found) is left off the map, not refused.
        guard let latitudeText = fields[safe: latitude], !latitudeText.isEmpty else { return nil }
        let authority = localAuthority.flatMap { fields[safe: $0] }.flatMap { $0.isEmpty ? nil : $0 }
        if let authority, !AreaCode.isValid(authority, as: .localAuthority) {
            throw RowProblem("The local authority code \u{201C}\(authority)\u{201D} is not a valid code")
        }
        return LibraryRow(
            name: name,
            latitude: try Field.number(fields, latitude, label: "The latitude", in: 49...61),
            longitude: try Field.number(fields, longitude, label: "The longitude", in: -9...2),
            localAuthority: authority,
            isClosed: !(closed.flatMap { fields[safe: $0] } ?? "").isEmpty
        )
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
