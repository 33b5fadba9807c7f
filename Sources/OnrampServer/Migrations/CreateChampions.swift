import Fluent
import SQLKit

/// Digital champions: their applications and status, each council's list of required checks,
/// the checks each champion has done, and the hours they give.
struct CreateChampions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("champions")
            .id()
            .field("council_id", .uuid, .required, .references("organisations", "id"))
            .field("organisation_id", .uuid, .references("organisations", "id"))
            .field("name", .string, .required)
            .field("status", .string, .required)
            .field("user_id", .uuid, .references("users", "id"))
            .field("email", .string)
            .field("phone", .string)
            .field("address", .string)
            .field("contact_by", .string, .required)
            .field("availability", .string, .required)
            .field("languages", .string, .required)
            .field("strengths", .string, .required)
            .field("consent_version", .string, .required)
            .field("paused_reason", .string)
            .field("status_since", .datetime, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("champion_required_checks")
            .id()
            .field("council_id", .uuid, .required, .references("organisations", "id"))
            .field("kind", .string, .required)
            .field("references_count", .int)
            .field("dbs_level", .string)
            .field("module", .string)
            .field("valid_months", .int)
            .field("position", .int, .required)
            .field("removed_at", .datetime)
            .create()
        try await database.schema("champion_checks")
            .id()
            .field("council_id", .uuid, .required, .references("organisations", "id"))
            .field("champion_id", .uuid, .required, .references("champions", "id"))
            .field("requirement_id", .uuid, .required, .references("champion_required_checks", "id"))
            .field("done_on", .string, .required)
            .field("dbs_level", .string)
            .field("on_update_service", .bool, .required)
            .field("note", .string, .required)
            .field("recorded_by", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        // Sessions are another table's (skill_sessions): the id is kept without a reference.
        try await database.schema("champion_hours")
            .id()
            .field("council_id", .uuid, .required, .references("organisations", "id"))
            .field("champion_id", .uuid, .required, .references("champions", "id"))
            .field("session_id", .uuid)
            .field("day", .string, .required)
            .field("hours", .double, .required)
            .field("recorded_by", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "champions_council_status").on("champions").column("council_id").column("status").run()
        try await sql.create(index: "champion_checks_champion").on("champion_checks").column("champion_id").run()
        try await sql.create(index: "champion_hours_council_day").on("champion_hours").column("council_id").column("day").run()
        try await sql.create(index: "champion_hours_champion").on("champion_hours").column("champion_id").run()
    }

    func revert(on database: any Database) async throws {
        for table in ["champion_hours", "champion_checks", "champion_required_checks", "champions"] {
            try await database.schema(table).delete()
        }
    }
}
