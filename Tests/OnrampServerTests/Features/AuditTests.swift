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
}
