import Fluent

/// Each council's list of social tariffs, with the day each price was checked.
struct CreateSocialTariffs: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("social_tariffs")
            .id()
            .field("council_id", .uuid, .required, .references("organisations", "id"))
            .field("provider", .string, .required)
            .field("name", .string, .required)
            .field("monthly_price", .string, .required)
            .field("speed", .string, .required)
            .field("qualifying_benefits", .string, .required)
            .field("checked_on", .string, .required)
            .field("position", .int, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("social_tariffs").delete()
    }
}
