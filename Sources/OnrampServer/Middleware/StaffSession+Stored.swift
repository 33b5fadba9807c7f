import Fluent
import Foundation
import OnrampCore
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
                .columns(columns(of: User.schema, StoredSession.userColumns))
                .columns(columns(of: Organisation.schema, StoredSession.organisationColumns))
                .from(UserSession.schema)
                .join(User.schema, on: SQLColumn("user_id", table: UserSession.schema), .equal, SQLColumn("id", table: User.schema))
                .join(Organisation.schema, on: SQLColumn("organisation_id", table: User.schema), .equal, SQLColumn("id", table: Organisation.schema))
                .where(SQLColumn("token_hash", table: UserSession.schema), .equal, SQLTemplate.Slot(index: 0))
                .select
        }
    }
}

/// A session as `StaffSessions.SignedIn` reads it: what resuming it needs, and its person with
/// their organisation as whole models, every field set as a query would set it (a test checks
/// the columns read are the models' fields), so that the rest of the request uses them as any.
struct StoredSession {
    static let sessionColumns = ["id", "last_seen_at", "expires_at"]
    static let userColumns = ["id", "council_id", "organisation_id", "email", "name", "role", "password_hash", "is_active", "created_at", "deactivated_at"]
    static let organisationColumns = ["id", "council_id", "name", "type", "created_at"]

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

        func organisationColumn(_ name: String) -> String { Self.column(name, of: Organisation.schema) }
        let organisation = Organisation()
        organisation.id = try row.id(organisationColumn("id"))
        organisation.$id.exists = true
        organisation.councilID = try row.id(organisationColumn("council_id"))
        organisation.name = try row.decode(column: organisationColumn("name"), as: String.self)
        organisation.type = try row.decode(column: organisationColumn("type"), as: OrganisationType.self)
        organisation.createdAt = try row.decode(column: organisationColumn("created_at"), as: Date?.self)

        func userColumn(_ name: String) -> String { Self.column(name, of: User.schema) }
        let user = User()
        user.id = try row.id(userColumn("id"))
        user.$id.exists = true
        user.councilID = try row.id(userColumn("council_id"))
        user.$organisation.id = try row.id(userColumn("organisation_id"))
        user.$organisation.value = organisation
        user.email = try row.decode(column: userColumn("email"), as: String.self)
        user.name = try row.decode(column: userColumn("name"), as: String.self)
        user.role = try row.decode(column: userColumn("role"), as: Role.self)
        user.passwordHash = try row.decode(column: userColumn("password_hash"), as: String?.self)
        user.isActive = try row.decode(column: userColumn("is_active"), as: Bool.self)
        user.createdAt = try row.decode(column: userColumn("created_at"), as: Date?.self)
        user.deactivatedAt = try row.decode(column: userColumn("deactivated_at"), as: Date?.self)
        self.user = user
    }
}
