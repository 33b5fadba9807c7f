import Fluent
import SQLKit

/// Which residents each "viewed" line of the audit log covers, so that a resident's record can
/// say who has looked at it, lists included. Names are literal: a migration is history.
struct CreateResidentViews: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("audit_resident_views")
            .id()
            .field("audit_event_id", .uuid, .required, .references("audit_events", "id"))
            .field("resident_id", .uuid, .required)
            .field("viewed_at", .datetime, .required)
            .create()
        try await (database as! any SQLDatabase).create(index: "audit_resident_views_resident").on("audit_resident_views")
            .column("resident_id").column("viewed_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("audit_resident_views").delete()
    }
}
