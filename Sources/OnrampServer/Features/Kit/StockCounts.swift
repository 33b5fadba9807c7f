import Fluent
import Foundation
import OnrampCore
import SQLKit

/// Tallies the stock page reads instead of counting rows that only ever add up (issue 17: at
/// 200,000 devices counting them took the page's p99 to 319 ms on SQLite and 784 ms on
/// PostgreSQL), each kept in the same transaction as the change it counts:
/// - a council's devices by type and stage (`kit_stock_counts`), changed by every write that
///   adds a device or changes its stage (`DeviceBank`, and the demo's made-up history);
/// - devices handed over to residents by type and day (`kit_handover_days`), the rate ready
///   devices go at, added to by `DeviceBank.move`.
///
/// `AddKitStockCounts` counted what was there before; `onramp kit-recount` counts again.
enum StockCounts {
    static let table = "kit_stock_counts"
    static let handoverTable = "kit_handover_days"
    /// The stages a handover goes to (`DeviceStage.isHandover`).
    static let handoverStages = DeviceStage.allCases.filter { $0.isHandover(from: nil) }

    struct Key: Hashable, Sendable {
        let type: DeviceType
        let stage: DeviceStage
    }

    /// The change to the counts when a device of `type` goes from one stage to another.
    static func move(_ type: DeviceType, from: DeviceStage, to: DeviceStage) -> [Key: Int] {
        from == to ? [:] : [Key(type: type, stage: from): -1, Key(type: type, stage: to): 1]
    }

    /// Adds each change to its count, in one statement. Rows go in the order of their key, so
    /// two transactions that touch the same counts lock them in the same order on PostgreSQL.
    static func add(_ changes: [Key: Int], councilID: UUID, on database: any Database) async throws {
        let rows = changes.filter { $0.value != 0 }.sorted { ($0.key.type.rawValue, $0.key.stage.rawValue) < ($1.key.type.rawValue, $1.key.stage.rawValue) }
        try await upsert(into: table, key: ["council_id", "device_type", "stage"],
                         rows: rows.map { [SQLBind(councilID), SQLBind($0.key.type.rawValue), SQLBind($0.key.stage.rawValue), SQLBind($0.value)] }, on: database)
    }

    /// A device of `type` went to a resident at `at`.
    static func handOver(_ type: DeviceType, at: Date, councilID: UUID, on database: any Database) async throws {
        try await upsert(into: handoverTable, key: ["council_id", "device_type", "day"],
                         rows: [[SQLBind(councilID), SQLBind(type.rawValue), SQLBind(day(at)), SQLBind(1)]], on: database)
    }

    /// The day a moment falls on, as days since 1 January 1970 in UTC: the handover tally's key.
    /// The split itself could be any, since a period's first day is counted from the moves, but
    /// AddKitStockCounts and recount make the same one in SQL.
    static func day(_ date: Date) -> Int { Int((date.timeIntervalSince1970 / 86_400).rounded(.down)) }

    /// Inserts the rows, each its key's columns and a number of devices; where the key is there
    /// already, the number is added to its devices.
    private static func upsert(into table: String, key: [String], rows: [[any SQLExpression]], on database: any Database) async throws {
        guard !rows.isEmpty else { return }
        var insert = (database as! any SQLDatabase).insert(into: table).columns(key + ["devices"])
        for row in rows { insert = insert.values(row) }
        try await insert.onConflict(with: key) {
            $0.set(SQLColumn("devices"), to: SQLBinaryExpression(SQLColumn("devices", table: table), .add, SQLExcludedColumn("devices")))
        }.run()
    }

    /// How many devices of each type went to residents from `since` on: the tally of every
    /// whole day after `since`'s, and the moves of that first day from `since` (a short range of
    /// kit_device_moves_given a type), less loans' extensions (`DeviceStage.isHandover`). One
    /// statement for every type the council's bank has held, planned once.
    static func handedOver(since: Date, councilID: UUID, on database: any Database) async throws -> [DeviceType: Int] {
        let firstDay = day(since), firstDayEnds = Date(timeIntervalSince1970: Double(firstDay + 1) * 86_400)
        struct Row: Decodable { let device_type: String; let given: Int }
        // PostgreSQL's SUM of a bigint is a numeric, which is not read as an Int.
        let rows = try await (database as! any SQLDatabase).raw("""
            SELECT t.device_type,
                CAST(COALESCE((SELECT SUM(h.devices) FROM \(ident: handoverTable) h
                    WHERE h.council_id = \(bind: councilID) AND h.device_type = t.device_type AND h.day > \(bind: firstDay)), 0) AS BIGINT)
                + (SELECT COUNT(*) FROM \(ident: DeviceMove.schema) m
                    WHERE m.council_id = \(bind: councilID) AND m.to_stage IN (\(binds: handoverStages.map(\.rawValue))) AND m.device_type = t.device_type
                    AND m.at >= \(bind: since) AND m.at < \(bind: firstDayEnds) AND (m.from_stage IS NULL OR m.from_stage <> m.to_stage)) AS given
            FROM (SELECT DISTINCT device_type FROM \(ident: table) WHERE council_id = \(bind: councilID)) t
            """).all(decoding: Row.self)
        var given: [DeviceType: Int] = [:]
        for row in rows where row.given > 0 {
            if let type = DeviceType(rawValue: row.device_type) { given[type] = row.given }
        }
        return given
    }

    /// Counts both tallies again, for every council, from the devices and their moves: after
    /// devices were changed in SQL by hand, or moved by a server still running an older Onramp
    /// once the database was migrated. On PostgreSQL moves wait until it is done; SQLite lets
    /// one writer in at a time. Returns the rows of each tally.
    static func recount(on database: any Database) async throws -> (counts: Int, days: Int) {
        try await database.transaction { tx in
            let sql = tx as! any SQLDatabase
            let postgres = sql.dialect.name == "postgresql"
            if postgres { try await sql.raw("LOCK TABLE \(ident: KitDevice.schema) IN SHARE MODE").run() }
            try await sql.delete(from: table).run()
            try await sql.raw("""
                INSERT INTO \(ident: table) (council_id, device_type, stage, devices)
                SELECT council_id, type, stage, COUNT(*) FROM \(ident: KitDevice.schema) GROUP BY council_id, type, stage
                """).run()
            // The same days as `day(_:)`: whole days since 1970 in UTC.
            let day: SQLQueryString = postgres ? "floor(extract(epoch FROM at) / 86400)::integer" : "CAST(at / 86400 AS INTEGER)"
            try await sql.delete(from: handoverTable).run()
            try await sql.raw("""
                INSERT INTO \(ident: handoverTable) (council_id, device_type, day, devices)
                SELECT council_id, device_type, \(day), COUNT(*) FROM \(ident: DeviceMove.schema)
                WHERE to_stage IN (\(binds: handoverStages.map(\.rawValue))) AND (from_stage IS NULL OR from_stage <> to_stage)
                GROUP BY council_id, device_type, \(day)
                """).run()
            func rows(_ table: String) async throws -> Int {
                try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "rows").from(table).first(decodingColumn: "rows", as: Int.self) ?? 0
            }
            return (try await rows(table), try await rows(handoverTable))
        }
    }
}
