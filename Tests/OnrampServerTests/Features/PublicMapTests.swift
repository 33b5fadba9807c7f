import Fluent
import Foundation
import Testing
import Vapor
@testable import OnrampCore
@testable import OnrampServer

/// Publishing a risk index to the public, with a narrative cleaned of everything but headings,
/// paragraphs and links, and taking it down; only what was published is public.
@Suite struct PublicMapTests {
    @Test(arguments: TestDatabase.available)
    func anOfficerPublishesTheMapAndTakesItDown(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council("Southwark Council", on: app.db)
            let (code, runID) = try await Fixture.placesRun(councilID: place.council.id!, on: app.db)
            let score = IndexScore(
                runID: runID, areaCode: code, index: 7.5, demography: nil, connectivity: nil, deprivation: nil, indicators: "{}", missing: "", isPartial: false, rank: 1
            )
            try await IndexScore.insert([score], on: app.db)
            let elsewhere = try await Fixture.council("Elsewhere Council", on: app.db)
            let officer = Browser(app)
            try await officer.signIn(try await Fixture.user(.officer, in: place.council, on: app.db).email)
            let publicPage = SiteURL.publicMap(.value(place.council.id!)).path
            #expect(try await Browser(app).get(publicPage).status == .notFound, "nothing is public until it is published")

            // No run chosen: the error, and the narrative kept. Another council's run is refused the same way.
            let missing = try await officer.post(SiteURL.publishMap.path, form: [("narrative", "<h2>Kept</h2>")])
            #expect(missing.status == .unprocessableEntity || missing.status == .badRequest || missing.status == .ok)
            #expect(missing.contains("Choose the risk index to publish") && missing.contains("&lt;h2&gt;Kept&lt;/h2&gt;"))
            let theirs = try await Fixture.placesRunOnly(councilID: elsewhere.council.id!, on: app.db)
            #expect(try await officer.post(SiteURL.publishMap.path, form: [("run", theirs.uuidString), ("narrative", "")]).contains("Choose the risk index to publish"))

            let narrative = "<h2>Why we publish this</h2><p onclick=\"x()\">Help is <a href=\"https://www.southwark.gov.uk/digital\">near you</a>.<script>alert(1)</script><img src=x onerror=alert(2)></p><a href=\"javascript:alert(3)\">bad</a>"
            let published = try await officer.post(SiteURL.publishMap.path, form: [("run", runID.uuidString), ("narrative", narrative)])
            #expect(published.status == .seeOther)
            let visitor = Browser(app)
            let page = try await visitor.get(publicPage)
            #expect(page.status == .ok && page.contains("Digital exclusion risk in"))
            #expect(page.contains("<h2 class=\"govuk-heading-m\">Why we publish this</h2>"))
            #expect(page.contains("<a class=\"govuk-link\" href=\"https://www.southwark.gov.uk/digital\">near you</a>"))
            #expect(!page.contains("alert(") && !page.contains("onclick") && !page.contains("javascript:") && !page.contains("<img"))
            #expect(!page.contains("/places/areas/"), "the public page does not link to staff pages")
            #expect(page.contains("id=\"area-\(code)\""))
            #expect(try await visitor.get(SiteURL.publicMaps.path).contains("Southwark Council"))
            let csv = try await visitor.get(SiteURL.publicMapCSV(.value(place.council.id!)).path)
            #expect(csv.status == .ok && csv.headers.contentType?.subType == "csv")
            #expect(try await visitor.get(SiteURL.publicMapGeoJSON(.value(place.council.id!)).path).status == .ok)
            #expect(try await visitor.get(SiteURL.publicMap(.value(elsewhere.council.id!)).path).status == .notFound)
            #expect(try await visitor.get("/maps/not-a-council").status == .notFound)

            // Partners and analysts may not publish; the officer takes it down.
            let partner = Browser(app)
            try await partner.signIn(try await Fixture.user(.partner, in: place.partner, on: app.db).email)
            #expect(try await partner.post(SiteURL.unpublishMap.path, form: []).status == .forbidden)
            #expect(try await officer.post(SiteURL.unpublishMap.path, form: []).status == .seeOther)
            #expect(try await visitor.get(publicPage).status == .notFound)
            let actions = try await AuditEvent.query(on: app.db).all().map(\.action)
            #expect(actions.contains("index.published") && actions.contains("index.unpublished"))
        }
    }
}

extension Fixture {
    /// An empty index run of `councilID`, for tests of who may use it.
    static func placesRunOnly(councilID: UUID, on db: any Database) async throws -> UUID {
        let run = IndexRun()
        (run.councilID, run.ladCode, run.geography, run.base, run.settings) = (councilID, "E09000022", "lsoa21", "lad", RunSettings.standard.json)
        (run.importIDs, run.areaCount, run.partialCount, run.createdAt, run.createdBy) = ("", 0, 0, Date(), "test")
        try await run.create(on: db)
        return run.id!
    }
}
