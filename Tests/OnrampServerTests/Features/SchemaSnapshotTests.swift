import Fluent
import Foundation
import SQLKit
import Testing
@testable import OnrampServer

/// The schema every migration makes, on each database, against the snapshot kept in
/// `Tests/Snapshots`: a migration edited after release, or one added without updating the
/// snapshot, fails here. `ONRAMP_UPDATE_SNAPSHOTS=1 swift test --filter SchemaSnapshotTests`
/// writes the snapshot afresh, to be read and committed with the migration that changed it.
@Suite struct SchemaSnapshotTests {
    static func snapshotPath(_ db: TestDatabase) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Snapshots/schema-\(db.rawValue).txt").path
    }

    @Test(arguments: TestDatabase.available)
    func theMigratedSchemaIsTheSnapshot(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let schema = try await LiveSchema.read(app.db).text
            let path = Self.snapshotPath(db)
            if ProcessInfo.processInfo.environment["ONRAMP_UPDATE_SNAPSHOTS"] == "1" {
                try schema.write(toFile: path, atomically: true, encoding: .utf8)
            }
            let kept = try String(contentsOfFile: path, encoding: .utf8)
            let now = Set(schema.split(separator: "\n")), before = Set(kept.split(separator: "\n"))
            #expect(now.subtracting(before).sorted().isEmpty, "in the database, not in \(path)")
            #expect(before.subtracting(now).sorted().isEmpty, "in \(path), not in the database")
            #expect(schema == kept)
            #expect(schema.contains("kit_device_moves.device_type") && schema.contains("index outbox_due"))
        }
    }

    /// A database from before `CreateKit` and `CreateKitAllocations` were edited: the moves lack
    /// their device's type, the allocations `lost_at`, and two indexes have fewer columns.
    @Test(arguments: TestDatabase.available)
    func aDatabaseMigratedBeforeCreateKitWasEditedIsMended(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let sql = app.db as! any SQLDatabase
            let fresh = try await LiveSchema.read(app.db)
            let home = try await Fixture.council(on: app.db)
            let device = try await Fixture.device(councilID: home.council.id!, on: app.db)
            try await World.makeReady(device, on: app.db)
            let moves = try await DeviceMove.query(on: app.db).count()
            #expect(moves == 4, "received, wiped, refurbished, ready")

            // From before AddSpeedIndexes too, which indexes the moves' device type.
            try await AddSpeedIndexes().revert(on: app.db)
            try await sql.delete(from: "_fluent_migrations").where("name", .equal, String(reflecting: AddSpeedIndexes.self)).run()
            for index in MendEditedMigrations.kitIndexes { try await sql.drop(index: index.name).run() }
            try await sql.raw("ALTER TABLE kit_device_moves DROP COLUMN device_type").run()
            try await sql.raw("ALTER TABLE kit_allocations DROP COLUMN lost_at").run()
            try await sql.raw("CREATE INDEX kit_devices_stage ON kit_devices (council_id, stage, type)").run()
            try await sql.raw("CREATE INDEX kit_device_moves_stage ON kit_device_moves (council_id, to_stage, at)").run()
            try await sql.delete(from: "_fluent_migrations").where("name", .equal, String(reflecting: MendEditedMigrations.self)).run()
            let old = try await LiveSchema.read(app.db)
            #expect(!old.has("kit_device_moves", column: "device_type") && old != fresh)

            try await app.autoMigrate()
            #expect(try await LiveSchema.read(app.db) == fresh, "mended to what a new database has")
            for move in try await DeviceMove.query(on: app.db).all() { #expect(move.deviceType == device.type) }
            #expect(try await DeviceMove.query(on: app.db).count() == moves, "nothing lost")
            // Run again on a database that has it all: nothing changes.
            try await MendEditedMigrations().prepare(on: app.db)
            #expect(try await LiveSchema.read(app.db) == fresh)
        }
    }

    /// A database from before `CreateInvitations`, `CreateDirectory` and `CreateCases` were
    /// edited, at their first versions: invitations without their council, the directory without
    /// owners, check dates, proposals or its word index and with the old required `search_terms`,
    /// the referral queue's first indexes and the offers' `draft_rule`.
    @Test(arguments: TestDatabase.available)
    func aDatabaseMigratedBeforeTheDirectoryAndCasesWereEditedIsMended(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let sql = app.db as! any SQLDatabase
            let fresh = try await LiveSchema.read(app.db)
            let place = try await Fixture.council(on: app.db)
            _ = try await DemoDirectory.load(from: SharedData.directory, councilID: place.council.id!, now: Date(), on: app.db)
            let admin = try await Fixture.user(.admin, in: place.council, on: app.db)
            try await Invitation(tokenHash: "hash", user: admin, invitedByID: nil, now: Date(), expiresAt: Date().addingTimeInterval(86400)).create(on: app.db)
            struct Word: Decodable, Equatable { let service_id: UUID; let word: String }
            func words() async throws -> [Word] {
                try await sql.select().columns("service_id", "word").from(DirectoryRecords.wordsSchema).orderBy("service_id").orderBy("word").all(decoding: Word.self)
            }
            struct Assured: Decodable, Equatable { let id: UUID; let assured_on: String? }
            func assured() async throws -> [Assured] {
                try await sql.select().columns("id", "assured_on").from(DirectoryService.schema).orderBy("id").all(decoding: Assured.self)
            }
            let (wordsBefore, assuredBefore) = (try await words(), try await assured())
            #expect(wordsBefore.count > 100 && assuredBefore.contains { $0.assured_on != nil }, "\(wordsBefore.count) words")

            for statement in [
                "ALTER TABLE invitations DROP COLUMN council_id",
                "ALTER TABLE directory_services DROP COLUMN owner_organisation_id",
                "ALTER TABLE directory_services DROP COLUMN assured_on",
                "ALTER TABLE directory_services ADD COLUMN search_terms TEXT NOT NULL DEFAULT ''",
                "DROP TABLE directory_proposals",
                "DROP TABLE directory_service_words",
                "DROP INDEX directory_service_locations_place",
                "DROP INDEX directory_locations_strip",
                "CREATE INDEX directory_locations_position ON directory_locations (latitude, longitude)",
                "ALTER TABLE help_offers ADD COLUMN draft_rule TEXT",
            ] + CreateCases.referralQueueIndexes.map { "DROP INDEX \($0.name)" } + [
                "CREATE INDEX referrals_queue ON referrals (organisation_id, status, created_at)",
                "CREATE INDEX referrals_council ON referrals (council_id, status, contact_due)",
            ] {
                try await sql.raw(SQLQueryString(statement)).run()
            }
            // From before the queue was ordered by id too, places indexed by strip and links by place with their ids, which came after the mend.
            let mends: [any AsyncMigration.Type] = [MendEditedDirectoryAndCases.self, OrderReferralQueueByID.self, IndexPlacesByLatitudeStrip.self, IndexLinksByPlaceWithTheirIDs.self]
            for mend in mends.map({ String(reflecting: $0) }) {
                try await sql.delete(from: "_fluent_migrations").where("name", .equal, mend).run()
            }
            let old = try await LiveSchema.read(app.db)
            #expect(!old.has("invitations", column: "council_id") && old.has("directory_services", column: "search_terms") && old != fresh)

            try await app.autoMigrate()
            #expect(try await LiveSchema.read(app.db) == fresh, "mended to what a new database has")
            #expect(try await Invitation.query(on: app.db).first()?.councilID == place.council.id, "each invitation takes its user's council")
            #expect(try await words() == wordsBefore, "search finds the services already there")
            #expect(try await assured() == assuredBefore, "each service's last check, from its published record")
            // Publishing works again (the old required search_terms refused it), and nothing changes the second time.
            _ = try await DemoDirectory.load(from: SharedData.directory, councilID: place.council.id!, now: Date(), on: app.db)
            #expect(try await words() == wordsBefore)
            try await MendEditedDirectoryAndCases().prepare(on: app.db)
            try await OrderReferralQueueByID().prepare(on: app.db)
            // Run again, the mend makes the directory's indexes as CreateDirectory does, knowing nothing of
            // later ones: the strips' and the links' indexes replace two of them after it, as at start.
            try await IndexPlacesByLatitudeStrip().prepare(on: app.db)
            try await IndexLinksByPlaceWithTheirIDs().prepare(on: app.db)
            #expect(try await LiveSchema.read(app.db) == fresh)
        }
    }
}
