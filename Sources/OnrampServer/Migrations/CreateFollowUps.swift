import Fluent
import SQLKit

/// Asking residents how things are after their help: one row per fulfilled referral, its
/// schedule, the secret link's hash while it works, and the answers. Offers say how many weeks
/// after the help to ask.
struct CreateFollowUps: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("help_offers").field("follow_up_weeks", .int, .required, .sql(.default(6))).update()
        try await database.schema("follow_ups")
            .id()
            .field("council_id", .uuid, .required, .references("organisations", "id"))
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("case_id", .uuid, .required, .references("help_cases", "id"))
            .field("referral_id", .uuid, .required, .references("referrals", "id"))
            .field("status", .string, .required)
            .field("due_on", .string, .required)
            .field("channel", .string)
            .field("token_hash", .string)
            .field("reminder_token_hash", .string)
            .field("asked_on", .string)
            .field("reminded_on", .string)
            .field("online", .bool)
            .field("online_by", .string)
            .field("still_using", .bool)
            .field("tasks", .string)
            .field("confidence", .int)
            .field("uses", .string)
            .field("other", .string)
            .field("consent", .bool)
            .field("recorded_by", .string)
            .field("answered_at", .datetime)
            .field("created_at", .datetime, .required)
            .unique(on: "referral_id")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "follow_ups_status_due").on("follow_ups").column("status").column("due_on").run()
        try await sql.create(index: "follow_ups_token").on("follow_ups").column("token_hash").run()
        try await sql.create(index: "follow_ups_reminder_token").on("follow_ups").column("reminder_token_hash").run()
        try await sql.create(index: "follow_ups_case").on("follow_ups").column("case_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("follow_ups").delete()
        try await database.schema("help_offers").deleteField("follow_up_weeks").update()
    }
}
