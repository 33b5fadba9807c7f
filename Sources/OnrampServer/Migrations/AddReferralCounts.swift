import Fluent
import SQLKit

/// `referral_counts`, each partner's referrals by status, kept by triggers on `referrals` as
/// referrals are made, moved, re-routed, merged and erased, whichever code or SQL writes them,
/// and counted here once from the referrals already there. The work queue reads its number of
/// open referrals here rather than counting up to ten thousand rows a page (ReferralQueue).
struct AddReferralCounts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("referral_counts")
            .field("council_id", .uuid, .required, .references(Organisation.schema, .id))
            .field("organisation_id", .uuid, .required, .references(Organisation.schema, .id))
            .field("status", .string, .required)
            .field("referrals", .int, .required)
            .unique(on: "organisation_id", "status", "council_id")
            .ignoreExisting()
            .create()
        // In one transaction, so that no referral is written between the count and the
        // triggers (on PostgreSQL the lock CREATE TRIGGER needs, taken first, so that two
        // servers migrating at once wait for each other rather than deadlock); and a run
        // stopped part way can run again.
        try await database.transaction { tx in
            let sql = tx as! any SQLDatabase
            if sql.dialect.name == "postgresql" { try await sql.raw("LOCK TABLE referrals IN SHARE ROW EXCLUSIVE MODE").run() }
            for statement in Self.dropTriggers(dialect: sql.dialect.name) { try await sql.raw(SQLQueryString(statement)).run() }
            try await sql.raw("DELETE FROM referral_counts").run()
            try await sql.raw("""
                INSERT INTO referral_counts (council_id, organisation_id, status, referrals)
                SELECT council_id, organisation_id, status, COUNT(*) FROM referrals GROUP BY council_id, organisation_id, status
                """).run()
            for statement in Self.triggers(dialect: sql.dialect.name) { try await sql.raw(SQLQueryString(statement)).run() }
        }
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for statement in Self.dropTriggers(dialect: sql.dialect.name) { try await sql.raw(SQLQueryString(statement)).run() }
        try await database.schema("referral_counts").delete()
    }

    private static func dropTriggers(dialect: String) -> [String] {
        dialect == "postgresql"
            ? ["DROP FUNCTION IF EXISTS referral_counts_follow() CASCADE"]
            : ["insert", "delete", "update"].map { "DROP TRIGGER IF EXISTS referral_counts_\($0)" }
    }

    /// A referral counts under its council, partner and status: one less where it was, one
    /// more where it is. PostgreSQL adds up each statement's rows once (transition tables), so a
    /// statement writing a million referrals updates each tally once rather than a million
    /// times in one transaction, each past every version of the row before it; and in the
    /// tallies' key order, so that two statements lock them in the same order. SQLite changes
    /// rows in place, and has row triggers only.
    private static func triggers(dialect: String) -> [String] {
        if dialect == "postgresql" {
            func add(_ changes: String) -> String {
                """
                INSERT INTO referral_counts (council_id, organisation_id, status, referrals)
                SELECT council_id, organisation_id, status, SUM(change) FROM (\(changes)) AS changes
                GROUP BY council_id, organisation_id, status HAVING SUM(change) <> 0 ORDER BY organisation_id, status, council_id
                ON CONFLICT (organisation_id, status, council_id) DO UPDATE SET referrals = referral_counts.referrals + excluded.referrals;
                """
            }
            let added = "SELECT council_id, organisation_id, status, 1 AS change FROM added"
            let removed = "SELECT council_id, organisation_id, status, -1 AS change FROM removed"
            return [
                // An update counts each row once where it is and once less where it was: rows
                // whose status, partner and council stay the same add up to nothing.
                """
                CREATE FUNCTION referral_counts_follow() RETURNS trigger AS $$
                BEGIN
                    IF TG_OP = 'INSERT' THEN \(add(added))
                    ELSIF TG_OP = 'DELETE' THEN \(add(removed))
                    ELSE \(add("\(added) UNION ALL \(removed)"))
                    END IF;
                    RETURN NULL;
                END;
                $$ LANGUAGE plpgsql
                """,
                "CREATE TRIGGER referral_counts_insert AFTER INSERT ON referrals REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION referral_counts_follow()",
                "CREATE TRIGGER referral_counts_delete AFTER DELETE ON referrals REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION referral_counts_follow()",
                """
                CREATE TRIGGER referral_counts_update AFTER UPDATE ON referrals REFERENCING OLD TABLE AS removed NEW TABLE AS added
                FOR EACH STATEMENT EXECUTE FUNCTION referral_counts_follow()
                """,
            ]
        }
        let less = "UPDATE referral_counts SET referrals = referrals - 1 WHERE organisation_id = OLD.organisation_id AND status = OLD.status AND council_id = OLD.council_id"
        let more = """
            INSERT INTO referral_counts (council_id, organisation_id, status, referrals) VALUES (NEW.council_id, NEW.organisation_id, NEW.status, 1)
            ON CONFLICT (organisation_id, status, council_id) DO UPDATE SET referrals = referral_counts.referrals + 1
            """
        return [
            "CREATE TRIGGER referral_counts_insert AFTER INSERT ON referrals BEGIN \(more); END",
            "CREATE TRIGGER referral_counts_delete AFTER DELETE ON referrals BEGIN \(less); END",
            """
            CREATE TRIGGER referral_counts_update AFTER UPDATE OF status, organisation_id, council_id ON referrals
            WHEN OLD.status IS NOT NEW.status OR OLD.organisation_id IS NOT NEW.organisation_id OR OLD.council_id IS NOT NEW.council_id
            BEGIN \(less); \(more); END
            """,
        ]
    }
}
