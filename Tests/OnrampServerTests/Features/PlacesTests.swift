import Fluent
import Foundation
import OnrampCore
import Testing
import Vapor
@testable import OnrampServer

/// Southwark and its neighbours from the real files, the index computed, and every page of it.
@Suite struct PlacesTests {
    @Test(arguments: TestDatabase.available)
    func southwarkFromTheOfficialFilesToItsPages(db: TestDatabase) async throws {
        try await withTestApp(db) { app async throws in
            let place = try await Fixture.council("Southwark Council", on: app.db)
            let analyst = try await Fixture.user(.analyst, in: place.council, on: app.db)
            let loaded = try await DemoPlaces.load(from: SharedData.directory, councilID: place.council.id!, on: app.db, now: Date())
            #expect(loaded.count == DemoPlaces.files.count + 2)

            let lsoas = try await PlaceArea.lsoas(lad: "E09000028", on: app.db)
            #expect(lsoas.count == 173)
            #expect(try await PlaceArea.query(on: app.db).filter(\.$geography == "ward").filter(\.$ladCode == "E09000028").count() == 23)
            let run = try #require(try await IndexRun.query(on: app.db).filter(\.$geography == "lsoa21").first())
            #expect(run.areaCount == 173)
            #expect(run.partialCount == 0)
            let scores = try await IndexScore.ofRun(run.id!, on: app.db)
            #expect(scores.allSatisfy { ($0.index ?? -1) >= 0 && ($0.index ?? 11) <= 10 })
            #expect(Set(scores.map(\.rank)) == Set(1...173))

            // Loading again finds every file imported already.
            #expect(try await DemoPlaces.load(from: SharedData.directory, councilID: place.council.id!, on: app.db, now: Date()).isEmpty)

            let browser = Browser(app)
            try await browser.signIn(analyst.email)
            let runPage = try await browser.get(SiteURL.indexRun(.value(run.id!)).path)
            #expect(runPage.status == .ok)
            #expect(runPage.contains("173 LSOAs (2021)"))
            #expect(runPage.contains("census2021-ts007a-lsoa.csv"))
            // The map: every area a link with its own name, five classes in the key, ward lines over the top.
            #expect(runPage.contains("<svg class=\"app-map\""))
            #expect(runPage.body.components(separatedBy: "<a href=\"/places/areas/").count - 1 >= 173)
            #expect(runPage.body.range(of: #"<title>Southwark [0-9]{3}[A-Z]: risk [0-9.]+ of 10, highest band</title>"#, options: .regularExpression) != nil)
            #expect(runPage.body.components(separatedBy: "<li><svg width=\"24\"").count - 1 == 5)
            #expect(runPage.contains("class=\"app-map__outlines\""))
            let top = try #require(scores.first { $0.rank == 1 })
            try await checkWardMapAndDownloads(browser, run: run, lsoas: lsoas, top: top)
            let area = try await browser.get(SiteURL.area(.value(top.areaCode)).path)
            #expect(area.status == .ok)
            #expect(area.contains("1st of 173 in Southwark"))
            #expect(area.contains("What drives the score"))
            #expect(area.contains("census-ts007a, Census 2021."))
            #expect(area.contains("iod2019, IoD2019."))
            #expect(area.contains("Same area in 2011 and 2021") || area.contains("which was split") || area.contains("Made from 2011 LSOAs"))

            try await check2011Run(browser, on: app.db)

            let csv = try await browser.get(SiteURL.indexRunCSV(.value(run.id!)).path)
            #expect(csv.headers.contentType?.subType == "csv")
            #expect(csv.body.split(separator: "\n").count == 1 + 173 + RunView.attribution.count)
            #expect(csv.contains("Source: Office for National Statistics licensed under the OGL v3.0"))

            struct Listing: Decodable { let areas: [Summary]; struct Summary: Decodable { let code: String; let riskIndex: Double?; let rank: Int? } }
            let listing = try await browser.get(SiteURL.api(.areas).path(query: [("lad", "E09000028")])).json(Listing.self)
            #expect(listing.areas.count == 173)
            #expect(listing.areas.first { $0.code == top.areaCode }?.rank == 1)
            let detail = try await browser.get(SiteURL.api(.area(.value(top.areaCode))).path)
            #expect(detail.status == .ok && detail.contains("\"sha256\""))
            let runJSON = try await browser.get(SiteURL.api(.indexRun(.value(run.id!))).path)
            #expect(runJSON.status == .ok && runJSON.contains("\"indicatorWeights\""))
            let badCode = try await browser.get(SiteURL.api(.areas).path(query: [("lad", "Southwark")]))
            #expect(badCode.status == .badRequest && badCode.headers.contentType?.subType == "problem+json")

            // The run's page is kept: the same again, and for a made-up layer or sort, which are
            // the index by rank.
            #expect(try await browser.get(SiteURL.indexRun(.value(run.id!)).path).body == runPage.body)
            #expect(try await browser.get(SiteURL.indexRun(.value(run.id!)).path(query: [("layer", "x1"), ("sort", "x2")])).body == runPage.body)
            // As the map's own form asks for it, with an empty ward for the whole place.
            let kept = app.onramp.runPages.count
            #expect(try await browser.get(SiteURL.indexRun(.value(run.id!)).path + "?layer=index&ward=&sort=rank").body == runPage.body)
            #expect(app.onramp.runPages.count == kept)

            // A second computation against London, then the two side by side.
            let form = try await browser.post(SiteURL.indexRuns.path, form: [("lad", "E09000028"), ("base", "london")])
            #expect(form.status == .seeOther)
            let second = try #require(try await IndexRun.query(on: app.db).filter(\.$base == "london").first())
            // The first run's page is drawn again, since the second is on it now.
            #expect(try await browser.get(SiteURL.indexRun(.value(run.id!)).path).contains("<option value=\"\(second.id!.uuidString)\""))
            let compare = try await browser.get(SiteURL.compareRuns.path(query: [("a", run.id!.uuidString), ("b", second.id!.uuidString)]))
            #expect(compare.status == .ok)
            #expect(compare.contains("Compare two computations for Southwark"))

            // A London-based run on 2011 LSOAs too: the London map stays on one geography.
            #expect(try await browser.post(SiteURL.indexRuns.path, form: [("lad", "E09000028"), ("geography", "lsoa11"), ("base", "london")]).status == .seeOther)
            let london = try await browser.get(SiteURL.londonMap.path)
            #expect(london.contains("for each of 1 borough: Southwark"))
            // One link for the borough, to its own map, where every area is a link; the areas
            // drawn in the same places and colours as there.
            let boroughMap = SiteURL.indexRun(.value(second.id!)).path(query: [("layer", "index")])
            let londonSVG = try #require(london.body.firstRange(of: "<svg class=\"app-map\"").map { String(london.body[$0.lowerBound...]) })
            #expect(londonSVG.components(separatedBy: "<a href=").count - 1 == 1)
            #expect(londonSVG.contains("<a href=\"\(boroughMap.replacingOccurrences(of: "&", with: "&amp;"))\"><title>Southwark, 173 areas: "))
            let secondPage = try await browser.get(SiteURL.indexRun(.value(second.id!)).path)
            #expect(secondPage.body.components(separatedBy: "<a href=\"/places/areas/").count - 1 == 173)
            #expect(Self.areaFills(london.body).count == 173 && Self.areaFills(london.body) == Self.areaFills(secondPage.body))
            // The page is kept, and let go when a borough is computed again. Layers that do not
            // exist are the index layer, and share its page.
            #expect(try await browser.get(SiteURL.londonMap.path).body == london.body)
            for made in ["x1", "x2", "index"] { #expect(try await browser.get(SiteURL.londonMap.path + "?layer=\(made)").body == london.body) }
            #expect(app.onramp.pages.count == 1)
            #expect(try await browser.post(SiteURL.indexRuns.path, form: [("lad", "E09000028"), ("base", "london")]).status == .seeOther)
            let third = try #require(try await IndexRun.query(on: app.db).filter(\.$base == "london").filter(\.$geography == "lsoa21").sort(\.$createdAt, .descending).first())
            let again = try await browser.get(SiteURL.londonMap.path)
            #expect(third.id != second.id && again.contains("/places/runs/\(third.id!.uuidString)?layer=index") && !again.contains(second.id!.uuidString))
        }
    }

    /// Each area's outline on a page's map, and the colour it is drawn in.
    static func areaFills(_ page: String) -> [String: String] {
        // The areas' group is one line.
        guard let start = page.firstRange(of: "<g class=\"app-map__areas\""), let end = page[start.upperBound...].firstIndex(of: "\n") else { return [:] }
        var fills: [String: String] = [:]
        for group in page[start.upperBound..<end].components(separatedBy: "<g fill=\"").dropFirst() {
            let fill = String(group.prefix { $0 != "\"" })
            for path in group.components(separatedBy: "<path d=\"").dropFirst() { fills[String(path.prefix { $0 != "\"" })] = fill }
        }
        return fills
    }

    @Test(arguments: TestDatabase.available)
    func theRunFormRefusesBadWeightsAndKeepsThem(db: TestDatabase) async throws {
        try await withTestApp(db) { app async throws in
            let place = try await Fixture.council(on: app.db)
            let officer = try await Fixture.user(.officer, in: place.council, on: app.db)
            let browser = Browser(app)
            _ = try await Fixture.placesRun(councilID: place.council.id!, on: app.db)
            try await browser.signIn(officer.email)
            let page = try await browser.post(SiteURL.indexRuns.path, form: [("lad", "E09000999"), ("base", "lad"), ("weight-imd_score", "11")])
            #expect(page.status == .unprocessableEntity)
            #expect(page.contains("Select a local authority"))
            #expect(page.contains("The weight of index of multiple deprivation 2019 score must be a whole number from 0 to 10"))
            #expect(page.contains("value=\"11\""))

            let zero = RiskIndex.Component.allCases.map { ("component-\($0.rawValue)", "0") }
            let allZero = try await browser.post(SiteURL.indexRuns.path, form: [("lad", "E09000028"), ("base", "lad")] + zero)
            #expect(allZero.contains("At least one component, and one indicator in it, must have a weight above 0"))
            #expect(try await IndexRun.query(on: app.db).count() == 1)
        }
    }

    /// The same index on 2011 LSOAs: IoD2019 on its own areas, the Census carried back to them.
    func check2011Run(_ browser: Browser, on db: any Database) async throws {
        let run = try #require(try await IndexRun.query(on: db).filter(\.$geography == "lsoa11").first())
        #expect(run.areaCount == 166)
        #expect(run.partialCount == 0)   // London's broadband figures reach every 2011 area too
        let page = try await browser.get(SiteURL.indexRun(.value(run.id!)).path)
        #expect(page.contains("166 LSOAs (2011)"))
        #expect(page.body.components(separatedBy: "<a href=\"/places/areas/").count - 1 == 166)
        // Southwark 002A was split in two in 2021: its Census figures are its parts' averaged by
        // their populations. With no 2021 area of that code, its page needs no ?geography=.
        let split = try await browser.get(SiteURL.area(.value("E01003927")).path)
        #expect(split.contains("2011 LSOA E01003927."))
        #expect(split.contains("Split in 2021 into LSOAs E01033867, E01033868: their values averaged, weighted by population."))
        #expect(split.contains("href=\"/places/areas/E01033867?geography=lsoa21\""))
        #expect(split.contains("of 166 in Southwark"))
        let json = try await browser.get(SiteURL.api(.area(.value("E01003927"))).path)
        #expect(json.contains("\"geography\":\"lsoa11\"") && json.contains("\"counterparts\":[\"E01033867\",\"E01033868\"]"))
        let listing = try await browser.get(SiteURL.api(.areas).path(query: [("lad", "E09000028"), ("geography", "lsoa11")]))
        #expect(listing.contains("\"indexRun\":\"\(run.id!.uuidString)\""))
        #expect(try await browser.get(SiteURL.api(.areas).path(query: [("lad", "E09000028"), ("geography", "lsoa01")])).status == .badRequest)
    }

    /// The library markers, a ward's own map, and the GeoJSON download of a layer.
    func checkWardMapAndDownloads(_ browser: Browser, run: IndexRun, lsoas: [PlaceArea], top: IndexScore) async throws {
        let runPage = try await browser.get(SiteURL.indexRun(.value(run.id!)).path)
        #expect(runPage.contains("open public libraries: "))
        #expect(runPage.body.components(separatedBy: "<circle ").count - 1 == 12)   // Southwark's 16 libraries, 4 of them closed
        let layer = try await browser.get(SiteURL.indexRun(.value(run.id!)).path(query: [("layer", "gigabit_pct")]))
        #expect(layer.contains("Map: Premises that can get gigabit broadband (%)"))
        let deciles = try await browser.get(SiteURL.indexRun(.value(run.id!)).path(query: [("layer", "imd_decile")]))
        #expect(deciles.contains("Map: IMD 2019 decile"))
        #expect(deciles.body.range(of: #"<title>Southwark [0-9]{3}[A-Z]: IMD decile [0-9]+ \(1 is the most deprived tenth of England\)</title>"#, options: .regularExpression) != nil)
        #expect(deciles.contains("Deciles 1 and 2, most deprived"))
        #expect(layer.contains("sort=demography&amp;layer=gigabit_pct"))

        let wardCode = try #require(lsoas.first { $0.code == top.areaCode }?.wardCode)
        let wardPage = try await browser.get(SiteURL.indexRun(.value(run.id!)).path(query: [("ward", wardCode)]))
        let inWard = lsoas.filter { $0.wardCode == wardCode }.count
        #expect(wardPage.body.components(separatedBy: "<a href=\"/places/areas/").count - 1 == inWard)   // on the map
        #expect(wardPage.body.components(separatedBy: "<a class=\"govuk-link\" href=\"/places/areas/").count - 1 == inWard)   // in the table
        #expect(wardPage.contains("ward, with ward boundaries"))

        let geo = try await browser.get(SiteURL.indexRunGeoJSON(.value(run.id!)).path(query: [("layer", "demography")]))
        let collection = try #require(try JSONSerialization.jsonObject(with: Data(geo.body.utf8)) as? [String: Any])
        #expect((collection["features"] as? [Any])?.count == 173)
        #expect((collection["attribution"] as? [String]) == RunView.attribution)
    }
}
