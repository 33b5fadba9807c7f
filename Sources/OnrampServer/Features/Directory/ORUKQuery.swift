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
        self.init(contents: contents, size: contents.count, total: total, page: page)
    }

    private init(contents: [T], size: Int, total: Int, page: RequestedPage) {
        total_items = total
        total_pages = total == 0 ? 0 : (total + page.size - 1) / page.size
        page_number = page.number
        self.size = size
        first_page = page.number == 1
        last_page = page.number >= total_pages
        empty = size == 0
        self.contents = contents
    }

    /// A page cut from a list already in memory (taxonomies, terms).
    init(slicing all: [T], page: RequestedPage) {
        self.init(contents: page.slice(all), total: all.count, page: page)
    }
}

extension ORUKPage where T == Never {
    /// A page's own figures, for contents written as JSON already (`ORUKContents`).
    init(figuresFor contents: ORUKContents, total: Int, page: RequestedPage) {
        self.init(contents: [], size: contents.count, total: total, page: page)
    }
}

/// A page's contents as JSON already written: objects, each as `StoredMembers` cuts it.
struct ORUKContents {
    /// The objects, separated by commas.
    fileprivate(set) var json: [UInt8] = []
    private(set) var count = 0

    mutating func append(_ members: StoredMembers, of document: String) throws {
        if count > 0 { json.append(UInt8(ascii: ",")) }
        try members.append(from: document, to: &json)
        count += 1
    }
}

enum ORUKResponse {
    static func json<T: Encodable>(_ value: T) throws -> Response {
        response(try JSONEncoder.sorted.encode(value))
    }

    /// A page of contents written already. The page's figures are encoded as any page's, with
    /// no contents, and the contents put in the empty list's place: sorted keys put "contents"
    /// first.
    static func json(_ contents: ORUKContents, total: Int, page: RequestedPage) throws -> Response {
        let figures = try JSONEncoder.sorted.encode(ORUKPage(figuresFor: contents, total: total, page: page))
        let noContents = Data(#"{"contents":[]"#.utf8)
        guard figures.starts(with: noContents) else { throw Abort(.internalServerError, reason: "A page's contents are not its first member.") }
        var body = Data(#"{"contents":["#.utf8)
        body.reserveCapacity(contents.json.count + figures.count)
        body.append(contentsOf: contents.json)
        body.append(figures[(figures.startIndex + noContents.count - 1)...])
        return response(body)
    }

    private static func response(_ body: Data) -> Response {
        let response = Response(status: .ok, body: .init(data: body))
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

    /// A service's one-to-one fields, as list pages give them, cut from its stored document
    /// (which also holds its hours, places, costs and the rest that a list leaves out).
    static let oneToOne = StoredMembers(["id", "organization_id", "name", "description", "url", "email", "status",
                                         "fees", "minimum_age", "maximum_age", "assured_date", "alert", "last_modified"])
    /// What identifies a service and when it changed, with its name and status, which the
    /// schema requires: `minimal=true`.
    static let minimal = StoredMembers(["id", "name", "status", "last_modified"])

    /// Links as ORUK service_at_location records; `full` nests the location.
    static func links(_ rows: [ServiceAtPlace], full: Bool, on database: any Database) async throws -> [ORUK.ServiceAtLocation] {
        let locations = full ? try await DirectoryRecords.locationDocuments(rows.map(\.locationID), on: database) : [:]
        return rows.map { row in
            var link = ORUK.ServiceAtLocation(id: row.id.uuidString.lowercased(), service_id: row.serviceID.uuidString.lowercased(), location_id: row.locationID.uuidString.lowercased())
            link.location = locations[row.locationID.uuidString.lowercased()]
            return link
        }
    }
}
