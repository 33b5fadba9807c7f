import Fluent
import SQLKit

/// The insight figures count a council's cases, referrals, follow-ups and handovers by the day
/// they happened, in the database: these indexes hold every column those counts read, so a
/// quarter is counted from an index alone rather than from every row of the table.
struct AddInsightIndexes: AsyncMigration {
    static let indexes = [
        ("help_cases_council_created", "help_cases (council_id, created_at, resident_id)"),
        ("referrals_council_created", "referrals (council_id, created_at, combined_into_id, status)"),
        ("follow_ups_council_due", "follow_ups (council_id, due_on, status, online)"),
        ("kit_allocations_council_handed", "kit_allocations (council_id, handed_over_on, is_loan)"),
        ("kit_data_packs_council_given", "kit_data_packs (council_id, given_on)"),
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
