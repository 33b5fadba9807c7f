import Fluent
import Foundation
import SQLKit

/// Databases migrated by an earlier release ran `CreateKit` and `CreateKitAllocations` as they
/// were then; both were later edited in place, so such a database lacks what the stock page and
/// the loans read. This brings them to what a new database has, and does nothing on one that
/// already has it. (From here on a released migration is never edited: see `Migrations.all`.)
struct MendEditedMigrations: AsyncMigration {
    /// Indexes as the current `CreateKit` makes them, with the columns later added to each.
    static let kitIndexes: [(name: String, table: String, columns: [String])] = [
        ("kit_devices_stage", "kit_devices", ["council_id", "stage", "type", "stage_since"]),
        ("kit_device_moves_stage", "kit_device_moves", ["council_id", "to_stage", "at", "device_type"]),
    ]

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        let schema = try await LiveSchema.read(database)
        if !schema.has("kit_device_moves", column: "device_type") {
            // Each move keeps its device's type, so the stock page counts moves without the devices.
            try await database.schema("kit_device_moves").field("device_type", .string, .required, .sql(.default(""))).update()
            try await sql.raw("UPDATE kit_device_moves SET device_type = (SELECT type FROM kit_devices WHERE kit_devices.id = kit_device_moves.device_id)").run()
        }
        if !schema.has("kit_allocations", column: "lost_at") {
            try await database.schema("kit_allocations").field("lost_at", .datetime).update()
        }
        for index in Self.kitIndexes where !(schema.indexes[index.name].map { Self.covers($0, index.columns) } ?? false) {
            if schema.indexes[index.name] != nil { try await sql.drop(index: index.name).run() }
            var create = sql.create(index: index.name).on(index.table)
            for column in index.columns { create = create.column(column) }
            try await create.run()
        }
    }

    /// Whether an index's definition names its columns in this order, whichever database wrote it.
    static func covers(_ definition: String, _ columns: [String]) -> Bool {
        let inside = definition.split(separator: "(", maxSplits: 1).last.map { $0.prefix { $0 != ")" } } ?? ""
        let named = inside.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"`")) }
        return named == columns
    }

    /// Nothing to undo: what it adds is what `CreateKit` and `CreateKitAllocations` now make.
    func revert(on database: any Database) async throws {}
}
