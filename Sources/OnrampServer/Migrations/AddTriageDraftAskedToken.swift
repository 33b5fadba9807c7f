import Fluent

/// The browser that asked for help holds a random token whose hash is kept with the draft, so
/// that only it sees the reference for a while after asking: the draft's address alone is not
/// enough, nor anything worked out from it.
struct AddTriageDraftAskedToken: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("triage_drafts").field("asked_token_hash", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("triage_drafts").deleteField("asked_token_hash").update()
    }
}
