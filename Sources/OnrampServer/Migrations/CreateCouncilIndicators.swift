import Fluent

struct CreateCouncilIndicators: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CouncilIndicator.schema)
            .id()
            .field("council_id", .uuid, .required, .references(Organisation.schema, .id))
            .field("key", .string, .required)
            .field("label", .string, .required)
            .field("component", .string, .required)
            .field("reversed", .bool, .required)
            .field("geography", .string, .required)
            .field("import_id", .uuid, .required, .references(DatasetImport.schema, .id))
            .field("updated_at", .datetime, .required)
            .unique(on: "key")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CouncilIndicator.schema).delete()
    }
}
