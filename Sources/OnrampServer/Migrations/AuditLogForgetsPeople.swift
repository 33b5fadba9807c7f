import Fluent
import OnrampCore
import SQLKit

/// The audit log holds ids and actions, not the names of the public. Lines written before this
/// release named champions (as actors, by their account's email, too) and the residents who
/// booked a session; they are rewritten once, here, with the append-only triggers lifted inside
/// the migration's transaction. From now on the log
/// stays append-only except for one change: clearing a line's IP address, which the daily
/// retention run does after `Retention.addressDays`.
struct AuditLogForgetsPeople: AsyncMigration {
    /// The actions whose summaries named a champion or a person who booked.
    static let naming: [AuditAction] = [
        .championApplied, .championMoved, .championPaused, .championCheckRecorded, .championHoursRecorded, .championDetailsChanged,
        .sessionBooked, .sessionBookingCancelled,
    ]
    static let replaced = "This line named a champion or a resident; the name or address was taken out of the log."
    /// Every column but `ip_address`, which alone may be cleared. A column added to the log must
    /// be added here too (AuditTests checks it is), or SQLite would let it be changed.
    static let fixedColumns = ["id", "occurred_at", "council_id", "organisation_id", "actor_id", "actor", "action", "record_type", "record_id", "summary"]

    func prepare(on database: any Database) async throws {
        // One transaction: the triggers are never left lifted, and the rewrite is all or nothing.
        try await database.transaction { tx in
            let sql = tx as! any SQLDatabase
            let postgres = sql.dialect.name == "postgresql"
            if postgres {
                try await sql.raw("ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only").run()
            } else {
                try await sql.raw("DROP TRIGGER IF EXISTS audit_events_no_update").run()
            }
            try await Self.forgetPeople(on: sql)
            if postgres {
                try await sql.raw("ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only").run()
                try await sql.raw("""
                    CREATE OR REPLACE FUNCTION audit_events_refuse_change() RETURNS trigger AS $$
                    BEGIN
                        IF TG_OP = 'UPDATE' AND NEW.ip_address IS NULL AND to_jsonb(NEW) - 'ip_address' = to_jsonb(OLD) - 'ip_address' THEN
                            RETURN NEW;
                        END IF;
                        RAISE EXCEPTION 'the audit log is append-only';
                    END;
                    $$ LANGUAGE plpgsql
                    """).run()
            } else {
                let unchanged = Self.fixedColumns.map { "NEW.\($0) IS OLD.\($0)" }.joined(separator: " AND ")
                try await sql.raw("""
                    CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
                    WHEN NOT (NEW.ip_address IS NULL AND \(unsafeRaw: unchanged))
                    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END
                    """).run()
            }
        }
    }

    /// Summaries that named a champion or a booker are replaced; a champion's account is named
    /// as `AuditActor.championLabel` wherever its email was the actor or in a summary.
    static func forgetPeople(on sql: any SQLDatabase) async throws {
        try await sql.update(AuditEvent.schema).set("summary", to: replaced).where("action", .in, SQLBind.group(naming.map(\.rawValue))).run()
        struct Account: Decodable { let email: String }
        let champions = try await sql.select().column("email").from(User.schema).where("role", .equal, Role.champion.rawValue).all(decoding: Account.self)
        for email in champions.map(\.email) {
            try await sql.update(AuditEvent.schema).set("actor", to: AuditActor.championLabel).where("actor", .equal, email).run()
            try await sql.update(AuditEvent.schema).set("summary", to: replaced).where("summary", .like, "%" + email + "%").run()
        }
    }

    /// The summaries stay replaced; the triggers go back to refusing every change.
    func revert(on database: any Database) async throws {
        try await database.transaction { tx in
            let sql = tx as! any SQLDatabase
            if sql.dialect.name == "postgresql" {
                try await sql.raw("DROP FUNCTION audit_events_refuse_change() CASCADE").run()
            } else {
                try await sql.raw("DROP TRIGGER IF EXISTS audit_events_no_update").run()
                try await sql.raw("DROP TRIGGER IF EXISTS audit_events_no_delete").run()
            }
            for statement in CreateAuditEvents.appendOnlyStatements(dialect: sql.dialect.name) {
                try await sql.raw(SQLQueryString(statement)).run()
            }
        }
    }
}
