import Fluent
import Foundation
import SQLKit
import Testing
@testable import OnrampServer

/// Looks at residents' data written many requests at a time (`AuditViewWriter`): those that
/// arrive during a commit share the next one; each is on the log when its request goes on;
/// none is lost or written twice; one the database refuses does not take the others with it.
/// No time limit: a test's time counts while it waits its turn for the database (DatabaseGate).
@Suite struct AuditViewWriterTests {
    /// Holds the writer's first commit until opened, and keeps how many looks each commit wrote.
    private actor Commits {
        private(set) var sizes: [Int] = []
        private var held: CheckedContinuation<Void, Never>?
        private var isOpen = false

        func started(_ count: Int) async {
            sizes.append(count)
            if sizes.count == 1, !isOpen { await withCheckedContinuation { held = $0 } }
        }

        func open() {
            isOpen = true
            held?.resume()
            held = nil
        }
    }

    private func writer(_ commits: Commits) -> AuditViewWriter {
        AuditViewWriter { views, database in
            await commits.started(views.count)
            try await AuditViewWriter.commitInTransaction(views, on: database)
        }
    }

    private func look(at residents: [UUID], _ what: String, councilID: UUID) -> AuditView {
        let actor = AuditActor(userID: UUID(), label: "officer@example.test", organisationID: councilID, councilID: councilID, ipAddress: "192.0.2.7")
        return AuditView(residents, on: what, by: actor, now: Date())!
    }

    private func lines(_ id: UUID, on database: any Database) async throws -> Int {
        try await AuditEvent.query(on: database).filter(\.$id == id).count()
    }

    /// Until `condition` holds: what the writer does runs on other tasks.
    private func eventually(_ condition: () async throws -> Bool) async throws {
        for _ in 0..<2_000 where try await !condition() { try await Task.sleep(for: .milliseconds(5)) }
        #expect(try await condition())
    }

    /// Records `first` and holds its commit; meanwhile records each of `looks` through `record`,
    /// and lets the first commit go once they all wait for the next one.
    private func recordDuringAHeldCommit<Result: Sendable>(
        _ first: AuditView, then looks: [AuditView], writer: AuditViewWriter, commits: Commits, on database: any Database,
        record: @escaping @Sendable (AuditView) async throws -> Result
    ) async throws -> (first: Task<Void, any Error>, others: [Task<Result, any Error>]) {
        let firstRecorded = Task { try await writer.record(first, on: database) }
        try await eventually { await commits.sizes == [1] }
        // Held before it wrote: the request that made it has not gone on.
        #expect(try await lines(first.eventID, on: database) == 0)
        let others = looks.map { look in Task { try await record(look) } }
        try await eventually { await writer.waitingCount == looks.count }
        await commits.open()
        return (firstRecorded, others)
    }

    @Test(arguments: TestDatabase.available)
    func looksMadeDuringACommitShareTheNextAndEachIsOnTheLogWhenRecorded(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db)
            let commits = Commits()
            let writer = writer(commits)
            let first = look(at: [UUID()], "the first page", councilID: place.council.id!)
            let looks = (0..<40).map { index in look(at: (0...(index % 3)).map { _ in UUID() }, "page \(index)", councilID: place.council.id!) }
            let before = try await AuditEvent.query(on: app.db).count()

            let database = app.db
            let (firstRecorded, others) = try await recordDuringAHeldCommit(first, then: looks, writer: writer, commits: commits, on: database) { look in
                try await writer.record(look, on: database)
                // Committed before the request that made it goes on to show anything.
                #expect(try await lines(look.eventID, on: database) == 1)
            }
            try await firstRecorded.value
            for other in others { try await other.value }

            #expect(await commits.sizes == [1, looks.count], "the forty that came during the first commit share the second")
            #expect(try await AuditEvent.query(on: app.db).count() == before + looks.count + 1)
            let seen = try await ResidentView.query(on: app.db).all()
            #expect(seen.count == looks.map(\.residents.count).reduce(1, +))
            for look in looks {
                let rows = seen.filter { $0.auditEventID == look.eventID }
                #expect(Set(rows.map(\.residentID)) == Set(look.residents) && rows.count == look.residents.count)
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func aLookTheDatabaseRefusesFailsAlone(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db)
            let commits = Commits()
            let writer = writer(commits)
            let first = look(at: [UUID()], "the first page", councilID: place.council.id!)
            let twice = look(at: [UUID()], "a page", councilID: place.council.id!)
            let other = look(at: [UUID(), UUID()], "another page", councilID: place.council.id!)

            let database = app.db
            // The same line twice cannot be written: its id is taken by the first.
            let (firstRecorded, recorded) = try await recordDuringAHeldCommit(first, then: [twice, twice, other], writer: writer, commits: commits, on: database) { look in
                (try? await writer.record(look, on: database)) != nil
            }
            try await firstRecorded.value
            var written: [Bool] = []
            for task in recorded { written.append(try await task.value) }

            #expect(await commits.sizes == [1, 3, 1, 1, 1], "the three together, refused, then each alone")
            #expect(written[0] != written[1] && written[2])
            #expect(try await lines(twice.eventID, on: app.db) == 1)
            #expect(try await lines(other.eventID, on: app.db) == 1)
            #expect(try await ResidentView.query(on: app.db).filter(\.$auditEventID == other.eventID).count() == 2)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aFailureOfTheDatabaseFailsTheLooksOnceAndTheWriterGoesOn(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db)
            /// What a database gone away says: not a refusal of the looks themselves.
            struct Outage: Error, DatabaseError {
                var isSyntaxError: Bool { false }
                var isConstraintFailure: Bool { false }
                var isConnectionClosed: Bool { true }
            }
            let attempts = Commits()
            let failing = AuditViewWriter { views, _ in
                await attempts.started(views.count)
                throw Outage()
            }
            let looks = (0..<3).map { index in look(at: [UUID()], "page \(index)", councilID: place.council.id!) }
            let database = app.db
            let (firstRecorded, others) = try await recordDuringAHeldCommit(looks[0], then: Array(looks.dropFirst()), writer: failing, commits: attempts, on: database) { look in
                try await failing.record(look, on: database)
            }
            for task in [firstRecorded] + others { await #expect(throws: Outage.self) { try await task.value } }
            #expect(await attempts.sizes == [1, 2], "the two together tried once, not again alone")
            for look in looks { #expect(try await lines(look.eventID, on: app.db) == 0) }
        }
    }

    @Test(arguments: TestDatabase.available)
    func aLookAtMoreResidentsThanAStatementHoldsIsWrittenWhole(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db)
            let residents = (0..<(Audit.viewedResidentsPerStatement * 2 + 500)).map { _ in UUID() }
            let look = look(at: residents, "a long list", councilID: place.council.id!)
            try await AuditViewWriter().record(look, on: app.db)
            let rows = try await ResidentView.query(on: app.db).filter(\.$auditEventID == look.eventID).all()
            #expect(rows.count == residents.count && Set(rows.map(\.residentID)) == Set(residents))
            let line = try await AuditEvent.find(look.eventID, on: app.db)
            #expect(line?.summary == "Viewed a long list: \(residents.count) residents")
        }
    }
}
