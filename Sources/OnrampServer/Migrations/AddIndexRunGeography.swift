import Fluent
import SQLKit

/// Runs on 2011 LSOAs as well as 2021: each run says which. Earlier runs were all on 2021 LSOAs.
struct AddIndexRunGeography: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(IndexRun.schema)
            .field("geography", .string, .required, .sql(.default(LSOAGeography.lsoa21.rawValue)))
            .update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(IndexRun.schema).deleteField("geography").update()
    }
}
