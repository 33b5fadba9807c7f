/// ONS GSS codes: a letter for the nation, two digits for the kind of area, six for the area.
public enum AreaCode {
    public enum Kind: String, Sendable, CaseIterable {
        case lsoa, msoa, ward, localAuthority, region
    }

    /// The entity prefixes Onramp reads, by kind, for England (E) and Wales (W).
    static let prefixes: [String: Kind] = [
        "E01": .lsoa, "W01": .lsoa,
        "E02": .msoa, "W02": .msoa,
        "E05": .ward, "W05": .ward,
        "E06": .localAuthority, "E07": .localAuthority, "E08": .localAuthority, "E09": .localAuthority, "W06": .localAuthority,
        "E12": .region,
    ]

    /// The kind of a well-formed code, or nil for anything else.
    public static func kind(of code: String) -> Kind? {
        let utf8 = Array(code.utf8)
        guard utf8.count == 9, utf8.dropFirst().allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        return prefixes[String(code.prefix(3))]
    }

    public static func isValid(_ code: String, as kind: Kind) -> Bool {
        self.kind(of: code) == kind
    }
}
