import Fluent
import Foundation
import Testing
import Vapor
@testable import OnrampServer

@Suite struct UsersTests {
    @Test(arguments: TestDatabase.available)
    func anInvitedPersonChoosesAPasswordAndIsSignedIn(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db)
            let admin = try await Fixture.user(.admin, in: place.council, on: app.db)
            let browser = Browser(app)
            try await browser.signIn(admin.email)

            let form = try await browser.get(SiteURL.inviteUser.path)
            #expect(form.contains("Invite a user"))
            let sent = try await browser.post(SiteURL.inviteUser.path, form: [
                ("name", "Priya Shah"), ("email", " Priya.Shah@Library.test "),
                ("organisation", place.partner.id!.uuidString), ("role", "partner"),
            ])
            #expect(sent.status == .created)
            #expect(sent.contains("Priya Shah has been invited"))

            let user = try #require(try await User.find(email: "priya.shah@library.test", on: app.db))
            #expect(user.standing == .invited)
            #expect(user.councilID == place.council.id)
            let message = try #require(try await OutboxMessage.query(on: app.db).first())
            #expect(message.recipient == "priya.shah@library.test")
            let link = try #require(message.body.split(separator: "\n").first { $0.contains("/invitations/") })
            #expect(sent.contains(String(link)))
            let path = String(link[link.range(of: "/invitations/")!.lowerBound...])
            let audit = try await AuditEvent.query(on: app.db).filter(\.$action == "user.invited").first()
            #expect(audit?.actorID == admin.id)

            let invitee = Browser(app)
            #expect(try await invitee.get(path).contains("Choose your password"))
            let weak = try await invitee.post(path, form: [("password", "short"), ("confirmation", "short")])
            #expect(weak.status == .unprocessableEntity)
            #expect(weak.contains("Password must be 10 characters or more"))
            let chosen = try await invitee.post(path, form: [("password", "library cards forever"), ("confirmation", "library cards forever")])
            #expect(chosen.status == .seeOther)
            #expect(try await invitee.get("/").contains("Hello, Priya Shah"))

            // The link works once.
            #expect(try await Browser(app).get(path).status == .gone)
            #expect(try await Browser(app).signIn(user.email, password: "library cards forever").status == .seeOther)
        }
    }

    @Test(arguments: TestDatabase.available)
    func anInvalidInvitationKeepsWhatWasTyped(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db)
            let admin = try await Fixture.user(.admin, in: place.council, on: app.db)
            let browser = Browser(app)
            try await browser.signIn(admin.email)
            let longName = String(repeating: "x", count: 101)
            let page = try await browser.post(SiteURL.inviteUser.path, form: [
                ("name", longName), ("email", admin.email), ("organisation", ""),
            ])
            #expect(page.status == .unprocessableEntity)
            #expect(page.contains("<title>Error: Invite a user – Onramp</title>"))
            #expect(page.contains("Their full name must be 100 characters or fewer"))
            #expect(page.contains("Select the organisation they work for"))
            #expect(page.contains("Select what they will do in Onramp"))
            #expect(page.contains("value=\"\(longName)\""))
            #expect(try await User.query(on: app.db).count() == 1)
            // An organisation that is not one of the council's is not offered: a tampered form.
            #expect(try await browser.post(SiteURL.inviteUser.path, form: [("name", "A"), ("email", "a@x.test"), ("organisation", UUID().uuidString), ("role", "officer")]).status == .notFound)

            let taken = try await browser.post(SiteURL.inviteUser.path, form: [
                ("name", "Again"), ("email", admin.email), ("organisation", place.council.id!.uuidString), ("role", "officer"),
            ])
            #expect(taken.contains("Someone already has an account with this email address"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func deactivationNeedsAReasonSignsThePersonOutAndIsAudited(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db)
            let admin = try await Fixture.user(.admin, in: place.council, on: app.db)
            let officer = try await Fixture.user(.officer, in: place.council, on: app.db)
            let officerBrowser = Browser(app)
            try await officerBrowser.signIn(officer.email)
            let browser = Browser(app)
            try await browser.signIn(admin.email)

            let path = SiteURL.deactivateUser(.value(officer.id!)).path
            let noReason = try await browser.post(path, form: [("reason", " ")])
            #expect(noReason.status == .unprocessableEntity)
            #expect(noReason.contains("Enter why you are deactivating this account"))
            #expect(try await User.find(officer.id!, on: app.db)?.isActive == true)

            let reinvited = try await browser.post(SiteURL.reinviteUser(.value(officer.id!)).path, form: [])
            #expect(reinvited.contains("has been invited"))
            let done = try await browser.post(path, form: [("reason", "Left the council")])
            #expect(done.status == .seeOther)
            #expect(try await Invitation.query(on: app.db).count() == 0)
            #expect(try await User.find(officer.id!, on: app.db)?.isActive == false)
            #expect(try await officerBrowser.get("/").contains("Get online with help"))
            let audit = try await AuditEvent.query(on: app.db).filter(\.$action == "user.deactivated").first()
            #expect(audit?.summary.contains("Left the council") == true)

            #expect(try await browser.post(SiteURL.reactivateUser(.value(officer.id!)).path, form: []).status == .seeOther)
            #expect(try await officerBrowser.signIn(officer.email).status == .seeOther)
        }
    }

    @Test(arguments: TestDatabase.available)
    func adminsCannotDeactivateThemselvesOrSeeAnotherCouncil(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db)
            let other = try await Fixture.council("Elsewhere Council", on: app.db)
            let admin = try await Fixture.user(.admin, in: place.council, on: app.db)
            let stranger = try await Fixture.user(.officer, in: other.council, on: app.db)
            let browser = Browser(app)
            try await browser.signIn(admin.email)

            let own = try await browser.post(SiteURL.deactivateUser(.value(admin.id!)).path, form: [("reason", "testing")])
            #expect(own.status == .forbidden)
            #expect(try await browser.get(SiteURL.user(.value(stranger.id!)).path).status == .notFound)
            #expect(try await browser.post(SiteURL.deactivateUser(.value(stranger.id!)).path, form: [("reason", "x")]).status == .notFound)
            let list = try await browser.get(SiteURL.users.path)
            #expect(!list.contains(stranger.email))
        }
    }

    @Test(arguments: TestDatabase.available)
    func theUserListSearchesAndPages(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db)
            let admin = try await Fixture.user(.admin, in: place.council, on: app.db)
            for index in 1...30 {
                try await Fixture.user(.champion, email: "champion\(index)@x.test", in: place.partner, password: nil, on: app.db)
            }
            let browser = Browser(app)
            try await browser.signIn(admin.email)
            let first = try await browser.get(SiteURL.users.path)
            #expect(first.contains("31 users"))
            #expect(first.contains("aria-label=\"Pagination\""))
            let second = try await browser.get(SiteURL.users.path(query: [("page", "2")]))
            #expect(second.contains("aria-current=\"page\">2</a>"))
            let search = try await browser.get(SiteURL.users.path(query: [("search", "TEST ADMIN")]))
            #expect(search.contains("1 user<"))
            let none = try await browser.get(SiteURL.users.path(query: [("search", "zzz")]))
            #expect(none.contains("No users match"))
        }
    }
}
