import Fluent
import Foundation
import SQLKit

extension StaffSessions {
    /// The session a token's hash names, with its person and their organisation: the statement
    /// every signed-in page runs first. Its SQL is written once, and prepared once on each of
    /// PostgreSQL's connections (`RepeatedStatement`); its row is read into the models field
    /// by field (`StoredSession`), where Fluent's query reflected on each of the three models
    /// to build the statement and again to read its row, for every request.
    enum SignedIn: RepeatedStatement {
        static let template = SQLTemplate { sql in
            func columns(of table: String, _ names: [String]) -> [any SQLExpression] {
                names.map { SQLAlias(SQLColumn($0, table: table), as: SQLIdentifier(StoredSession.column($0, of: table))) }
            }
            return sql.select()
                .columns(columns(of: UserSession.schema, StoredSession.sessionColumns))
                .columns(columns(of: User.schema, User().readWithSession.flatMap(\.keys).map(\.description)))
                .columns(columns(of: Organisation.schema, Organisation().readWithSession.flatMap(\.keys).map(\.description)))
                .from(UserSession.schema)
                .join(User.schema, on: SQLColumn("user_id", table: UserSession.schema), .equal, SQLColumn("id", table: User.schema))
                .join(Organisation.schema, on: SQLColumn("organisation_id", table: User.schema), .equal, SQLColumn("id", table: Organisation.schema))
                .where(SQLColumn("token_hash", table: UserSession.schema), .equal, SQLTemplate.Slot(index: 0))
                .select
        }
    }
}

/// A session as `StaffSessions.SignedIn` reads it: what resuming it needs, and its person with
/// their organisation as whole models, each field read by its own property as a query reads it,
/// so that the rest of the request uses them as any: a field left out would stop the process
/// when read, and a value set by hand would count as a change that saving would write.
struct StoredSession {
    static let sessionColumns = ["id", "last_seen_at", "expires_at"]

    let id: UUID
    let lastSeenAt: Date
    let expiresAt: Date
    /// With their organisation.
    let user: User

    /// The name `SignedIn` gives a table's column: the table's name, then the column's.
    static func column(_ name: String, of table: String) -> String { "\(table)_\(name)" }

    init(_ row: any SQLRow) throws {
        func session(_ name: String) -> String { Self.column(name, of: UserSession.schema) }
        id = try row.id(session("id"))
        lastSeenAt = try row.decode(column: session("last_seen_at"), as: Date.self)
        expiresAt = try row.decode(column: session("expires_at"), as: Date.self)
        let organisation = Organisation()
        for field in organisation.readWithSession { try field.output(from: ColumnsOf(table: Organisation.schema, row: row)) }
        let user = User()
        for field in user.readWithSession { try field.output(from: ColumnsOf(table: User.schema, row: row)) }
        user.$organisation.value = organisation
        self.user = user
    }
}

extension User {
    /// Every field, as a session reads them (a test checks that these are all of `User.keys`).
    var readWithSession: [any AnyDatabaseProperty] {
        [$id, $councilID, $organisation, $email, $name, $role, $passwordHash, $isActive, $createdAt, $deactivatedAt]
    }
}

extension Organisation {
    /// Every field, as a session reads them (a test checks that these are all of `Organisation.keys`).
    var readWithSession: [any AnyDatabaseProperty] {
        [$id, $councilID, $name, $type, $createdAt]
    }
}

/// A table's columns of the row `SignedIn` reads, each named "<table>_<column>", for a Fluent
/// property to read its value from (`output(from:)`), as it reads a query's row.
private struct ColumnsOf: DatabaseOutput {
    let table: String
    let row: any SQLRow

    var description: String { "the \(table) columns of a signed-in session's row" }

    private func column(_ key: FieldKey) -> String { StoredSession.column(key.description, of: table) }

    func schema(_ schema: String) -> any DatabaseOutput { ColumnsOf(table: schema, row: row) }

    func contains(_ key: FieldKey) -> Bool { row.contains(column: column(key)) }

    func decodeNil(_ key: FieldKey) throws -> Bool { try row.decodeNil(column: column(key)) }

    func decode<T: Decodable>(_ key: FieldKey, as type: T.Type) throws -> T {
        // Ids as `SQLRow.id` reads them, not by Foundation's slower parsing. An optional field
        // asks for an optional type: a person's id is one.
        switch type {
        case is UUID.Type: return try row.id(column(key)) as! T
        case is UUID?.Type: return try row.optionalID(column(key)) as! T
        default: return try row.decode(column: column(key), as: T.self)
        }
    }
}
