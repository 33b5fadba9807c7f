import Fluent
import SQLKit

/// The referral queue in a whole order: by first-contact deadline, then age, then id. A
/// package's referrals are made at one moment, so deadline and age alone left them in no set
/// order: as the database chose its plan, a page could repeat one of them and the next page
/// skip another. Each of the queue's four indexes (`CreateCases.referralQueueIndexes`) ends in
/// id too, so that the queue is still read in index order rather than sorted.
struct OrderReferralQueueByID: AsyncMigration {
    /// The open statuses as this migration found them, written out: the query's own
    /// (`ReferralQueue.openCondition`) must be the same for the partial indexes to serve it,
    /// which ReferralQueueTests checks; a change to them needs a migration of its own.
    static let openCondition = "status IN ('received', 'contacted', 'in-progress', 'could-not-contact')"
    static let indexes: [(name: String, sql: String)] = [
        ("referrals_partner_status", "CREATE INDEX referrals_partner_status ON referrals (organisation_id, status, contact_due, created_at, id)"),
        ("referrals_partner_open", "CREATE INDEX referrals_partner_open ON referrals (organisation_id, contact_due, created_at, id) WHERE \(openCondition)"),
        ("referrals_council_status", "CREATE INDEX referrals_council_status ON referrals (council_id, status, contact_due, created_at, id)"),
        ("referrals_council_open", "CREATE INDEX referrals_council_open ON referrals (council_id, contact_due, created_at, id) WHERE \(openCondition)"),
    ]

    /// In one transaction, so that a process stopped part way leaves the indexes as they were.
    func prepare(on database: any Database) async throws {
        try await replace(with: Self.indexes, on: database)
    }

    func revert(on database: any Database) async throws {
        try await replace(with: CreateCases.referralQueueIndexes.map { ($0.name, $0.sql) }, on: database)
    }

    private func replace(with indexes: [(name: String, sql: String)], on database: any Database) async throws {
        try await database.transaction { tx in
            let sql = tx as! any SQLDatabase
            for index in indexes {
                try await sql.drop(index: index.name).ifExists().run()
                try await sql.raw(SQLQueryString(index.sql)).run()
            }
        }
    }
}
