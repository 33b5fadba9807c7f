import Fluent
import SQLKit

/// `referral_due_counts`, each partner's referrals by status and first-contact deadline, kept
/// by triggers on `referrals` as AddReferralCounts keeps `referral_counts`, and counted here
/// once from the referrals already there. The work queue narrowed to overdue referrals adds up
/// a row a day before today here, rather than counting up to ten thousand referrals a page: at
/// 1,000,000 residents the demo partner has 146,911 overdue over 362 days, and PostgreSQL took
/// 2.3 ms to count the first 10,001 of them (EXPLAIN ANALYZE, warm).
struct AddReferralDueCounts: AsyncMigration {
    /// The tally's key, in the order its unique index (made with the table below) and its locks take it.
    private static let key = ["organisation_id", "status", "contact_due", "council_id"]
    private static let keyList = key.joined(separator: ", ")

    func prepare(on database: any Database) async throws {
        try await database.schema("referral_due_counts")
            .field("council_id", .uuid, .required, .references(Organisation.schema, .id))
            .field("organisation_id", .uuid, .required, .references(Organisation.schema, .id))
            .field("status", .string, .required)
            .field("contact_due", .string, .required)
            .field("referrals", .int, .required)
            .unique(on: "organisation_id", "status", "contact_due", "council_id")
            .ignoreExisting()
            .create()
        // In one transaction, for the reasons AddReferralCounts gives.
        try await database.transaction { tx in
            let sql = tx as! any SQLDatabase
            if sql.dialect.name == "postgresql" { try await sql.raw("LOCK TABLE referrals IN SHARE ROW EXCLUSIVE MODE").run() }
            // A council's officers read their whole council's overdue referrals.
            try await sql.raw("CREATE INDEX IF NOT EXISTS referral_due_counts_council ON referral_due_counts (council_id, status, contact_due)").run()
            for statement in Self.dropTriggers(dialect: sql.dialect.name) { try await sql.raw(SQLQueryString(statement)).run() }
            try await sql.raw("DELETE FROM referral_due_counts").run()
            try await sql.raw(SQLQueryString("INSERT INTO referral_due_counts (\(Self.keyList), referrals) SELECT \(Self.keyList), COUNT(*) FROM referrals GROUP BY \(Self.keyList)")).run()
            for statement in Self.triggers(dialect: sql.dialect.name) { try await sql.raw(SQLQueryString(statement)).run() }
        }
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for statement in Self.dropTriggers(dialect: sql.dialect.name) { try await sql.raw(SQLQueryString(statement)).run() }
        try await database.schema("referral_due_counts").delete()
    }

    private static func dropTriggers(dialect: String) -> [String] {
        dialect == "postgresql"
            ? ["DROP FUNCTION IF EXISTS referral_due_counts_follow() CASCADE"]
            : ["insert", "delete", "update"].map { "DROP TRIGGER IF EXISTS referral_due_counts_\($0)" }
    }

    /// One less where a referral was, one more where it is: a statement's rows added up once on
    /// PostgreSQL (transition tables), each row on SQLite (row triggers only). A row that falls
    /// to nothing goes: every deadline starts with a received referral, and the overdue count
    /// reads every row before today, so rows left at 0 would pile up a day at a time.
    private static func triggers(dialect: String) -> [String] {
        let conflict = "ON CONFLICT (\(keyList)) DO UPDATE SET referrals = referral_due_counts.referrals +"
        if dialect == "postgresql" {
            func add(_ changes: String) -> String {
                """
                INSERT INTO referral_due_counts (\(keyList), referrals)
                SELECT \(keyList), SUM(change) FROM (\(changes)) AS changes
                GROUP BY \(keyList) HAVING SUM(change) <> 0 ORDER BY \(keyList)
                \(conflict) excluded.referrals;
                """
            }
            let added = "SELECT \(keyList), 1 AS change FROM added"
            let removed = "SELECT \(keyList), -1 AS change FROM removed"
            // The rows the upsert just locked, so no lock is taken in another order.
            let pruned = """
                DELETE FROM referral_due_counts AS tally USING (SELECT DISTINCT \(keyList) FROM removed) AS gone
                WHERE \(key.map { "tally.\($0) = gone.\($0)" }.joined(separator: " AND ")) AND tally.referrals = 0;
                """
            return [
                """
                CREATE FUNCTION referral_due_counts_follow() RETURNS trigger AS $$
                BEGIN
                    IF TG_OP = 'INSERT' THEN \(add(added))
                    ELSIF TG_OP = 'DELETE' THEN \(add(removed)) \(pruned)
                    ELSE \(add("\(added) UNION ALL \(removed)")) \(pruned)
                    END IF;
                    RETURN NULL;
                END;
                $$ LANGUAGE plpgsql
                """,
                "CREATE TRIGGER referral_due_counts_insert AFTER INSERT ON referrals REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION referral_due_counts_follow()",
                "CREATE TRIGGER referral_due_counts_delete AFTER DELETE ON referrals REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION referral_due_counts_follow()",
                """
                CREATE TRIGGER referral_due_counts_update AFTER UPDATE ON referrals REFERENCING OLD TABLE AS removed NEW TABLE AS added
                FOR EACH STATEMENT EXECUTE FUNCTION referral_due_counts_follow()
                """,
            ]
        }
        let old = key.map { "\($0) = OLD.\($0)" }.joined(separator: " AND ")
        let less = "UPDATE referral_due_counts SET referrals = referrals - 1 WHERE \(old); DELETE FROM referral_due_counts WHERE \(old) AND referrals = 0"
        let more = "INSERT INTO referral_due_counts (\(keyList), referrals) VALUES (\(key.map { "NEW.\($0)" }.joined(separator: ", ")), 1) \(conflict) 1"
        return [
            "CREATE TRIGGER referral_due_counts_insert AFTER INSERT ON referrals BEGIN \(more); END",
            "CREATE TRIGGER referral_due_counts_delete AFTER DELETE ON referrals BEGIN \(less); END",
            """
            CREATE TRIGGER referral_due_counts_update AFTER UPDATE OF \(keyList) ON referrals
            WHEN \(key.map { "OLD.\($0) IS NOT NEW.\($0)" }.joined(separator: " OR "))
            BEGIN \(less); \(more); END
            """,
        ]
    }
}
