import Fluent
import Foundation
import OnrampCore
import Testing
import Vapor
@testable import OnrampServer

/// The requests that once stopped Onramp or answered 500: page numbers that overflowed the
/// page arithmetic, searches of hundreds of words, and text that is not text.
@Suite struct HostileNumbersTests {
    static let huge = "9223372036854775807"

    @Test(arguments: TestDatabase.available)
    func hugePageNumbersShowAPageAndNeverStopTheServer(db: TestDatabase) async throws {
        try await withTestApp(db) { app async throws in
            try await DirectoryTests.loadDirectory(on: app.db)
            let browser = Browser(app)
            for path in ["/openreferral/services?page=\(Self.huge)", "/openreferral/taxonomies?page=\(Self.huge)",
                         "/openreferral/taxonomy_terms?page=\(Self.huge)&per_page=\(Self.huge)", "/openreferral/organizations?page=\(Self.huge)",
                         "/openreferral/service_at_locations?page=\(Self.huge)", "/openreferral/services?page=-\(Self.huge)&per_page=-1",
                         "/openreferral/services?page=99999999999999999999999",
                         // No service has the word: PostgreSQL once refused the empty list this made.
                         "/openreferral/service_at_locations?search=submarine", "/directory?q=submarine&postcode=SE1+7PB"] {
                let page = try await browser.get(path)
                #expect(page.status == .ok, "\(path)")
            }
            let past = try await browser.get("/openreferral/services?page=\(Self.huge)")
            struct List: Decodable { let page_number: Int; let empty: Bool; let total_items: Int }
            let list = try past.json(List.self)
            #expect(list.empty && list.total_items == 11 && list.page_number == RequestedPage.maxNumber)
            // Page 0 is the first page, and a page size past the largest is the largest.
            let first = try await browser.get("/openreferral/services?page=0&per_page=100000")
            #expect(try first.json(List.self).page_number == 1)

            // The public search shows its last page for any page past the end.
            let directory = try await browser.get("/directory?all=yes&page=\(Self.huge)")
            #expect(directory.status == .ok && directory.contains("Showing 11 to 11"))
            let negative = try await browser.get("/directory?all=yes&page=-\(Self.huge)")
            #expect(negative.status == .ok && negative.contains("Showing 1 to 10"))
            let words = try await browser.get("/directory?all=yes&page=ten")
            #expect(words.status == .ok && words.contains("Showing 1 to 10"))
            // The server is still there.
            #expect(try await browser.get(SiteURL.healthz.path).status == .ok)
        }
    }

    @Test(arguments: TestDatabase.available)
    func longSearchesUseTheirFirstTwentyWordsAndSaySo(db: TestDatabase) async throws {
        try await withTestApp(db) { app async throws in
            try await DirectoryTests.loadDirectory(on: app.db)
            let browser = Browser(app)
            let many = (1...600).map { "word\($0)" }.joined(separator: " ")
            let directory = try await browser.get(SiteURL.directory.path(query: [("q", "wifi " + many)]))
            #expect(directory.status == .ok)
            #expect(directory.contains("looked for its first 20 words only"))
            let feed = try await browser.get("/openreferral/services?search=" + (["wifi"] + (1...600).map { "word\($0)" }).joined(separator: "+"))
            #expect(feed.status == .ok)
            // The first words still find what they name.
            let found = try await browser.get(SiteURL.directory.path(query: [("q", "wifi library " + (1...30).map { _ in "library" }.joined(separator: " "))]))
            #expect(found.contains("results") && !found.contains("looked for its first"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func textThatIsNotTextIsRefusedBeforeItReachesTheDatabase(db: TestDatabase) async throws {
        try await withTestApp(db) { app async throws in
            let place = try await Fixture.council(on: app.db)
            let admin = try await Fixture.user(.admin, in: place.council, on: app.db)
            let browser = Browser(app)
            for path in ["/directory?q=a%00b", "/track?x=%FF%FE", "/help/%00/questions/devices", "/openreferral/services?search=%00"] {
                let page = try await browser.get(path)
                #expect(page.status == .badRequest, "\(path)")
                #expect(page.contains("not text"), "\(path)")
            }
            try await browser.get(SiteURL.track.path)
            let track = try await browser.post(SiteURL.track.path, form: [("reference", "AB\u{0}CD"), ("postcode", "SE1 7PB")])
            #expect(track.status == .badRequest)
            try await browser.signIn(admin.email)
            let json = try await browser.postJSON(SiteURL.api(.organisations).path, #"{"name": "Nul\u0000 Library", "type": "library"}"#)
            #expect(json.status == .badRequest && json.headers.contentType?.subType == "problem+json")
            #expect(try await Organisation.query(on: app.db).count() == 2)
        }
    }
}
