import Fluent
import Testing
import Vapor
@testable import OnrampServer

@Suite struct OrganisationsTests {
    @Test(arguments: TestDatabase.available)
    func anAdminAddsAPartner(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db)
            let admin = try await Fixture.user(.admin, in: place.council, on: app.db)
            let browser = Browser(app)
            try await browser.signIn(admin.email)

            let invalid = try await browser.post(SiteURL.newOrganisation.path, form: [("name", place.partner.name), ("type", "council")])
            #expect(invalid.status == .unprocessableEntity)
            #expect(invalid.contains("There is already an organisation called"))
            #expect(invalid.contains("a partner cannot be a council"))

            let added = try await browser.post(SiteURL.newOrganisation.path, form: [("name", "Peckham Digital Hub"), ("type", "charity")])
            #expect(added.status == .seeOther)
            let list = try await browser.get(added.location!)
            #expect(list.contains("Peckham Digital Hub has been added"))
            let organisation = try #require(try await Organisation.named("Peckham Digital Hub", councilID: place.council.id!, on: app.db))
            #expect(organisation.councilID == place.council.id)
            let audit = try await AuditEvent.query(on: app.db).filter(\.$action == "organisation.created").first()
            #expect(audit?.recordID == organisation.id?.uuidString)
        }
    }

    @Test(arguments: TestDatabase.available)
    func theAPIAnswersProblemsNotErrors(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db)
            let admin = try await Fixture.user(.admin, in: place.council, on: app.db)
            let browser = Browser(app)

            let anonymous = try await browser.get(SiteURL.api(.me).path)
            #expect(anonymous.status == .unauthorized)
            #expect(anonymous.headers.contentType?.subType == "problem+json")

            try await browser.signIn(admin.email)
            let me = try await browser.get(SiteURL.api(.me).path)
            #expect(me.status == .ok)
            #expect(me.contains("\"role\":\"admin\""))

            let malformed = try await browser.postJSON(SiteURL.api(.organisations).path, "{\"name\": \"Broken")
            #expect(malformed.status == .badRequest)
            #expect(malformed.headers.contentType?.subType == "problem+json")
            let problem = try malformed.json(Problem.self)
            #expect(problem.status == 400)
            #expect(problem.detail.contains("not valid JSON"))

            let invalid = try await browser.postJSON(SiteURL.api(.organisations).path, "{\"name\": \"\", \"type\": \"castle\"}")
            #expect(invalid.status == .unprocessableEntity)
            let fields = try invalid.json(Problem.self).errors?.map(\.field)
            #expect(fields == ["name", "type"])

            let noToken = try await browser.postJSON(SiteURL.api(.organisations).path, "{\"name\": \"A\", \"type\": \"library\"}", csrf: false)
            #expect(noToken.status == .forbidden)
            #expect(noToken.headers.contentType?.subType == "problem+json")

            let created = try await browser.postJSON(SiteURL.api(.organisations).path, "{\"name\": \"Walworth Library\", \"type\": \"library\"}")
            #expect(created.status == .created)
            let list = try await browser.get(SiteURL.api(.organisations).path)
            #expect(list.contains("Walworth Library"))
            #expect(try await Organisation.query(on: app.db).count() == 3)

            // Media types are case-insensitive; a wildcard is not JSON; control characters are not a name.
            let shouted = try await browser.postRaw(SiteURL.api(.organisations).path, body: "{\"name\": \"Peckham Library\", \"type\": \"library\"}",
                                                    contentType: HTTPMediaType(type: "Application", subType: "JSON"))
            #expect(shouted.status == .created)
            let wildcard = try await browser.postRaw(SiteURL.api(.organisations).path, body: "{}", contentType: HTTPMediaType(type: "*", subType: "*"))
            #expect(wildcard.status == .unsupportedMediaType)
            let control = try await browser.postJSON(SiteURL.api(.organisations).path, "{\"name\": \"\\u0015\\b\", \"type\": \"library\"}")
            #expect(control.status == .unprocessableEntity && control.contains("cannot be printed"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func officersSeeButCannotAdd(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db)
            let officer = try await Fixture.user(.officer, in: place.council, on: app.db)
            let browser = Browser(app)
            try await browser.signIn(officer.email)
            let list = try await browser.get(SiteURL.organisations.path)
            #expect(list.status == .ok)
            #expect(!list.contains("Add a partner organisation"))
            let refused = try await browser.post(SiteURL.newOrganisation.path, form: [("name", "Sneaky"), ("type", "other")])
            #expect(refused.status == .forbidden)
            #expect(try await Organisation.query(on: app.db).count() == 2)
        }
    }
}
