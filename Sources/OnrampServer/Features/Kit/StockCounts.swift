import Fluent
import Foundation
import OnrampCore
import SQLKit

/// A council's devices counted by type and stage, kept up to date as devices arrive and move,
/// so the stock page reads a few dozen rows instead of counting every device the bank has ever
/// held: gifted, recycled and lost devices only ever add up (issue 17: at 200,000 devices
/// counting them took the page's p99 to 319 ms on SQLite and 784 ms on PostgreSQL).
///
/// Every write that adds a device or changes its stage adds its change here in the same
/// transaction (`DeviceBank`, and the demo's made-up history). `AddKitStockCounts` counted the
/// devices that were there before.
enum StockCounts {
    static let table = "kit_stock_counts"

    struct Key: Hashable, Sendable {
        let type: DeviceType
        let stage: DeviceStage
    }

    /// The change to the counts when `devices` of `type` go from one stage to another.
    static func move(_ type: DeviceType, from: DeviceStage, to: DeviceStage, devices: Int = 1) -> [Key: Int] {
        from == to ? [:] : [Key(type: type, stage: from): -devices, Key(type: type, stage: to): devices]
    }

    /// Adds each change to its count, in one statement. Rows go in the order of their key, so
    /// two transactions that touch the same counts lock them in the same order on PostgreSQL.
    static func add(_ changes: [Key: Int], councilID: UUID, on database: any Database) async throws {
        let rows = changes.filter { $0.value != 0 }.sorted { ($0.key.type.rawValue, $0.key.stage.rawValue) < ($1.key.type.rawValue, $1.key.stage.rawValue) }
        guard !rows.isEmpty else { return }
        var insert = (database as! any SQLDatabase).insert(into: table).columns("council_id", "device_type", "stage", "devices")
        for (key, change) in rows {
            insert = insert.values(SQLBind(councilID), SQLBind(key.type.rawValue), SQLBind(key.stage.rawValue), SQLBind(change))
        }
        try await insert.onConflict(with: ["council_id", "device_type", "stage"]) {
            $0.set(SQLColumn("devices"), to: SQLBinaryExpression(SQLColumn("devices", table: table), .add, SQLExcludedColumn("devices")))
        }.run()
    }

    /// The council's counts that are above nought.
    static func counts(councilID: UUID, on database: any Database) async throws -> [Key: Int] {
        struct Row: Decodable { let device_type: String; let stage: String; let devices: Int }
        let rows = try await (database as! any SQLDatabase).select().column("device_type").column("stage").column("devices").from(table)
            .where("council_id", .equal, councilID).where("devices", .greaterThan, 0)
            .all(decoding: Row.self)
        var counts: [Key: Int] = [:]
        for row in rows {
            guard let type = DeviceType(rawValue: row.device_type), let stage = DeviceStage(rawValue: row.stage) else { continue }
            counts[Key(type: type, stage: stage)] = row.devices
        }
        return counts
    }
}
