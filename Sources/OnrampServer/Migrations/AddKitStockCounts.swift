import Fluent
import SQLKit

/// `kit_stock_counts`, each council's devices by type and stage, and `kit_handover_days`, the
/// devices handed over to residents by type and day: kept as devices move (`StockCounts`), and
/// counted here once from the devices and moves already in the bank.
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
        // `day` is days since 1 January 1970 in UTC.
        try await database.schema("kit_handover_days")
            .field("council_id", .uuid, .required, .references(Organisation.schema, .id))
            .field("device_type", .string, .required)
            .field("day", .int, .required)
            .field("devices", .int, .required)
            .unique(on: "council_id", "device_type", "day")
            .ignoreExisting()
            .create()
        // Fluent runs a migration outside a transaction: the counts are made afresh in one, so
        // a run stopped part way can run again. The SQL is written here, not shared with the
        // code that keeps the counts, so that this migration never changes once released.
        try await database.transaction { tx in
            let sql = tx as! any SQLDatabase
            let day: SQLQueryString = sql.dialect.name == "postgresql" ? "floor(extract(epoch FROM at) / 86400)::integer" : "CAST(at / 86400 AS INTEGER)"
            try await sql.raw("DELETE FROM kit_stock_counts").run()
            try await sql.raw("""
                INSERT INTO kit_stock_counts (council_id, device_type, stage, devices)
                SELECT council_id, type, stage, COUNT(*) FROM kit_devices GROUP BY council_id, type, stage
                """).run()
            // A move from on loan to on loan is a loan's extension, not a handover.
            try await sql.raw("DELETE FROM kit_handover_days").run()
            try await sql.raw("""
                INSERT INTO kit_handover_days (council_id, device_type, day, devices)
                SELECT council_id, device_type, \(day), COUNT(*) FROM kit_device_moves
                WHERE to_stage IN ('gifted', 'loaned') AND (from_stage IS NULL OR from_stage <> to_stage)
                GROUP BY council_id, device_type, \(day)
                """).run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("kit_handover_days").delete()
        try await database.schema("kit_stock_counts").delete()
    }
}
