import NIOConcurrencyHelpers
import SQLKit

/// A statement that requests run again and again, its SQL written once for each kind of
/// database and its values bound afresh each time. SQLKit writing the same text again for
/// every request was 6 to 8% of a signed-in page's CPU, half of it quoting names.
///
/// The statement is built with a `Slot` wherever a value goes; `statement(binding:on:)` puts
/// each run's values in the slots' places, in whatever order the SQL reads them.
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
    func statement(binding values: [any Encodable & Sendable], on sql: any SQLDatabase) -> some SQLExpression {
        let dialect = sql.dialect.name
        let text = written.withLockedValue { $0[dialect] } ?? write(on: sql, as: dialect)
        return Filled(sql: text.sql, binds: text.slots.map { values[$0] })
    }

    private func write(on sql: any SQLDatabase, as dialect: String) -> Written {
        let (text, binds) = sql.serialize(build(sql))
        let written = Written(sql: text, slots: binds.map { ($0 as! Marker).index })
        self.written.withLockedValue { $0[dialect] = written }
        return written
    }

    private struct Filled: SQLExpression {
        let sql: String
        let binds: [any Encodable & Sendable]

        func serialize(to serializer: inout SQLSerializer) {
            serializer.write(sql)
            serializer.binds.append(contentsOf: binds)
        }
    }
}
