import Fluent
import SQLKit

/// What retention and erasure need: each council's retention settings; a resident's area kept
/// when their postcode is removed, so the figures by area stay as they were; and when a
/// resident or a champion was anonymised.
struct AddPrivacy: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(RetentionSettings.schema)
            .id()
            .field("council_id", .uuid, .required, .references(Organisation.schema, .id))
            .field("closed_case_months", .int, .required)
            .field("unanswered_days", .int, .required)
            .field("message_body_days", .int, .required)
            .field("champion_left_months", .int, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "council_id")
            .create()
        // One column a statement: SQLite adds no more at once.
        try await database.schema(Resident.schema).field("area_lsoa21", .string).update()
        try await database.schema(Resident.schema).field("anonymised_at", .datetime).update()
        try await database.schema(Champion.schema).field("anonymised_at", .datetime).update()
        try await database.schema(OutboxMessage.schema).field("body_removed_at", .datetime).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(OutboxMessage.schema).deleteField("body_removed_at").update()
        try await database.schema(Champion.schema).deleteField("anonymised_at").update()
        try await database.schema(Resident.schema).deleteField("anonymised_at").update()
        try await database.schema(Resident.schema).deleteField("area_lsoa21").update()
        try await database.schema(RetentionSettings.schema).delete()
    }
}
