import Fluent
import Foundation
import OnrampCore

/// A member of staff or a volunteer. Residents never have accounts.
final class User: Model, @unchecked Sendable {
    static let schema = "users"

    @ID(key: .id) var id: UUID?
    @Field(key: "council_id") var councilID: UUID
    @Parent(key: "organisation_id") var organisation: Organisation
    @Field(key: "email") var email: String
    @Field(key: "name") var name: String
    @Field(key: "role") var role: Role
    /// Empty until the person accepts their invitation and chooses a password.
    @OptionalField(key: "password_hash") var passwordHash: String?
    @Field(key: "is_active") var isActive: Bool
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @OptionalField(key: "deactivated_at") var deactivatedAt: Date?

    init() {}

    init(id: UUID = UUID(), organisation: Organisation, email: String, name: String, role: Role, passwordHash: String?) {
        self.id = id
        self.councilID = organisation.councilID
        self.$organisation.id = organisation.id!
        self.email = email
        self.name = name
        self.role = role
        self.passwordHash = passwordHash
        self.isActive = true
    }

    /// How the person's account stands, for tags and filters.
    var standing: Standing {
        if !isActive { return .deactivated }
        return passwordHash == nil ? .invited : .active
    }

    enum Standing: String { case active, invited, deactivated }
}
