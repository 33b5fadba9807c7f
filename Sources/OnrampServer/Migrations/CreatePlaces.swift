import Fluent
import SQLKit

struct CreatePlaces: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(DatasetImport.schema)
            .id()
            .field("dataset", .string, .required)
            .field("vintage", .string, .required)
            .field("file_name", .string, .required)
            .field("sha256", .string, .required)
            .field("file_rows", .int, .required)
            .field("kept_rows", .int, .required)
            .field("lad_filter", .string, .required)
            .field("imported_at", .datetime, .required)
            .unique(on: "dataset", "sha256", "lad_filter")
            .create()
        try await database.schema(PlaceArea.schema)
            .id()
            .field("geography", .string, .required)
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("ward_code", .string)
            .field("lad_code", .string)
            .field("import_id", .uuid, .required, .references(DatasetImport.schema, .id))
            .unique(on: "geography", "code")
            .create()
        try await database.schema(IndicatorValue.schema)
            .id()
            .field("geography", .string, .required)
            .field("area_code", .string, .required)
            .field("indicator", .string, .required)
            .field("value", .double, .required)
            .field("import_id", .uuid, .required, .references(DatasetImport.schema, .id))
            .unique(on: "geography", "area_code", "indicator")
            .create()
        try await database.schema(LSOALink.schema)
            .id()
            .field("lsoa11", .string, .required)
            .field("lsoa21", .string, .required)
            .field("change", .string, .required)
            .field("lad_code", .string, .required)
            .field("import_id", .uuid, .required, .references(DatasetImport.schema, .id))
            .unique(on: "lsoa11", "lsoa21")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "areas_lad_idx").on(PlaceArea.schema).column("geography").column("lad_code").run()
        try await sql.create(index: "lsoa_links_lad_idx").on(LSOALink.schema).column("lad_code").run()
    }

    func revert(on database: any Database) async throws {
        for schema in [LSOALink.schema, IndicatorValue.schema, PlaceArea.schema, DatasetImport.schema] {
            try await database.schema(schema).delete()
        }
    }
}
