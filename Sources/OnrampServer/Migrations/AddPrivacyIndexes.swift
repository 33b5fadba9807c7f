import Fluent
import SQLKit

/// Anonymising and a subject access copy find everything of one resident: by their id, the
/// records merged into theirs, their cases, and the messages and bookings of those cases or of
/// their phone or email. Without these each would read whole tables.
struct AddPrivacyIndexes: AsyncMigration {
    static let indexes = [
        ("help_cases_resident", "help_cases (resident_id)"),
        ("residents_merged_into", "residents (merged_into_id)"),
        ("outbox_messages_case", "outbox_messages (case_id)"),
        ("outbox_messages_recipient", "outbox_messages (council_id, recipient)"),
        ("session_bookings_case", "session_bookings (case_id)"),
        ("session_bookings_contact", "session_bookings (council_id, contact)"),
        ("kit_allocations_referral", "kit_allocations (referral_id)"),
        ("triage_drafts_case", "triage_drafts (case_id)"),
    ]

    func prepare(on database: any Database) async throws {
        for (name, columns) in Self.indexes {
            try await (database as! any SQLDatabase).raw("CREATE INDEX \(unsafeRaw: name) ON \(unsafeRaw: columns)").run()
        }
    }

    func revert(on database: any Database) async throws {
        for (name, _) in Self.indexes { try await (database as! any SQLDatabase).raw("DROP INDEX \(unsafeRaw: name)").run() }
    }
}
