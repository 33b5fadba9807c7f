import Fluent
import SQLKit

/// The audit log, with triggers that make the database itself refuse to change or remove a row.
struct CreateAuditEvents: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(AuditEvent.schema)
            .id()
            .field("occurred_at", .datetime, .required)
            .field("council_id", .uuid)
            .field("organisation_id", .uuid)
            .field("actor_id", .uuid)
            .field("actor", .string, .required)
            .field("action", .string, .required)
            .field("record_type", .string, .required)
            .field("record_id", .string)
            .field("summary", .string, .required)
            .field("ip_address", .string)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "audit_events_council_time_idx")
            .on(AuditEvent.schema).column("council_id").column("occurred_at").run()
        for statement in Self.appendOnlyStatements(dialect: sql.dialect.name) {
            try await sql.raw(SQLQueryString(statement)).run()
        }
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        if sql.dialect.name == "postgresql" {
            try await sql.raw("DROP FUNCTION IF EXISTS audit_events_refuse_change() CASCADE").run()
        }
        try await database.schema(AuditEvent.schema).delete()
    }

    static func appendOnlyStatements(dialect: String) -> [String] {
        if dialect == "postgresql" {
            return [
                """
                CREATE FUNCTION audit_events_refuse_change() RETURNS trigger AS $$
                BEGIN RAISE EXCEPTION 'the audit log is append-only'; END;
                $$ LANGUAGE plpgsql
                """,
                """
                CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
                FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change()
                """,
            ]
        }
        return ["UPDATE", "DELETE"].map { verb in
            """
            CREATE TRIGGER audit_events_no_\(verb.lowercased()) BEFORE \(verb) ON audit_events
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END
            """
        }
    }
}
