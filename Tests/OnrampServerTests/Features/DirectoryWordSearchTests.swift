import Fluent
import Foundation
import OnrampCore
@testable import OnrampServer
import SQLKit
import Testing

/// The words typed into a search are looked up in the word index before anything else: the
/// services found must be exactly those whose name and description hold every word, each once,
/// and a page of them in order of name matches, then name.
@Suite struct DirectoryWordSearchTests {
    static let vocabulary = ["wifi", "laptops", "classes", "help", "library", "club", "tablet", "forms", "Wi-Fi", "seniors"]

    /// 400 services whose names and descriptions draw on `vocabulary`, the same every run.
    static func services() -> [ORUK.Service] {
        var seed: UInt64 = 42
        func next(_ bound: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(bound))
        }
        return (1...400).map { number in
            // Numbered first, so that names sort alike on both databases, whatever their collation.
            let name = String(format: "%04d ", number) + (0..<2).map { _ in vocabulary[next(vocabulary.count)] }.joined(separator: " ")
            let description = (0..<next(5)).map { _ in vocabulary[next(vocabulary.count)] }.joined(separator: " ")
            return ORUK.Service(id: String(format: "%08x-5e7c-4b1a-9d2e-3f4a5b6c7d8e", number), organization_id: nil, name: name, description: description)
        }
    }

    @Test(arguments: TestDatabase.available)
    func theServicesFoundHoldEveryWord(db: TestDatabase) async throws {
        try await withTestApp(db) { app async throws in
            let services = Self.services()
            try await Fixture.directory(services, on: app.db)
            let words = Dictionary(uniqueKeysWithValues: services.map { (UUID(uuidString: $0.id)!, Set(SearchText.terms($0.name + " " + ($0.description ?? "")))) })
            let sql = app.db as! any SQLDatabase
            for typed in ["laptop", "wifi classes", "Wi-Fi laptops help", "club tablet forms seniors", "library nosuchword", "nosuchword"] {
                let terms = SearchText.terms(typed)
                let expected = Set(words.filter { terms.allSatisfy($0.value.contains) }.keys)
                let found = try #require(try await ServiceQuery(terms: terms).resolved(on: sql).matching, "\(typed)")
                #expect(Set(found) == expected && found.count == expected.count, "\(typed)")

                let (total, documents) = try await DirectoryService.documents(ServiceQuery(terms: terms), RequestedPage(number: 1, defaultSize: 500), on: app.db)
                let names = try documents.map { try DirectoryRecords.decode(ORUK.Service.self, $0) }.map { ($0.name, $0.id) }
                let inName = { (name: String) in SearchText.terms(name).filter(terms.contains).count }
                let ordered = services.filter { expected.contains(UUID(uuidString: $0.id)!) }
                    .sorted { (inName($0.name), $1.name, $1.id) > (inName($1.name), $0.name, $0.id) }.map { ($0.name, $0.id) }
                #expect(total == expected.count && names.elementsEqual(ordered, by: ==), "\(typed)")
            }
        }
    }

    /// SQLite merges the lists of the words' services, each read in order from the index by
    /// word, rather than putting one in a temporary B-tree to look the others up in.
    @Test func theWordsListsAreMerged() async throws {
        try await withTestApp(.sqlite) { app async throws in
            let sql = app.db as! any SQLDatabase
            let plan = try await sql.raw("EXPLAIN QUERY PLAN " + ServiceQuery(terms: ["laptop", "class", "wifi"]).servicesWithEveryWord).all()
                .map { try $0.decode(column: "detail", as: String.self) }
            #expect(plan.filter { $0 == "MERGE (INTERSECT)" }.count == 2 && !plan.contains { $0.contains("TEMP B-TREE") }, "\(plan)")
            #expect(plan.filter { $0.hasPrefix("SEARCH directory_service_words USING COVERING INDEX directory_service_words_word (word=?)") }.count == 3, "\(plan)")
        }
    }

    /// Every page of a search says how many services it found in all, and the pages together
    /// are the list in order, a page past the last still saying how many there are: for words
    /// alone (counted in the page's own statement) and for words narrowed further (the public
    /// search keeps to live services), counted apart.
    @Test(arguments: TestDatabase.available)
    func aSearchIsCountedOnEveryPage(db: TestDatabase) async throws {
        try await withTestApp(db) { app async throws in
            let services = Self.services().enumerated().map { index, service in
                var service = service
                if index % 4 == 1 { service.status = .inactive }
                return service
            }
            try await Fixture.directory(services, on: app.db)
            for typed in ["laptops", "wifi classes", "library nosuchword"] {
                let terms = SearchText.terms(typed)
                let (_, whole) = try await DirectoryService.documents(ServiceQuery(terms: terms), RequestedPage(number: 1, defaultSize: 500), on: app.db)
                let found = try whole.map { try DirectoryRecords.decode(ORUK.Service.self, $0) }
                let live = found.filter { $0.status == .active }.map(\.id)
                #expect(typed.contains("nosuchword") ? live.isEmpty : live.count > 7 && live.count < whole.count, "\(typed): \(live.count) of \(whole.count)")
                for (query, expected) in [(ServiceQuery(terms: terms), found.map(\.id)), (ServiceQuery(terms: terms, statuses: [.active]), live)] {
                    var paged: [String] = []
                    for number in 1...(expected.count / 7 + 2) {
                        let (total, documents) = try await DirectoryService.documents(query, RequestedPage(number: number, defaultSize: 7), on: app.db)
                        #expect(total == expected.count, "\(typed), \(query.narrowedByWordsAlone ? "words alone" : "live"), page \(number)")
                        paged += try documents.map { try DirectoryRecords.decode(ORUK.Service.self, $0).id }
                    }
                    #expect(paged == expected, "\(typed)")
                }
            }
        }
    }

    /// The open API's list of services at locations is paged in SQL: every page, under words or
    /// none, is the same slice of the whole list in service order (name, then the service's
    /// id, which breaks ties of name), then the link's id, and the total is the whole list's.
    @Test(arguments: TestDatabase.available)
    func servicesAtLocationsArePagedInServiceOrder(db: TestDatabase) async throws {
        try await withTestApp(db) { app async throws in
            let places = (0..<5).map { ORUK.Location(id: UUID().uuidString.lowercased(), name: "Place \($0)", latitude: 51.49, longitude: -0.09) }
            let services = Self.services().enumerated().map { index, service -> ORUK.Service in
                var service = service
                // Every tenth shares one name, so that only their ids order them.
                if index % 10 == 0 { service.name = "Shared name club" }
                service.service_at_locations = (0..<(index % 4)).map { place in
                    var link = ORUK.ServiceAtLocation(id: UUID().uuidString.lowercased(), service_id: service.id, location_id: places[place].id)
                    link.location = places[place]
                    return link
                }
                return service
            }
            try await Fixture.directory(services, on: app.db)
            for typed in ["", "club", "wifi classes", "nosuchword"] {
                let query = ServiceQuery(terms: SearchText.terms(typed))
                let whole = try await DirectoryServiceLocation.all(of: query, on: app.db).map(\.id)
                #expect(typed == "nosuchword" ? whole.isEmpty : whole.count > 20, "\(typed)")
                var paged: [UUID] = []
                for number in 1...(whole.count / 7 + 2) {
                    let (total, links) = try await DirectoryServiceLocation.page(of: query, RequestedPage(number: number, defaultSize: 7), on: app.db)
                    #expect(total == whole.count, "\(typed)")
                    paged += links.map(\.id)
                }
                #expect(paged == whole, "\(typed)")
            }
            let all = try await DirectoryServiceLocation.all(of: ServiceQuery(), on: app.db)
            struct Page: Decodable { let total_items: Int; let contents: [Link]; struct Link: Decodable { let id: String; let service_id: String } }
            let second = try await Browser(app).get("/openreferral/service_at_locations?per_page=7&page=2").json(Page.self)
            #expect(second.total_items == all.count && second.contents.map(\.id) == all[7..<14].map { $0.id.uuidString.lowercased() })
        }
    }

    /// "Open now" reads every schedule of every service found: beyond a council's directory
    /// (a national feed) and with nothing else to narrow it, it asks for a postcode instead.
    @Test(arguments: TestDatabase.available)
    func openNowBeyondACouncilsDirectoryAsksForAPostcode(db: TestDatabase) async throws {
        try await withTestApp(db) { app async throws in
            let services = (1...(DirectorySearch.openNowLimit + 1)).map { number in
                ORUK.Service(id: UUID().uuidString.lowercased(), organization_id: nil, name: String(format: "Service %04d", number), description: number <= 3 ? "zephyr help" : "help")
            }
            try await Fixture.directory(services, on: app.db)
            let visitor = Browser(app)
            let everything = try await visitor.get("/directory?open_now=yes")
            #expect(everything.status == .unprocessableEntity && everything.contains("Enter a postcode to find help that is open now"))
            #expect(everything.contains("name=\"open_now\" type=\"checkbox\" value=\"yes\" checked"), "the answer kept")
            // Narrowed by words to a few, it searches as before.
            let narrowed = try await visitor.get("/directory?open_now=yes&q=zephyr")
            #expect(narrowed.status == .ok && !narrowed.contains("Enter a postcode to find help that is open now"))
            #expect(try await visitor.get("/directory?q=help").status == .ok)
        }
    }

    /// The languages filter lists every language of every service, each once, found by stepping
    /// through the index from one list of codes to the next.
    @Test(arguments: TestDatabase.available)
    func theLanguagesFilterListsEveryServicesLanguages(db: TestDatabase) async throws {
        try await withTestApp(db) { app async throws in
            #expect(try await DirectorySearch.languages(on: app.db).isEmpty, "no services, no languages")
            let lists = [[], ["en"], ["en", "cy"], ["pl"], ["en"], ["so", "ar", "en"], ["cy", "en"], []]
            let services = (0..<40).map { number in
                var service = ORUK.Service(id: UUID().uuidString.lowercased(), organization_id: nil, name: "Service \(number)", description: nil)
                service.languages = lists[number % lists.count].map { ORUK.Language(id: UUID().uuidString.lowercased(), service_id: service.id, name: $0, code: $0) }
                return service
            }
            try await Fixture.directory(services, on: app.db)
            let languages = try await DirectorySearch.languages(on: app.db)
            #expect(languages.map(\.code).sorted() == ["ar", "cy", "en", "pl", "so"])
            #expect(languages.map(\.name) == ["Arabic", "English", "Polish", "Somali", "Welsh"])
        }
    }
}
