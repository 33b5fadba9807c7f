/// The one role each user holds. What a role may do is decided by `Permissions`, never by
/// comparing roles in a controller.
public enum Role: String, CaseIterable, Codable, Sendable {
    case admin, officer, partner, champion, analyst

    public var label: String {
        switch self {
        case .admin: "Administrator"
        case .officer: "Digital inclusion officer"
        case .partner: "Partner staff"
        case .champion: "Digital champion"
        case .analyst: "Analyst"
        }
    }

    /// Partner staff and champions see residents only through their own organisation's work;
    /// the council's own staff see the whole council's.
    public var isLimitedToOwnOrganisation: Bool {
        self == .partner || self == .champion
    }

    public var summary: String {
        switch self {
        case .admin: "Manages accounts, partner organisations and the audit log"
        case .officer: "Triages and refers residents, hands out devices and data"
        case .partner: "Works on referrals sent to their own organisation"
        case .champion: "A volunteer who records the help they give"
        case .analyst: "Reads reports and insight"
        }
    }
}

/// The kinds of organisation that take part in a programme.
public enum OrganisationType: String, CaseIterable, Codable, Sendable {
    case council, library, housing, charity, other

    public var label: String {
        switch self {
        case .council: "Council"
        case .library: "Library"
        case .housing: "Housing provider"
        case .charity: "Charity or community group"
        case .other: "Other"
        }
    }
}
