import Fluent
import Foundation
import Testing
import Vapor
@testable import OnrampCore
@testable import OnrampServer

/// The scheduler inside `onramp serve`: each job once an hour between every process on the
/// database, and the work it does is the commands' work.
@Suite struct SchedulerTests {
    @Test(arguments: TestDatabase.available)
    func eachJobRunsOnceAnHourHoweverManyProcessesAsk(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let now = Date()
            // Eight processes asking at once: one takes the hour.
            let claims = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<8 { group.addTask { try await Scheduler.claim(.championChecks, now: now, on: app.db) } }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(claims.filter { $0 }.count == 1)
            try await Scheduler.finished(.championChecks, startedAt: now, at: now.addingTimeInterval(2), on: app.db)
            #expect(try await !Scheduler.claim(.championChecks, now: now.addingTimeInterval(3599), on: app.db))
            #expect(try await Scheduler.claim(.championChecks, now: now.addingTimeInterval(3600), on: app.db))
        }
    }

    /// A process killed mid-run never marks the run ended: another takes it up after a quarter
    /// of an hour, not at the next hour (or, for retention, the next day), and only once.
    @Test(arguments: TestDatabase.available)
    func aRunThatNeverEndedIsTakenUpAgainOnce(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let now = Date()
            #expect(try await Scheduler.claim(.retention, now: now, on: app.db))
            #expect(try await !Scheduler.claim(.retention, now: now.addingTimeInterval(Scheduler.unfinishedAfter - 1), on: app.db))
            let later = now.addingTimeInterval(Scheduler.unfinishedAfter)
            let claims = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<4 { group.addTask { try await Scheduler.claim(.retention, now: later, on: app.db) } }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(claims.filter { $0 }.count == 1)
            try await Scheduler.finished(.retention, startedAt: later, at: later.addingTimeInterval(30), on: app.db)
            #expect(try await !Scheduler.claim(.retention, now: later.addingTimeInterval(86399), on: app.db))
            #expect(try await Scheduler.claim(.retention, now: later.addingTimeInterval(86400), on: app.db))
        }
    }

    @Test(arguments: TestDatabase.available)
    func aRunDoesEveryJobWhoseHourHasComeIncludingFollowUps(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db)
            let (_, followUp) = try await FollowUpsTests.fulfilled(place, on: app.db)
            followUp.dueOn = WorkingDays.today(Date()).iso
            try await followUp.save(on: app.db)
            let first = await Scheduler.runDue(baseURL: "https://onramp.test", now: Date(), on: app.db, logger: app.logger)
            #expect(first == ScheduledJob.allCases)
            #expect(try await FollowUp.find(followUp.id, on: app.db)?.status == .asked)
            #expect(await Scheduler.runDue(baseURL: "https://onramp.test", now: Date(), on: app.db, logger: app.logger).isEmpty)
        }
    }
}
