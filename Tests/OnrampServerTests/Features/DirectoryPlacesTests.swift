import Fluent
import Foundation
import OnrampCore
import Testing
import Vapor
@testable import OnrampServer

/// The directory as residents walk it on a small phone: every place has its own page, results
/// say where, addresses read properly, results come before the filters after a search, and the
/// printable pages are one place or one search, with the week's hours written out.
@Suite struct DirectoryPlacesTests {
    /// The place whose name starts with `name` (the file gives one library a trailing space).
    static func placeID(_ name: String, on db: any Database) async throws -> UUID {
        try #require(try await DirectoryLocation.query(on: db).all().first { $0.name.hasPrefix(name) }?.id)
    }

    static func serviceID(_ name: String, on db: any Database) async throws -> UUID {
        try #require(try await DirectoryService.query(on: db).filter(\.$name == name).first()?.id)
    }

    /// The page's own content, without the layout around it.
    static func main(_ page: Browser.Page) -> String {
        guard let start = page.body.range(of: "<main"), let end = page.body.range(of: "</main>") else { return "" }
        return String(page.body[start.lowerBound..<end.upperBound])
    }

    /// Words that are wrong on paper read days later.
    static func relativeWords(_ text: String) -> [String] {
        text.matches(of: /\b(now|today|tomorrow|tonight)\b/.ignoresCase()).map { String($0.output.1) }
    }

    static let week = ["Monday: ", "Tuesday: ", "Wednesday: ", "Thursday: ", "Friday: ", "Saturday: ", "Sunday: "]

    @Test(arguments: TestDatabase.available)
    func everyPlaceHasAPageWithItsAddressHoursAndHelp(db: TestDatabase) async throws {
        try await withTestApp(db) { app async throws in
            try await DirectoryTests.loadDirectory(on: app.db)
            let browser = Browser(app)
            let harvard = try await Self.placeID("John Harvard Library", on: app.db)
            let wifi = try await Self.serviceID("Free Wi-Fi at Southwark libraries", on: app.db)
            let computers = try await Self.serviceID("Public computers at Southwark libraries", on: app.db)

            let page = try await browser.get(SiteURL.directoryPlace(.value(harvard)).path)
            #expect(page.status == .ok)
            #expect(page.contains("<title>John Harvard Library – Onramp</title>") && page.contains("<h1 class=\"govuk-heading-l\">John Harvard Library</h1>"))
            #expect(page.contains("211 Borough High Street<br>London<br>SE1 1JA"))
            #expect(Self.week.allSatisfy { page.contains($0) }, "the week's hours")
            #expect(page.contains("Wednesday: closed") || page.contains("Sunday: closed"))
            #expect(page.contains("Open now, until") || page.contains("Opens "))
            // Every live service there, each leading to its own page.
            #expect(page.contains("href=\"\(SiteURL.directoryService(.value(wifi)).path)\">Free Wi-Fi at Southwark libraries</a>"))
            #expect(page.contains("href=\"\(SiteURL.directoryService(.value(computers)).path)\">Public computers at Southwark libraries</a>"))
            #expect(page.contains("href=\"\(SiteURL.directoryPlacePrint(.value(harvard)).path)\""))
            // The libraries' open data gives no phone numbers: the council's stands in, once it has one.
            #expect(!page.contains("No number of its own"))
            let councilID = try #require(try await DirectoryLocation.find(harvard, on: app.db)).councilID
            try await CouncilContacts.save(CouncilContact(councilName: "Southwark Council", phone: "+442075255000", address: ["160 Tooley Street", "London", "SE1 2QH"],
                                                          openingHours: "Monday to Friday, 9am to 5pm", localAuthorities: ["E09000028"]),
                                           councilID: councilID, actor: .commandLine, now: Date(), on: app.db)
            #expect(try await browser.get(SiteURL.directoryPlace(.value(harvard)).path)
                .contains("No number of its own: phone Southwark Council on 020 7525 5000 (Monday to Friday, 9am to 5pm)"))

            // A library with example services: the phone says which help it is for, and each
            // service's own times are given when they are not the library's.
            let canadaWater = try await browser.get(SiteURL.directoryPlace(.value(try await Self.placeID("Canada Water Library", on: app.db))).path)
            #expect(canadaWater.contains("21 Surrey Quays Road<br>London<br>SE16 7AR"))
            #expect(canadaWater.contains("href=\"tel:02079460001\">020 7946 0001</a>") && canadaWater.contains("For Example: Laptop loan scheme"))
            #expect(canadaWater.contains("Example: Digital skills classes") && canadaWater.contains("Free \u{00B7} Tuesday, 10am to midday"))
            #expect(canadaWater.contains("Free \u{00B7} During all the opening hours above"))

            // The address the file writes "147 Walworth Road, London " is written once, properly.
            let walworth = try await browser.get(SiteURL.directoryPlace(.value(try await Self.placeID("Southwark Heritage Centre and Walworth Library", on: app.db))).path)
            #expect(walworth.contains("147 Walworth Road<br>London<br>SE17 1RW"))
            #expect(!walworth.contains("London ,") && !walworth.contains("London<br>London"))

            // The service's page lists its places, each leading to the place's page.
            let service = try await browser.get(SiteURL.directoryService(.value(wifi)).path)
            #expect(service.contains("href=\"\(SiteURL.directoryPlace(.value(harvard)).path)\">John Harvard Library</a>"))
            #expect(service.contains("147 Walworth Road<br>London<br>SE17 1RW") && !service.contains("London<br>London"))

            // No such place, an id that is not one, and a place with nothing live left: not found.
            #expect(try await browser.get(SiteURL.directoryPlace(.value(UUID())).path).status == .notFound)
            #expect(try await browser.get("/directory/places/not-a-uuid").status == .notFound)
            #expect(try await browser.get("/directory/places/not-a-uuid/print").status == .notFound)
            #expect(try await browser.get(SiteURL.directoryPlacePrint(.value(UUID())).path).status == .notFound)
            let council = try #require(try await Organisation.query(on: app.db).filter(\.$name == "Southwark Council").first())
            let hallID = UUID()
            var hall = ORUK.Location(id: hallID.uuidString.lowercased(), name: "Old Church Hall", latitude: 51.49, longitude: -0.09)
            hall.addresses = [ORUK.Address(id: UUID().uuidString.lowercased(), location_id: hall.id, address_1: "1 Church Street", city: "London", state_province: "Greater London", postal_code: "SE1 7PB")]
            var ended = ORUK.Service(id: UUID().uuidString.lowercased(), organization_id: nil, name: "Ended club", description: "No more.", status: .defunct)
            var link = ORUK.ServiceAtLocation(id: UUID().uuidString.lowercased(), service_id: ended.id, location_id: hall.id)
            link.location = hall
            ended.service_at_locations = [link]
            try await DirectoryRecords.publish([ended], councilID: council.id!, on: app.db, now: Date())
            #expect(try await browser.get(SiteURL.directoryPlace(.value(hallID)).path).status == .notFound)

            // Once something live is offered there, the hall has its page, with what a feed says
            // about getting in, and its phone with the number's description.
            hall.accessibility = [ORUK.Accessibility(id: UUID().uuidString.lowercased(), location_id: hall.id, description: "Step-free entrance from Church Street")]
            hall.accessibility?[0].details = "Hearing loop at the desk"
            hall.addresses?[0].address_1 = "1 Church Street, London "
            var tea = ORUK.Service(id: UUID().uuidString.lowercased(), organization_id: nil, name: "Tea and tablets", description: "Bring your tablet.")
            var teaLink = ORUK.ServiceAtLocation(id: UUID().uuidString.lowercased(), service_id: tea.id, location_id: hall.id)
            teaLink.location = hall
            teaLink.schedules = [ORUK.Schedule(id: UUID().uuidString.lowercased(), byday: "TU", opens_at: "14:00", closes_at: "16:00")]
            tea.service_at_locations = [teaLink]
            var contact = ORUK.Contact(id: UUID().uuidString.lowercased(), service_id: tea.id, name: nil)
            contact.phones = [ORUK.Phone(id: UUID().uuidString.lowercased(), number: "020 7946 0999", description: "Tuesdays only")]
            tea.contacts = [contact]
            try await DirectoryRecords.publish([tea], councilID: council.id!, on: app.db, now: Date())
            let hallPage = try await browser.get(SiteURL.directoryPlace(.value(hallID)).path)
            #expect(hallPage.status == .ok && hallPage.contains("Old Church Hall") && !hallPage.contains("Ended club"))
            #expect(hallPage.contains("<dt class=\"govuk-summary-list__key\">Accessibility</dt>") && hallPage.contains("Step-free entrance from Church Street: Hearing loop at the desk"))
            #expect(hallPage.contains("href=\"tel:02079460999\">020 7946 0999</a> (Tuesdays only)"))
            #expect(hallPage.contains("1 Church Street<br>London<br>SE1 7PB") && hallPage.contains("Tuesday: 2pm to 4pm"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func resultsNameThePlaceAndLeadToIt(db: TestDatabase) async throws {
        try await withTestApp(db) { app async throws in
            try await DirectoryTests.loadDirectory(on: app.db)
            let browser = Browser(app)
            let harvard = try await Self.placeID("John Harvard Library", on: app.db)

            let near = try await browser.get(SiteURL.directory.path(query: [("q", "wifi"), ("postcode", "SE1 7PB"), ("distance", "2")]))
            #expect(near.status == .ok)
            #expect(near.contains("<a class=\"govuk-link\" href=\"\(SiteURL.directoryPlace(.value(harvard)).path)\">Free Wi-Fi at Southwark libraries<span class=\"app-results__at\"> \u{2014} at John Harvard Library</span></a>"))
            #expect(near.contains("away, 211 Borough High Street, London, SE1 1JA"))
            #expect(!near.contains("London ,") && !near.contains("href=\"/directory/services/"), "every result near a postcode leads to its place")
            #expect(near.contains("Your search: \u{201C}wifi\u{201D}, within 2 miles of SE1 7PB."))

            // Open now: each result is a place's, whenever the search runs.
            let open = try await browser.get(SiteURL.directory.path(query: [("open_now", "yes")]))
            #expect(open.status == .ok)
            #expect(open.contains("No help found") || (open.contains("\u{2014} at ") && open.contains("href=\"/directory/places/") && !open.contains("href=\"/directory/services/")))

            // A phone number, where the service has one; a service at one place says where.
            let laptops = try await browser.get(SiteURL.directory.path(query: [("q", "laptop"), ("postcode", "SE16 7AR")]))
            #expect(laptops.contains("\u{2014} at Canada Water Library") && laptops.contains("Phone 020 7946 0001"))
            let everywhere = try await browser.get(SiteURL.directory.path(query: [("q", "laptop")]))
            #expect(everywhere.contains("At Canada Water Library, 21 Surrey Quays Road, London, SE16 7AR") && everywhere.contains("Phone 020 7946 0001"))
            #expect(everywhere.contains("href=\"/directory/services/"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func theFiltersFoldAwayOnceThereAreResults(db: TestDatabase) async throws {
        try await withTestApp(db) { app async throws in
            try await DirectoryTests.loadDirectory(on: app.db)
            let browser = Browser(app)
            let openFilters = "<details class=\"app-results-search\" open>"
            let foldedFilters = "<details class=\"app-results-search\">"

            let start = try await browser.get(SiteURL.directory.path)
            #expect(start.contains(openFilters) && start.contains("Change your search"))
            #expect(start.contains("Free Wi-Fi, computers, classes"))

            let results = try await browser.get(SiteURL.directory.path(query: [("q", "wifi"), ("postcode", "SE1 7PB")]))
            #expect(results.contains(foldedFilters) && !results.contains(openFilters))
            #expect(results.contains("<summary class=\"app-results-search__summary\"><span class=\"app-results-search__summary-text\">Change your search</span></summary>"))
            // Folded, the filters are one line before the results.
            let folded = try #require(results.body.range(of: foldedFilters)), shown = try #require(results.body.range(of: "results</h2>"))
            #expect(folded.lowerBound < shown.lowerBound)
            #expect(!results.contains("Free Wi-Fi, computers, classes"), "the introduction makes way for the results")
            #expect(try await browser.get(SiteURL.directory.path(query: [("q", "submarine")])).contains(foldedFilters))

            // A filter with an error stays open, so the error summary's link reaches the field.
            let wrong = try await browser.get(SiteURL.directory.path(query: [("q", "wifi"), ("postcode", "SE1")]))
            #expect(wrong.status == .unprocessableEntity && wrong.contains(openFilters) && wrong.contains("href=\"#postcode\""))
            let unknownKind = try await browser.get(SiteURL.directory.path(query: [("category", "knitting")]))
            #expect(unknownKind.contains(openFilters))
        }
    }

    @Test(arguments: TestDatabase.available)
    func aPlaceOnPaperHasItsWeekAndNoWordsThatGoStale(db: TestDatabase) async throws {
        try await withTestApp(db) { app async throws in
            try await DirectoryTests.loadDirectory(on: app.db)
            let browser = Browser(app)
            let canadaWater = try await Self.placeID("Canada Water Library", on: app.db)
            let place = try await browser.get(SiteURL.directoryPlacePrint(.value(canadaWater)).path)
            #expect(place.status == .ok && place.contains("<title>Canada Water Library (printable) – Onramp</title>"))
            let main = Self.main(place)
            #expect(Self.relativeWords(main).isEmpty, "\(Self.relativeWords(main))")
            #expect(Self.week.allSatisfy { main.contains($0) }, "the week's hours, written out")
            #expect(main.contains("21 Surrey Quays Road<br>London<br>SE16 7AR") && main.contains("020 7946 0001"))
            #expect(main.contains("Example: Laptop loan scheme") && main.contains("Free Wi-Fi at Southwark libraries"))
            #expect(!main.contains("href=\"tel:") && !main.contains("href=\"/directory/services/"), "paper needs no links but the way back")

            // The service's printable page is on paper too: its places' weeks, never "open now".
            let wifi = try await Self.serviceID("Free Wi-Fi at Southwark libraries", on: app.db)
            let service = Self.main(try await browser.get(SiteURL.directoryServicePrint(.value(wifi)).path))
            #expect(Self.relativeWords(service).isEmpty, "\(Self.relativeWords(service))")
            #expect(service.contains("Monday: 9am to 7pm"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func aSearchOnPaperIsEveryResultNearestFirstWithItsWeek(db: TestDatabase) async throws {
        try await withTestApp(db) { app async throws in
            try await DirectoryTests.loadDirectory(on: app.db)
            let browser = Browser(app)
            let search = [("q", "wifi"), ("postcode", "SE1 7PB"), ("distance", "5")]

            // The results page offers the same search on paper, every page of it in one.
            let screen = try await browser.get(SiteURL.directory.path(query: search))
            let total = try #require(screen.body.firstMatch(of: /([0-9]+) results<\/h2>/).map { Int($0.output.1)! })
            #expect(total > DirectorySearch.pageSize, "more than one page on the screen")
            #expect(screen.contains("href=\"/directory/print?q=wifi&amp;postcode=SE1%207PB&amp;distance=5\""))

            let paper = try await browser.get(SiteURL.directoryPrint.path(query: search))
            #expect(paper.status == .ok && paper.contains("<title>Find help to get online (printable) – Onramp</title>"))
            let main = Self.main(paper)
            #expect(main.contains("Help to get online near SE1 7PB") && main.contains("\(total) results, nearest first."))
            let items = main.matches(of: /<li class="app-results-printed__item">/).count
            #expect(items == total)
            let distances = main.matches(of: /([0-9.]+) miles? away/).map { Double($0.output.1)! }
            #expect(distances.count == total && distances == distances.sorted() && distances.allSatisfy { $0 <= 5 })
            #expect(main.contains("John Harvard Library") && main.contains("211 Borough High Street, London, SE1 1JA"))
            // Each result's week; the file gives Peckham Library no staffed hours, so it says to ask.
            let weeks = main.matches(of: #/<p class="govuk-body-s app-results-printed__week">/#).count
            #expect(weeks + main.matches(of: #/Ask for opening times/#).count == total && weeks >= total - 1, "each result's week")
            #expect(main.contains("Free Wi-Fi at Southwark libraries \u{2014} at John Harvard Library</h2>") && main.contains("<strong>211 Borough High Street, London, SE1 1JA, "))
            #expect(main.contains("Monday to Friday, 9am to 7pm; Saturday, 9am to 5pm; closed on Sunday."))
            #expect(Self.relativeWords(main).isEmpty, "\(Self.relativeWords(main))")
            #expect(!main.contains("London ,"))

            // Open now, on paper, is the moment the list was made.
            let open = Self.main(try await browser.get(SiteURL.directoryPrint.path(query: search + [("open_now", "yes")])))
            #expect(open.contains("open at ") && Self.relativeWords(open).isEmpty, "\(Self.relativeWords(open))")

            // Without a postcode each service is listed with its places, their addresses and weeks.
            let all = Self.main(try await browser.get(SiteURL.directoryPrint.path(query: [("all", "yes")])))
            #expect(all.contains("11 results.") && all.matches(of: /<li class="app-results-printed__item">/).count == 11)
            #expect(all.contains("Blue Anchor Library, Market Place, Southwark Park Road, London, SE16 3UQ"))
            #expect(all.contains("Monday, Tuesday and Thursday, 9am to 7pm; Friday, 10am to 6pm; Saturday, 9am to 5pm; closed on Wednesday and Sunday."))
            #expect(all.contains("By phone or online.") && all.contains("Phone 020 7946 0003"))
            #expect(Self.relativeWords(all).isEmpty, "\(Self.relativeWords(all))")

            // A search with an error is the search page with the error; no search is the search page.
            let wrong = try await browser.get(SiteURL.directoryPrint.path(query: [("postcode", "SE1")]))
            #expect(wrong.status == .unprocessableEntity && wrong.contains("Enter a full postcode"))
            let none = try await browser.get(SiteURL.directoryPrint.path)
            #expect(none.status == .ok && none.contains("<details class=\"app-results-search\" open>"))
        }
    }
}
