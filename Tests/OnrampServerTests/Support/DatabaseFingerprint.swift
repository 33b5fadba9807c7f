import Fluent
import Foundation
import SQLKit
@testable import OnrampServer

/// Every row of every table as text, to show that a request changed nothing. Sessions are left
/// out: a request may refresh its own.
enum DatabaseFingerprint {
    static let ignored: Set<String> = ["_fluent_migrations", "user_sessions", "sqlite_sequence"]

    static func take(_ database: any Database) async throws -> [String: [String]] {
        let sql = database as! any SQLDatabase
        struct Name: Decodable { let name: String }
        var tables: [String: [String]] = [:]
        if sql.dialect.name == "sqlite" {
            let names = try await sql.raw("SELECT name FROM sqlite_master WHERE type = 'table'").all(decoding: Name.self).map(\.name)
            for table in names where !ignored.contains(table) {
                let columns = try await sql.raw("SELECT name FROM pragma_table_info(\(bind: table))").all(decoding: Name.self).map(\.name)
                let row = columns.map { "quote(\"\($0)\")" }.joined(separator: " || ',' || ")
                struct Text: Decodable { let row: String? }
                tables[table] = try await sql.raw(SQLQueryString("SELECT \(row) AS row FROM \"\(table)\"")).all(decoding: Text.self).map { $0.row ?? "" }.sorted()
            }
        } else {
            let names = try await sql.raw("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'")
                .all(decoding: Name.self).map(\.name)
            for table in names where !ignored.contains(table) {
                struct Text: Decodable { let row: String }
                tables[table] = try await sql.raw(SQLQueryString("SELECT t::text AS row FROM \"\(table)\" t")).all(decoding: Text.self).map(\.row).sorted()
            }
        }
        return tables
    }

    /// The tables whose rows differ, for a test's message.
    static func changes(from before: [String: [String]], to after: [String: [String]]) -> [String] {
        Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }.sorted()
    }
}
