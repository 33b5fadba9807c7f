/// What a device is.
public enum DeviceType: String, CaseIterable, Sendable, Codable {
    case laptop, tablet, phone, desktop, router, other

    public var label: String { rawValue.capitalized }
}

/// Where a donation came from.
public enum DonationSource: String, CaseIterable, Sendable, Codable {
    case councilRefresh = "council-refresh"
    case business, resident, other

    public var label: String {
        switch self {
        case .councilRefresh: "The council's device refresh"
        case .business: "A business"
        case .resident: "A resident"
        case .other: "Other"
        }
    }
}

/// How good a device looks and works, as refurbishers grade it.
public enum ConditionGrade: String, CaseIterable, Sendable, Codable {
    case a = "A", b = "B", c = "C", unusable = "U"

    public var label: String {
        switch self {
        case .a: "A: as new"
        case .b: "B: light wear"
        case .c: "C: heavy wear, works"
        case .unusable: "Unusable: parts or recycling"
        }
    }
}
