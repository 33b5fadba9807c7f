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
/// `AddKitStockCounts` counted what was there before.
enum StockCounts {
    static let table = "kit_stock_counts"
    static let handoverTable = "kit_handover_days"
    /// The stages at which a device goes to a resident.
    static let handoverStages: Set<DeviceStage> = [.gifted, .loaned]

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
        try await upsert(into: table, key: ["council_id", "device_type", "stage"],
                         rows: rows.map { [SQLBind(councilID), SQLBind($0.key.type.rawValue), SQLBind($0.key.stage.rawValue), SQLBind($0.value)] }, on: database)
    }

    /// A device of `type` went to a resident at `at`.
    static func handOver(_ type: DeviceType, at: Date, councilID: UUID, on database: any Database) async throws {
        try await upsert(into: handoverTable, key: ["council_id", "device_type", "day"],
                         rows: [[SQLBind(councilID), SQLBind(type.rawValue), SQLBind(day(at)), SQLBind(1)]], on: database)
    }

    /// The day a moment falls on, as days since 1 January 1970 in UTC: the handover tally's key.
    /// Any split into days would do, since the first day of a period is counted from the moves.
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

    /// How many devices of `type` went to residents from `since` on, as one SQL expression: the
    /// tally of every whole day after `since`'s, and the moves of that first day from `since`
    /// (a short range of kit_device_moves_given). A loan's extension is recorded as a move from
    /// on loan to on loan, which is no handover.
    static func handedOver(_ type: DeviceType, since: Date, councilID: UUID) -> any SQLExpression {
        let firstDay = day(since)
        let tallied = SQLSubquery.select { tally in
            tally.column(SQLFunction("COALESCE", args: SQLFunction("SUM", args: SQLColumn("devices")), SQLLiteral.numeric("0"))).from(handoverTable)
                .where("council_id", .equal, councilID).where("device_type", .equal, type.rawValue).where("day", .greaterThan, firstDay)
        }
        let firstDayMoves = SQLSubquery.select { moves in
            moves.column(SQLFunction("COUNT", args: SQLLiteral.all)).from(DeviceMove.schema).where("council_id", .equal, councilID)
                .where("to_stage", .in, handoverStages.map(\.rawValue).sorted()).where("device_type", .equal, type.rawValue)
                .where("at", .greaterThanOrEqual, since).where("at", .lessThan, Date(timeIntervalSince1970: Double(firstDay + 1) * 86_400))
                .where(group: { $0.where("from_stage", .is, SQLLiteral.null).orWhere("from_stage", .notEqual, column: "to_stage") })
        }
        // PostgreSQL's SUM of a bigint is a numeric, which is not read as an Int.
        let total: SQLQueryString = "CAST(\(tallied) AS BIGINT) + \(firstDayMoves)"
        return total
    }
}
