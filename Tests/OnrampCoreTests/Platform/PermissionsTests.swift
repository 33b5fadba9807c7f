import Testing
@testable import OnrampCore

/// The whole role-by-action table, written out as the council would read it. Any change to
/// `Permissions.table` must change this too: that is the point.
@Suite struct PermissionsTests {
    static let expected: [Action: [Role]] = [
        .viewOwnAccount: [.admin, .officer, .partner, .champion, .analyst],
        .changeOwnPassword: [.admin, .officer, .partner, .champion, .analyst],
        .viewUsers: [.admin],
        .manageUsers: [.admin],
        .viewOrganisations: [.admin, .officer, .analyst],
        .manageOrganisations: [.admin],
        .viewAuditLog: [.admin],
        .viewOutbox: [.admin],
        .viewPlaces: [.admin, .officer, .partner, .champion, .analyst],
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

    @Test("Every action has a row, and every cell matches", arguments: Action.allCases)
    func everyCell(action: Action) {
        let allowed = Set(Self.expected[action] ?? [])
        #expect(Self.expected[action] != nil, "no expected row for \(action)")
        for role in Role.allCases {
            #expect(Permissions.allows(role, action) == allowed.contains(role), "\(role) / \(action)")
        }
    }

    @Test func actionsForARoleAreThoseItIsAllowed() {
        #expect(Permissions.actions(for: .champion) == [.viewOwnAccount, .changeOwnPassword, .viewPlaces, .proposeService, .assistResident, .viewSessions, .takeRegister, .recordSkillsProgress,
                                                            .viewOwnVolunteering])
        // Everything but a champion's own page, which only a champion has.
        #expect(Permissions.actions(for: .admin) == Action.allCases.filter { $0 != .viewOwnVolunteering })
    }

    @Test func everyRoleCanManageTheirOwnAccount() {
        for role in Role.allCases {
            #expect(Permissions.allows(role, .changeOwnPassword))
        }
    }
}
