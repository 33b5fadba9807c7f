import Fluent
import Foundation
import OnrampCore
import SQLKit

/// What the stock page shows: devices by type and stage, how long those waiting for a step
/// have waited, and how long the ready ones will last.
struct KitStock: Sendable {
    struct Cell: Sendable { let type: DeviceType; let stage: DeviceStage; let count: Int; let oldest: Date? }

    let cells: [Cell]
    let allocatedRecently: [DeviceType: Int]
    static let weeks = 8

    func count(_ type: DeviceType?, _ stage: DeviceStage) -> Int {
        cells.filter { ($0.type == type || type == nil) && $0.stage == stage }.map(\.count).reduce(0, +)
    }

    func forecast(_ type: DeviceType) -> StockForecast {
        StockForecast(ready: count(type, .ready), allocated: allocatedRecently[type] ?? 0, weeks: Self.weeks)
    }

    /// The longest wait among devices at a stage that still has a step to go.
    func oldest(_ stage: DeviceStage) -> Date? {
        cells.filter { $0.stage == stage }.compactMap(\.oldest).min()
    }

    static func load(councilID: UUID, now: Date, on database: any Database) async throws -> KitStock {
        let sql = database as! any SQLDatabase
        struct Row: Decodable { let type: String; let stage: String; let total: Int; let oldest: Date? }
        let rows = try await sql.select().column("type").column("stage")
            .countingAll()
            .column(SQLAlias(SQLFunction("MIN", args: SQLIdentifier("stage_since")), as: SQLIdentifier("oldest")))
            .from(KitDevice.schema).where("council_id", .equal, councilID).groupBy("stage").groupBy("type")
            .all(decoding: Row.self)
        let cells = rows.compactMap { row -> Cell? in
            guard let type = DeviceType(rawValue: row.type), let stage = DeviceStage(rawValue: row.stage) else { return nil }
            return Cell(type: type, stage: stage, count: row.total, oldest: row.oldest)
        }
        // Devices that went to residents lately, by type: the rate the ready ones will go at.
        struct Allocated: Decodable { let type: String; let total: Int }
        let since = now.addingTimeInterval(-Double(weeks) * 7 * 24 * 3600)
        let allocated = try await sql.select().column(SQLAlias(SQLIdentifier("device_type"), as: SQLIdentifier("type")))
            .countingAll()
            .from(DeviceMove.schema).where("council_id", .equal, councilID)
            .where("to_stage", .in, [DeviceStage.gifted.rawValue, DeviceStage.loaned.rawValue])
            .where("at", .greaterThanOrEqual, since)
            .groupBy("device_type")
            .all(decoding: Allocated.self)
        var recent: [DeviceType: Int] = [:]
        for row in allocated { if let type = DeviceType(rawValue: row.type) { recent[type] = row.total } }
        return KitStock(cells: cells, allocatedRecently: recent)
    }
}

extension KitDevice {
    /// A device by its asset tag or serial number as typed from its label: case, spaces and
    /// dashes in a serial do not matter, whatever the make.
    static func find(_ text: String, councilID: UUID, on database: any Database) async throws -> KitDevice? {
        let typed = text.trimmingCharacters(in: .whitespaces)
        // Stored keys are "make|SERIAL"; with no make, the key is the "|SERIAL" they end with.
        let serialEnding = DeviceBatchRow.key(make: "", serial: typed)
        return try await KitDevice.query(on: database).filter(\.$councilID == councilID)
            .group(.or) { $0.filter(\.$assetTag == typed.uppercased()).filter(\.$serialKey ~= serialEnding) }.first()
    }
}

extension DonationBatch {
    static func recent(councilID: UUID, on database: any Database) async throws -> [DonationBatch] {
        try await DonationBatch.query(on: database).filter(\.$councilID == councilID).sort(\.$createdAt, .descending).limit(50).all()
    }
}
