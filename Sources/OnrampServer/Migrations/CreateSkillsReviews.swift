import Fluent
import SQLKit

/// Learners' progress: what a resident could do at the start of their help and at the end.
struct CreateSkillsReviews: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("skills_reviews")
            .id()
            .field("council_id", .uuid, .required, .references("organisations", "id"))
            .field("organisation_id", .uuid, .required, .references("organisations", "id"))
            .field("resident_id", .uuid, .references("residents", "id"))
            .field("case_id", .uuid, .references("help_cases", "id"))
            .field("referral_id", .uuid, .references("referrals", "id"))
            .field("booking_id", .uuid)
            .field("stage", .string, .required)
            .field("snapshot", .string, .required)
            .field("recorded_by", .string, .required)
            .field("recorded_at", .datetime, .required)
            .create()
        try await (database as! any SQLDatabase).create(index: "skills_reviews_resident").on("skills_reviews").column("resident_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("skills_reviews").delete()
    }
}
