import Fluent
import SQLKit

/// The directory's places by strip of latitude (a hundredth of a degree, about 1.1 km), then
/// longitude, in place of by latitude then longitude: a search near a postcode reads each
/// strip across its box alone, where the old index gave a whole band of the country for the
/// box to be cut from (`PositionBox`). Latitude and id follow, so that the box is read from
/// the index alone. The expression is `LatitudeStrip`'s, written out, as a migration is never
/// edited once released.
struct IndexPlacesByLatitudeStrip: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // IF NOT EXISTS: Fluent runs a migration outside a transaction, so one stopped part way
        // must be able to run again.
        let sql = database as! any SQLDatabase
        try await sql.raw("""
            CREATE INDEX IF NOT EXISTS directory_locations_strip ON \(ident: DirectoryLocation.schema) \
            ((CAST(latitude * 100 AS INTEGER)), longitude, latitude, id)
            """).run()
        try await sql.drop(index: "directory_locations_position").ifExists().run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX IF NOT EXISTS directory_locations_position ON \(ident: DirectoryLocation.schema) (latitude, longitude, id)").run()
        try await sql.drop(index: "directory_locations_strip").ifExists().run()
    }
}
