import Fluent
import Foundation

/// A signed-in browser. The cookie holds a random token; only its SHA-256 is stored, so a copy
/// of the database cannot be used to take over a session.
final class UserSession: Model, @unchecked Sendable {
    static let schema = "user_sessions"

    @ID(key: .id) var id: UUID?
    @Field(key: "token_hash") var tokenHash: String
    @Parent(key: "user_id") var user: User
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "last_seen_at") var lastSeenAt: Date
    @Field(key: "expires_at") var expiresAt: Date

    init() {}

    init(tokenHash: String, userID: UUID, now: Date, expiresAt: Date) {
        self.tokenHash = tokenHash
        self.$user.id = userID
        self.createdAt = now
        self.lastSeenAt = now
        self.expiresAt = expiresAt
    }
}

/// One try at signing in, kept so that throttling works across every Onramp process.
final class SignInAttempt: Model, @unchecked Sendable {
    static let schema = "sign_in_attempts"

    @ID(key: .id) var id: UUID?
    @Field(key: "email") var email: String
    @Field(key: "succeeded") var succeeded: Bool
    @Field(key: "attempted_at") var attemptedAt: Date
    @OptionalField(key: "ip_address") var ipAddress: String?

    init() {}

    init(email: String, succeeded: Bool, at: Date, ipAddress: String?) {
        self.email = email
        self.succeeded = succeeded
        self.attemptedAt = at
        self.ipAddress = ipAddress
    }
}

/// A one-time link that lets an invited person choose their password.
final class Invitation: Model, @unchecked Sendable {
    static let schema = "invitations"

    @ID(key: .id) var id: UUID?
    @Field(key: "council_id") var councilID: UUID
    @Field(key: "token_hash") var tokenHash: String
    @Parent(key: "user_id") var user: User
    @OptionalParent(key: "invited_by_id") var invitedBy: User?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "used_at") var usedAt: Date?

    init() {}

    init(tokenHash: String, user: User, invitedByID: UUID?, now: Date, expiresAt: Date) {
        self.councilID = user.councilID
        self.tokenHash = tokenHash
        self.$user.id = user.id!
        self.$invitedBy.id = invitedByID
        self.createdAt = now
        self.expiresAt = expiresAt
    }
}
