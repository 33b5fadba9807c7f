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
    /// Skills sessions: the list and a session's page with its bookings (champions: the ones they run).
    case viewSessions
    /// Put sessions on, change and cancel them: the council's staff, and partners for their own.
    case manageSessions
    /// Book a resident onto a session (phone, face to face, from a referral) or cancel a booking.
    case bookForResident
    /// Mark who came and add walk-ins.
    case takeRegister
    /// Digital champions: their applications, checks, status and accounts (partners: their own).
    case manageChampions
    /// Record the time a champion gave.
    case recordChampionHours
    /// The hours champions gave, by champion, organisation and quarter.
    case viewChampionHours
    /// Change the checks the council asks of its champions.
    case editChampionChecks
    /// Record what a learner can do at the start and end of their help (champions: for the sessions they run).
    case recordSkillsProgress
    /// A champion's own page: their checks, their next sessions and the time they gave.
    case viewOwnVolunteering
    /// Phone residents who chose letters or calls to ask how things are, and record their answers
    /// (partners: for the help they gave).
    case makeFollowUpCalls
    /// The programme's figures: what works, by offer and group.
    case viewInsight
    /// Publishing a risk-index run to the public, with its narrative, and taking it down.
    case publishMap
    /// Give a resident a copy of everything held about them, erase them, and set how long
    /// personal data is kept.
    case managePersonalData
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
        .viewSessions: [.admin, .officer, .partner, .champion],
        .manageSessions: [.admin, .officer, .partner],
        .bookForResident: [.admin, .officer, .partner],
        .takeRegister: [.admin, .officer, .partner, .champion],
        .manageChampions: [.admin, .officer, .partner],
        .recordChampionHours: [.admin, .officer, .partner],
        .viewChampionHours: [.admin, .officer, .partner, .analyst],
        .editChampionChecks: [.admin],
        .recordSkillsProgress: [.admin, .officer, .partner, .champion],
        .viewOwnVolunteering: [.champion],
        .makeFollowUpCalls: [.admin, .officer, .partner],
        .viewInsight: [.admin, .officer, .analyst],
        .publishMap: [.admin, .officer],
        .managePersonalData: [.admin],
    ]

    public static func allows(_ role: Role, _ action: Action) -> Bool {
        table[action]?.contains(role) ?? false
    }

    public static func actions(for role: Role) -> [Action] {
        Action.allCases.filter { allows(role, $0) }
    }
}
