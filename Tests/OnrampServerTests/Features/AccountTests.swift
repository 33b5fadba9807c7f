import Fluent
import Testing
import Vapor
@testable import OnrampServer

@Suite struct AccountTests {
    @Test(arguments: TestDatabase.available)
    func changingPasswordSignsOutOtherDevices(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db)
            let champion = try await Fixture.user(.champion, in: place.partner, on: app.db)
            let phone = Browser(app)
            try await phone.signIn(champion.email)
            let laptop = Browser(app)
            try await laptop.signIn(champion.email)

            let wrong = try await laptop.post(SiteURL.changePassword.path, form: [
                ("current", "not it"), ("password", "new and long enough"), ("confirmation", "different"),
            ])
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.contains("Your current password is not right"))
            #expect(wrong.contains("Passwords do not match"))

            let done = try await laptop.post(SiteURL.changePassword.path, form: [
                ("current", Fixture.password), ("password", "new and long enough"), ("confirmation", "new and long enough"),
            ])
            #expect(done.location == "/account?changed=1")
            #expect(try await laptop.get(done.location!).contains("Your password has been changed"))
            #expect(try await phone.get(SiteURL.account.path).status == .seeOther)
            #expect(try await Browser(app).signIn(champion.email, password: "new and long enough").status == .seeOther)
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "password.changed").count() == 1)
        }
    }
}
