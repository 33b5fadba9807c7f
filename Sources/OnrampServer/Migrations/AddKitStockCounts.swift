import Fluent
import SQLKit

/// `kit_stock_counts`: each council's devices by type and stage, kept as they move
/// (`StockCounts`), counted here once from the devices already in the bank.
struct AddKitStockCounts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("kit_stock_counts")
            .field("council_id", .uuid, .required, .references(Organisation.schema, .id))
            .field("device_type", .string, .required)
            .field("stage", .string, .required)
            .field("devices", .int, .required)
            .unique(on: "council_id", "device_type", "stage")
            .ignoreExisting()
            .create()
        // Fluent runs a migration outside a transaction: the count is made afresh in one, so a
        // run stopped part way can run again. The SQL is written here, not shared with the
        // code that keeps the counts, so that this migration never changes once released.
        try await database.transaction { tx in
            let sql = tx as! any SQLDatabase
            try await sql.raw("DELETE FROM kit_stock_counts").run()
            try await sql.raw("""
                INSERT INTO kit_stock_counts (council_id, device_type, stage, devices)
                SELECT council_id, type, stage, COUNT(*) FROM kit_devices GROUP BY council_id, type, stage
                """).run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("kit_stock_counts").delete()
    }
}
