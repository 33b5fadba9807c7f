import Fluent
import Foundation
import OnrampCore
import SQLKit
import Vapor

/// A page of an ORUK list, in the standard's shape.
struct ORUKPage<T: Encodable>: Encodable {
    let total_items: Int
    let total_pages: Int
    let page_number: Int
    let size: Int
    let first_page: Bool
    let last_page: Bool
    let empty: Bool
    let contents: [T]

    init(contents: [T], total: Int, page: RequestedPage) {
        total_items = total
        total_pages = total == 0 ? 0 : (total + page.size - 1) / page.size
        page_number = page.number
        size = contents.count
        first_page = page.number == 1
        last_page = page.number >= total_pages
        empty = contents.isEmpty
        self.contents = contents
    }

    /// A page cut from a list already in memory (taxonomies, terms).
    init(slicing all: [T], page: RequestedPage) {
        self.init(contents: page.slice(all), total: all.count, page: page)
    }
}

enum ORUKResponse {
    static func json<T: Encodable>(_ value: T) throws -> Response {
        let response = Response(status: .ok, body: .init(data: try JSONEncoder.sorted.encode(value)))
        response.headers.contentType = .json
        return response
    }
}

/// Reading the API's query parameters; anything malformed is a 400 that says which and why.
enum ORUKQuery {
    /// A query parameter as text, nil when it is absent or not text (`page[]=1`). The query is
    /// decoded once for the request, not once for each parameter read: a list of services reads
    /// ten of them.
    static func text(_ req: Request, _ name: String) -> String? {
        if let parameters = req.storage[QueryText.self] { return parameters[name] }
        let parameters = (try? req.query.decode(QueryText.self)) ?? QueryText()
        req.storage[QueryText.self] = parameters
        return parameters[name]
    }

    /// Every parameter that decodes as text, each decoded as reading it alone would decode it.
    struct QueryText: Decodable, StorageKey {
        typealias Value = QueryText
        private var values: [String: String] = [:]

        init() {}

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Name.self)
            for key in container.allKeys {
                if let value = try? container.decode(String.self, forKey: key) { values[key.stringValue] = value }
            }
        }

        subscript(_ name: String) -> String? { values[name] }

        private struct Name: CodingKey {
            let stringValue: String
            init(stringValue: String) { self.stringValue = stringValue }
            var intValue: Int? { nil }
            init?(intValue: Int) { nil }
        }
    }

    /// `page` and `per_page` (50 by default, at most 200), clamped: page 0 is page 1, and a
    /// page past the end is empty.
    static func paging(_ req: Request) throws -> RequestedPage {
        RequestedPage(number: try integer(req, "page"), size: try integer(req, "per_page"), defaultSize: 50, maxSize: ORUKController.maxPerPage)
    }

    static func integer(_ req: Request, _ name: String) throws -> Int? {
        guard let text = text(req, name), !text.isEmpty else { return nil }
        guard let value = RequestedPage.number(fromText: text) else { throw Abort(.badRequest, reason: "\(name) must be a whole number, not \u{201C}\(text.prefix(40))\u{201D}.") }
        return value
    }

    static func flag(_ req: Request, _ name: String) -> Bool {
        text(req, name)?.lowercased() == "true"
    }

    static func uuid(_ req: Request, _ name: String) throws -> UUID? {
        guard let text = text(req, name), !text.isEmpty else { return nil }
        guard let id = UUID(uuidString: text) else { throw Abort(.badRequest, reason: "\(name) must be a UUID, not \u{201C}\(text)\u{201D}.") }
        return id
    }

    /// The record whose id is in the path: a 400 for a malformed id, a 404 for an unknown one.
    static func record<M: Model>(_ type: M.Type, named name: String, _ req: Request) async throws -> M where M.IDValue == UUID {
        let text = req.parameters.get("id") ?? ""
        guard let id = UUID(uuidString: text) else { throw Abort(.badRequest, reason: "\u{201C}\(text)\u{201D} is not an id: ids are UUIDs.") }
        guard let row = try await M.find(id, on: req.db) else { throw Abort(.notFound, reason: "There is no \(name) with id \(text.lowercased()).") }
        return row
    }

    /// `search`, `taxonomy_term_id`, `taxonomy_id`, `organization_id`, `modified_after`.
    static func services(_ req: Request) throws -> ServiceQuery {
        var query = ServiceQuery()
        query.terms = SearchText.typed(text(req, "search") ?? "").terms
        if let term = try uuid(req, "taxonomy_term_id") { query.termIDs = [term] }
        query.taxonomyID = try uuid(req, "taxonomy_id")
        query.organizationID = try uuid(req, "organization_id")
        if let text = text(req, "modified_after"), !text.isEmpty {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            let plain = ISO8601DateFormatter()
            guard let date = formatter.date(from: text) ?? plain.date(from: text) else {
                throw Abort(.badRequest, reason: "modified_after must be a date and time like 2026-01-31T09:00:00Z, not \u{201C}\(text)\u{201D}.")
            }
            query.modifiedAfter = date
        }
        return query
    }

    /// `postcode` and `proximity` (metres, 1 to 100,000), or nil when neither is given.
    static func proximity(_ req: Request) async throws -> (point: NationalGrid.Position, metres: Double)? {
        let typed = text(req, "postcode") ?? ""
        guard !typed.isEmpty else { return nil }
        guard let postcode = Postcode.normalise(typed) else { throw Abort(.badRequest, reason: "\u{201C}\(typed)\u{201D} is not a UK postcode.") }
        guard let point = try await PostcodePoint.find(postcode, on: req.db) else { throw Abort(.notFound, reason: "Onramp does not know the postcode \(postcode).") }
        let text = text(req, "proximity") ?? "1609"
        guard let metres = Double(text), (1...100_000).contains(metres) else { throw Abort(.badRequest, reason: "proximity must be a distance in metres from 1 to 100000, not \u{201C}\(text)\u{201D}.") }
        return (point.position, metres)
    }

    /// A stored service's one-to-one fields, decoded without the records nested in it, which a
    /// list leaves out: most of a document, and most of the time of decoding it.
    struct OneToOneFields: Decodable {
        let id: String, organization_id: String?, name: String, description: String?, url: String?, email: String?
        let status: ORUK.Status
        let fees: String?, minimum_age: Int?, maximum_age: Int?, assured_date: String?, alert: String?, last_modified: String?
    }

    /// The one-to-one fields of a service, as list pages give them; `minimal` keeps only what
    /// identifies it and when it changed (with its name and status, which the schema requires).
    static func oneToOne(_ service: OneToOneFields, minimal: Bool) -> ORUK.Service {
        var plain = ORUK.Service(id: service.id, organization_id: minimal ? nil : service.organization_id, name: service.name, description: minimal ? nil : service.description, status: service.status)
        plain.last_modified = service.last_modified
        guard !minimal else { return plain }
        plain.url = service.url
        plain.email = service.email
        plain.fees = service.fees
        plain.minimum_age = service.minimum_age
        plain.maximum_age = service.maximum_age
        plain.assured_date = service.assured_date
        plain.alert = service.alert
        return plain
    }

    /// Links as ORUK service_at_location records; `full` nests the location.
    static func links(_ rows: [DirectoryServiceLocation], full: Bool, on database: any Database) async throws -> [ORUK.ServiceAtLocation] {
        let locations = full ? try await DirectoryRecords.locationDocuments(rows.map(\.locationID), on: database) : [:]
        return rows.map { row in
            var link = ORUK.ServiceAtLocation(id: row.id!.uuidString.lowercased(), service_id: row.serviceID.uuidString.lowercased(), location_id: row.locationID.uuidString.lowercased())
            link.location = locations[row.locationID.uuidString.lowercased()]
            return link
        }
    }
}
