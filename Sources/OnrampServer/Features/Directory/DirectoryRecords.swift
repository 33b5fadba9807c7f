import Fluent
import Foundation
import OnrampCore
import SQLKit

/// Storing and reading directory records. A service is stored as its ORUK JSON without the
/// organisation and locations it names (those are records of their own), and put back
/// together, fully nested, when it is read.
enum DirectoryRecords {
    static let wordsSchema = "directory_service_words"

    /// Publishes services, each with the organisation and locations nested in it, replacing
    /// earlier versions of each, in one transaction and in batches:
    /// a feed of 100,000 services is a few hundred statements, not a million. `owner`, the
    /// partner that looks after them, is left as it was when nil.
    static func publish(_ services: [ORUK.Service], councilID: UUID, owner: UUID? = nil, on database: any Database, now: Date) async throws {
        try await Rows(services, councilID: councilID, owner: owner, now: now).write(on: database)
    }

    /// The rows that publish services, made without the database, so that an import can make
    /// one batch's while the one before is written.
    struct Rows: Sendable {
        let owner: UUID?
        private var organizations: [[any Encodable & Sendable]] = []
        private var locations: [[any Encodable & Sendable]] = []
        private var services: [[any Encodable & Sendable]] = []
        private var serviceIDs: [UUID] = []
        private var links: [[any Encodable & Sendable]] = []
        private var terms: [[any Encodable & Sendable]] = []
        private var words: [[any Encodable & Sendable]] = []

        init(_ services: [ORUK.Service], councilID: UUID, owner: UUID?, now: Date) throws {
            self.owner = owner
            // An organisation is written as the last service to describe it does, once: a feed
            // names a few hundred organisations in 100,000 services.
            var described: [UUID: ORUK.Organization] = [:]
            var locations: [UUID: [any Encodable & Sendable]] = [:]
            let modified = ORUKDates.dateTime(now)
            for service in services {
                guard let serviceID = UUID(text: service.id) else { throw DirectoryProblem.badID(service.id) }
                serviceIDs.append(serviceID)
                if let organization = service.organization {
                    guard let id = UUID(text: organization.id) else { throw DirectoryProblem.badID(organization.id) }
                    described[id] = organization
                }
                var stored = service
                stored.organization = nil
                stored.last_modified = modified
                stored.service_at_locations = try service.service_at_locations?.map { link in
                    var link = link
                    if let location = link.location {
                        guard let id = UUID(text: location.id) else { throw DirectoryProblem.badID(location.id) }
                        locations[id] = [id, councilID, location.name ?? "", location.latitude, location.longitude,
                                         location.addresses?.first?.postal_code, try json(location), now]
                        link.location_id = location.id
                    }
                    link.location = nil
                    guard let id = UUID(text: link.id), let location = link.location_id.flatMap(UUID.init(text:)) else { throw DirectoryProblem.badID(link.id) }
                    links.append([id, serviceID, location])
                    return link
                }
                // The link's own id means nothing outside; a time-ordered one needs no file read,
                // where UUID() reads /dev/urandom afresh each time.
                for termID in Set((service.attributes ?? []).compactMap { UUID(text: $0.taxonomy_term_id) }) {
                    terms.append([UUID.timeOrdered(at: now), serviceID, termID])
                }
                words += SearchText.terms([service.name, service.description ?? ""].joined(separator: " ")).map { [serviceID, $0] }
                self.services.append([
                    serviceID, councilID, service.organization_id.flatMap(UUID.init(text:)), service.name, service.status.rawValue,
                    SearchText.indexed(service.name),
                    service.isFree,
                    "," + (service.languages ?? []).compactMap(\.code).joined(separator: ",") + ",", try json(stored), now, service.assured_date,
                ] + (owner.map { [$0] as [any Encodable & Sendable] } ?? []))
            }
            organizations = try described.map { id, organization in [id, councilID, organization.name, try json(organization), now] }
            self.locations = Array(locations.values)
        }

        /// Writes the rows in one transaction, replacing each service's links, terms and words.
        func write(on database: any Database) async throws {
            try await database.transaction { tx in
                let sql = tx as! any SQLDatabase
                try await upsert(DirectoryOrganization.schema, ["id", "council_id", "name", "document", "updated_at"], organizations, on: sql)
                try await upsert(DirectoryLocation.schema, ["id", "council_id", "name", "latitude", "longitude", "postcode", "document", "updated_at"], locations, on: sql)
                let serviceColumns = ["id", "council_id", "organization_id", "name", "status", "name_terms", "is_free", "language_codes",
                                      "document", "last_modified", "assured_on"] + (owner == nil ? [] : ["owner_organisation_id"])
                // SQLite lets one transaction write at a time, so only the services stored before
                // this one began have links, terms and words to replace: they are looked for by
                // those alone, before these are stored. Looked for by every id, a new service (all
                // of a first import's) cost a seek into each of three indexes larger than the
                // cache: 100,000 of the 2.1 million pages a first import of 100,000 services read.
                // On PostgreSQL two publishes of one service may overlap, so the services come
                // first, locking each row: the second waits, then removes the first's rows too.
                let writesAlone = sql.dialect.name == "sqlite"
                if !writesAlone { try await upsert(DirectoryService.schema, serviceColumns, services, on: sql) }
                for chunk in serviceIDs.chunked(into: 1000) {
                    let ids = Array(chunk)
                    let withRows: any SQLExpression = writesAlone
                        ? SQLSubquery.select { $0.column("id").from(DirectoryService.schema).where("id", .in, ids) } : SQLBind.group(ids)
                    for table in [DirectoryServiceLocation.schema, DirectoryServiceTerm.schema, wordsSchema] {
                        try await sql.delete(from: table).where(SQLIdentifier("service_id"), .in, withRows).run()
                    }
                }
                if writesAlone { try await upsert(DirectoryService.schema, serviceColumns, services, on: sql) }
                for batch in words.chunked(into: 10_000) {
                    var insert = sql.insert(into: wordsSchema).columns("service_id", "word")
                    for row in batch { insert = insert.values(row) }
                    try await insert.run()
                }
                try await upsert(DirectoryServiceLocation.schema, ["id", "service_id", "location_id"], links, on: sql)
                try await upsert(DirectoryServiceTerm.schema, ["id", "service_id", "term_id"], terms, on: sql)
            }
        }
    }

    /// INSERT … ON CONFLICT (id) DO UPDATE in batches, which SQLite and PostgreSQL both speak.
    private static func upsert(_ table: String, _ columns: [String], _ rows: [[any Encodable & Sendable]], on sql: any SQLDatabase) async throws {
        // Under SQLite's limit of 32,766 bound values a statement.
        for batch in rows.chunked(into: max(1, 30_000 / columns.count)) {
            var insert = sql.insert(into: table).columns(columns)
            for row in batch { insert = insert.values(row) }
            try await insert.onConflict(with: ["id"]) { update in
                var update = update
                for column in columns.dropFirst() { update = update.set(excludedValueOf: column) }
                return update
            }.run()
        }
    }

    static func json<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try JSONEncoder.sorted.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ document: String) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(document.utf8))
    }

    /// Services put back together: organisation, each location, and each attribute's term.
    static func nested(_ rows: [DirectoryService], full: Bool = true, on database: any Database) async throws -> [ORUK.Service] {
        var services = try rows.map { try decode(ORUK.Service.self, $0.document) }
        let terms = Dictionary(uniqueKeysWithValues: try await DirectoryTerm.query(on: database).all().map { ($0.id!.uuidString.lowercased(), $0.oruk) })
        guard full else {
            for index in services.indices { services[index].attributes = services[index].attributes?.map { attach($0, terms) } }
            return services
        }
        let orgByID = try await documents(DirectoryOrganization.schema, ids: Array(Set(rows.compactMap(\.organizationID))), as: ORUK.Organization.self, on: database)
        let locationIDs = Array(Set(services.flatMap { $0.service_at_locations ?? [] }.compactMap { $0.location_id.flatMap(UUID.init(uuidString:)) }))
        let locations = try await locationDocuments(locationIDs, on: database)
        for index in services.indices {
            services[index].organization = services[index].organization_id.flatMap { orgByID[$0.lowercased()] }
            services[index].service_at_locations = services[index].service_at_locations?.map { link in
                var link = link
                link.location = link.location_id.flatMap { locations[$0.lowercased()] }
                return link
            }
            services[index].attributes = services[index].attributes?.map { attach($0, terms) }
        }
        return services
    }

    static func locationDocuments(_ ids: [UUID], on database: any Database) async throws -> [String: ORUK.Location] {
        try await documents(DirectoryLocation.schema, ids: ids, as: ORUK.Location.self, on: database)
    }

    /// The stored documents of `ids` in `table`, by lower-case id: the id and document alone,
    /// where reading each row as a model (its properties found by reflection) was a quarter of
    /// the ndjson export's time.
    static func documents<T: Decodable>(_ table: String, ids: [UUID], as type: T.Type, on database: any Database) async throws -> [String: T] {
        let sql = database as! any SQLDatabase
        var found: [String: T] = [:]
        for chunk in ids.chunked(into: 1000) {
            for row in try await sql.select().columns("id", "document").from(table).where("id", .in, Array(chunk)).all() {
                found[try row.id("id").uuidString.lowercased()] = try decode(T.self, try row.decode(column: "document", as: String.self))
            }
        }
        return found
    }

    private static func attach(_ attribute: ORUK.Attribute, _ terms: [String: ORUK.TaxonomyTerm]) -> ORUK.Attribute {
        var attribute = attribute
        attribute.taxonomy_term = terms[attribute.taxonomy_term_id.lowercased()]
        return attribute
    }
}

enum DirectoryProblem: Error, CustomStringConvertible {
    case badID(String)

    var description: String {
        switch self {
        case .badID(let id): "\u{201C}\(id)\u{201D} is not a UUID"
        }
    }
}

/// Dates as ORUK writes them, in UTC: a time as "2026-12-06T10:07:43.123Z", a day as
/// "2026-12-06". Both are written as ISO8601DateFormatter wrote them, which stored documents
/// already hold: to the nearest millisecond (CoreFoundation adds half a millisecond, then cuts),
/// where a format style cuts to the millisecond below. The styles are made once, since making
/// a formatter for each call cost more than storing a service; the milliseconds are our own.
enum ORUKDates {
    private static let secondStyle = Date.ISO8601FormatStyle()
    private static let dayStyle = Date.ISO8601FormatStyle().year().month().day()

    /// Milliseconds since 1970, rounded as CoreFoundation rounds them.
    private static func milliseconds(_ date: Date) -> Double {
        (date.timeIntervalSince1970 * 1000 + 0.5).rounded(.down)
    }

    static func dateTime(_ date: Date) -> String {
        let milliseconds = milliseconds(date)
        let seconds = (milliseconds / 1000).rounded(.down)
        let fraction = Int(milliseconds - seconds * 1000)
        let padding = fraction < 10 ? "00" : fraction < 100 ? "0" : ""
        // "2026-12-06T10:07:43Z", whole seconds, with the fraction put before its "Z".
        return Date(timeIntervalSince1970: seconds).formatted(secondStyle).dropLast() + ".\(padding)\(fraction)Z"
    }

    static func day(_ date: Date) -> String {
        Date(timeIntervalSince1970: milliseconds(date) / 1000).formatted(dayStyle)
    }
}
