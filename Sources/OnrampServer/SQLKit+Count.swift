import SQLKit

extension SQLSelectBuilder {
    /// `COUNT(*) AS name`: counts rows from an index alone, where Fluent's `count()` counts ids.
    @discardableResult
    func countingAll(as name: String = "total") -> Self {
        column(SQLFunction("COUNT", args: SQLLiteral.all), as: name)
    }
}
