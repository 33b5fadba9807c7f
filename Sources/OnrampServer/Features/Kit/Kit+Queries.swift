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

    /// Two statements whatever the bank's size, each planned once (a statement of a subquery
    /// for each stage and type took PostgreSQL 5 ms to plan): the kept counts (`StockCounts`)
    /// with each waiting stage and type's longest wait, then each type's recent handovers
    /// (`StockCounts.handedOver`).
    static func load(councilID: UUID, now: Date, on database: any Database) async throws -> KitStock {
        struct Row: Decodable { let device_type: String; let stage: String; let devices: Int; let oldest: Date? }
        // The oldest `stage_since` of a stage and type is the first entry of its range of
        // kit_devices_stage (council, stage, type, stage_since): one seek a row.
        let waiting = DeviceStage.allCases.filter { !$0.isFinal }.map(\.rawValue)
        let rows = try await (database as! any SQLDatabase).raw("""
            SELECT c.device_type, c.stage, c.devices, CASE WHEN c.stage IN (\(binds: waiting)) THEN
                (SELECT MIN(d.stage_since) FROM \(ident: KitDevice.schema) d WHERE d.council_id = c.council_id AND d.stage = c.stage AND d.type = c.device_type)
                END AS oldest
            FROM \(ident: StockCounts.table) c WHERE c.council_id = \(bind: councilID) AND c.devices > 0
            """).all(decoding: Row.self)
        let cells = rows.compactMap { row -> Cell? in
            guard let type = DeviceType(rawValue: row.device_type), let stage = DeviceStage(rawValue: row.stage) else { return nil }
            return Cell(type: type, stage: stage, count: row.devices, oldest: row.oldest)
        }
        // Devices that went to residents lately, by type: the rate the ready ones will go at.
        let since = now.addingTimeInterval(-Double(weeks) * 7 * 24 * 3600)
        return KitStock(cells: cells, allocatedRecently: try await StockCounts.handedOver(since: since, councilID: councilID, on: database))
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

extension ReferralQueue {
    /// Open referrals for offers of `kinds` that are ready to be fulfilled (the resident has
    /// been contacted), oldest first, within `scope`: what a device or a SIM can go to.
    /// The 50 longest waiting, and `including` (the referral someone came from) wherever it is in the line.
    static func waitingForKit(_ kinds: [OfferKind], _ scope: Scope, including: UUID? = nil, on database: any Database) async throws -> [QueueRow] {
        let offers = try await scope.query(HelpOffer.self, on: database).filter(\.$kind ~~ kinds).all()
        func query() -> QueryBuilder<Referral> {
            scope.query(Referral.self, on: database).filter(\.$offerID ~~ offers.map { $0.id! }).filter(\.$status ~~ ReferralStatus.allCases.filter(\.canBeFulfilled))
        }
        var ids = try await query().sort(\.$createdAt).limit(50).all(\.$id)
        if let including, !ids.contains(including), try await query().filter(\.$id == including).count() > 0 {
            ids.insert(including, at: 0)
        }
        return try await rows(ids: ids, on: database)
    }
}

extension DonationBatch {
    static func recent(councilID: UUID, on database: any Database) async throws -> [DonationBatch] {
        try await DonationBatch.query(on: database).filter(\.$councilID == councilID).sort(\.$createdAt, .descending).limit(50).all()
    }
}

/// The data bank's stock by network and kind: what is left, when the first of it expires,
/// what expired unused, and how fast it goes.
struct DataStock: Sendable {
    struct Line: Sendable {
        let network: String
        let kind: DataPackKind
        var available = 0
        var soonestExpiry: String?
        var expired = 0
        var givenRecently = 0

        var forecast: StockForecast { StockForecast(ready: available, allocated: givenRecently, weeks: KitStock.weeks) }
    }

    let lines: [Line]

    static func load(councilID: UUID, today: CalendarDay, on database: any Database) async throws -> DataStock {
        let sql = database as! any SQLDatabase
        struct Row: Decodable { let network: String; let kind: String; let total: Int; let soonest: String? }
        func grouped(_ filter: (SQLSelectBuilder) -> SQLSelectBuilder) async throws -> [Row] {
            try await filter(sql.select().column("network").column("kind").countingAll()
                .column(SQLAlias(SQLFunction("MIN", args: SQLIdentifier("expires_on")), as: SQLIdentifier("soonest")))
                .from(DataPack.schema).where("council_id", .equal, councilID))
                .groupBy("network").groupBy("kind").all(decoding: Row.self)
        }
        let available = try await grouped { $0.where("referral_id", .is, SQLLiteral.null).where("expires_on", .greaterThanOrEqual, today.iso) }
        let expired = try await grouped { $0.where("referral_id", .is, SQLLiteral.null).where("expires_on", .lessThan, today.iso) }
        let given = try await grouped { $0.where("referral_id", .isNot, SQLLiteral.null).where("given_on", .greaterThanOrEqual, today.adding(days: -7 * KitStock.weeks).iso) }
        var lines: [String: Line] = [:]
        func update(_ rows: [Row], _ change: (inout Line, Row) -> Void) {
            for row in rows {
                guard let kind = DataPackKind(rawValue: row.kind) else { continue }
                change(&lines["\(row.network)|\(row.kind)", default: Line(network: row.network, kind: kind)], row)
            }
        }
        update(available) { line, row in (line.available, line.soonestExpiry) = (row.total, row.soonest) }
        update(expired) { line, row in line.expired = row.total }
        update(given) { line, row in line.givenRecently = row.total }
        return DataStock(lines: lines.values.sorted { ($0.network, $0.kind.rawValue) < ($1.network, $1.kind.rawValue) })
    }
}
