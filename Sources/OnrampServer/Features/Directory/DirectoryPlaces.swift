import Fluent
import Foundation
import OnrampCore

/// A place (an ORUK location) and the live help offered there, for its own page.
struct DirectoryPlace: Sendable {
    /// A service at this place, with its hours here.
    struct Offer: Sendable {
        let service: ORUK.Service
        let hours: WeeklyOpening
    }

    /// A phone number of the help here, and the services it is for.
    struct Phone: Sendable {
        let phone: ORUK.Phone
        let services: [String]
    }

    let id: UUID
    /// The council whose directory lists it: its phone number stands in when the place has none.
    let councilID: UUID
    let location: ORUK.Location
    /// Live services only (active or temporarily closed), by name.
    let offers: [Offer]

    /// When something here is open: the hours of the services here together. ORUK 3.0 gives a
    /// location no hours of its own; a library's services carry its staffed hours.
    var hours: WeeklyOpening { .union(offers.map(\.hours)) }

    /// The numbers to call, each once, with the services each is for (ORUK 3.0 gives a location
    /// no phone of its own: numbers belong to the services' contacts).
    var phones: [Phone] {
        var order: [String] = []
        var found: [String: (phone: ORUK.Phone, services: [String])] = [:]
        for offer in offers {
            for phone in offer.service.phoneNumbers {
                let key = phone.number.filter(\.isNumber)
                guard !key.isEmpty else { continue }
                if found[key] == nil { order.append(key); found[key] = (phone, []) }
                if found[key]?.services.contains(offer.service.name) == false { found[key]?.services.append(offer.service.name) }
            }
        }
        return order.map { Phone(phone: found[$0]!.phone, services: found[$0]!.services) }
    }

    static let liveStatuses = [ORUK.Status.active, .temporarilyClosed].map(\.rawValue)

    /// The place with this id and the live services there; nil when there is no such place or
    /// nothing live is offered there any more.
    static func find(_ id: UUID, on database: any Database) async throws -> DirectoryPlace? {
        guard let row = try await DirectoryLocation.find(id, on: database) else { return nil }
        let location = try DirectoryRecords.decode(ORUK.Location.self, row.document)
        let serviceIDs = Set(try await DirectoryServiceLocation.query(on: database).filter(\.$locationID == id).all().map(\.serviceID))
        var rows: [DirectoryService] = []
        for chunk in Array(serviceIDs).chunked(into: 1000) {
            rows += try await DirectoryService.query(on: database).filter(\.$id ~~ Array(chunk)).filter(\.$status ~~ liveStatuses).all()
        }
        guard !rows.isEmpty else { return nil }
        let key = id.uuidString.lowercased()
        let offers = try await DirectoryRecords.nested(rows, full: false, on: database).map { service in
            let link = service.service_at_locations?.first { $0.location_id?.lowercased() == key }
            return Offer(service: service, hours: WeeklyOpening(schedules: link?.schedules ?? service.schedules ?? []))
        }
        return DirectoryPlace(id: id, councilID: row.councilID, location: location, offers: offers.sorted {
            ($0.service.name.lowercased(), $0.service.id) < ($1.service.name.lowercased(), $1.service.id)
        })
    }
}

extension ORUK.Service {
    /// Every phone number of the service's contacts.
    var phoneNumbers: [ORUK.Phone] {
        (contacts ?? []).flatMap { $0.phones ?? [] }.filter { !$0.number.trimmingCharacters(in: .whitespaces).isEmpty }
    }
}
