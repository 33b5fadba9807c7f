import Fluent
import Foundation
import OnrampCore
import Testing
import Vapor
@testable import OnrampServer

/// A council adds an indicator of its own from a file, and weighs it in the index.
@Suite struct CouncilIndicatorTests {
    static let indicator = RiskIndex.Indicator(key: "no_home_internet_pct", label: "Households without home internet (%)", component: .connectivity)

    @Test(arguments: TestDatabase.available)
    func aCouncilsOwnIndicatorIsImportedWeighedAndShown(db: TestDatabase) async throws {
        try await withTestApp(db) { app async throws in
            let place = try await Fixture.council("Southwark Council", on: app.db)
            let officer = try await Fixture.user(.officer, in: place.council, on: app.db)
            _ = try await PlacesImport.run(.lsoaLookup, path: SharedData.path("lookups/LSOA21_WD23_LAD23_EW_BestFit_LU.csv"), localAuthorities: ["E09000028"], on: app.db, now: Date())
            let codes = try await PlaceArea.lsoas(lad: "E09000028", on: app.db).map(\.code)
            // A survey's figure for every Southwark LSOA but the last, whose cell is empty.
            let rows = codes.enumerated().map { index, code in "\(code),\(index == codes.count - 1 ? "" : String(Double(index) / 2))" }
            let file = try SharedData.temporaryFile("survey.csv", contents: Data((["LSOA21CD,value"] + rows).joined(separator: "\n").utf8))
            defer { try? FileManager.default.removeItem(atPath: file) }
            let own = OwnIndicator(councilID: place.council.id!, indicator: Self.indicator)

            let outcome = try await PlacesImport.run(.councilIndicator, path: file, localAuthorities: [], own: own, on: app.db, now: Date())
            #expect(outcome.keptRows == codes.count - 1)
            let definition = try #require(try await CouncilIndicator.query(on: app.db).first())
            #expect(definition.indicator == Self.indicator)
            #expect(definition.geography == "lsoa21")
            #expect(try await PlacesImport.run(.councilIndicator, path: file, localAuthorities: [], own: own, on: app.db, now: Date()).alreadyImported)

            // Another council cannot take the key; nothing of theirs is written.
            let other = try await Fixture.council("Lambeth Council", on: app.db)
            let taken = await refusalMessage {
                _ = try await PlacesImport.run(.councilIndicator, path: file, localAuthorities: [], own: OwnIndicator(councilID: other.council.id!, indicator: Self.indicator), on: app.db, now: Date())
            }
            #expect(taken.contains("another council already has an indicator called no_home_internet_pct"))
            #expect(try await CouncilIndicator.query(on: app.db).count() == 1)

            // Weighed alone, it makes the connectivity component; the area with no figure has none.
            let browser = Browser(app)
            try await browser.signIn(officer.email)
            let overview = try await browser.get(SiteURL.places.path)
            #expect(overview.contains("Households without home internet (%) (connectivity, added by your council)"))
            let zero = RunSettings.standard.indicators.map { ("weight-\($0)", "0") } + [("weight-bad_health_pct", "0")]
            let posted = try await browser.post(SiteURL.indexRuns.path, form: [("lad", "E09000028"), ("geography", "lsoa21"), ("base", "lad"), ("weight-no_home_internet_pct", "3")] + zero)
            #expect(posted.status == .seeOther)
            let run = try #require(try await IndexRun.query(on: app.db).first())
            #expect(run.settings.contains("\"custom\":[{\"component\":\"connectivity\",\"key\":\"no_home_internet_pct\""))
            let scores = try await IndexScore.ofRun(run.id!, on: app.db)
            #expect(scores.first?.areaCode == codes[codes.count - 2])   // the largest value
            #expect(scores.first?.connectivity == 10)
            #expect(scores.first { $0.areaCode == codes.last! }?.index == nil)

            let page = try await browser.get(SiteURL.indexRun(.value(run.id!)).path)
            #expect(page.contains(">Households without home internet (%)</td>"))
            let area = try await browser.get(SiteURL.area(.value(codes[0])).path(query: [("run", run.id!.uuidString)]))
            #expect(area.contains("Households without home internet (%)"))
            #expect(area.contains("indicator:no_home_internet_pct, council data."))
        }
    }

    @Test(arguments: TestDatabase.available)
    func aBadIndicatorFileChangesNothing(db: TestDatabase) async throws {
        try await withTestApp(db) { app async throws in
            let place = try await Fixture.council(on: app.db)
            let file = try SharedData.temporaryFile("bad.csv", contents: Data("LSOA21CD,value\nE01004040,12\nE0100404,3\nE01004041,many\n".utf8))
            defer { try? FileManager.default.removeItem(atPath: file) }
            let failure = await thrownError {
                _ = try await PlacesImport.run(.councilIndicator, path: file, localAuthorities: [], own: OwnIndicator(councilID: place.council.id!, indicator: Self.indicator), on: app.db, now: Date())
            }
            guard case ImportFailure.rows(let problems)? = failure else { Issue.record("expected row problems, got \(String(describing: failure))"); return }
            #expect(problems.first.map(\.line) == [3, 4])
            #expect(try await CouncilIndicator.query(on: app.db).count() == 0)
            #expect(try await IndicatorValue.query(on: app.db).count() == 0)
            let unnamed = await refusalMessage { _ = try await PlacesImport.run(.councilIndicator, path: file, localAuthorities: [], on: app.db, now: Date()) }
            #expect(unnamed.contains("say which indicator this is"))
        }
    }
}
