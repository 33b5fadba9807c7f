import Fluent
import SQLKit
import OnrampCore
import Vapor

/// A row of the work queue, with what the list shows of its case.
struct QueueRow: Sendable {
    /// The referral's own columns that lists show: a narrow row, not the whole model.
    struct Shown: Sendable {
        let id: UUID
        let caseID: UUID
        let offerID: UUID
        let status: ReferralStatus
        /// The first-contact deadline, "2026-11-27".
        let contactDue: String

        enum Column: String, CaseIterable {
            case id, status
            case caseID = "case_id", offerID = "offer_id", contactDue = "contact_due"
        }

        /// Read column by column: SQLKit's decoding of a row as a `Decodable` was 5% of a queue
        /// page's CPU.
        init(_ row: any SQLRow) throws {
            id = try row.id(Column.id.rawValue)
            caseID = try row.id(Column.caseID.rawValue)
            offerID = try row.id(Column.offerID.rawValue)
            status = try row.decode(column: Column.status.rawValue, as: ReferralStatus.self)
            contactDue = try row.decode(column: Column.contactDue.rawValue, as: String.self)
        }

        func isOverdue(today: CalendarDay) -> Bool { status.isOverdue(contactDue: contactDue, today: today) }
    }

    let referral: Shown
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

    /// The statuses the queue holds: the one chosen; otherwise the open ones, or, for a typed
    /// reference, nil: its case's referrals in any status.
    var statuses: [ReferralStatus]? {
        status.map { [$0] } ?? (typedReference.isEmpty ? ReferralStatus.allOpen : nil)
    }
}

enum ReferralQueue {
    static let pageSize = 25

    /// The open statuses (OnrampCore's `isOpen`) written out as SQL literals, so that the partial
    /// indexes of open referrals (see CreateCases) match the query: a bound parameter could not
    /// prove they apply.
    static let openCondition = statusIn(ReferralStatus.allOpen)
    /// Open and not yet contacted: what a first-contact deadline can be missed by.
    static let awaitingContact = statusIn(ReferralStatus.allCases.filter(\.awaitsContact))

    private static func statusIn(_ statuses: [ReferralStatus]) -> SQLRaw {
        SQLRaw("status IN (\(statuses.map { "'\($0.rawValue)'" }.joined(separator: ", ")))")
    }

    /// The pages stop here: a queue this long needs attention, not an exact number, and a page
    /// far down it would be read past every row before it. A queue narrowed by reference is
    /// counted from its rows only this far.
    static let countLimit = 10_000

    struct Page: Sendable {
        let paging: Paging
        let rows: [QueueRow]
        /// More referrals match than `countLimit`; the pages cover the first ones.
        let isCapped: Bool
    }

    /// One page of the queue, the most urgent first: by first-contact deadline, then age, then
    /// id, so that every referral has one place in it. The count is the tallies' (`tallied`) or
    /// reads an index, as the page does (`pageSelect`).
    static func page(
        _ scope: Scope, filter: QueueFilter, page: Int?, today: CalendarDay, countLimit: Int = countLimit, on database: any Database
    ) async throws -> Page {
        let sql = database as! any SQLDatabase
        let total: Int
        if let tallied = try await tallied(scope, filter: filter, today: today, on: sql) {
            total = tallied
        } else {
            let matching = narrowed(sql.select().column(SQLLiteral.numeric("1")), scope, filter: filter, today: today).limit(countLimit + 1)
            total = try await sql.select().countingAll()
                .from(SQLAlias(SQLGroupExpression(matching.select), as: SQLIdentifier("matching"))).first(decoding: Total.self)?.total ?? 0
        }
        let paging = Paging(requested: page, size: pageSize, totalItems: min(total, countLimit))
        let found = try await pageSelect(paging, scope, filter: filter, today: today, on: sql).all()
        return Page(paging: paging, rows: try found.map(queueRow), isCapped: total > countLimit)
    }

    /// The referrals of the queue `scope` and `filter` make, from `Referral.schema`.
    private static func narrowed(_ select: SQLSelectBuilder, _ scope: Scope, filter: QueueFilter, today: CalendarDay) -> SQLSelectBuilder {
        let select = Referral.within(scope, select.from(Referral.schema))
        if !filter.typedReference.isEmpty {
            let reference = filter.reference ?? ""
            select.where("case_id", .in, SQLSubquery.select { $0.column("id").from(HelpCase.schema).where("council_id", .equal, scope.councilID).where("reference", .equal, reference) })
        }
        if let statuses = filter.statuses { select.where(Set(statuses) == Set(ReferralStatus.allOpen) ? openCondition : SQLBinaryExpression(SQLColumn("status"), .in, SQLBind.group(statuses.map(\.rawValue)))) }
        if filter.overdueOnly { select.where(awaitingContact).where("contact_due", .lessThan, today.iso) }
        return select
    }

    /// The rows of a page of the queue in one statement: the page's ids read from the index,
    /// as their own subquery, then their rows by id, in the same order again outside.
    static func pageSelect(_ paging: Paging, _ scope: Scope, filter: QueueFilter, today: CalendarDay, on sql: any SQLDatabase) -> SQLSelectBuilder {
        // id last: referrals made together share a deadline and a time (OrderReferralQueueByID).
        let order = ["contact_due", "created_at", "id"]
        let ids = order.reduce(narrowed(sql.select().column("id"), scope, filter: filter, today: today)) { $0.orderBy($1) }.limit(paging.size).offset(paging.offset)
        return order.reduce(rowsSelect(where: SQLGroupExpression(ids.select), on: sql)) { $0.orderBy(SQLColumn($1, table: Referral.schema)) }
    }

    private struct Total: Decodable { let total: Int }

    /// The sum of a tally's `referrals` (`referral_counts`, `referral_due_counts`), 0 for no
    /// rows. PostgreSQL sums integers as numeric: cast back to an integer both databases decode.
    static let summedReferrals = SQLRaw("CAST(COALESCE(SUM(referrals), 0) AS BIGINT)")

    /// How many referrals a queue of whole statuses holds (the open queue, or one status),
    /// from `referral_counts`, which triggers on `referrals` keep (AddReferralCounts); narrowed
    /// to overdue ones, from `referral_due_counts`, a row a deadline (AddReferralDueCounts); nil
    /// for a queue narrowed by reference, counted from the rows.
    private static func tallied(_ scope: Scope, filter: QueueFilter, today: CalendarDay, on sql: any SQLDatabase) async throws -> Int? {
        guard filter.typedReference.isEmpty, let statuses = filter.statuses else { return nil }
        if filter.overdueOnly { return try await overdue(scope, statuses: statuses, today: today, on: sql) }
        return try await summed("referral_counts", statuses: statuses, scope, on: sql)
    }

    /// How many referrals of these statuses are overdue (awaiting contact, the deadline before
    /// `today`), from `referral_due_counts`: a row a deadline, not a row a referral.
    static func overdue(_ scope: Scope, statuses: [ReferralStatus], today: CalendarDay, on sql: any SQLDatabase) async throws -> Int {
        let awaiting = statuses.filter(\.awaitsContact)
        guard !awaiting.isEmpty else { return 0 }
        return try await summed("referral_due_counts", statuses: awaiting, scope, on: sql) { $0.where("contact_due", .lessThan, today.iso) }
    }

    /// The referrals a tally (`referral_counts`, `referral_due_counts`) holds for these
    /// statuses within `scope`, its rows narrowed further by `narrowed`.
    private static func summed(
        _ tally: String, statuses: [ReferralStatus], _ scope: Scope, on sql: any SQLDatabase,
        narrowed: (SQLSelectBuilder) -> SQLSelectBuilder = { $0 }
    ) async throws -> Int {
        let select = sql.select().column(summedReferrals, as: "total").from(tally).where("status", .in, SQLBind.group(statuses.map(\.rawValue)))
        return try await Referral.within(scope, narrowed(select)).first(decoding: Total.self)?.total ?? 0
    }

    /// The rows for these referrals, in their order.
    static func rows(_ referrals: [Referral], on database: any Database) async throws -> [QueueRow] {
        try await rows(ids: referrals.compactMap(\.id), on: database)
    }

    /// The rows for the referrals `ids` names, in that order, read in one statement with what
    /// each names: its case's reference and resident, the offer, the partner. The caller has
    /// already narrowed `ids` to what its reader may see.
    static func rows(ids: [UUID], on database: any Database) async throws -> [QueueRow] {
        guard !ids.isEmpty else { return [] }
        let found = try await rowsSelect(where: SQLBind.group(ids), on: database as! any SQLDatabase).all()
        let rows = try Dictionary(found.map { (try $0.id("id"), $0) }, uniquingKeysWith: { (first: any SQLRow, _: any SQLRow) in first })
        return try ids.compactMap { id in try rows[id].map(queueRow) }
    }

    /// The select of the rows of the referrals whose id is in `ids` (bound ids, or a subquery),
    /// with what each names: its case's reference and resident, the offer, the partner.
    private static func rowsSelect(where ids: some SQLExpression, on sql: any SQLDatabase) -> SQLSelectBuilder {
        // Names as subqueries, not joins: PostgreSQL plans each statement afresh, and a join of
        // five tables took it twice as long to plan.
        func name(of table: String, id: SQLColumn) -> some SQLExpression {
            SQLSubquery.select { $0.column(SQLColumn("name", table: table)).from(table).where(SQLColumn("id", table: table), .equal, id) }
        }
        return sql.select()
            .columns(QueueRow.Shown.Column.allCases.map { SQLColumn($0.rawValue, table: Referral.schema) })
            .column(SQLColumn("reference", table: HelpCase.schema), as: "shown_reference")
            .column(SQLColumn("resident_id", table: HelpCase.schema), as: "shown_resident_id")
            .column(name(of: Resident.schema, id: SQLColumn("resident_id", table: HelpCase.schema)), as: "shown_resident")
            .column(name(of: HelpOffer.schema, id: SQLColumn("offer_id", table: Referral.schema)), as: "shown_offer")
            .column(name(of: Organisation.schema, id: SQLColumn("organisation_id", table: Referral.schema)), as: "shown_partner")
            .from(Referral.schema)
            .join(HelpCase.schema, method: SQLJoinMethod.left, on: SQLColumn("case_id", table: Referral.schema), .equal, SQLColumn("id", table: HelpCase.schema))
            .where(SQLColumn("id", table: Referral.schema), .in, ids)
    }

    private static func queueRow(_ row: any SQLRow) throws -> QueueRow {
        QueueRow(
            referral: try QueueRow.Shown(row), residentID: try row.optionalID("shown_resident_id"),
            reference: try row.decode(column: "shown_reference", as: String?.self).map { ReferenceNumber(stored: $0).description } ?? "",
            residentName: try row.decode(column: "shown_resident", as: String?.self) ?? "",
            offerName: try row.decode(column: "shown_offer", as: String?.self) ?? "",
            partnerName: try row.decode(column: "shown_partner", as: String?.self) ?? ""
        )
    }
}
