import Fluent
import SQLKit

/// The schema a database has now, read from the database itself: each table's columns (name,
/// type, whether it may be empty) and each index Onramp made (its definition as the database
/// keeps it). Migrations that mend older databases ask it what is there; a test compares it,
/// written out, with the snapshot kept in the repository.
struct LiveSchema: Equatable, Sendable {
    struct Column: Equatable, Sendable {
        let name: String
        let type: String
        let required: Bool
    }

    /// Columns by table, each list sorted by name.
    var tables: [String: [Column]]
    /// Index definitions by name, without the primary keys and unique constraints' own.
    var indexes: [String: String]

    func has(_ table: String, column: String) -> Bool { tables[table]?.contains { $0.name == column } ?? false }

    static func read(_ database: any Database) async throws -> LiveSchema {
        let sql = database as! any SQLDatabase
        var tables: [String: [Column]] = [:]
        var indexes: [String: String] = [:]
        if sql.dialect.name == "sqlite" {
            for row in try await sql.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() {
                let table = try row.decode(column: "name", as: String.self)
                let columns = try await sql.raw("SELECT name, type, \"notnull\" FROM pragma_table_info(\(bind: table))").all()
                tables[table] = try columns.map {
                    Column(name: try $0.decode(column: "name", as: String.self), type: try $0.decode(column: "type", as: String.self).lowercased(),
                           required: try $0.decode(column: "notnull", as: Int.self) != 0)
                }.sorted { $0.name < $1.name }
            }
            for row in try await sql.raw("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL").all() {
                indexes[try row.decode(column: "name", as: String.self)] = try row.decode(column: "sql", as: String.self)
            }
        } else {
            let columns = try await sql.raw("""
                SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns
                WHERE table_schema = current_schema() ORDER BY table_name, column_name
                """).all()
            for row in columns {
                tables[try row.decode(column: "table_name", as: String.self), default: []].append(Column(
                    name: try row.decode(column: "column_name", as: String.self), type: try row.decode(column: "data_type", as: String.self),
                    required: try row.decode(column: "is_nullable", as: String.self) == "NO"
                ))
            }
            let made = try await sql.raw("""
                SELECT i.indexname, i.indexdef FROM pg_indexes i
                WHERE i.schemaname = current_schema()
                AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
                """).all()
            for row in made { indexes[try row.decode(column: "indexname", as: String.self)] = try row.decode(column: "indexdef", as: String.self) }
        }
        return LiveSchema(tables: tables, indexes: indexes)
    }

    /// One line per column and per index, sorted: what the snapshot holds.
    var text: String {
        let columns = tables.keys.sorted().flatMap { table in
            (tables[table] ?? []).map { "\(table).\($0.name) \($0.type)\($0.required ? " required" : "")" }
        }
        return (columns + indexes.keys.sorted().map { "index \($0): \(indexes[$0] ?? "")" }).joined(separator: "\n") + "\n"
    }
}
