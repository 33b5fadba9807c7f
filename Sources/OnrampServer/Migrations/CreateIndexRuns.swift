import Fluent
import SQLKit

struct CreateIndexRuns: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(IndexRun.schema)
            .id()
            .field("council_id", .uuid, .required)
            .field("lad_code", .string, .required)
            .field("base", .string, .required)
            .field("settings", .string, .required)
            .field("import_ids", .string, .required)
            .field("area_count", .int, .required)
            .field("partial_count", .int, .required)
            .field("created_at", .datetime, .required)
            .field("created_by", .string, .required)
            .create()
        try await database.schema(IndexScore.schema)
            .id()
            .field("run_id", .uuid, .required, .references(IndexRun.schema, .id, onDelete: .cascade))
            .field("area_code", .string, .required)
            .field("risk_index", .double)
            .field("demography", .double)
            .field("connectivity", .double)
            .field("deprivation", .double)
            .field("indicators", .string, .required)
            .field("missing", .string, .required)
            .field("is_partial", .bool, .required)
            .field("rank", .int, .required)
            .unique(on: "run_id", "area_code")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(IndexScore.schema).delete()
        try await database.schema(IndexRun.schema).delete()
    }
}
