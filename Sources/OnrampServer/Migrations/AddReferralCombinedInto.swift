import Fluent

/// A request closed when two records of one resident were merged points at the request it was
/// combined into, so /track can send the resident to the reference that carries on.
struct AddReferralCombinedInto: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("referrals").field("combined_into_id", .uuid).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("referrals").deleteField("combined_into_id").update()
    }
}
