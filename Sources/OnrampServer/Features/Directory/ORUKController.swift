import Fluent
import Foundation
import OnrampCore
import Vapor

/// The open, read-only Open Referral UK 3.0 API, mounted at `Settings.orukPath`.
struct ORUKController: RouteCollection {
    let path: String
    static let maxPerPage = 200

    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped(PathComponent(stringLiteral: path))
        api.get(use: details)
        api.get("openapi.json", use: openAPI)
        api.get("services", use: services)
        api.get("services", ":id", use: service)
        api.get("taxonomies", use: taxonomies)
        api.get("taxonomies", ":id", use: taxonomy)
        api.get("taxonomy_terms", use: taxonomyTerms)
        api.get("taxonomy_terms", ":id", use: taxonomyTerm)
        api.get("organizations", use: organizations)
        api.get("organizations", ":id", use: organization)
        api.get("service_at_locations", use: serviceAtLocations)
        api.get("service_at_locations", ":id", use: serviceAtLocation)
    }

    struct Details: Encodable {
        let version = "HSDS-UK-3.0"
        let profile = "https://openreferraluk.org"
        let openapi_url: String
    }

    func details(req: Request) async throws -> Response {
        try ORUKResponse.json(Details(openapi_url: req.application.onramp.siteAddress + "/" + path + "/openapi.json"))
    }

    /// The OpenAPI document shipped with the standard, read from the specs folder.
    func openAPI(req: Request) async throws -> Response {
        let file = req.application.onramp.settings.specsDirectory + "/oruk-3.0/openapi.json"
        guard let data = FileManager.default.contents(atPath: file) else {
            throw Abort(.notFound, reason: "The OpenAPI document is not installed with this Onramp.")
        }
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.contentType = .json
        return response
    }

    func services(req: Request) async throws -> Response {
        let query = try ORUKQuery.services(req)
        if ORUKQuery.text(req, "format") == "ndjson" { return try await ndjson(query, req: req) }
        let page = try ORUKQuery.paging(req)
        let minimal = ORUKQuery.flag(req, "minimal"), full = ORUKQuery.flag(req, "full")
        if full {
            let (total, rows) = try await DirectoryService.page(query, page, on: req.db)
            return try ORUKResponse.json(ORUKPage(contents: try await DirectoryRecords.nested(rows, on: req.db), total: total, page: page))
        }
        let (total, documents) = try await DirectoryService.documents(query, page, on: req.db)
        var contents = ORUKContents()
        for document in documents { try contents.append(minimal ? ORUKQuery.minimal : ORUKQuery.oneToOne, of: document) }
        return try ORUKResponse.json(contents, total: total, page: page)
    }

    /// Every matching service, fully nested, one JSON object a line, read and written 500 at a
    /// time: counted as in flight until it ends, as it reads after its handler has returned.
    func ndjson(_ query: ServiceQuery, req: Request) async throws -> Response {
        let db = req.db, inFlight = req.application.onramp.requestsInFlight
        let response = Response(status: .ok, body: .init(asyncStream: { writer in
            try await inFlight.holding {
                var page = RequestedPage(number: 1, defaultSize: 500)
                while true {
                    let (_, rows) = try await DirectoryService.page(query, page, on: db)
                    if rows.isEmpty { break }
                    var text = ""
                    for service in try await DirectoryRecords.nested(rows, on: db) { text += try DirectoryRecords.json(service) + "\n" }
                    try await writer.writeBuffer(ByteBuffer(string: text))
                    page = RequestedPage(number: page.number + 1, defaultSize: 500)
                }
                try await writer.write(.end)
            }
        }))
        response.headers.contentType = HTTPMediaType(type: "application", subType: "x-ndjson")
        return response
    }

    func service(req: Request) async throws -> Response {
        let row = try await ORUKQuery.record(DirectoryService.self, named: "service", req)
        return try ORUKResponse.json(try await DirectoryRecords.nested([row], on: req.db)[0])
    }

    func taxonomies(req: Request) async throws -> Response {
        let page = try ORUKQuery.paging(req)
        let all = try await DirectoryTaxonomy.query(on: req.db).sort(\.$name).all().map(\.oruk)
        return try ORUKResponse.json(ORUKPage(slicing: all, page: page))
    }

    func taxonomy(req: Request) async throws -> Response {
        let row = try await ORUKQuery.record(DirectoryTaxonomy.self, named: "taxonomy", req)
        return try ORUKResponse.json(row.oruk)
    }

    func taxonomyTerms(req: Request) async throws -> Response {
        let page = try ORUKQuery.paging(req)
        var query = DirectoryTerm.query(on: req.db)
        if let taxonomy = try ORUKQuery.uuid(req, "taxonomy_id") { query = query.filter(\.$taxonomyID == taxonomy) }
        if let parent = try ORUKQuery.uuid(req, "parent_id") { query = query.filter(\.$parentID == parent) }
        if ORUKQuery.flag(req, "top_only") { query = query.filter(\.$parentID == nil) }
        let all = try await query.sort(\.$position).sort(\.$name).all().map(\.oruk)
        return try ORUKResponse.json(ORUKPage(slicing: all, page: page))
    }

    func taxonomyTerm(req: Request) async throws -> Response {
        let row = try await ORUKQuery.record(DirectoryTerm.self, named: "taxonomy term", req)
        return try ORUKResponse.json(row.oruk)
    }

    func organizations(req: Request) async throws -> Response {
        let page = try ORUKQuery.paging(req)
        let total = try await DirectoryOrganization.query(on: req.db).count()
        let rows = try await DirectoryOrganization.query(on: req.db).sort(\.$name).sort(\.$id).range(page.offset..<(page.offset + page.size)).all()
        let contents = try rows.map { try DirectoryRecords.decode(ORUK.Organization.self, $0.document) }
        return try ORUKResponse.json(ORUKPage(contents: contents, total: total, page: page))
    }

    func organization(req: Request) async throws -> Response {
        let row = try await ORUKQuery.record(DirectoryOrganization.self, named: "organization", req)
        return try ORUKResponse.json(try DirectoryRecords.decode(ORUK.Organization.self, row.document))
    }

    /// With `postcode` and `proximity` (metres), the nearest first; otherwise in service order.
    func serviceAtLocations(req: Request) async throws -> Response {
        let page = try ORUKQuery.paging(req)
        let query = try ORUKQuery.services(req)
        let full = ORUKQuery.flag(req, "full")
        if let near = try await ORUKQuery.proximity(req) {
            let found = try await DirectoryServiceLocation.near(near.point, within: near.metres, query: query, on: req.db)
            let contents = try await ORUKQuery.links(page.slice(found).map(\.link), full: full, on: req.db)
            return try ORUKResponse.json(ORUKPage(contents: contents, total: found.count, page: page))
        }
        let (total, links) = try await DirectoryServiceLocation.page(of: query, page, on: req.db)
        return try ORUKResponse.json(ORUKPage(contents: try await ORUKQuery.links(links, full: full, on: req.db), total: total, page: page))
    }

    func serviceAtLocation(req: Request) async throws -> Response {
        let row = try await ORUKQuery.record(DirectoryServiceLocation.self, named: "service at location", req)
        return try ORUKResponse.json(try await ORUKQuery.links([ServiceAtPlace(row)], full: true, on: req.db)[0])
    }
}
