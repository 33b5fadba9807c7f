import Fluent

/// The one risk-index run a council has published to the public, with the narrative its
/// officers wrote beside it.
struct CreatePublishedMaps: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("published_maps")
            .id()
            .field("council_id", .uuid, .required, .references("organisations", "id"))
            .field("run_id", .uuid, .required, .references("index_runs", "id"))
            .field("narrative", .string, .required)
            .field("published_at", .datetime, .required)
            .field("published_by", .string, .required)
            .unique(on: "council_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("published_maps").delete()
    }
}
