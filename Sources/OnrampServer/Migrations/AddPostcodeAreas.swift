import Fluent
import SQLKit

/// Each postcode's 2021 LSOA, found from the imported boundaries, so that residents can be
/// counted by area without a boundary search for each one.
struct AddPostcodeAreas: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(PostcodePoint.schema).field("lsoa21", .string).update()
        try await (database as! any SQLDatabase).raw("CREATE INDEX postcodes_lsoa21 ON postcodes (lsoa21)").run()
    }

    func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("DROP INDEX postcodes_lsoa21").run()
        try await database.schema(PostcodePoint.schema).deleteField("lsoa21").update()
    }
}
