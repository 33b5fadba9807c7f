import Fluent
import OnrampCore
import Vapor

/// Who may see which referrals: partner staff their own organisation's, the council's officers all.
struct ReferralScope: Sendable {
    let councilID: UUID
    let organisationID: UUID?

    init(_ staff: StaffContext) {
        councilID = staff.councilID
        organisationID = staff.role == .partner ? staff.organisation.id : nil
    }

    func allows(_ referral: Referral) -> Bool {
        referral.councilID == councilID && (organisationID == nil || referral.organisationID == organisationID)
    }
}

/// A row of the work queue, with what the list shows of its case.
struct QueueRow: Sendable {
    let referral: Referral
    let reference: String
    let residentName: String
    let offerName: String
    let partnerName: String
}

struct QueueFilter: Sendable {
    var status: ReferralStatus?
    var overdueOnly = false

    static let openStatuses: [ReferralStatus] = [.received, .contacted, .inProgress, .couldNotContact]
}

enum ReferralQueue {
    static let pageSize = 25

    /// One page of the queue, the most urgent first: by first-contact deadline, then age.
    static func page(_ scope: ReferralScope, filter: QueueFilter, page: Int?, today: CalendarDay, on database: any Database) async throws -> (Paging, [QueueRow]) {
        let query = Referral.query(on: database)
        if let organisationID = scope.organisationID { query.filter(\.$organisationID == organisationID) } else { query.filter(\.$councilID == scope.councilID) }
        if let status = filter.status { query.filter(\.$status == status) } else { query.filter(\.$status ~~ QueueFilter.openStatuses) }
        if filter.overdueOnly {
            query.filter(\.$status ~~ [.received, .couldNotContact]).filter(\.$contactDue < today.iso)
        }
        let paging = Paging(requested: page, size: pageSize, totalItems: try await query.count())
        let referrals = try await query.sort(\.$contactDue).sort(\.$createdAt).range(paging.offset..<(paging.offset + paging.size)).all()
        return (paging, try await rows(referrals, on: database))
    }

    static func rows(_ referrals: [Referral], on database: any Database) async throws -> [QueueRow] {
        guard !referrals.isEmpty else { return [] }
        let cases = try await HelpCase.query(on: database).filter(\.$id ~~ Set(referrals.map(\.caseID))).all()
        let residents = try await Resident.query(on: database).filter(\.$id ~~ Set(cases.map(\.residentID))).all()
        let offers = try await HelpOffer.query(on: database).filter(\.$id ~~ Set(referrals.map(\.offerID))).all()
        let partners = try await Organisation.query(on: database).filter(\.$id ~~ Set(referrals.map(\.organisationID))).all()
        return referrals.map { referral in
            let helpCase = cases.first { $0.id == referral.caseID }
            return QueueRow(
                referral: referral, reference: helpCase.flatMap { ReferenceNumber(typed: $0.reference)?.description } ?? "",
                residentName: residents.first { $0.id == helpCase?.residentID }?.name ?? "",
                offerName: offers.first { $0.id == referral.offerID }?.name ?? "",
                partnerName: partners.first { $0.id == referral.organisationID }?.name ?? ""
            )
        }
    }
}
