import Fluent
import Foundation
import OnrampCore
import SQLKit
import Vapor

/// Timed work, run inside `onramp serve` so a council needs no cron: each job at most once an
/// hour (retention once a day) across every Onramp process on the database. A run is claimed by a
/// conditional update (only one process moves a job's `started_at` past the hour), and every job
/// is idempotent, so one that failed, or whose process died before it ended (no `finished_at`),
/// is simply done again once `Scheduler.unfinishedAfter` has passed. The commands still run a
/// job by hand.
enum ScheduledJob: String, CaseIterable, Sendable {
    case followUps = "follow-ups"
    /// Loans, data and session reminders, and low-stock alerts.
    case kitReminders = "kit-reminders"
    case championChecks = "champion-checks"
    case directoryReminders = "directory-reminders"
    /// Each council's retention settings applied: once a day.
    case retention

    /// How long after one run the next is due.
    var interval: TimeInterval { self == .retention ? 86400 : Scheduler.every }

    /// Runs the job; a line for the log.
    func run(baseURL: String, now: Date, on database: any Database) async throws -> String {
        let today = WorkingDays.today(now)
        switch self {
        case .followUps:
            let counts = try await FollowUps.run(today: today, baseURL: baseURL, now: now, on: database)
            return "asked \(counts.asked), to call \(counts.toCall), reminded \(counts.reminded), not answered \(counts.unanswered)"
        case .kitReminders:
            let counts = try await KitReminders.run(today: today, baseURL: baseURL, now: now, on: database)
            return "loans \(counts.loans), data \(counts.data), sessions \(counts.sessions), stock alerts \(counts.stockAlerts)"
        case .championChecks:
            return "paused \(try await ChampionChecks.pauseLapsed(councilID: nil, today: today, now: now, on: database))"
        case .directoryReminders:
            return "asked \(try await Proposals.remindOverdue(months: DirectoryEditingController.reviewMonths, on: database, now: now))"
        case .retention:
            return try await Retention.run(now: now, on: database).words
        }
    }
}

enum Scheduler {
    static let every: TimeInterval = 3600
    /// A run not ended this long after it started is taken for dead: its process was killed or
    /// lost the database, or it failed. Longer than any run takes (retention stops starting new
    /// work after `Retention.runBudget`), so a slow run is not started twice.
    static let unfinishedAfter: TimeInterval = 900

    /// True for the one process that takes this hour's run of `job`.
    static func claim(_ job: ScheduledJob, now: Date, on database: any Database) async throws -> Bool {
        let sql = database as! any SQLDatabase
        if try await sql.select().column("job").from("scheduled_jobs").where("job", .equal, job.rawValue).all().isEmpty {
            // Two processes may both insert the first row: the loser's insert is refused and it claims nothing this time.
            do {
                try await sql.insert(into: "scheduled_jobs").columns("job", "started_at").values(SQLBind(job.rawValue), SQLBind(now)).run()
                return true
            } catch {
                return false
            }
        }
        let claimed = try await sql.update("scheduled_jobs").set("started_at", to: SQLBind(now)).set("finished_at", to: SQLLiteral.null)
            .where("job", .equal, job.rawValue)
            .where { due in
                due.orWhere("started_at", .lessThanOrEqual, SQLBind(now.addingTimeInterval(-job.interval)))
                    .orWhere { $0.where("finished_at", .is, SQLLiteral.null).where("started_at", .lessThanOrEqual, SQLBind(now.addingTimeInterval(-unfinishedAfter))) }
            }
            .returning("job").all()
        return !claimed.isEmpty
    }

    /// The run claimed at `startedAt` has ended, well or not: the next is due after the job's interval.
    static func finished(_ job: ScheduledJob, startedAt: Date, at now: Date, on database: any Database) async throws {
        try await (database as! any SQLDatabase).update("scheduled_jobs").set("finished_at", to: SQLBind(now))
            .where("job", .equal, job.rawValue).where("started_at", .equal, SQLBind(startedAt)).run()
    }

    /// Every job whose hour has come, claimed first. Returns what ran, with its log line. Each
    /// job is claimed at the moment it starts (`now` and the time the earlier ones took), so a
    /// slow job does not make a later one look older than it is. A job that fails is not marked
    /// ended: it is taken up again once `unfinishedAfter` has passed, not a whole interval later.
    static func runDue(baseURL: String, now: Date, on database: any Database, logger: Logger) async -> [ScheduledJob] {
        var ran: [ScheduledJob] = []
        let began = ContinuousClock.now
        func moment() -> Date {
            let took = began.duration(to: .now).components
            return now.addingTimeInterval(Double(took.seconds) + Double(took.attoseconds) / 1e18)
        }
        for job in ScheduledJob.allCases {
            do {
                let startedAt = moment()
                guard try await claim(job, now: startedAt, on: database) else { continue }
                let line = try await job.run(baseURL: baseURL, now: startedAt, on: database)
                try await finished(job, startedAt: startedAt, at: moment(), on: database)
                logger.info("scheduled job", metadata: ["job": .string(job.rawValue), "result": .string(line)])
                ran.append(job)
            } catch {
                logger.error("scheduled job failed", metadata: ["job": .string(job.rawValue), "error": .string("\(error)")])
            }
        }
        return ran
    }

    /// Looks every five minutes for work whose hour has come, until the server stops.
    static func start(_ app: Application, baseURL: String) {
        let task = Task {
            while !Task.isCancelled {
                _ = await runDue(baseURL: baseURL, now: Date(), on: app.db, logger: app.logger)
                try? await Task.sleep(nanoseconds: 300 * 1_000_000_000)
            }
        }
        app.lifecycle.use(Stopper(task: task))
    }

    private struct Stopper: LifecycleHandler {
        let task: Task<Void, Never>
        func shutdown(_ application: Application) { task.cancel() }
    }
}
