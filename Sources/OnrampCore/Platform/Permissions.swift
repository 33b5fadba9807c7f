/// Everything a signed-in person can be allowed to do. Every staff route names one of these.
public enum Action: String, CaseIterable, Sendable {
    case viewOwnAccount
    case changeOwnPassword
    case viewUsers
    case manageUsers
    case viewOrganisations
    case manageOrganisations
    case viewAuditLog
    case viewOutbox
    case viewPlaces
    case computeIndex
    /// Propose a new directory service, or a change to one.
    case proposeService
    /// Approve or reject proposals, and re-check services: the council's editors.
    case editDirectory
    /// Complete the triage with a resident (phone, face to face, paper, partner referral).
    case assistResident
    /// The council's cases dashboard, case pages, tasks and duplicate checks.
    case viewCases
    /// The referral queue: a partner's own referrals, or all of the council's.
    case workReferrals
    /// Edit the offers catalogue and its eligibility rules.
    case manageOffers
    /// Read equality-monitoring answers.
    case viewEqualityMonitoring
    /// The device bank: batches, devices, wipes, moves and stock.
    case manageKit
}

/// The role-by-action table. Kept as data so that a council can read it, and so that tests can
/// walk every cell of it.
public enum Permissions {
    public static let table: [Action: Set<Role>] = [
        .viewOwnAccount: Set(Role.allCases),
        .changeOwnPassword: Set(Role.allCases),
        .viewUsers: [.admin],
        .manageUsers: [.admin],
        .viewOrganisations: [.admin, .officer, .analyst],
        .manageOrganisations: [.admin],
        .viewAuditLog: [.admin],
        // Admins only while invitation links travel through the outbox: a link is an account.
        .viewOutbox: [.admin],
        .viewPlaces: Set(Role.allCases),
        .computeIndex: [.admin, .officer, .analyst],
        .proposeService: [.admin, .officer, .partner, .champion],
        .editDirectory: [.admin, .officer],
        .assistResident: [.admin, .officer, .partner, .champion],
        .viewCases: [.admin, .officer],
        .workReferrals: [.admin, .officer, .partner],
        .manageOffers: [.admin, .officer],
        .viewEqualityMonitoring: [.admin],
        .manageKit: [.admin, .officer, .partner],
    ]

    public static func allows(_ role: Role, _ action: Action) -> Bool {
        table[action]?.contains(role) ?? false
    }

    public static func actions(for role: Role) -> [Action] {
        Action.allCases.filter { allows(role, $0) }
    }
}
