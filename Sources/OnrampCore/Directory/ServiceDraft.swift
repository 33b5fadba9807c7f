import Foundation

/// A service as people describe it, in a form, a spreadsheet or the demo: plain fields, made
/// into the ORUK record in this one place, so that every way in gives the same shape.
public struct ServiceDraft: Sendable {
    /// A place the service is at, with its hours there.
    public struct Place: Sendable {
        public let location: ORUK.Location
        public let hours: [WeeklyOpening.Hours]

        public init(location: ORUK.Location, hours: [WeeklyOpening.Hours]) {
            self.location = location
            self.hours = hours
        }
    }

    public var id: String
    public var name: String
    public var description: String
    public var status: ORUK.Status = .active
    public var organization: ORUK.Organization
    public var termIDs: [String] = []
    public var places: [Place] = []
    /// Hours of a service with no place, such as a phone line.
    public var hours: [WeeklyOpening.Hours] = []
    /// 0 is free.
    public var cost = 0.0
    public var costOption: String?
    public var costDescription: String?
    public var phone: String?
    public var email: String?
    public var website: String?
    public var languages: [(name: String, code: String)] = [("English", "en")]
    public var area: String?
    public var assuredDate: String?

    public init(id: String, name: String, description: String, organization: ORUK.Organization) {
        self.id = id
        self.name = name
        self.description = description
        self.organization = organization
    }

    /// A web address a resident can follow: http or https, with a host.
    public static func isWebAddress(_ text: String) -> Bool {
        (text.hasPrefix("https://") || text.hasPrefix("http://")) && URL(string: text)?.host != nil
    }

    /// The ORUK service, with its organisation and places nested. `makeID` gives each part its
    /// id from a name unique within the service: random for a new record, stable for a
    /// spreadsheet row that must keep its ids from import to import.
    public func service(makeID: (String) -> String) -> ORUK.Service {
        var service = ORUK.Service(id: id, organization_id: organization.id, name: name, description: description, status: status)
        service.organization = organization
        service.email = email
        service.url = website
        service.assured_date = assuredDate
        service.attributes = termIDs.map { ORUK.Attribute(id: makeID("attribute \($0)"), link_id: id, taxonomy_term_id: $0) }
        service.service_at_locations = places.isEmpty ? nil : places.map { place in
            var link = ORUK.ServiceAtLocation(id: makeID("at \(place.location.id)"), service_id: id, location_id: place.location.id)
            link.location = place.location
            link.schedules = place.hours.isEmpty ? nil : place.hours.map { hours in
                var schedule = hours.schedule(id: makeID("hours \(place.location.id) \(hours.days)"))
                schedule.service_at_location_id = link.id
                return schedule
            }
            return link
        }
        service.schedules = hours.isEmpty ? nil : hours.map { $0.schedule(id: makeID("hours \($0.days)")) }
        service.cost_options = [cost > 0
            ? ORUK.CostOption(id: makeID("cost"), service_id: id, option: costOption, amount: cost, amount_description: costDescription)
            : ORUK.CostOption(id: makeID("cost"), service_id: id, option: "Free", amount: 0)]
        if let phone {
            var contact = ORUK.Contact(id: makeID("contact"), service_id: id, name: organization.name)
            contact.phones = [ORUK.Phone(id: makeID("phone"), number: phone)]
            service.contacts = [contact]
        }
        service.languages = languages.map { ORUK.Language(id: makeID("language \($0.code)"), service_id: id, name: $0.name, code: $0.code) }
        service.service_areas = area.map { [ORUK.ServiceArea(id: makeID("area"), service_id: id, name: $0)] }
        return service
    }
}

extension ORUK.Service {
    /// Free unless some cost option has an amount.
    public var isFree: Bool { !(cost_options ?? []).contains { ($0.amount ?? 0) > 0 } }

    /// "Free", or each cost as a resident reads it: "10p per page (A4 page, black and white)".
    public var costWords: String {
        let paid = (cost_options ?? []).filter { ($0.amount ?? 0) > 0 }
        guard !paid.isEmpty else { return "Free" }
        return paid.map { option in
            let amount = option.amount!
            let money = amount < 1 ? "\(Int((amount * 100).rounded()))p" : String(format: "£%.2f", amount)
            return money + (option.amount_description.map { " \($0)" } ?? "") + (option.option.map { " (\($0))" } ?? "")
        }.joined(separator: "; ")
    }
}
