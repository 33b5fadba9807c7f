import Fluent
import Foundation
import OnrampCore
import SQLKit
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
    var page: Int?

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
    func query(page: Int? = nil) -> [(String, String)] {
        [("q", q ?? ""), ("category", category ?? ""), ("postcode", postcode ?? ""), ("distance", postcode?.isEmpty == false ? distance ?? "" : ""),
         ("open_now", isOpenNow ? "yes" : ""), ("free", isFreeOnly ? "yes" : ""), ("language", language ?? ""), ("all", all == "yes" ? "yes" : ""), ("page", page.map(String.init) ?? "")]
    }

    struct Valid: Sendable {
        var query: ServiceQuery
        var near: NationalGrid.Position?
        var metres: Double
        var openNow: Bool
    }

    /// Checks the postcode (a malformed or unknown one is an error, never an empty list) and
    /// the category, and turns the rest into a query of live services.
    func validated(on database: any Database) async throws -> (Valid?, FormErrors) {
        var errors = FormErrors()
        var query = ServiceQuery(terms: SearchText.terms(q ?? ""), statuses: [.active, .temporarilyClosed], freeOnly: isFreeOnly)
        if let code = category, !code.isEmpty {
            if let term = try await DirectoryTerm.query(on: database).filter(\.$code == code).first() {
                query.termIDs = try await DirectoryTaxonomies.withChildren(term.id!, on: database)
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
        guard errors.isEmpty else { return (nil, errors) }
        return (Valid(query: query, near: near, metres: miles * Distance.metresPerMile, openNow: isOpenNow), errors)
    }
}

/// One line of the results: a service, at a place when it has one.
struct DirectoryResult: Sendable {
    let service: ORUK.Service
    let location: ORUK.Location?
    /// The place's own hours, or the service's.
    let schedules: [ORUK.Schedule]
    let metres: Double?
    /// How many places the service is at, when the results show it once for all of them.
    let placeCount: Int
}

enum DirectorySearch {
    static let pageSize = 10

    /// The results and how many there are. Near a postcode, or open now, each place is its own
    /// result (nearest first); otherwise each service is one result, ranked, paged in SQL.
    static func run(_ valid: DirectorySearchForm.Valid, page: Int, on database: any Database, now: Date, calendar: Calendar) async throws -> (results: [DirectoryResult], total: Int) {
        if valid.near == nil, !valid.openNow {
            let (total, rows) = try await DirectoryService.page(valid.query, page: page, perPage: pageSize, on: database)
            let services = try await DirectoryRecords.nested(rows, on: database)
            return (services.map { service in
                let links = service.service_at_locations ?? []
                return DirectoryResult(service: service, location: links.count == 1 ? links[0].location : nil,
                                       schedules: links.count == 1 ? links[0].schedules ?? [] : service.schedules ?? [], metres: nil, placeCount: links.count)
            }, total)
        }
        var found: [(link: DirectoryServiceLocation, metres: Double?)]
        if let near = valid.near {
            found = try await DirectoryServiceLocation.near(near, within: valid.metres, query: valid.query, on: database).map { ($0.link, $0.metres) }
        } else {
            found = try await ORUKQuery.allLinks(valid.query, on: database).map { ($0, nil) }
        }
        let services = try await servicesByID(Array(Set(found.map(\.link.serviceID))), on: database)
        var results: [DirectoryResult] = found.compactMap { link, metres in
            guard let service = services[link.serviceID], let at = service.service_at_locations?.first(where: { $0.id == link.id!.uuidString.lowercased() }) else { return nil }
            return DirectoryResult(service: service, location: at.location, schedules: at.schedules ?? service.schedules ?? [], metres: metres, placeCount: 1)
        }
        if valid.openNow {
            results = results.filter { WeeklyOpening(schedules: $0.schedules).isOpen(at: now, calendar: calendar) }
        }
        return (results.page(page, perPage: pageSize), results.count)
    }

    static func servicesByID(_ ids: [UUID], on database: any Database) async throws -> [UUID: ORUK.Service] {
        var rows: [DirectoryService] = []
        for chunk in ids.chunked(into: 1000) { rows += try await DirectoryService.query(on: database).filter(\.$id ~~ Array(chunk)).all() }
        let services = try await DirectoryRecords.nested(rows, on: database)
        return Dictionary(uniqueKeysWithValues: services.compactMap { service in UUID(uuidString: service.id).map { ($0, service) } })
    }

    /// Languages the directory's services are offered in, for the filter: code and English name.
    static func languages(on database: any Database) async throws -> [(code: String, name: String)] {
        struct Row: Decodable { let language_codes: String }
        let rows = try await (database as! any SQLDatabase).select().distinct().column("language_codes").from(DirectoryService.schema).all(decoding: Row.self)
        let codes = Set(rows.flatMap { $0.language_codes.split(separator: ",").map(String.init) })
        let english = Locale(identifier: "en_GB")
        return codes.map { ($0, english.localizedString(forLanguageCode: $0) ?? $0) }.sorted { $0.name < $1.name }
    }
}
