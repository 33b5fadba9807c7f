import Fluent
import SQLKit

/// Devices handed to residents: gifts and loans.
struct CreateKitAllocations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(KitAllocation.schema)
            .id()
            .field("council_id", .uuid, .required)
            .field("device_id", .uuid, .required, .references(KitDevice.schema, .id))
            .field("referral_id", .uuid, .required, .references(Referral.schema, .id))
            .field("is_loan", .bool, .required)
            .field("handed_over_on", .string, .required)
            .field("place", .string, .required)
            .field("staff", .string, .required)
            .field("acknowledged", .bool, .required)
            .field("due", .string)
            .field("extended_reason", .string)
            .field("returned_at", .datetime)
            .field("lost_at", .datetime)
            .field("reminded_before", .datetime)
            .field("reminded_due", .datetime)
            .field("created_at", .datetime, .required)
            .create()
        try await (database as! any SQLDatabase).create(index: "kit_allocations_loans").on(KitAllocation.schema)
            .column("council_id").column("is_loan").column("returned_at").column("due").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(KitAllocation.schema).delete()
    }
}
