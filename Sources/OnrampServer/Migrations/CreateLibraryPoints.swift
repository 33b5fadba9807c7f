import Fluent

struct CreateLibraryPoints: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(LibraryPoint.schema)
            .id()
            .field("name", .string, .required)
            .field("latitude", .double, .required)
            .field("longitude", .double, .required)
            .field("lad_code", .string)
            .field("is_closed", .bool, .required)
            .field("import_id", .uuid, .required, .references(DatasetImport.schema, .id))
            .unique(on: "name", "latitude", "longitude")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(LibraryPoint.schema).delete()
    }
}
