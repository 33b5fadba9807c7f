import SQLKit

extension SQLDatabase {
    /// SQLite's `EXPLAIN QUERY PLAN` of a select, a line a step ("SEARCH referrals USING …"),
    /// for tests that a query reads the index it was written for.
    func queryPlan(of select: SQLSelect) async throws -> [String] {
        try await QueryPlan(select: select, database: self).all().map { try $0.decode(column: "detail", as: String.self) }
    }
}

private final class QueryPlan: SQLQueryFetcher {
    let select: SQLSelect, database: any SQLDatabase
    init(select: SQLSelect, database: any SQLDatabase) { (self.select, self.database) = (select, database) }
    var query: any SQLExpression { SQLList([SQLRaw("EXPLAIN QUERY PLAN"), select], separator: SQLRaw(" ")) }
}
