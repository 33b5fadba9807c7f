import Fluent
import SQLKit
import Vapor

/// Who did something, as the audit log records it.
struct AuditActor: Sendable {
    let userID: UUID?
    let label: String
    let organisationID: UUID?
    let councilID: UUID?
    let ipAddress: String?

    static let commandLine = AuditActor(userID: nil, label: "command line", organisationID: nil, councilID: nil, ipAddress: nil)
    /// Timed work inside `onramp serve`, such as the daily retention run.
    static let scheduler = AuditActor(userID: nil, label: "Onramp (scheduled)", organisationID: nil, councilID: nil, ipAddress: nil)

    /// A person acting for themselves before their session exists: signing in, accepting an invitation.
    static func user(_ user: User, request: Request) -> AuditActor {
        AuditActor(userID: user.id, label: label(for: user), organisationID: user.$organisation.id, councilID: user.councilID, ipAddress: request.clientAddress)
    }

    /// Staff are named by their work email, so the log says who did what. A digital champion is
    /// a volunteer, a member of the public: the log keeps their account's id, not their email.
    static func label(for user: User) -> String {
        user.role == .champion ? championLabel : user.email
    }

    static let championLabel = "A digital champion"


    /// Someone not yet signed in, such as a person accepting an invitation or failing to sign in.
    static func visitor(_ label: String, councilID: UUID?, request: Request) -> AuditActor {
        AuditActor(userID: nil, label: label, organisationID: nil, councilID: councilID, ipAddress: request.clientAddress)
    }
}

extension Request {
    /// The signed-in person as an audit actor. Only call behind `Require`.
    func auditActor() throws -> AuditActor {
        let staff = try signedIn()
        return AuditActor(
            userID: staff.userID, label: AuditActor.label(for: staff.user), organisationID: staff.organisation.id,
            councilID: staff.councilID, ipAddress: clientAddress
        )
    }
}

/// What can happen, as the log names it. The raw values are stored, so they never change.
enum AuditAction: String, CaseIterable, Sendable {
    case signIn = "sign-in"
    case signInFailed = "sign-in.failed"
    case signOut = "sign-out"
    case passwordChanged = "password.changed"
    case userInvited = "user.invited"
    case passwordResetRequested = "user.reset-requested"
    case passwordResetApproved = "user.reset-approved"
    case invitationAccepted = "invitation.accepted"
    case userDeactivated = "user.deactivated"
    case userReactivated = "user.reactivated"
    case organisationCreated = "organisation.created"
    case councilContactChanged = "council.contact-changed"
    case adminCreated = "user.created-admin"
    case userCreated = "user.created"
    case indexComputed = "index.computed"
    case mapPublished = "index.published"
    case mapUnpublished = "index.unpublished"
    case serviceProposed = "directory.proposed"
    case proposalApproved = "directory.approved"
    case proposalRejected = "directory.rejected"
    case serviceAssured = "directory.assured"
    case serviceReviewRequested = "directory.review-requested"
    case termAdded = "directory.term-added"
    case caseCreated = "case.created"
    case caseViewed = "case.viewed"
    /// A page or answer that showed residents' personal data: which residents are in `ResidentView`.
    case residentsViewed = "resident.viewed"
    case referralNoted = "referral.noted"
    case staffTaskDone = "case.task-done"
    case kitLoanExtended = "kit.loan-extended"
    case referralMoved = "referral.moved"
    case referralRerouted = "referral.rerouted"
    case residentsMerged = "resident.merged"
    case duplicateKeptApart = "resident.kept-apart"
    case offerChanged = "offer.changed"
    case offerRulePublished = "offer.rule-published"
    case kitBatchImported = "kit.batch-imported"
    case kitDeviceMoved = "kit.device-moved"
    case kitWipeFailed = "kit.wipe-failed"
    case kitFileAdded = "kit.file-added"
    case kitDataImported = "kit.data-imported"
    case kitDataGiven = "kit.data-given"
    case kitStockLow = "kit.stock-low"
    case championApplied = "champion.applied"
    case championMoved = "champion.moved"
    case championPaused = "champion.paused"
    case championCheckRecorded = "champion.check-recorded"
    case championHoursRecorded = "champion.hours-recorded"
    case championHoursRemoved = "champion.hours-removed"
    case championDetailsChanged = "champion.details-changed"
    case followUpAnswered = "follow-up.answered"
    case followUpUnanswered = "follow-up.unanswered"
    case championChecksChanged = "champion.required-checks-changed"
    case sessionCreated = "session.created"
    case sessionChanged = "session.changed"
    case sessionCancelled = "session.cancelled"
    case sessionBooked = "session.booked"
    case sessionBookingCancelled = "session.booking-cancelled"
    case sessionRegister = "session.register"
    case skillsReviewed = "skills.reviewed"
    case retentionChanged = "privacy.retention-changed"
    case retentionApplied = "privacy.retention-applied"
    /// One batch of a retention run's residents, recorded as it is done.
    case retentionResidents = "privacy.retention-residents"
    case subjectAccessGiven = "privacy.subject-access"
    case residentErased = "privacy.erased"

    var label: String {
        switch self {
        case .signIn: "Signed in"
        case .signInFailed: "Failed to sign in"
        case .signOut: "Signed out"
        case .passwordChanged: "Changed password"
        case .userInvited: "Invited a user"
        case .passwordResetRequested: "Sent an administrator a link to choose a new password"
        case .passwordResetApproved: "Approved another administrator\u{2019}s request for a password link"
        case .invitationAccepted: "Accepted an invitation"
        case .userDeactivated: "Deactivated a user"
        case .userReactivated: "Reactivated a user"
        case .organisationCreated: "Added an organisation"
        case .councilContactChanged: "Changed how residents reach the council"
        case .adminCreated: "Created an administrator"
        case .userCreated: "Created an account"
        case .indexComputed: "Computed the risk index"
        case .mapPublished: "Published the risk map and its narrative"
        case .mapUnpublished: "Took the public risk map down"
        case .serviceProposed: "Proposed a directory service or change"
        case .proposalApproved: "Approved a directory proposal"
        case .proposalRejected: "Rejected a directory proposal"
        case .serviceAssured: "Checked a directory service"
        case .serviceReviewRequested: "Asked a partner to check a service"
        case .termAdded: "Added a kind of help"
        case .caseCreated: "Asked for help"
        case .caseViewed: "Viewed a resident\u{2019}s case"
        case .residentsViewed: "Viewed residents\u{2019} details"
        case .referralNoted: "Added a note to a referral"
        case .staffTaskDone: "Sent a letter or made a call for a resident"
        case .kitLoanExtended: "Extended a loan"
        case .referralMoved: "Moved a referral"
        case .referralRerouted: "Re-routed a referral"
        case .residentsMerged: "Merged two resident records"
        case .duplicateKeptApart: "Kept two resident records apart"
        case .offerChanged: "Changed an offer"
        case .offerRulePublished: "Published an eligibility rule"
        case .kitBatchImported: "Recorded a donated batch of devices"
        case .kitDeviceMoved: "Moved a device"
        case .kitWipeFailed: "Recorded a failed wipe"
        case .kitFileAdded: "Added a certificate or photo to a device"
        case .kitDataImported: "Recorded a batch of SIMs or vouchers"
        case .kitDataGiven: "Gave a resident a SIM or voucher, and saw its code"
        case .kitStockLow: "Told officers that stock is low"
        case .championApplied: "Applied to be a digital champion"
        case .championMoved: "Changed a champion\u{2019}s status"
        case .championPaused: "Paused a champion whose check lapsed"
        case .championCheckRecorded: "Recorded a champion\u{2019}s check"
        case .championHoursRecorded: "Recorded a champion\u{2019}s hours"
        case .championHoursRemoved: "Removed hours recorded in error"
        case .championDetailsChanged: "Changed a champion\u{2019}s details"
        case .followUpAnswered: "Recorded a follow-up\u{2019}s answers"
        case .followUpUnanswered: "Could not reach a resident for a follow-up"
        case .championChecksChanged: "Changed the checks champions need"
        case .sessionCreated: "Put on a skills session"
        case .sessionChanged: "Changed a skills session"
        case .sessionCancelled: "Cancelled a skills session"
        case .sessionBooked: "Booked a resident onto a session"
        case .sessionBookingCancelled: "Cancelled a resident\u{2019}s booking"
        case .sessionRegister: "Took a session\u{2019}s register"
        case .skillsReviewed: "Recorded what a learner can do"
        case .retentionChanged: "Changed how long personal data is kept"
        case .retentionApplied: "Removed personal data kept longer than the council\u{2019}s settings allow"
        case .retentionResidents: "Anonymised residents whose cases closed longer ago than the council keeps them"
        case .subjectAccessGiven: "Gave a resident a copy of everything held about them"
        case .residentErased: "Erased a resident\u{2019}s personal data"
        }
    }
}

enum Audit {
    /// Appends to the log. Pass the transaction the change itself runs in, so that the change
    /// and its record stand or fall together.
    static func record(
        _ action: AuditAction, by actor: AuditActor, recordType: String, recordID: UUID?, summary: String,
        councilID: UUID? = nil, on database: any Database, now: Date
    ) async throws {
        try await insertLine(
            id: .timeOrdered(at: now), at: now, councilID: councilID ?? actor.councilID, by: actor, action: action,
            recordType: recordType, recordID: recordID, summary: summary, on: database as! any SQLDatabase
        )
    }

    /// One line of the log, written as plain values: every audited request writes one, and
    /// building an `AuditEvent` model for it (its fields found by reflection) cost more than
    /// the insert. Ids are time-ordered, so each line goes in beside the lines written just
    /// before it in the id's index, not on a page of its own.
    private static func insertLine(
        id: UUID, at now: Date, councilID: UUID?, by actor: AuditActor, action: AuditAction, recordType: String, recordID: UUID?,
        summary: String, on sql: any SQLDatabase
    ) async throws {
        try await sql.insert(into: AuditEvent.schema).columns(lineColumns)
            .values(lineValues(id: id, at: now, councilID: councilID, by: actor, action: action, recordType: recordType, recordID: recordID, summary: summary))
            .run()
    }

    static let lineColumns = ["id", "occurred_at", "council_id", "organisation_id", "actor_id", "actor", "action", "record_type", "record_id", "summary", "ip_address"]

    /// A line's values, in the order of `lineColumns`.
    static func lineValues(
        id: UUID, at now: Date, councilID: UUID?, by actor: AuditActor, action: AuditAction, recordType: String, recordID: UUID?, summary: String
    ) -> [any SQLExpression] {
        func bound(_ value: (any Encodable & Sendable)?) -> any SQLExpression { value.map { SQLBind($0) } ?? SQLLiteral.null }
        return [
            bound(id), bound(now), bound(councilID), bound(actor.organisationID), bound(actor.userID), bound(actor.label),
            bound(action.rawValue), bound(recordType), bound(recordID?.uuidString), bound(summary), bound(actor.ipAddress),
        ]
    }
}
