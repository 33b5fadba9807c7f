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
        // triggers; and a run stopped part way can run again.
        try await database.transaction { tx in
            let sql = tx as! any SQLDatabase
            for statement in Self.dropTriggers(dialect: sql.dialect.name) { try await sql.raw(SQLQueryString(statement)).run() }
            if sql.dialect.name == "postgresql" { try await sql.raw("LOCK TABLE referrals IN SHARE MODE").run() }
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
    /// more where it is. The unique key's order (partner first) is the one the queue reads by.
    private static func triggers(dialect: String) -> [String] {
        let less = "UPDATE referral_counts SET referrals = referrals - 1 WHERE organisation_id = OLD.organisation_id AND status = OLD.status AND council_id = OLD.council_id"
        let more = """
            INSERT INTO referral_counts (council_id, organisation_id, status, referrals) VALUES (NEW.council_id, NEW.organisation_id, NEW.status, 1)
            ON CONFLICT (organisation_id, status, council_id) DO UPDATE SET referrals = referral_counts.referrals + 1
            """
        let moved = "OLD.status IS DISTINCT FROM NEW.status OR OLD.organisation_id IS DISTINCT FROM NEW.organisation_id OR OLD.council_id IS DISTINCT FROM NEW.council_id"
        if dialect == "postgresql" {
            return [
                """
                CREATE FUNCTION referral_counts_follow() RETURNS trigger AS $$
                BEGIN
                    IF TG_OP <> 'INSERT' THEN \(less); END IF;
                    IF TG_OP <> 'DELETE' THEN \(more); END IF;
                    RETURN NULL;
                END;
                $$ LANGUAGE plpgsql
                """,
                "CREATE TRIGGER referral_counts_insert_delete AFTER INSERT OR DELETE ON referrals FOR EACH ROW EXECUTE FUNCTION referral_counts_follow()",
                """
                CREATE TRIGGER referral_counts_update AFTER UPDATE OF status, organisation_id, council_id ON referrals
                FOR EACH ROW WHEN (\(moved)) EXECUTE FUNCTION referral_counts_follow()
                """,
            ]
        }
        let sqliteMoved = moved.replacingOccurrences(of: "IS DISTINCT FROM", with: "IS NOT")
        return [
            "CREATE TRIGGER referral_counts_insert AFTER INSERT ON referrals BEGIN \(more); END",
            "CREATE TRIGGER referral_counts_delete AFTER DELETE ON referrals BEGIN \(less); END",
            "CREATE TRIGGER referral_counts_update AFTER UPDATE OF status, organisation_id, council_id ON referrals WHEN \(sqliteMoved) BEGIN \(less); \(more); END",
        ]
    }
}
