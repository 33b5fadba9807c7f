import Fluent
import SQLKit

/// Services in order of name, for a list of them (the open API's pages, the directory without
/// words typed): without it, every page sorted every service, its whole stored document with
/// it, to give the first 50 (issue 17). Imports refuse a name too long for PostgreSQL's index
/// (`ORUKFeed.longestServiceName`); the forms take 120 characters.
struct AddServiceNameIndex: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // IF NOT EXISTS: Fluent runs a migration outside a transaction, so one stopped part way
        // must be able to run again.
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX IF NOT EXISTS directory_services_name ON \(ident: "directory_services") (name, id)").run()
    }

    func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).drop(index: "directory_services_name").ifExists().run()
    }
}
