import OnrampCore

/// The places a member of staff can go, with the action that lets them. The navigation and the
/// home page both list them, so a new area of Onramp is added here once.
struct StaffDestination: Sendable {
    let label: String
    let url: SiteURL
    let action: Action
    let summary: String
    /// Not listed for those who may do this: another destination of theirs already links here.
    var coveredBy: Action? = nil

    static let all: [StaffDestination] = [
        .init(label: "Help a resident", url: .assistResident, action: .assistResident, summary: "Go through the questions with a resident on the phone or face to face, or key in a paper form."),
        .init(label: "Cases", url: .cases, action: .viewCases, summary: "Every request for help: overdue referrals, possible duplicates, letters and calls to make."),
        .init(label: "Referrals", url: .referrals, action: .workReferrals, summary: "Requests passed to your organisation: contact the resident and record what happened."),
        .init(label: "Offers", url: .offers, action: .manageOffers, summary: "The help your programme offers, who fulfils it and who qualifies."),
        .init(label: "Follow-up calls", url: .followUpCalls, action: .makeFollowUpCalls, summary: "Residents who chose letters or phone calls, to ask whether the help worked."),
        .init(label: "Sessions", url: .manageSessions, action: .viewSessions, summary: "Skills sessions and courses: bookings, waiting lists and the register."),
        .init(label: "Devices", url: .kit, action: .manageKit, summary: "The device bank: donated batches, wiping, refurbishing and stock."),
        .init(label: "Champions", url: .champions, action: .manageChampions, summary: "Volunteer digital champions: applications, checks and training, status and hours."),
        .init(label: "Champions\u{2019} hours", url: .championsHours, action: .viewChampionHours, summary: "The time digital champions gave: by quarter, organisation and champion.",
              coveredBy: .manageChampions),
        .init(label: "Your volunteering", url: .volunteering, action: .viewOwnVolunteering, summary: "Your checks and when they lapse, the sessions you run next and the time you have given."),
        .init(label: "What works", url: .whatWorks, action: .viewInsight, summary: "For each kind of help: how many were helped, how fast, and whether they got online."),
        .init(label: "Places", url: .places, action: .viewPlaces, summary: "Where digital exclusion is likely: the risk index, area by area."),
        .init(label: "Directory", url: .manageDirectory, action: .proposeService, summary: "The services in the public directory: propose new ones and changes, and approve them."),
        .init(label: "Users", url: .users, action: .viewUsers, summary: "Invite people, see who has access and deactivate accounts."),
        .init(label: "Organisations", url: .organisations, action: .viewOrganisations, summary: "The council and the partners who take part in the programme."),
        .init(label: "Council details", url: .councilContact, action: .manageOrganisations, summary: "The phone number, address and hours residents are given when they would rather not use the website."),
        .init(label: "Messages", url: .outbox, action: .viewOutbox, summary: "Emails and letters waiting to be sent."),
        .init(label: "Audit log", url: .auditLog, action: .viewAuditLog, summary: "Who did what, and when."),
        .init(label: "Keeping personal data", url: .retention, action: .managePersonalData, summary: "How long residents\u{2019} and champions\u{2019} personal data is kept, and what is due to go."),
        .init(label: "Your account", url: .account, action: .viewOwnAccount, summary: "Your details and your password."),
    ]

    /// Only the places this person's role allows, so nobody is shown a link that ends in "forbidden".
    static func allowed(for staff: StaffContext) -> [StaffDestination] {
        all.filter { staff.may($0.action) && !($0.coveredBy.map(staff.may) ?? false) }
    }
}
