import Fluent

/// When each timed job last started, so several Onramp processes run it once an hour between them.
struct CreateScheduledJobs: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("scheduled_jobs")
            .field("job", .string, .identifier(auto: false))
            .field("started_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("scheduled_jobs").delete()
    }
}
