import Fluent
import SQLKit

/// Indexes for issue 17's slow pages, each found by a query plan:
/// - an authority's areas in code order (every run page, 33 times for the London map) were
///   read by walking every LSOA in England in code order, as (geography, lad_code) could not
///   give the order: (geography, lad_code, code) gives both, and replaces it;
/// - the devices given or lent lately, by type (the stock page), were sorted to be grouped:
///   with the type before the time, each type's count is one range of the index.
struct AddSpeedIndexes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // IF NOT EXISTS: Fluent runs a migration outside a transaction, so one stopped part way
        // must be able to run again.
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX IF NOT EXISTS areas_lad_code ON \(ident: PlaceArea.schema) (geography, lad_code, code)").run()
        try await sql.drop(index: "areas_lad_idx").ifExists().run()
        try await sql.raw("CREATE INDEX IF NOT EXISTS kit_device_moves_given ON \(ident: DeviceMove.schema) (council_id, to_stage, device_type, at)").run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.drop(index: "kit_device_moves_given").ifExists().run()
        try await sql.create(index: "areas_lad_idx").on(PlaceArea.schema).column("geography").column("lad_code").run()
        try await sql.drop(index: "areas_lad_code").ifExists().run()
    }
}
