import FluentKit
import FluentPostgresDriver
import NIOConcurrencyHelpers
import SQLKit

/// A statement that requests run again and again, its SQL written once for each kind of
/// database and its values bound afresh each time: SQLKit writing SQL text, much of it quoting
/// names, was 6 to 8% of a queue request's CPU, for the same few statements every time.
///
/// The statement is built with a `Slot` wherever a value goes; each run puts its values in the
/// slots' places, in whatever order the SQL reads them.
final class SQLTemplate: Sendable {
    /// Where the value at `index` of the values a run binds goes.
    struct Slot: SQLExpression {
        let index: Int

        func serialize(to serializer: inout SQLSerializer) {
            serializer.write(bind: Marker(index: index))
        }
    }

    private struct Marker: Encodable, Sendable {
        let index: Int
    }

    /// The statement's text, and for each of its binds in order, the index of the value it takes.
    private struct Written: Sendable {
        let sql: String
        let slots: [Int]
    }

    private let build: @Sendable (any SQLDatabase) -> any SQLExpression
    private let written = NIOLockedValueBox<[String: Written]>([:])

    /// `build` makes the whole statement, with a `Slot` for each value.
    init(_ build: @escaping @Sendable (any SQLDatabase) -> any SQLExpression) {
        self.build = build
    }

    /// The statement with `values` in its slots, to run on `sql` as a whole statement (not
    /// inside another, whose binds would come first).
    func filled(with values: [any Encodable & Sendable], on sql: any SQLDatabase) -> Filled {
        let text = written(on: sql)
        return Filled(sql: text.sql, binds: text.slots.map { slot in
            precondition(slot < values.count, "A run of a SQLTemplate gave \(values.count) values for a slot numbered \(slot).")
            return values[slot]
        })
    }

    /// The text written for a kind of database (`SQLDialect.name`), once a run has written it.
    func writtenSQL(forDialect dialect: String) -> String? {
        written.withLockedValue { $0[dialect]?.sql }
    }

    private func written(on sql: any SQLDatabase) -> Written {
        let dialect = sql.dialect.name
        if let text = written.withLockedValue({ $0[dialect] }) { return text }
        let (text, binds) = sql.serialize(build(sql))
        let written = Written(sql: text, slots: binds.map { bind in
            guard let marker = bind as? Marker else { preconditionFailure("A SQLTemplate binds only its slots: \(bind) should be a SQLTemplate.Slot.") }
            return marker.index
        })
        self.written.withLockedValue { $0[dialect] = written }
        return written
    }

    /// A statement's text and its values, in the order it binds them.
    struct Filled: SQLExpression {
        let sql: String
        let binds: [any Encodable & Sendable]

        func serialize(to serializer: inout SQLSerializer) {
            serializer.write(sql)
            serializer.binds.append(contentsOf: binds)
        }
    }
}

/// A statement so often run that its SQL is written once (`template`) and, on PostgreSQL,
/// prepared once on each connection and then run by name: PostgreSQL parses and plans an
/// unnamed statement again every time, and planning was most of its time for a request.
/// For reads: a run that fails by name is run again unnamed.
protocol RepeatedStatement {
    static var template: SQLTemplate { get }
}

extension RepeatedStatement {
    /// The rows the statement gives with `values` in its slots.
    static func all(binding values: [any Encodable & Sendable], on database: any Database) async throws -> [any SQLRow] {
        let sql = database as! any SQLDatabase
        let filled = template.filled(with: values, on: sql)
        if let postgres = database as? any PostgresDatabase, let bindings = PreparedOnPostgres<Self>.bindings(filled.binds) {
            let statement = PreparedOnPostgres<Self>(bindings: bindings)
            do {
                return try await postgres.withConnection { connection in
                    connection.eventLoop.makeFutureWithTask {
                        try await connection.execute(statement, logger: sql.logger).reduce(into: [any SQLRow]()) { $0.append($1) }
                    }
                }.get()
            } catch where runsAgainUnnamed(after: error) {
                // PostgresNIO keeps a connection's failed preparation and gives its error to every
                // later run there (a lock timed out in a migration, a pooler that drops names): the
                // statement runs unnamed instead, as any other, and fails only if that fails too.
                sql.logger.warning("a prepared statement failed; running it unnamed", metadata: ["statement": "\(PreparedOnPostgres<Self>.name)", "error": "\(String(reflecting: error))"])
            }
        }
        return try await sql.raw("\(filled)").all()
    }

    /// Whether a run that failed by name is worth running unnamed: not when the database cannot
    /// be reached, when a second try would only wait for the pool as long again before the 503
    /// (`DatabaseUnavailable`), nor when the request was cancelled.
    static func runsAgainUnnamed(after error: any Error) -> Bool {
        !DatabaseUnavailable.matches(error) && !(error is CancellationError)
    }
}

/// A `RepeatedStatement` as PostgresNIO prepares it: by name on each connection, the first
/// time the connection runs it.
struct PreparedOnPostgres<Statement: RepeatedStatement>: PostgresPreparedStatement {
    /// The statement's own type, as "OnrampServer.StaffSessions.SignedIn": PostgresNIO's default,
    /// this generic type's whole name, runs past the 63 bytes where PostgreSQL cuts a name, so
    /// that statements whose names began alike would have shared one. A test checks each name.
    static var name: String { String(reflecting: Statement.self) }

    static var sql: String {
        // `RepeatedStatement.all` writes the text before it runs the statement.
        Statement.template.writtenSQL(forDialect: PostgresDialect().name)!
    }

    let bindings: PostgresBindings

    /// The values as PostgreSQL's binds, or nil if one is of a type PostgresNIO cannot send as it is.
    static func bindings(_ values: [any Encodable & Sendable]) -> PostgresBindings? {
        var bindings = PostgresBindings(capacity: values.count)
        for value in values {
            guard let value = value as? any PostgresThrowingDynamicTypeEncodable, (try? bindings.append(value)) != nil else { return nil }
        }
        return bindings
    }

    func makeBindings() -> PostgresBindings { bindings }

    func decodeRow(_ row: PostgresRow) -> any SQLRow { row.sql(decodingContext: .default) }
}
