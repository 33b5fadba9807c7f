import Fluent
import SQLKit

/// Each council's way in without the website: phone, address, hours, and the local
/// authorities it serves. Names are literal: a migration is history.
struct CreateCouncilContacts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("council_contacts")
            .id()
            .field("council_id", .uuid, .required, .references("organisations", "id"))
            .field("phone", .string, .required)
            .field("address", .string, .required)
            .field("opening_hours", .string, .required)
            .field("local_authorities", .string, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "council_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("council_contacts").delete()
    }
}
