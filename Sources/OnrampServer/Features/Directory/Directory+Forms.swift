import Fluent
import Foundation
import OnrampCore
import Vapor

/// The public search, as typed: every field optional, all of them combined.
struct DirectorySearchForm: Decodable, Sendable {
    var q: String?
    var category: String?
    var postcode: String?
    var distance: String?
    var open_now: String?
    var free: String?
    var language: String?
    /// "yes" to list everything, with no criteria.
    var all: String?
    /// As typed in the address: anything but a whole number is the first page.
    var page: String?

    /// Miles a resident can choose; 2 by default, near enough to walk or take one bus.
    static let distances = ["1", "2", "5", "10"]

    var miles: Double { Double(distance.flatMap { Self.distances.contains($0) ? $0 : nil } ?? "2")! }
    var isOpenNow: Bool { open_now == "yes" }
    var isFreeOnly: Bool { free == "yes" }
    /// Whether to search at all: something asked for, or everything.
    var isSearch: Bool {
        [q, category, postcode, language].contains { !($0 ?? "").trimmingCharacters(in: .whitespaces).isEmpty } || isOpenNow || isFreeOnly || all == "yes"
    }

    /// The same search as a query string, for pagination and "change your search" links.
    var pageRequest: RequestedPage {
        RequestedPage(number: RequestedPage.number(fromText: page), defaultSize: DirectorySearch.pageSize)
    }

    func query(page: Int? = nil) -> [(String, String)] {
        [("q", q ?? ""), ("category", category ?? ""), ("postcode", postcode ?? ""), ("distance", postcode?.isEmpty == false ? distance ?? "" : ""),
         ("open_now", isOpenNow ? "yes" : ""), ("free", isFreeOnly ? "yes" : ""), ("language", language ?? ""), ("all", all == "yes" ? "yes" : ""), ("page", page.map(String.init) ?? "")]
    }

    struct Valid: Sendable {
        var query: ServiceQuery
        /// More words were typed than a search uses; the page says so.
        var wordsLeftOut: Bool
        var near: NationalGrid.Position?
        var metres: Double
        var openNow: Bool
    }

    /// Checks the postcode (a malformed or unknown one is an error, never an empty list) and
    /// the category, and turns the rest into a query of live services.
    func validated(on database: any Database) async throws -> (Valid?, FormErrors) {
        var errors = FormErrors()
        let words = SearchText.typed(q ?? "")
        var query = ServiceQuery(terms: words.terms, statuses: [.active, .temporarilyClosed], freeOnly: isFreeOnly)
        if let code = category, !code.isEmpty {
            // Councils' own kinds of help may share a code; the search finds them all.
            let named = try await DirectoryTaxonomies.publicTerms(on: database).filter { $0.code == code }
            if !named.isEmpty {
                query.termIDs = try await DirectoryTaxonomies.withChildren(named, on: database)
            } else {
                errors.add("category", "Select a kind of help from the list")
            }
        }
        if let language, !language.isEmpty { query.language = language.lowercased() }
        var near: NationalGrid.Position?
        let typed = (postcode ?? "").trimmingCharacters(in: .whitespaces)
        if !typed.isEmpty {
            if let code = Postcode.normalise(typed) {
                if let point = try await PostcodePoint.find(code, on: database) {
                    near = point.position
                } else {
                    errors.add("postcode", "We do not know the postcode \(code). Check it, or search without a postcode")
                }
            } else {
                errors.add("postcode", "Enter a full postcode, like SE1 7PB")
            }
        }
        // Whether a place is open now is read from each of its schedules, so "open now" looks
        // at every service found: with a national feed and nothing else asked, 100,000 of them
        // (42 s and 2 GB a request). Beyond a council's directory, it needs a postcode.
        if errors.isEmpty, isOpenNow, near == nil, try await DirectoryService.count(query, on: database) > DirectorySearch.openNowLimit {
            errors.add("postcode", "Enter a postcode to find help that is open now: there are too many services to check them all")
        }
        guard errors.isEmpty else { return (nil, errors) }
        return (Valid(query: query, wordsLeftOut: words.isCut, near: near, metres: miles * Distance.metresPerMile, openNow: isOpenNow), errors)
    }
}
