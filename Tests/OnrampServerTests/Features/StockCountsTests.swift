import Fluent
import Foundation
import SQLKit
import Testing
@testable import OnrampCore
@testable import OnrampServer

/// The stock page's counts are kept as devices arrive and move (`StockCounts`), not counted
/// from every device each time: here they are checked against the devices themselves.
@Suite struct StockCountsTests {
    /// For every council with devices: the kept counts are its devices counted by type and
    /// stage, and each waiting stage's longest wait is its oldest device's.
    static func expectCountsAreTheDevices(on db: any Database, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let devices = try await KitDevice.query(on: db).all()
        for councilID in Set(devices.map(\.councilID)) {
            let own = devices.filter { $0.councilID == councilID }
            let counted = Dictionary(own.map { (StockCounts.Key(type: $0.type, stage: $0.stage), 1) }, uniquingKeysWith: +)
            let stock = try await KitStock.load(councilID: councilID, now: Date(), on: db)
            #expect(Dictionary(stock.cells.map { (StockCounts.Key(type: $0.type, stage: $0.stage), $0.count) }, uniquingKeysWith: +) == counted, sourceLocation: sourceLocation)
            let handovers = try await DeviceMove.query(on: db).filter(\.$councilID == councilID).all().filter(Self.isHandover)
            let tallied = Dictionary(handovers.map { ("\($0.deviceType.rawValue) \(StockCounts.day($0.at))", 1) }, uniquingKeysWith: +)
            #expect(try await Self.handoverTally(councilID: councilID, on: db) == tallied, sourceLocation: sourceLocation)
            for stage in DeviceStage.allCases {
                #expect(stock.count(nil, stage) == own.filter { $0.stage == stage }.count, "\(stage)", sourceLocation: sourceLocation)
                if !stage.isFinal {
                    #expect(stock.oldest(stage) == own.filter { $0.stage == stage }.map(\.stageSince).min(), "\(stage)", sourceLocation: sourceLocation)
                }
            }
        }
    }

    static func isHandover(_ move: DeviceMove) -> Bool { move.toStage.isHandover(from: move.fromStage) }

    /// The council's handovers as kept, by "type day".
    static func handoverTally(councilID: UUID, on db: any Database) async throws -> [String: Int] {
        struct Row: Decodable { let device_type: String; let day: Int; let devices: Int }
        let rows = try await (db as! any SQLDatabase).select().column("device_type").column("day").column("devices").from(StockCounts.handoverTable)
            .where("council_id", .equal, councilID).all(decoding: Row.self)
        return Dictionary(rows.filter { $0.devices > 0 }.map { ("\($0.device_type) \($0.day)", $0.devices) }, uniquingKeysWith: +)
    }

    static func batch(_ lines: [String], councilID: UUID, on db: any Database) async throws -> [KitDevice] {
        let parser = try DeviceBatchParser(header: ColumnMap(header: ["type", "make", "model", "serial"]))
        let rows = try lines.enumerated().map { try parser.parse($0.element.split(separator: ",").map(String.init), line: $0.offset + 2)! }
        let batch = try await DeviceBank.importBatch(rows, details: .init(donor: "Donor", source: .business, receivedOn: CalendarDay(year: 2026, month: 11, day: 1)!, notes: ""),
                                                     file: "batch.csv", councilID: councilID, actor: .commandLine, now: Date(), on: db)
        return try await KitDevice.query(on: db).filter(\.$batchID == batch.id!).sort(\.$serial).all()
    }

    @Test(arguments: TestDatabase.available)
    func theCountsFollowEveryArrivalAndMoveAndAreCountedWhenMigrated(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let home = try await Fixture.council(on: app.db), elsewhere = try await Fixture.council("Elsewhere Council", on: app.db)
            let laptops = try await Self.batch((1...8).map { "laptop,Dell,5490,L\($0)" } + ["tablet,Apple,iPad,T1", "phone,Google,Pixel,P1", "tablet,Samsung,Tab A,U1"], councilID: home.council.id!, on: app.db)
            _ = try await Self.batch(["laptop,HP,840,E1"], councilID: elsewhere.council.id!, on: app.db)
            try await Self.expectCountsAreTheDevices(on: app.db)

            // Eight wipes of the same type at once: no change lost, whichever order they commit in.
            let wipe = WipeRecord(method: .clear, tool: "nwipe", toolVersion: "0.34", operatorName: "Sam", started: Date(), finished: Date(), passed: true, verification: "Log 7")
            try await withThrowingTaskGroup(of: DeviceMoveRefusal?.self) { group in
                for device in laptops.filter({ $0.type == .laptop }) {
                    group.addTask { try await DeviceBank.move(device, to: .wiped, reason: "", evidence: .wipe(wipe), actor: .commandLine, now: Date(), on: app.db) }
                }
                for try await refusal in group { #expect(refusal == nil) }
            }
            #expect(try await KitStock.load(councilID: home.council.id!, now: Date(), on: app.db).count(.laptop, .wiped) == 8)

            // Two people move the same device at once, each from the page they had open: one move
            // is kept; the other is refused and leaves nothing, its wipe record included.
            let tablet = laptops[10]
            let seen = [try #require(try await KitDevice.find(tablet.id, on: app.db)), try #require(try await KitDevice.find(tablet.id, on: app.db))]
            let wipes = try await DeviceWipe.query(on: app.db).count()
            async let one = DeviceBank.move(seen[0], to: .recycled, reason: "", evidence: .recycling(facility: "Bywaters", on: CalendarDay(year: 2026, month: 11, day: 2)!, certificate: "W-2"),
                                            actor: .commandLine, now: Date(), on: app.db)
            async let other = DeviceBank.move(seen[1], to: .wiped, reason: "", evidence: .wipe(wipe), actor: .commandLine, now: Date(), on: app.db)
            let outcomes = try await [one, other]
            #expect(outcomes.filter { $0 == nil }.count == 1 && outcomes.contains(.changedMeanwhile))
            let kept = try #require(try await KitDevice.find(tablet.id, on: app.db))
            #expect(try await DeviceMove.query(on: app.db).filter(\.$deviceID == tablet.id!).filter(\.$fromStage == .received).count() == 1)
            #expect(try await DeviceWipe.query(on: app.db).count() == wipes + (kept.stage == .wiped ? 1 : 0))
            #expect(try await DeviceRecycling.query(on: app.db).count() == (kept.stage == .recycled ? 1 : 0))
            try await Self.expectCountsAreTheDevices(on: app.db)
            // A failed wipe from the page the other person still has open is refused too: its
            // line of history would say the tablet is still received.
            let failed = WipeRecord(method: .clear, tool: "nwipe", toolVersion: "0.34", operatorName: "Sam", started: Date(), finished: Date(), passed: false, verification: "Bad sectors")
            let stale = try #require(seen.first { $0.stage == .received })
            #expect(try await DeviceBank.move(stale, to: .wiped, reason: "", evidence: .wipe(failed), actor: .commandLine, now: Date(), on: app.db) == .changedMeanwhile)
            #expect(try await DeviceMove.query(on: app.db).filter(\.$deviceID == tablet.id!).filter(\.$fromStage == .received).count() == 1)
            #expect(try await DeviceWipe.query(on: app.db).count() == wipes + (kept.stage == .wiped ? 1 : 0))

            // A failed wipe and a refused move change nothing, not even how long the device has
            // waited; a ready laptop is lent, lost, another returned, another recycled.
            let waitingSince = try #require(try await KitDevice.find(laptops[8].id, on: app.db)).stageSince
            #expect(try await DeviceBank.move(laptops[8], to: .wiped, reason: "", evidence: .wipe(failed), actor: .commandLine, now: Date().addingTimeInterval(60), on: app.db) == nil)
            #expect(try #require(try await KitDevice.find(laptops[8].id, on: app.db)).stageSince == waitingSince)
            #expect(try await DeviceBank.move(laptops[9], to: .ready, reason: "", evidence: .none, actor: .commandLine, now: Date(), on: app.db) != nil)
            for device in laptops[0...2] {
                for stage in [DeviceStage.refurbished, .ready, .loaned] { _ = try await DeviceBank.move(device, to: stage, reason: "", evidence: .none, actor: .commandLine, now: Date(), on: app.db) }
            }
            _ = try await DeviceBank.move(laptops[0], to: .lost, reason: "Stolen", evidence: .none, actor: .commandLine, now: Date(), on: app.db)
            _ = try await DeviceBank.move(laptops[1], to: .returned, reason: "", evidence: .none, actor: .commandLine, now: Date(), on: app.db)
            _ = try await DeviceBank.move(laptops[3], to: .recycled, reason: "", evidence: .recycling(facility: "Bywaters", on: CalendarDay(year: 2026, month: 11, day: 2)!, certificate: "W-1"),
                                          actor: .commandLine, now: Date(), on: app.db)
            try await Self.expectCountsAreTheDevices(on: app.db)
            let stock = try await KitStock.load(councilID: home.council.id!, now: Date(), on: app.db)
            #expect(stock.count(.laptop, .loaned) == 1 && stock.count(.laptop, .lost) == 1 && stock.count(.laptop, .returned) == 1 && stock.count(.laptop, .wiped) == 4)
            #expect(stock.count(nil, .received) == 2 && stock.allocatedRecently == [.laptop: 3])

            // A database from before the counts were kept: the migration counts what is there.
            let sql = app.db as! any SQLDatabase
            try await AddKitStockCounts().revert(on: app.db)
            try await sql.delete(from: "_fluent_migrations").where("name", .equal, String(reflecting: AddKitStockCounts.self)).run()
            try await app.autoMigrate()
            try await Self.expectCountsAreTheDevices(on: app.db)

            // Tallies gone wrong (a hand edit, an older server): `onramp kit-recount` mends them.
            try await sql.raw("UPDATE kit_stock_counts SET devices = devices + 7").run()
            try await sql.raw("DELETE FROM kit_handover_days").run()
            let recounted = try await StockCounts.recount(on: app.db)
            #expect(recounted.counts == 9 && recounted.days == 1, "laptops in 5 stages, tablets in 2, the phone and the other council's laptop in 1 each; 3 loans today")
            try await Self.expectCountsAreTheDevices(on: app.db)
        }
    }

    /// The rate ready devices go at counts every handover from eight weeks before `now` exactly
    /// once, wherever in a day those eight weeks begin: whole days from the tally, the first day
    /// from the moves.
    @Test(arguments: TestDatabase.available)
    func theRateDevicesGoAtCountsEachHandoverOnceWhereverEightWeeksBegin(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let home = try await Fixture.council(on: app.db)
            let devices = try await Self.batch((1...7).map { "laptop,Dell,5490,L\($0)" } + ["tablet,Apple,iPad,T1", "tablet,Apple,iPad,T2"], councilID: home.council.id!, on: app.db)
            for device in devices { try await World.makeReady(device, on: app.db) }
            let base = Date(timeIntervalSince1970: 1_796_040_000)  // 30 November 2026, 12:00 UTC
            let eightWeeks = Double(KitStock.weeks) * 7 * 86_400
            let hour = 3_600.0, day = 86_400.0
            let handovers: [(Int, DeviceStage, Date)] = [
                (0, .gifted, base - eightWeeks - hour), (1, .loaned, base - eightWeeks), (2, .gifted, base - eightWeeks + 2 * hour),
                (3, .gifted, base - eightWeeks + day), (4, .loaned, base - day), (5, .gifted, base), (6, .gifted, base + 13 * hour),
                (7, .gifted, base - 3 * day), (8, .loaned, base - eightWeeks + 11 * hour),
            ]
            for (index, stage, at) in handovers {
                #expect(try await DeviceBank.move(devices[index], to: stage, reason: "", evidence: .none, actor: .commandLine, now: at, on: app.db) == nil)
            }
            // A loan's extension is recorded as a move, and is not a handover: one on the first
            // day of the eight weeks before `base`, where the moves are counted, one on a later day.
            for (device, at) in [(devices[1], base - eightWeeks + 3 * hour), (devices[4], base - hour)] {
                try await DeviceMove(device: device, from: .loaned, to: .loaned, at: at, actor: "Test", reason: "Loan extended").create(on: app.db)
            }
            try await Self.expectCountsAreTheDevices(on: app.db)

            let moves = try await DeviceMove.query(on: app.db).all().filter(Self.isHandover)
            for now in [base, base + hour, base + 2 * hour + 1, base - 11 * hour, base + day, base - 2 * day, base + eightWeeks, base + 30 * day] {
                let since = now - eightWeeks
                let counted = Dictionary(moves.filter { $0.at >= since }.map { ($0.deviceType, 1) }, uniquingKeysWith: +)
                #expect(try await KitStock.load(councilID: home.council.id!, now: now, on: app.db).allocatedRecently == counted, "at \(now)")
            }
            #expect(try await KitStock.load(councilID: home.council.id!, now: base, on: app.db).allocatedRecently == [.laptop: 6, .tablet: 2])

            // Counted again from the moves by the migration, on days long past: the same.
            try await AddKitStockCounts().revert(on: app.db)
            try await (app.db as! any SQLDatabase).delete(from: "_fluent_migrations").where("name", .equal, String(reflecting: AddKitStockCounts.self)).run()
            try await app.autoMigrate()
            try await Self.expectCountsAreTheDevices(on: app.db)
            #expect(try await KitStock.load(councilID: home.council.id!, now: base, on: app.db).allocatedRecently == [.laptop: 6, .tablet: 2])
        }
    }
}
