import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
@testable import OnrampServer

@Suite struct AuditTests {
    @Test(arguments: TestDatabase.available)
    func theDatabaseRefusesToChangeTheLog(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            try await Audit.record(.signIn, by: .commandLine, recordType: "user", recordID: nil, summary: "original", on: app.db, now: Date())
            let sql = app.db as! any SQLDatabase
            await #expect(throws: (any Error).self) {
                try await sql.raw("UPDATE audit_events SET summary = 'rewritten'").run()
            }
            await #expect(throws: (any Error).self) {
                try await sql.raw("DELETE FROM audit_events").run()
            }
            let events = try await AuditEvent.query(on: app.db).all()
            #expect(events.map(\.summary) == ["original"])
        }
    }

    @Test(arguments: TestDatabase.available)
    func aChangeThatFailsLeavesNoRecord(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db)
            // The audit line is written first and the change then fails: both must vanish.
            await #expect(throws: (any Error).self) {
                try await app.db.transaction { tx in
                    try await Audit.record(.organisationCreated, by: .commandLine, recordType: "organisation", recordID: nil, summary: "dup", on: tx, now: Date())
                    try await Organisation(councilID: place.council.id!, name: place.partner.name, type: .library).create(on: tx)
                }
            }
            #expect(try await AuditEvent.query(on: app.db).count() == 0)
        }
    }

    @Test(arguments: TestDatabase.available)
    func adminsFilterTheLogOfTheirOwnCouncil(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db)
            let other = try await Fixture.council("Elsewhere Council", on: app.db)
            let admin = try await Fixture.user(.admin, in: place.council, on: app.db)
            let stranger = try await Fixture.user(.admin, in: other.council, on: app.db)
            try await Browser(app).signIn(stranger.email)
            let browser = Browser(app)
            try await browser.signIn(admin.email)
            try await browser.signIn(admin.email, password: "wrong password")

            let all = try await browser.get(SiteURL.auditLog.path)
            #expect(all.status == .ok)
            #expect(all.contains("2 events"))
            #expect(!all.contains(stranger.email))

            let failed = try await browser.get(SiteURL.auditLog.path(query: [("action", "sign-in.failed"), ("action", "sign-out")]))
            #expect(failed.contains("1 event,"))
            #expect(failed.contains("Failed to sign in"))

            let today = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "Europe/London")!, from: Date())
            let dated = try await browser.get(SiteURL.auditLog.path(query: [
                ("from-day", "\(today.day!)"), ("from-month", "\(today.month!)"), ("from-year", "\(today.year!)"),
                ("to-day", "\(today.day!)"), ("to-month", "\(today.month!)"), ("to-year", "\(today.year!)"),
            ]))
            #expect(dated.contains("2 events"))

            let bad = try await browser.get(SiteURL.auditLog.path(query: [("from-day", "31"), ("from-month", "2"), ("from-year", "2026")]))
            #expect(bad.status == .badRequest)
            #expect(bad.contains("Date from must be a real date"))
            #expect(bad.contains("value=\"31\""))

            let nobody = try await browser.get(SiteURL.auditLog.path(query: [("actor", "nobody")]))
            #expect(nobody.contains("Nothing in the audit log matches"))
        }
    }

    /// Lines are written as plain values (`Audit.insertLine`): each is read back whole through
    /// the model, and their ids sort in the order they were written, a millisecond apart, on
    /// both databases, as do the rows of residents seen.
    @Test(arguments: TestDatabase.available)
    func linesAreReadBackWholeAndTheirIdsInTheOrderWritten(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db)
            let actor = AuditActor(userID: UUID(), label: "officer@example.test", organisationID: place.council.id, councilID: place.council.id, ipAddress: "192.0.2.7")
            // Long before anything the fixtures record, which the query leaves out.
            let start = Date(timeIntervalSince1970: 1_577_836_800.5)
            let record = UUID()
            try await Audit.record(.caseCreated, by: actor, recordType: "case", recordID: record, summary: "Made a case", on: app.db, now: start)
            try await Audit.record(.signIn, by: .commandLine, recordType: "user", recordID: nil, summary: "no one", councilID: place.council.id, on: app.db, now: start.addingTimeInterval(0.002))
            let residents = [UUID(), UUID(), UUID()]
            try await AuditViewWriter().record(AuditView(residents, on: "a test page", by: actor, now: start.addingTimeInterval(0.004))!, on: app.db)

            let lines = try await AuditEvent.query(on: app.db).filter(\.$occurredAt < start.addingTimeInterval(1)).sort(\.$id).all()
            func near(_ date: Date, _ expected: Date) -> Bool { abs(date.timeIntervalSince(expected)) < 0.000_5 }
            try #require(lines.map(\.action) == [AuditAction.caseCreated, .signIn, .residentsViewed].map(\.rawValue), "in the order written")
            let made = lines[0]
            #expect(near(made.occurredAt, start) && made.councilID == place.council.id && made.organisationID == place.council.id)
            #expect(made.actorID == actor.userID && made.actor == "officer@example.test" && made.recordType == "case")
            #expect(made.recordID == record.uuidString && made.summary == "Made a case" && made.ipAddress == "192.0.2.7")
            let nobody = lines[1]
            #expect(nobody.actorID == nil && nobody.organisationID == nil && nobody.recordID == nil && nobody.ipAddress == nil && nobody.councilID == place.council.id)
            #expect(lines[2].summary == "Viewed a test page: 3 residents")
            let seen = try await ResidentView.query(on: app.db).all()
            #expect(Set(seen.map(\.residentID)) == Set(residents) && seen.allSatisfy { $0.auditEventID == lines[2].id && near($0.viewedAt, start.addingTimeInterval(0.004)) })
        }
    }
}
