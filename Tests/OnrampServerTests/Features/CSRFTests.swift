import Fluent
import Testing
import Vapor
@testable import OnrampServer

@Suite struct CSRFTests {
    @Test(arguments: TestDatabase.available)
    func aFormWithoutTheTokenIsRefusedAndChangesNothing(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db)
            let admin = try await Fixture.user(.admin, in: place.council, on: app.db)
            let browser = Browser(app)
            try await browser.signIn(admin.email)
            let before = try await AuditEvent.query(on: app.db).count()

            for csrf in [Browser.CSRFField.omitted, .value("forged-token-forged-token-forged-token-1234")] {
                let page = try await browser.post(SiteURL.newOrganisation.path, form: [("name", "Forged Library"), ("type", "library")], csrf: csrf)
                #expect(page.status == .forbidden)
                #expect(page.contains("did not come from Onramp"))
            }
            #expect(try await Organisation.query(on: app.db).filter(\.$name == "Forged Library").count() == 0)
            #expect(try await AuditEvent.query(on: app.db).count() == before)
        }
    }

    @Test(arguments: TestDatabase.available)
    func signInNeedsTheTokenToo(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db)
            let officer = try await Fixture.user(.officer, in: place.council, on: app.db)
            let browser = Browser(app)
            let page = try await browser.post(SiteURL.signIn.path, form: [("email", officer.email), ("password", Fixture.password)], csrf: .omitted)
            #expect(page.status == .forbidden)
            #expect(browser.cookies[StaffSessions.cookieName] == nil)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aSignedInFormTokenComesFromTheSessionNotACookie(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db)
            let admin = try await Fixture.user(.admin, in: place.council, on: app.db)
            let browser = Browser(app)
            try await browser.signIn(admin.email)
            let page = try await browser.get(SiteURL.newOrganisation.path)
            #expect(page.contains("name=\"_csrf\" value=\"\(browser.formToken)\""))

            // A cookie planted by someone else, with a matching field, is not enough.
            let planted = "planted-planted-planted-planted-planted-123"
            browser.setCookie(CSRFMiddleware.cookieName, planted)
            let refused = try await browser.post(SiteURL.newOrganisation.path, form: [("name", "Planted"), ("type", "other")], csrf: .value(planted))
            #expect(refused.status == .forbidden)
            let accepted = try await browser.post(SiteURL.newOrganisation.path, form: [("name", "Genuine"), ("type", "other")])
            #expect(accepted.status == .seeOther)

            let me = try await browser.get(SiteURL.api(.me).path)
            #expect(me.contains("\"csrfToken\":\"\(browser.formToken)\""))
        }
    }
}
