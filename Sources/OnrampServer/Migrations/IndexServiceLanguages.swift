import Fluent
import SQLKit

/// The languages services are offered in, indexed: every search page lists them for its
/// filter, and without the index each page read every service's row, documents and all, to
/// find the few different values (80 ms of each page at 100,000 services). With it, each
/// different value is one step through the index (`DirectorySearch.languages`).
struct IndexServiceLanguages: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // IF NOT EXISTS: Fluent runs a migration outside a transaction, so one stopped part way
        // must be able to run again.
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX IF NOT EXISTS directory_services_languages ON \(ident: DirectoryService.schema) (language_codes)").run()
    }

    func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).drop(index: "directory_services_languages").ifExists().run()
    }
}
