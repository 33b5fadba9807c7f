import Fluent
import Foundation
import OnrampCore
import SQLKit

/// Residents found by name, phone, email or postcode, partly typed and whatever the accents:
/// each record keeps its details in the form search compares (OnrampCore's `ResidentSearchKeys`),
/// filled here for the records already made. Also when a record's contact details were given,
/// so that merging two records keeps the more recent ones. Names are literal: a migration is history.
struct AddResidentSearchKeys: AsyncMigration {
    static let columns: [(String, DatabaseSchema.DataType)] = [
        ("search_name", .string), ("search_phone", .string), ("search_email", .string), ("search_postcode", .string), ("details_given_at", .datetime),
    ]

    func prepare(on database: any Database) async throws {
        // One column at a time: SQLite adds a single column per ALTER TABLE.
        for (name, type) in Self.columns {
            try await database.schema("residents").field(.string(name), type).update()
        }
        try await (database as! any SQLDatabase).raw("UPDATE residents SET details_given_at = created_at").run()
        try await Self.fillSearchKeys(on: database)
    }

    func revert(on database: any Database) async throws {
        // Written out: Fluent's SQLite driver leaves a dropped field in place.
        for (name, _) in Self.columns.reversed() {
            try await (database as! any SQLDatabase).raw(SQLQueryString("ALTER TABLE residents DROP COLUMN \(unsafeRaw: name)")).run()
        }
    }

    /// Every record's keys, a thousand records to a transaction, in the order of their ids.
    static func fillSearchKeys(on database: any Database, batch: Int = 1_000) async throws {
        let sql = database as! any SQLDatabase
        struct Row: Decodable {
            let id: UUID
            let name: String
            let phone: String?
            let email: String?
            let postcode: String?
        }
        var after: UUID?
        while true {
            let select = sql.select().columns("id", "name", "phone", "email", "postcode").from("residents").orderBy("id").limit(batch)
            if let after { select.where("id", .greaterThan, after) }
            let rows = try await select.all(decoding: Row.self)
            guard let last = rows.last else { return }
            try await database.transaction { tx in
                let sql = tx as! any SQLDatabase
                for row in rows {
                    let keys = ResidentSearchKeys(name: row.name, phone: row.phone, email: row.email, postcode: row.postcode)
                    try await sql.update("residents")
                        .set("search_name", to: keys.name).set("search_phone", to: keys.phone)
                        .set("search_email", to: keys.email).set("search_postcode", to: keys.postcode)
                        .where("id", .equal, row.id).run()
                }
            }
            after = last.id
        }
    }
}
