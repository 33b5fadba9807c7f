import Fluent
import SQLKit
import OnrampCore
import Vapor

/// A row of the work queue, with what the list shows of its case.
struct QueueRow: Sendable {
    let referral: Referral
    /// Whose referral it is, for the audit log's record of who saw them.
    let residentID: UUID?
    let reference: String
    let residentName: String
    let offerName: String
    let partnerName: String
}

struct QueueFilter: Sendable {
    var status: ReferralStatus?
    var overdueOnly = false
    /// A case's whole reference, as a resident reads it out on the phone: its referrals in any
    /// status. Typed but not a reference: nothing matches, and the page says why.
    var reference: String?
    var typedReference = ""
}

enum ReferralQueue {
    static let pageSize = 25

    /// The open statuses (OnrampCore's `isOpen`) written out as SQL literals, so that the partial
    /// indexes of open referrals (see CreateCases) match the query: a bound parameter could not
    /// prove they apply.
    static let openCondition = statusIn(ReferralStatus.allCases.filter(\.isOpen))
    /// Open and not yet contacted: what a first-contact deadline can be missed by.
    static let awaitingContact = statusIn(ReferralStatus.allCases.filter { $0.isOpen && !$0.isContactMade })

    private static func statusIn(_ statuses: [ReferralStatus]) -> SQLRaw {
        SQLRaw("status IN (\(statuses.map { "'\($0.rawValue)'" }.joined(separator: ", ")))")
    }

    /// Counting stops here: a queue this long needs attention, not an exact number, and counting
    /// hundreds of thousands of rows on every page would slow every page.
    static let countLimit = 10_000

    struct Page: Sendable {
        let paging: Paging
        let rows: [QueueRow]
        /// More referrals match than `countLimit`; the pages cover the first ones.
        let isCapped: Bool
    }

    /// One page of the queue, the most urgent first: by first-contact deadline, then age. The
    /// count and the page read indexes only; the 25 rows are then fetched by id.
    static func page(
        _ scope: Scope, filter: QueueFilter, page: Int?, today: CalendarDay, countLimit: Int = countLimit, on database: any Database
    ) async throws -> Page {
        let sql = database as! any SQLDatabase
        func narrowed(_ select: SQLSelectBuilder) -> SQLSelectBuilder {
            let select = select.from(Referral.schema)
            // The organisation's referrals are all in its council; its index reads them alone.
            if let organisationID = scope.organisationID { select.where("organisation_id", .equal, organisationID) } else { select.where("council_id", .equal, scope.councilID) }
            if !filter.typedReference.isEmpty {
                let reference = filter.reference ?? ""
                select.where("case_id", .in, SQLSubquery.select { $0.column("id").from(HelpCase.schema).where("council_id", .equal, scope.councilID).where("reference", .equal, reference) })
            }
            if let status = filter.status { select.where("status", .equal, status.rawValue) } else if filter.typedReference.isEmpty { select.where(openCondition) }
            if filter.overdueOnly { select.where(awaitingContact).where("contact_due", .lessThan, today.iso) }
            return select
        }
        struct Count: Decodable { let total: Int }
        let matching = narrowed(sql.select().column(SQLLiteral.numeric("1"))).limit(countLimit + 1)
        let total = try await sql.select().countingAll()
            .from(SQLAlias(SQLGroupExpression(matching.select), as: SQLIdentifier("matching"))).first(decoding: Count.self)?.total ?? 0
        let paging = Paging(requested: page, size: pageSize, totalItems: min(total, countLimit))
        let ids = try await narrowed(sql.select().column("id")).orderBy("contact_due").orderBy("created_at")
            .limit(paging.size).offset(paging.offset).all().map { try $0.decode(column: "id", as: UUID.self) }
        let found = try await Referral.query(on: database).filter(\.$id ~~ ids).all()
        let referrals = ids.compactMap { id in found.first { $0.id == id } }
        return Page(paging: paging, rows: try await rows(referrals, on: database), isCapped: total > countLimit)
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
                referral: referral, residentID: helpCase?.residentID, reference: helpCase?.referenceNumber.description ?? "",
                residentName: residents.first { $0.id == helpCase?.residentID }?.name ?? "",
                offerName: offers.first { $0.id == referral.offerID }?.name ?? "",
                partnerName: partners.first { $0.id == referral.organisationID }?.name ?? ""
            )
        }
    }
}
