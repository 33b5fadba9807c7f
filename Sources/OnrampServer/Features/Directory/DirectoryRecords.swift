import Fluent
import Foundation
import OnrampCore
import SQLKit

/// Storing and reading directory records. A service is stored as its ORUK JSON without the
/// organisation and locations it names (those are records of their own), and put back
/// together, fully nested, when it is read.
enum DirectoryRecords {
    /// Publishes a service with its organisation and locations, replacing earlier versions of
    /// each, in one transaction.
    static func publish(
        _ service: ORUK.Service, organization: ORUK.Organization?, locations: [ORUK.Location], councilID: UUID,
        on database: any Database, now: Date = Date()
    ) async throws {
        guard let serviceID = UUID(uuidString: service.id) else { throw DirectoryProblem.badID(service.id) }
        try await database.transaction { tx in
            if let organization {
                let row = try await find(DirectoryOrganization.self, organization.id, on: tx)
                row.councilID = councilID
                row.name = organization.name
                row.document = try json(organization)
                row.updatedAt = now
                try await row.save(on: tx)
            }
            for location in locations {
                let row = try await find(DirectoryLocation.self, location.id, on: tx)
                row.councilID = councilID
                row.name = location.name ?? ""
                row.latitude = location.latitude
                row.longitude = location.longitude
                row.postcode = location.addresses?.first?.postal_code
                row.document = try json(location)
                row.updatedAt = now
                try await row.save(on: tx)
            }
            var stored = service
            stored.organization = nil
            stored.service_at_locations = service.service_at_locations?.map { link in
                var link = link
                link.location_id = link.location_id ?? link.location?.id
                link.location = nil
                return link
            }
            stored.last_modified = ORUKDates.dateTime(now)
            let row = try await find(DirectoryService.self, service.id, on: tx)
            row.councilID = councilID
            row.organizationID = service.organization_id.flatMap(UUID.init(uuidString:))
            row.name = service.name
            row.status = service.status.rawValue
            row.nameTerms = SearchText.indexed(service.name)
            row.searchTerms = SearchText.indexed(service.name, service.description)
            row.isFree = !(service.cost_options ?? []).contains { ($0.amount ?? 0) > 0 }
            row.languageCodes = "," + (service.languages ?? []).compactMap(\.code).joined(separator: ",") + ","
            row.document = try json(stored)
            row.lastModified = now
            try await row.save(on: tx)

            try await DirectoryServiceLocation.query(on: tx).filter(\.$serviceID == serviceID).delete()
            for link in stored.service_at_locations ?? [] {
                guard let id = UUID(uuidString: link.id), let location = link.location_id.flatMap(UUID.init(uuidString:)) else { throw DirectoryProblem.badID(link.id) }
                let row = DirectoryServiceLocation()
                row.id = id
                row.serviceID = serviceID
                row.locationID = location
                try await row.create(on: tx)
            }
            try await DirectoryServiceTerm.query(on: tx).filter(\.$serviceID == serviceID).delete()
            for termID in Set((service.attributes ?? []).compactMap { UUID(uuidString: $0.taxonomy_term_id) }) {
                let row = DirectoryServiceTerm()
                row.serviceID = serviceID
                row.termID = termID
                try await row.create(on: tx)
            }
        }
    }

    /// The row with this id, or a new one that will be created with it.
    private static func find<M: Model>(_ type: M.Type, _ id: String, on database: any Database) async throws -> M where M.IDValue == UUID {
        guard let uuid = UUID(uuidString: id) else { throw DirectoryProblem.badID(id) }
        if let existing = try await M.find(uuid, on: database) { return existing }
        let row = M()
        row.id = uuid
        return row
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
        let organizationIDs = Array(Set(rows.compactMap(\.organizationID)))
        let organizations = try await DirectoryOrganization.query(on: database).filter(\.$id ~~ organizationIDs).all()
        let orgByID = Dictionary(uniqueKeysWithValues: try organizations.map { ($0.id!.uuidString.lowercased(), try decode(ORUK.Organization.self, $0.document)) })
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
        var found: [String: ORUK.Location] = [:]
        for chunk in ids.chunked(into: 1000) {
            for row in try await DirectoryLocation.query(on: database).filter(\.$id ~~ Array(chunk)).all() {
                found[row.id!.uuidString.lowercased()] = try decode(ORUK.Location.self, row.document)
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

/// Dates as ORUK writes them.
enum ORUKDates {
    static func dateTime(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }

    static func day(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        return formatter.string(from: date)
    }
}
