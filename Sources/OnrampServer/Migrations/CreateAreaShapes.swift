import Fluent
import SQLKit

struct CreateAreaShapes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(AreaShape.schema)
            .id()
            .field("geography", .string, .required)
            .field("code", .string, .required)
            .field("lad_code", .string)
            .field("coordinates", .string, .required)
            .field("import_id", .uuid, .required, .references(DatasetImport.schema, .id))
            .unique(on: "geography", "code")
            .create()
        try await (database as! any SQLDatabase).create(index: "area_shapes_lad_idx").on(AreaShape.schema).column("geography").column("lad_code").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AreaShape.schema).delete()
    }
}
