import Fluent
import SQLKit

struct CreateOrganisations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Organisation.schema)
            .id()
            .field("council_id", .uuid, .required)
            .field("name", .string, .required)
            .field("type", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "council_id", "name")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Organisation.schema).delete()
    }
}

struct CreateUsers: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(User.schema)
            .id()
            .field("council_id", .uuid, .required)
            .field("organisation_id", .uuid, .required, .references(Organisation.schema, .id))
            .field("email", .string, .required)
            .field("name", .string, .required)
            .field("role", .string, .required)
            .field("password_hash", .string)
            .field("is_active", .bool, .required)
            .field("created_at", .datetime)
            .field("deactivated_at", .datetime)
            .unique(on: "email")
            .create()
        try await (database as! any SQLDatabase).create(index: "users_council_idx").on(User.schema).column("council_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(User.schema).delete()
    }
}

struct CreateUserSessions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(UserSession.schema)
            .id()
            .field("token_hash", .string, .required)
            .field("user_id", .uuid, .required, .references(User.schema, .id, onDelete: .cascade))
            .field("created_at", .datetime, .required)
            .field("last_seen_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .unique(on: "token_hash")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(UserSession.schema).delete()
    }
}

struct CreateSignInAttempts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(SignInAttempt.schema)
            .id()
            .field("email", .string, .required)
            .field("succeeded", .bool, .required)
            .field("attempted_at", .datetime, .required)
            .field("ip_address", .string)
            .create()
        try await (database as! any SQLDatabase).create(index: "sign_in_attempts_email_idx")
            .on(SignInAttempt.schema).column("email").column("attempted_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SignInAttempt.schema).delete()
    }
}

struct CreateInvitations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Invitation.schema)
            .id()
            .field("council_id", .uuid, .required)
            .field("token_hash", .string, .required)
            .field("user_id", .uuid, .required, .references(User.schema, .id, onDelete: .cascade))
            .field("invited_by_id", .uuid, .references(User.schema, .id))
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .field("used_at", .datetime)
            .unique(on: "token_hash")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Invitation.schema).delete()
    }
}

struct CreateOutboxMessages: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(OutboxMessage.schema)
            .id()
            .field("council_id", .uuid, .required)
            .field("channel", .string, .required)
            .field("recipient", .string, .required)
            .field("subject", .string, .required)
            .field("body", .string, .required)
            .field("status", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(OutboxMessage.schema).delete()
    }
}
