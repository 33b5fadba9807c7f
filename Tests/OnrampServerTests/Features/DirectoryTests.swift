import Fluent
import Foundation
import OnrampCore
import Testing
import Vapor
@testable import OnrampServer

/// The directory from the real files: Southwark's postcodes and libraries, searched by a
/// resident and read through the open ORUK API.
@Suite struct DirectoryTests {
    /// Loads the demo directory for a council, as `onramp demo` does.
    static func loadDirectory(on db: any Database) async throws {
        let place = try await Fixture.council("Southwark Council", on: db)
        #expect(try await loadDirectoryFiles(councilID: place.council.id!, on: db).count == 2)
    }

    /// The demo's directory for a council that exists already.
    @discardableResult
    static func loadDirectoryFiles(councilID: UUID, on db: any Database) async throws -> [String] {
        try await DemoDirectory.load(from: SharedData.directory, councilID: councilID, now: Date(), on: db)
    }

    @Test(arguments: TestDatabase.available)
    func aResidentFindsHelpNearTheirPostcode(db: TestDatabase) async throws {
        try await withTestApp(db) { app async throws in
            try await Self.loadDirectory(on: app.db)
            #expect(try await PostcodePoint.query(on: app.db).count() > 20_000)
            #expect(try await DirectoryService.query(on: app.db).count() == 11)
            #expect(try await DirectoryLocation.query(on: app.db).count() == 12)   // the 12 open libraries
            let browser = Browser(app)

            // Typed loosely, searched nearest first, each with its distance, hours and cost.
            let near = try await browser.get(SiteURL.directory.path(query: [("q", "Wi-Fi"), ("postcode", "se17pb"), ("distance", "2")]))
            #expect(near.status == .ok)
            let distances = near.body.matches(of: /([0-9.]+) miles? away/).map { Double($0.output.1)! }
            #expect(!distances.isEmpty && distances == distances.sorted() && distances.allSatisfy { $0 <= 2 })
            #expect(near.contains("John Harvard Library"))
            #expect(near.body.contains("Open now, until") || near.body.contains("Opens "))
            #expect(near.contains("value=\"se17pb\""))

            // A malformed or unknown postcode is an error that keeps what was typed, not an empty list.
            let malformed = try await browser.get(SiteURL.directory.path(query: [("postcode", "SE1")]))
            #expect(malformed.status == .unprocessableEntity)
            #expect(malformed.contains("Enter a full postcode, like SE1 7PB") && malformed.contains("href=\"#postcode\""))
            let unknown = try await browser.get(SiteURL.directory.path(query: [("postcode", "ZZ99 9ZZ")]))
            #expect(unknown.contains("We do not know the postcode ZZ99 9ZZ"))

            // A group of the taxonomy finds its children; free only leaves out paid printing; a language narrows.
            let devices = try await browser.get(SiteURL.directory.path(query: [("category", "devices-and-data")]))
            #expect(devices.contains("4 results") && devices.contains("Example: Laptop loan scheme") && devices.contains("Example: Free data SIMs"))
            let everything = try await browser.get(SiteURL.directory.path(query: [("all", "yes")]))
            #expect(everything.contains("11 results") && everything.contains("10p per page"))
            let free = try await browser.get(SiteURL.directory.path(query: [("free", "yes")]))
            #expect(free.contains("10 results") && !free.contains("Printing and scanning</a>"))
            let spanish = try await browser.get(SiteURL.directory.path(query: [("language", "es")]))
            #expect(spanish.contains("1 result") && spanish.contains("Example: Digital skills classes"))
            let past = try await browser.get(SiteURL.directory.path(query: [("all", "yes"), ("page", "9")]))
            #expect(past.contains("Showing 11 to 11") && !past.contains("No help found"))
            #expect(past.contains("href=\"/directory?all=yes&amp;page=1\""))   // paging keeps "everything"
            let nothing = try await browser.get(SiteURL.directory.path(query: [("q", "submarine")]))
            #expect(nothing.contains("No help found"))

            // The service page has the hours of each library, and a printable version.
            let row = try #require(try await DirectoryService.query(on: app.db).filter(\.$name == "Free Wi-Fi at Southwark libraries").first())
            let page = try await browser.get(SiteURL.directoryService(.value(row.id!)).path)
            #expect(page.contains("Blue Anchor Library") && page.contains("Monday: 9am to 7pm") && page.contains("Wednesday: closed"))
            #expect(page.contains("SE16 3UQ"))
            let printable = try await browser.get(SiteURL.directoryServicePrint(.value(row.id!)).path)
            #expect(printable.contains("Print this page"))
            #expect(try await browser.get(SiteURL.directoryService(.value(UUID())).path).status == .notFound)
        }
    }

    @Test(arguments: TestDatabase.available)
    func theOpenReferralFeedPagesFiltersAndRefusesClearly(db: TestDatabase) async throws {
        try await withTestApp(db) { app async throws in
            try await Self.loadDirectory(on: app.db)
            let browser = Browser(app)
            struct ListPage: Decodable {
                let total_items: Int, total_pages: Int, page_number: Int, size: Int
                let first_page: Bool, last_page: Bool, empty: Bool
                let contents: [Item]
                struct Item: Decodable { let id: String; let name: String?; let location_id: String? }
            }

            let details = try await browser.get("/openreferral")
            #expect(details.headers.first(name: .accessControlAllowOrigin) == "*")
            // Read-only and the same for everyone: no form token, no cookie, found or not.
            #expect(details.headers.setCookie == nil)
            #expect(try await browser.get("/openreferral/services/not-a-uuid").headers.setCookie == nil)
            #expect(details.contains("\"version\":\"HSDS-UK-3.0\"") && details.contains("/openreferral/openapi.json"))
            #expect(try await browser.get("/openreferral/openapi.json").contains("\"openapi\""))

            let first = try await browser.get("/openreferral/services?per_page=4").json(ListPage.self)
            #expect(first.total_items == 11 && first.total_pages == 3 && first.size == 4 && first.first_page && !first.last_page)
            let last = try await browser.get("/openreferral/services?per_page=4&page=3").json(ListPage.self)
            #expect(last.size == 3 && last.last_page)
            let past = try await browser.get("/openreferral/services?per_page=4&page=9").json(ListPage.self)
            #expect(past.empty && past.contents.isEmpty && past.total_items == 11)
            #expect(try await browser.get("/openreferral/services?per_page=5000").json(ListPage.self).size == 11)   // capped at 200, all fit

            let wifi = try await browser.get("/openreferral/services?search=wifi").json(ListPage.self)
            #expect(wifi.contents.map(\.name) == ["Free Wi-Fi at Southwark libraries"])
            // The full records of a search are the same services, counted alike.
            let wifiWhole = try await browser.get("/openreferral/services?search=wifi&full=true").json(ListPage.self)
            #expect(wifiWhole.total_items == wifi.total_items && wifiWhole.contents.map(\.name) == wifi.contents.map(\.name))
            // Every parameter is read from one reading of the query, whatever order they come in.
            #expect(try await browser.get("/openreferral/services?per_page=1&search=free+wi-fi&page=1").json(ListPage.self).contents.map(\.name) == ["Free Wi-Fi at Southwark libraries"])

            // A list gives each service's one-to-one fields as its full record has them, and
            // nothing nested; minimal keeps what identifies it.
            struct Services: Decodable { let contents: [ORUK.Service] }
            let listed = try await browser.get("/openreferral/services?per_page=200").json(Services.self).contents
            let whole = try await browser.get("/openreferral/services?per_page=200&full=true").json(Services.self).contents
            let minimal = try await browser.get("/openreferral/services?per_page=200&minimal=true").json(Services.self).contents
            #expect(listed.count == 11 && whole.map(\.id) == listed.map(\.id) && minimal.map(\.id) == listed.map(\.id))
            for (plain, record) in zip(listed, whole) {
                var oneToOne = record
                (oneToOne.schedules, oneToOne.service_areas, oneToOne.service_at_locations, oneToOne.languages) = (nil, nil, nil, nil)
                (oneToOne.organization, oneToOne.cost_options, oneToOne.contacts, oneToOne.attributes, oneToOne.assurer_email) = (nil, nil, nil, nil, nil)
                #expect(plain == oneToOne)
            }
            #expect(whole.contains { $0.service_at_locations?.isEmpty == false } && whole.contains { $0.description != nil })
            #expect(zip(minimal, listed).allSatisfy { $0.description == nil && $0.organization_id == nil && $0.name == $1.name && $0.last_modified == $1.last_modified })
            let loan = try #require(DigitalInclusionTaxonomy.term(code: "device-loan"))
            let loans = try await browser.get("/openreferral/services?taxonomy_term_id=\(loan.id)&search=laptop").json(ListPage.self)
            #expect(loans.contents.map(\.name) == ["Example: Laptop loan scheme"])
            // A search's total is what it finds, and its pages follow one order: services with
            // the word in their name first, then by name (SQLite and PostgreSQL sort these names alike).
            var mixed: [String] = []
            for word in ["free", "digital", "help", "laptop", "online"] {
                let all = try await browser.get("/openreferral/services?per_page=200&search=\(word)").json(ListPage.self)
                #expect(all.total_items == all.contents.count, "\(word)")
                var paged: [String?] = []
                for number in 1...max(1, all.total_pages * 2) {
                    let part = try await browser.get("/openreferral/services?per_page=2&page=\(number)&search=\(word)").json(ListPage.self)
                    #expect(part.total_items == all.total_items)
                    paged += part.contents.map(\.name)
                }
                #expect(paged == all.contents.map(\.name), "\(word)")
                let names = all.contents.compactMap(\.name)
                let first = names.filter { SearchText.terms($0).contains(word) }
                let rest = names.filter { !SearchText.terms($0).contains(word) }
                let expected = first.sorted() + rest.sorted()
                #expect(names == expected, "\(word): with the word in the name first, then by name")
                if !first.isEmpty && !rest.isEmpty { mixed.append(word) }
            }
            #expect(!mixed.isEmpty, "some search has matches in names and elsewhere")
            let later = try await browser.get("/openreferral/services?modified_after=2100-01-01T00:00:00Z").json(ListPage.self)
            #expect(later.empty)

            let ndjson = try await browser.get("/openreferral/services?format=ndjson")
            #expect(ndjson.headers.contentType?.subType == "x-ndjson")
            #expect(ndjson.body.split(separator: "\n").count == 11)

            let full = try await browser.get("/openreferral/services/\(try #require(wifi.contents.first?.id))")
            #expect(full.contains("\"service_at_locations\"") && full.contains("\"addresses\"") && full.contains("\"state_province\":\"Greater London\""))
            #expect(full.contains("\"taxonomy_term\"") && full.contains("\"organization\""))

            // Nearest first within the distance asked, in metres.
            let near = try await browser.get("/openreferral/service_at_locations?postcode=SE1%207PB&proximity=2000&full=true")
            struct Near: Decodable { let contents: [Link]; struct Link: Decodable { let location: Place? }; struct Place: Decodable { let latitude: Double; let longitude: Double } }
            let origin = try #require(try await PostcodePoint.find("SE1 7PB", on: app.db)).position
            let metres = try near.json(Near.self).contents.compactMap(\.location).map { Distance.metres(origin, .init(latitude: $0.latitude, longitude: $0.longitude)) }
            #expect(!metres.isEmpty && metres == metres.sorted() && metres.allSatisfy { $0 <= 2000 })

            for (path, status) in [
                ("/openreferral/services/not-a-uuid", HTTPStatus.badRequest), ("/openreferral/services/\(UUID())", .notFound),
                ("/openreferral/services?page=first", .badRequest), ("/openreferral/services?per_page=many", .badRequest),
                ("/openreferral/service_at_locations?postcode=NOPE&proximity=100", .badRequest),
                ("/openreferral/service_at_locations?postcode=SE1%207PB&proximity=far", .badRequest),
                ("/openreferral/services?modified_after=yesterday", .badRequest),
            ] {
                let refused = try await browser.get(path)
                #expect(refused.status == status, "\(path)")
                #expect(refused.headers.contentType?.subType == "problem+json" && refused.headers.first(name: .accessControlAllowOrigin) == "*", "\(path)")
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func codePointOpenIsImportedWithoutAHeaderAndOnceOnly(db: TestDatabase) async throws {
        try await withTestApp(db) { app async throws in
            let file = SharedData.path("postcodes/codepoint_open_2025-10_se.csv")
            let outcome = try await PlacesImport.run(.postcodes, path: file, localAuthorities: ["E09000028"], on: app.db, now: Date())
            #expect(outcome.fileRows == 20_902)
            let southwark = try await PostcodePoint.query(on: app.db).count()
            #expect(southwark == outcome.keptRows && southwark > 6_000)
            let first = try #require(try await PostcodePoint.find("SE1 0AA", on: app.db))   // the file's first line is data
            #expect(abs(first.latitude - 51.498708) < 0.00005 && abs(first.longitude - -0.101772) < 0.00005)
            #expect(try await PlacesImport.run(.postcodes, path: file, localAuthorities: ["E09000028"], on: app.db, now: Date()).alreadyImported)
        }
    }
}

/// Another directory's feed, imported: all or nothing, and the same ids again update, not copy.
@Suite struct DirectoryImportTests {
    @Test(arguments: TestDatabase.available)
    func aFeedRoundTripsAndABadOneChangesNothing(db: TestDatabase) async throws {
        try await withTestApp(db) { app async throws in
            try await DirectoryTests.loadDirectory(on: app.db)
            let council = try #require(try await Organisation.query(on: app.db).filter(\.$name == "Southwark Council").first())
            let browser = Browser(app)
            let ndjson = try SharedData.temporaryFile("feed.ndjson", contents: Data(try await browser.get("/openreferral/services?format=ndjson").body.utf8))
            let page = try SharedData.temporaryFile("feed.json", contents: Data(try await browser.get("/openreferral/services?full=true&per_page=200").body.utf8))
            defer { try? FileManager.default.removeItem(atPath: ndjson); try? FileManager.default.removeItem(atPath: page) }

            let links = try await DirectoryServiceLocation.query(on: app.db).count()
            for file in [ndjson, page] {
                let outcome = try await PlacesImport.run(.oruk, path: file, localAuthorities: [], owner: ImportOwner(councilID: council.id!), on: app.db, now: Date())
                #expect(outcome.keptRows == 11)
                #expect(try await DirectoryService.query(on: app.db).count() == 11)
                #expect(try await DirectoryLocation.query(on: app.db).count() == 12)
                #expect(try await DirectoryServiceLocation.query(on: app.db).count() == links)
            }

            let lines = [
                #"{"id": "6a8c1a8e-6b1f-4c55-9d0e-1f5a1b2c3d4e", "name": "Fine", "status": "active"}"#,
                #"{"id": "not-a-uuid", "name": "Bad id", "status": "active"}"#,
                #"{"id": "7a8c1a8e-6b1f-4c55-9d0e-1f5a1b2c3d4e", "status": "active"}"#,
                #"{"id": "8a8c1a8e-6b1f-4c55-9d0e-1f5a1b2c3d4e", "name": "Unknown term", "status": "active", "attributes": [{"id": "9a8c1a8e-6b1f-4c55-9d0e-1f5a1b2c3d4e", "taxonomy_term_id": "0a8c1a8e-6b1f-4c55-9d0e-1f5a1b2c3d4e"}]}"#,
                #"{"id": "#,
            ]
            let bad = try SharedData.temporaryFile("bad.ndjson", contents: Data(lines.joined(separator: "\n").utf8))
            defer { try? FileManager.default.removeItem(atPath: bad) }
            let failure = await thrownError { _ = try await PlacesImport.run(.oruk, path: bad, localAuthorities: [], owner: ImportOwner(councilID: council.id!), on: app.db, now: Date()) }
            guard case ImportFailure.rows(let problems)? = failure else { Issue.record("expected row problems, got \(String(describing: failure))"); return }
            #expect(problems.first.map(\.line) == [2, 3, 4, 5])   // every problem in one pass, the unknown term too
            #expect("\(problems)".contains("The service id \u{201C}not-a-uuid\u{201D} is not a UUID"))
            #expect("\(problems)".contains("the service has no \u{201C}name\u{201D}"))
            #expect(try await DirectoryService.query(on: app.db).count() == 11)

            let unknownTerm = try SharedData.temporaryFile("term.ndjson", contents: Data(lines[3].utf8))
            defer { try? FileManager.default.removeItem(atPath: unknownTerm) }
            let refused = await refusalMessage { _ = try await PlacesImport.run(.oruk, path: unknownTerm, localAuthorities: [], owner: ImportOwner(councilID: council.id!), on: app.db, now: Date()) }
            #expect(refused.contains("is not known here and the feed does not describe it"))
        }
    }
}

/// The simple CSV a council keeps in a spreadsheet: one row per service at a place.
@Suite struct DirectoryCSVImportTests {
    static let header = "service_name,description,organization,category,location_name,address,town,county,postcode,monday,saturday,cost,cost_description,phone,languages"

    @Test(arguments: TestDatabase.available)
    func rowsOfOneServiceBecomeItsPlacesAndAgainUpdatesThem(db: TestDatabase) async throws {
        try await withTestApp(db) { app async throws in
            let place = try await Fixture.council("Southwark Council", on: app.db)
            let owner = ImportOwner(councilID: place.council.id!)
            _ = try await PlacesImport.run(.postcodes, path: SharedData.path("postcodes/codepoint_open_2025-10_se.csv"), localAuthorities: ["E09000028"], on: app.db, now: Date())
            func sheet(_ description: String) -> [String] {
                [
                    Self.header,
                    "Tech drop-in,\"\(description)\",Peckham Digital Club,one-to-one-help; Device loan,Peckham Library,122 Peckham Hill Street,London,Greater London,SE15 5JR,10:00-12:00,,,,020 7946 0200,en;pl",
                    "Tech drop-in,\"\(description)\",Peckham Digital Club,one-to-one-help; Device loan,Canada Water Library,21 Surrey Quays Road,London,Greater London,se16 7ar,,10:00-13:00,,,020 7946 0200,en;pl",
                    "Printing,Print your documents.,Peckham Digital Club,printing,Peckham Library,122 Peckham Hill Street,London,Greater London,SE15 5JR,09:00-17:00,,0.10,per page,,en",
                ]
            }
            let file = try SharedData.temporaryFile("directory.csv", contents: Data(sheet("Help with phones and laptops.").joined(separator: "\n").utf8))
            defer { try? FileManager.default.removeItem(atPath: file) }
            let outcome = try await PlacesImport.run(.directoryCSV, path: file, localAuthorities: [], owner: owner, on: app.db, now: Date())
            #expect(outcome.fileRows == 3 && outcome.keptRows == 2)
            let dropIn = try #require(try await DirectoryService.query(on: app.db).filter(\.$name == "Tech drop-in").first())
            let nested = try await DirectoryRecords.nested([dropIn], on: app.db)[0]
            #expect(nested.service_at_locations?.compactMap { $0.location?.name }.sorted() == ["Canada Water Library", "Peckham Library"])
            #expect(nested.service_at_locations?.allSatisfy { $0.location?.latitude != nil } == true)
            #expect(nested.attributes?.compactMap { $0.taxonomy_term?.code }.sorted() == ["device-loan", "one-to-one-help"])
            #expect(nested.languages?.compactMap(\.name) == ["English", "Polish"])
            #expect(try await PlacesImport.run(.directoryCSV, path: file, localAuthorities: [], owner: owner, on: app.db, now: Date()).alreadyImported)

            // The same sheet edited: the same services, changed, not copies.
            let edited = try SharedData.temporaryFile("directory.csv", contents: Data(sheet("Help with phones, tablets and laptops.").joined(separator: "\n").utf8))
            defer { try? FileManager.default.removeItem(atPath: edited) }
            _ = try await PlacesImport.run(.directoryCSV, path: edited, localAuthorities: [], owner: owner, on: app.db, now: Date())
            #expect(try await DirectoryService.query(on: app.db).count() == 2)
            #expect(try await DirectoryService.find(dropIn.id!, on: app.db)?.document.contains("tablets") == true)

            let bad = [
                Self.header,
                "Quiz,Fun.,Club,knitting,,,,,,,,,,,",
                "Quiz 2,Fun.,Club,printing,Hall,1 Road,London,Greater London,SE1,,,,,,",
                "Quiz 3,Fun.,Club,printing,Hall,1 Road,London,Greater London,SE1 7PB,9 to 5,,,,,",
                "Quiz 4,Fun.,Club,printing,Hall,1 Road,London,Greater London,ZZ99 9ZZ,,,,,,",
            ]
            let badFile = try SharedData.temporaryFile("bad.csv", contents: Data(bad.joined(separator: "\n").utf8))
            defer { try? FileManager.default.removeItem(atPath: badFile) }
            let failure = await thrownError { _ = try await PlacesImport.run(.directoryCSV, path: badFile, localAuthorities: [], owner: owner, on: app.db, now: Date()) }
            guard case ImportFailure.rows(let problems)? = failure else { Issue.record("expected row problems, got \(String(describing: failure))"); return }
            #expect(problems.first.map(\.line) == [3, 4])   // the postcode and the hours, found as the rows are read
            let later = try SharedData.temporaryFile("later.csv", contents: Data([bad[0], bad[1], bad[4]].joined(separator: "\n").utf8))
            defer { try? FileManager.default.removeItem(atPath: later) }
            let unknown = await thrownError { _ = try await PlacesImport.run(.directoryCSV, path: later, localAuthorities: [], owner: owner, on: app.db, now: Date()) }
            guard case ImportFailure.rows(let more)? = unknown else { Issue.record("expected row problems, got \(String(describing: unknown))"); return }
            #expect(more.first.map(\.line) == [2, 3] && "\(more)".contains("the category \u{201C}knitting\u{201D}") && "\(more)".contains("ZZ99 9ZZ"))
            #expect(try await DirectoryService.query(on: app.db).count() == 2)
        }
    }
}
