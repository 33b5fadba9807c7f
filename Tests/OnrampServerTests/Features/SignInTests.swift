import Fluent
import Foundation
import Testing
import Vapor
@testable import OnrampServer

@Suite struct SignInTests {
    @Test(arguments: TestDatabase.available)
    func signInAndOut(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db)
            let officer = try await Fixture.user(.officer, in: place.council, on: app.db)
            let browser = Browser(app)

            let signedIn = try await browser.signIn(officer.email.uppercased())
            #expect(signedIn.status == .seeOther)
            #expect(signedIn.location == "/")
            #expect(browser.cookies[StaffSessions.cookieName] != nil)
            let home = try await browser.get("/")
            #expect(home.contains("Hello, Test Digital inclusion officer"))
            #expect(home.headers.first(name: .cacheControl) == "no-store")

            let out = try await browser.post(SiteURL.signOut.path, form: [])
            #expect(out.status == .seeOther)
            #expect(browser.cookies[StaffSessions.cookieName] == nil)
            #expect(try await UserSession.query(on: app.db).count() == 0)
            let actions = try await AuditEvent.query(on: app.db).sort(\.$occurredAt).all().map(\.action)
            #expect(actions == ["sign-in", "sign-out"])
        }
    }

    @Test(arguments: TestDatabase.available)
    func wrongPasswordAndUnknownEmailGetTheSameMessageAndKeepTheEmail(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db)
            let officer = try await Fixture.user(.officer, in: place.council, on: app.db)
            let browser = Browser(app)

            let wrong = try await browser.signIn(officer.email, password: "not the password")
            let unknown = try await browser.signIn("nobody@example.com", password: "whatever it is")
            for page in [wrong, unknown] {
                #expect(page.status == .unprocessableEntity)
                #expect(page.contains("<title>Error: Sign in – Onramp</title>"))
                #expect(page.contains("There is a problem"))
                #expect(page.contains(SignInController.wrongDetails))
            }
            #expect(wrong.contains("value=\"\(officer.email)\""))
            #expect(!wrong.contains("not the password"))
            #expect(try await UserSession.query(on: app.db).count() == 0)
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "sign-in.failed").count() == 2)
        }
    }

    @Test(arguments: TestDatabase.available)
    func anAbsurdlyLongPasswordIsJustWrong(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db)
            let officer = try await Fixture.user(.officer, in: place.council, on: app.db)
            let page = try await Browser(app).signIn(officer.email, password: Fixture.password + String(repeating: "x", count: 5000))
            #expect(page.status == .unprocessableEntity)
            #expect(page.contains(SignInController.wrongDetails))
        }
    }

    @Test(arguments: TestDatabase.available)
    func emptyFormGetsAMessagePerField(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let browser = Browser(app)
            try await browser.get(SiteURL.signIn.path)
            let page = try await browser.post(SiteURL.signIn.path, form: [("email", ""), ("password", "")])
            #expect(page.status == .unprocessableEntity)
            #expect(page.contains("<a href=\"#email\">Enter an email address</a>"))
            #expect(page.contains("<a href=\"#password\">Enter your password</a>"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func fiveFailuresLockTheAccountEvenForTheRightPassword(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db)
            let officer = try await Fixture.user(.officer, in: place.council, on: app.db)
            let browser = Browser(app)
            for _ in 1...5 {
                #expect(try await browser.signIn(officer.email, password: "wrong password").status == .unprocessableEntity)
            }
            let locked = try await browser.signIn(officer.email)
            #expect(locked.status == .tooManyRequests)
            #expect(locked.contains("You have entered the wrong details too many times. Wait 15 minutes"))
            #expect(browser.cookies[StaffSessions.cookieName] == nil)

            // The state is in the database: once the failures are old enough, the right password works.
            let past = Date().addingTimeInterval(-31 * 60)
            try await SignInAttempt.query(on: app.db).set(\.$attemptedAt, to: past).update()
            #expect(try await browser.signIn(officer.email).status == .seeOther)
        }
    }

    @Test(arguments: TestDatabase.available)
    func deactivatedAccountsCannotSignIn(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db)
            let officer = try await Fixture.user(.officer, in: place.council, on: app.db)
            officer.isActive = false
            try await officer.update(on: app.db)
            let page = try await Browser(app).signIn(officer.email)
            #expect(page.status == .unprocessableEntity)
            #expect(page.contains(SignInController.wrongDetails))
        }
    }

    @Test(arguments: TestDatabase.available)
    func anExpiredSessionSendsYouToSignInAndBack(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db)
            let admin = try await Fixture.user(.admin, in: place.council, on: app.db)
            let browser = Browser(app)
            try await browser.signIn(admin.email)
            try await UserSession.query(on: app.db).set(\.$lastSeenAt, to: Date().addingTimeInterval(-3 * 60 * 60)).update()

            let page = try await browser.get(SiteURL.users.path)
            #expect(page.status == .seeOther)
            #expect(page.location == "/sign-in?next=/admin/users&expired=1")
            let signIn = try await browser.get(page.location!)
            #expect(signIn.contains("Your session has expired"))
            #expect(try await UserSession.query(on: app.db).count() == 0)

            // A form sent with an expired session changes nothing.
            let post = try await browser.post(SiteURL.newOrganisation.path, form: [("name", "Late Library"), ("type", "library")])
            #expect(post.status == .seeOther)
            #expect(try await Organisation.query(on: app.db).filter(\.$name == "Late Library").count() == 0)

            let back = try await browser.post(SiteURL.signIn.path, form: [("email", admin.email), ("password", Fixture.password), ("next", "/admin/users")])
            #expect(back.location == "/admin/users")
        }
    }

    @Test func nextMustStayOnThisSite() {
        #expect(SignInForm(next: "//evil.example/x").safeNext == "/")
        #expect(SignInForm(next: "https://evil.example").safeNext == "/")
        #expect(SignInForm(next: "/\\evil.example").safeNext == "/")
        #expect(SignInForm(next: "/\t/evil.example").safeNext == "/")
        #expect(SignInForm(next: "/\n/evil.example").safeNext == "/")
        #expect(SignInForm(next: "/admin/audit?page=2").safeNext == "/admin/audit?page=2")
    }
}
