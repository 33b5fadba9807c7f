import FluentKit
import FluentSQL
import SQLKit

extension QueryBuilder {
    /// The rows this query reaches (its table and its filters, the scope's among them) as a SQL
    /// select with no columns, for counting and grouping in the database, which Fluent cannot
    /// do: the caller adds the columns and the grouping. Its filters name their table, so joins
    /// may be added.
    func sqlSelect() -> SQLSelectBuilder {
        let builder = (database as! any SQLDatabase).select()
        builder.select = SQLQueryConverter(delegate: FiltersOnly()).convert(query) as! SQLSelect
        builder.select.columns = []
        return builder
    }
}

/// A select's filters name no data types, which is all a converter delegate gives.
private struct FiltersOnly: SQLConverterDelegate {
    func customDataType(_ dataType: DatabaseSchema.DataType) -> (any SQLExpression)? { nil }
}

/// `CASE WHEN column < bounds[0] THEN 0 WHEN column < bounds[1] THEN 1 … ELSE bounds.count END`:
/// which of the periods starting at each bound a value falls in, to group by (the rows are
/// already narrowed to the first period's start and the last one's end).
struct SQLPeriodIndex: SQLExpression {
    let column: any SQLExpression
    /// Ascending: the start of every period after the first.
    let bounds: [any Encodable & Sendable]

    func serialize(to serializer: inout SQLSerializer) {
        serializer.write("CASE")
        for (index, bound) in bounds.enumerated() {
            serializer.write(" WHEN ")
            column.serialize(to: &serializer)
            serializer.write(" < ")
            SQLBind(bound).serialize(to: &serializer)
            serializer.write(" THEN \(index)")
        }
        serializer.write(" ELSE \(bounds.count) END")
    }
}

/// `left CROSS JOIN right`, its condition left to WHERE: SQLite reads the tables in the order
/// written, where it might choose another; PostgreSQL plans it as any inner join.
struct SQLCrossJoin: SQLExpression {
    let left: any SQLExpression
    let right: any SQLExpression

    func serialize(to serializer: inout SQLSerializer) {
        left.serialize(to: &serializer)
        serializer.write(" CROSS JOIN ")
        right.serialize(to: &serializer)
    }
}
