import Fluent
import Foundation
import OnrampCore
import SQLKit

/// `CreateInvitations`, `CreateDirectory` and `CreateCases` were edited in place after release,
/// as `CreateKit` was (see `MendEditedMigrations`). A database that ran an earlier version lacks
/// an invitation's council, the directory's owners, proposals and word index (so publishing
/// fails on the old `search_terms`, and search finds nothing), and has the referral queue's
/// earlier indexes. Each is checked against what the database has, since a database may have
/// run each migration at a different version; on an up-to-date database this does nothing.
struct MendEditedDirectoryAndCases: AsyncMigration {
    /// Indexes as `CreateDirectory` now makes them.
    static let directoryIndexes: [(name: String, table: String, columns: [String])] = [
        ("directory_service_locations_location", "directory_service_locations", ["location_id"]),
        ("directory_locations_position", "directory_locations", ["latitude", "longitude", "id"]),
    ]
    /// The referral queue's indexes from `CreateCases`' first two versions.
    static let earlierReferralIndexes = ["referrals_queue", "referrals_council", "referrals_partner_due", "referrals_council_due"]

    /// In one transaction, so a process killed part way leaves nothing half mended (a column
    /// added and not yet filled would be taken for done at the next start).
    func prepare(on database: any Database) async throws {
        try await database.transaction { tx in try await mend(on: tx) }
    }

    private func mend(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        let schema = try await LiveSchema.read(database)
        if !schema.has("invitations", column: "council_id") {
            // Required, so SQLite needs a default to add it; each row then takes its user's council.
            try await database.schema("invitations").field("council_id", .uuid, .required, .sql(.default(SQLLiteral.string("00000000-0000-0000-0000-000000000000")))).update()
            try await sql.raw("UPDATE invitations SET council_id = (SELECT council_id FROM users WHERE users.id = invitations.user_id)").run()
        }
        try await mendDirectory(schema, on: database)
        for index in CreateCases.referralQueueIndexes where !(schema.indexes[index.name].map { MendEditedMigrations.covers($0, index.columns) } ?? false) {
            if schema.indexes[index.name] != nil { try await sql.drop(index: index.name).run() }
            try await sql.raw(SQLQueryString(index.sql)).run()
        }
        for name in Self.earlierReferralIndexes where schema.indexes[name] != nil {
            try await sql.drop(index: name).run()
        }
        if schema.has("help_offers", column: "draft_rule") {
            try await sql.raw("ALTER TABLE help_offers DROP COLUMN draft_rule").run()
        }
    }

    private func mendDirectory(_ schema: LiveSchema, on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        if !schema.has("directory_services", column: "owner_organisation_id") {
            try await sql.raw("ALTER TABLE directory_services ADD COLUMN owner_organisation_id UUID REFERENCES organisations (id)").run()
        }
        if !schema.has("directory_services", column: "assured_on") {
            try await database.schema("directory_services").field("assured_on", .string).update()
            try await fillAssuredOn(on: sql)
        }
        if schema.has("directory_services", column: "search_terms") {
            // Required and no longer written: every publish would be refused while it is there.
            try await sql.raw("ALTER TABLE directory_services DROP COLUMN search_terms").run()
        }
        if schema.tables[DirectoryProposal.schema] == nil {
            try await CreateDirectory.createProposals(on: database)
        }
        if schema.tables[DirectoryRecords.wordsSchema] == nil {
            try await CreateDirectory.createWords(on: database)
            try await fillWords(on: sql)
        }
        for index in Self.directoryIndexes where !(schema.indexes[index.name].map { MendEditedMigrations.covers($0, index.columns) } ?? false) {
            if schema.indexes[index.name] != nil { try await sql.drop(index: index.name).run() }
            var create = sql.create(index: index.name).on(index.table)
            for column in index.columns { create = create.column(column) }
            try await create.run()
        }
    }

    private struct StoredService: Decodable { let id: UUID; let name: String; let document: String }

    /// The date each service was last checked, from its published record, as publishing now keeps it.
    private func fillAssuredOn(on sql: any SQLDatabase) async throws {
        for service in try await sql.select().columns("id", "name", "document").from(DirectoryService.schema).all(decoding: StoredService.self) {
            guard let assured = (try? JSONDecoder().decode(ORUK.Service.self, from: Data(service.document.utf8)))?.assured_date else { continue }
            try await sql.update(DirectoryService.schema).set("assured_on", to: assured).where("id", .equal, service.id).run()
        }
    }

    /// Each service's words, as publishing now writes them, so search finds the services already there.
    private func fillWords(on sql: any SQLDatabase) async throws {
        var rows: [[any Encodable & Sendable]] = []
        for service in try await sql.select().columns("id", "name", "document").from(DirectoryService.schema).all(decoding: StoredService.self) {
            let description = (try? JSONDecoder().decode(ORUK.Service.self, from: Data(service.document.utf8)))?.description ?? ""
            rows += SearchText.terms([service.name, description].joined(separator: " ")).map { [service.id, $0] }
        }
        for batch in rows.chunked(into: 10_000) {
            var insert = sql.insert(into: DirectoryRecords.wordsSchema).columns("service_id", "word")
            for row in batch { insert = insert.values(row) }
            try await insert.run()
        }
    }

    /// Nothing to undo: what it adds is what the three migrations now make.
    func revert(on database: any Database) async throws {}
}
