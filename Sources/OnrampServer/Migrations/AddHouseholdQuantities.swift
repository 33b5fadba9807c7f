import Fluent
import SQLKit

/// Devices for a household, one each for the children who need one for schoolwork: how many an
/// offer gives one household, and how many a referral asks for.
struct AddHouseholdQuantities: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("help_offers").field("max_per_household", .int, .required, .sql(.default(1))).update()
        try await database.schema("referrals").field("quantity", .int, .required, .sql(.default(1))).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("referrals").deleteField("quantity").update()
        try await database.schema("help_offers").deleteField("max_per_household").update()
    }
}
