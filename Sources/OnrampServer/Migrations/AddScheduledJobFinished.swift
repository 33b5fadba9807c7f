import Fluent
import SQLKit

/// When each job's last run ended, so a run that never ended (its process killed) is taken up
/// again soon after instead of waiting for the next hour, or the next day.
struct AddScheduledJobFinished: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("scheduled_jobs").field("finished_at", .datetime).update()
        // Runs before this release ended as far as anyone knows: none is taken for dead and run again.
        try await (database as! any SQLDatabase).raw("UPDATE scheduled_jobs SET finished_at = started_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("scheduled_jobs").deleteField("finished_at").update()
    }
}
