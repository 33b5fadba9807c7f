import Fluent
import Foundation
import SQLKit
import Testing
@testable import OnrampServer

/// Looks at residents' data written many requests at a time (`AuditViewWriter`): each is on
/// the log when its request goes on, none is lost or written twice, and one that cannot be
/// written does not take the others with it.
@Suite struct AuditViewWriterTests {
    private func look(at residents: [UUID], _ what: String, councilID: UUID) -> AuditView {
        let actor = AuditActor(userID: UUID(), label: "officer@example.test", organisationID: councilID, councilID: councilID, ipAddress: "192.0.2.7")
        return AuditView(residents, on: what, by: actor, now: Date())!
    }

    private func lines(_ id: UUID, on database: any Database) async throws -> Int {
        try await AuditEvent.query(on: database).filter(\.$id == id).count()
    }

    @Test(arguments: TestDatabase.available)
    func looksMadeTogetherAreEachOnTheLogWhenRecorded(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db)
            let writer = AuditViewWriter()
            let looks = (0..<40).map { index in look(at: (0...(index % 3)).map { _ in UUID() }, "page \(index)", councilID: place.council.id!) }
            let before = try await AuditEvent.query(on: app.db).count()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for look in looks {
                    group.addTask {
                        try await writer.record(look, on: app.db)
                        // Committed before the request that made it goes on to show anything.
                        #expect(try await lines(look.eventID, on: app.db) == 1)
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await AuditEvent.query(on: app.db).count() == before + looks.count)
            let seen = try await ResidentView.query(on: app.db).all()
            #expect(seen.count == looks.map(\.residents.count).reduce(0, +))
            for look in looks {
                let rows = seen.filter { $0.auditEventID == look.eventID }
                #expect(Set(rows.map(\.residentID)) == Set(look.residents) && rows.count == look.residents.count)
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func aLookThatCannotBeWrittenFailsAlone(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db)
            let writer = AuditViewWriter()
            let twice = look(at: [UUID()], "a page", councilID: place.council.id!)
            let other = look(at: [UUID(), UUID()], "another page", councilID: place.council.id!)
            // The same line twice cannot be written: its id is taken by the first.
            async let first: Bool = (try? await writer.record(twice, on: app.db)) != nil
            async let second: Bool = (try? await writer.record(twice, on: app.db)) != nil
            async let third: Void = writer.record(other, on: app.db)
            let written = await [first, second]
            try await third
            #expect(written.filter { $0 }.count == 1)
            #expect(try await lines(twice.eventID, on: app.db) == 1)
            #expect(try await lines(other.eventID, on: app.db) == 1)
            #expect(try await ResidentView.query(on: app.db).filter(\.$auditEventID == other.eventID).count() == 2)
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
