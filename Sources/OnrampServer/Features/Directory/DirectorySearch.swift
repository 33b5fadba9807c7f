import Fluent
import Foundation
import OnrampCore
import SQLKit

/// One line of the results: a service, at a place when it has one.
struct DirectoryResult: Sendable {
    let service: ORUK.Service
    let location: ORUK.Location?
    /// The place's own hours, or the service's.
    let schedules: [ORUK.Schedule]
    let metres: Double?
    /// How many places the service is at, when the results show it once for all of them.
    let placeCount: Int
    /// One place's result (near a postcode, or open now), which leads to the place's page;
    /// otherwise the service's, which leads to the service's page.
    let isAtPlace: Bool
}

enum DirectorySearch {
    static let pageSize = 10
    /// The most services "open now" checks without a postcode (see `DirectorySearchForm`).
    static let openNowLimit = 1_000

    /// The results and how many there are. Near a postcode, or open now, each place is its own
    /// result (nearest first); otherwise each service is one result, ranked, paged in SQL.
    static func run(_ valid: DirectorySearchForm.Valid, page: RequestedPage, on database: any Database, now: Date, calendar: Calendar) async throws -> (results: [DirectoryResult], total: Int) {
        if valid.near == nil, !valid.openNow {
            let (total, rows) = try await DirectoryService.page(valid.query, page, on: database)
            let services = try await DirectoryRecords.nested(rows, on: database)
            return (services.map { service in
                let links = service.service_at_locations ?? []
                return DirectoryResult(service: service, location: links.count == 1 ? links[0].location : nil,
                                       schedules: links.count == 1 ? links[0].schedules ?? service.schedules ?? [] : service.schedules ?? [], metres: nil, placeCount: links.count, isAtPlace: false)
            }, total)
        }
        var found: [(link: ServiceAtPlace, metres: Double?)]
        if let near = valid.near {
            found = try await DirectoryServiceLocation.near(near, within: valid.metres, query: valid.query, on: database).map { ($0.link, $0.metres) }
        } else {
            found = try await DirectoryServiceLocation.all(of: valid.query, on: database).map { ($0, nil) }
        }
        if valid.openNow {
            let hours = try await ServiceHours.of(Array(Set(found.map(\.link.serviceID))), on: database)
            found = found.filter { link, _ in
                hours[link.serviceID.uuidString.lowercased()].map { WeeklyOpening(schedules: $0.schedules(at: link.id)).isOpen(at: now, calendar: calendar) } ?? false
            }
        }
        // Only the page's services are read whole: near a postcode in a national directory,
        // reading every service found took 1.1 to 1.4 s for a page of ten.
        let shown = page.slice(found)
        let services = try await servicesByID(Array(Set(shown.map(\.link.serviceID))), on: database)
        let results: [DirectoryResult] = shown.compactMap { link, metres in
            guard let service = services[link.serviceID], let at = service.service_at_locations?.first(where: { $0.id == link.id.uuidString.lowercased() }) else { return nil }
            return DirectoryResult(service: service, location: at.location, schedules: at.schedules ?? service.schedules ?? [], metres: metres, placeCount: 1, isAtPlace: true)
        }
        return (results, found.count)
    }

    static func servicesByID(_ ids: [UUID], on database: any Database) async throws -> [UUID: ORUK.Service] {
        var rows: [DirectoryService] = []
        for chunk in ids.chunked(into: 1000) { rows += try await DirectoryService.query(on: database).filter(\.$id ~~ Array(chunk)).all() }
        let services = try await DirectoryRecords.nested(rows, on: database)
        return Dictionary(uniqueKeysWithValues: services.compactMap { service in UUID(uuidString: service.id).map { ($0, service) } })
    }

    /// Languages the directory's services are offered in, for the filter: code and English name.
    /// Each different list of codes is found by one step through `directory_services_languages`
    /// from the one before (a loose index scan, which neither database does for DISTINCT), so
    /// that the page does not read every service.
    static func languages(on database: any Database) async throws -> [(code: String, name: String)] {
        let table = DirectoryService.schema
        let rows = try await (database as! any SQLDatabase).raw("""
            WITH RECURSIVE lists(codes) AS (
                SELECT MIN(language_codes) FROM \(ident: table)
                UNION ALL
                SELECT (SELECT MIN(language_codes) FROM \(ident: table) WHERE language_codes > codes) FROM lists WHERE codes IS NOT NULL
            )
            SELECT codes FROM lists WHERE codes IS NOT NULL
            """).all()
        let codes = Set(try rows.flatMap { try $0.decode(column: "codes", as: String.self).split(separator: ",").map(String.init) })
        let english = Locale(identifier: "en_GB")
        return codes.map { ($0, english.localizedString(forLanguageCode: $0) ?? $0) }.sorted { $0.name < $1.name }
    }
}

/// A stored service's hours, its own and each place's, read from its document without the
/// rest of it: "open now" looks at every service found, and shows only a page of them.
struct ServiceHours: Decodable {
    let schedules: [ORUK.Schedule]?
    let service_at_locations: [LinkHours]?

    struct LinkHours: Decodable {
        let id: String
        let schedules: [ORUK.Schedule]?
    }

    /// The place's own hours, or the service's, as a result shows them.
    func schedules(at link: UUID) -> [ORUK.Schedule] {
        let id = link.uuidString.lowercased()
        return service_at_locations?.first { $0.id == id }?.schedules ?? schedules ?? []
    }

    static func of(_ services: [UUID], on database: any Database) async throws -> [String: ServiceHours] {
        try await DirectoryRecords.documents(DirectoryService.schema, ids: services, as: ServiceHours.self, on: database)
    }
}
