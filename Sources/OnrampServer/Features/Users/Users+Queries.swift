import Fluent
import FluentSQL
import OnrampCore
import Vapor

extension User {
    static let pageSize = 25

    /// One page of a council's users, by name, optionally narrowed by a search of name or email.
    static func page(councilID: UUID, search: String, requested: Int?, on database: any Database) async throws -> ([User], Paging) {
        var query = User.query(on: database).filter(\.$councilID == councilID).with(\.$organisation)
        if !search.isEmpty {
            let needle = search.lowercased()
            // LOWER(…) LIKE so that the search ignores case on PostgreSQL as on SQLite.
            let pattern = SQLBind("%" + needle + "%")
            let name = SQLFunction("LOWER", args: SQLColumn("name", table: User.schema))
            query = query.group(.or) {
                $0.filter(\.$email ~~ needle).filter(.sql(SQLBinaryExpression(name, .like, pattern)))
            }
        }
        let paging = Paging(requested: requested, size: pageSize, totalItems: try await query.count())
        let users = try await query.sort(\.$name).sort(\.$email).range(paging.offset..<(paging.offset + paging.size)).all()
        return (users, paging)
    }

}
