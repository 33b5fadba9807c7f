/// Open Referral UK 3.0 records, with the standard's field names (snake_case), as the API
/// publishes them and imports read them. Optional fields left nil are not written.
public enum ORUK {
    public struct Organization: Codable, Sendable, Equatable {
        public var id: String
        public var name: String
        public var description: String
        public var email: String?
        public var website: String?
        public var uri: String?
        public var parent_organization_id: String?

        public init(id: String, name: String, description: String, email: String? = nil, website: String? = nil) {
            self.id = id
            self.name = name
            self.description = description
            self.email = email
            self.website = website
        }
    }

    public enum Status: String, Codable, Sendable, CaseIterable {
        case active, inactive, defunct
        case temporarilyClosed = "temporarily closed"
    }

    public struct Service: Codable, Sendable, Equatable {
        public var id: String
        public var organization_id: String?
        public var name: String
        public var description: String?
        public var url: String?
        public var email: String?
        public var status: Status
        public var fees: String?
        public var minimum_age: Int?
        public var maximum_age: Int?
        public var assured_date: String?
        public var assurer_email: String?
        public var alert: String?
        public var last_modified: String?
        public var schedules: [Schedule]?
        public var service_areas: [ServiceArea]?
        public var service_at_locations: [ServiceAtLocation]?
        public var languages: [Language]?
        public var organization: Organization?
        public var cost_options: [CostOption]?
        public var contacts: [Contact]?
        public var attributes: [Attribute]?

        public init(id: String, organization_id: String?, name: String, description: String?, status: Status = .active) {
            self.id = id
            self.organization_id = organization_id
            self.name = name
            self.description = description
            self.status = status
        }
    }

    public struct Location: Codable, Sendable, Equatable {
        public var id: String
        public var location_type: String
        public var name: String?
        public var description: String?
        public var latitude: Double?
        public var longitude: Double?
        public var external_identifier: String?
        public var external_identifier_type: String?
        public var addresses: [Address]?
        public var accessibility: [Accessibility]?

        public init(id: String, name: String?, latitude: Double?, longitude: Double?, location_type: String = "physical") {
            self.id = id
            self.location_type = location_type
            self.name = name
            self.latitude = latitude
            self.longitude = longitude
        }
    }

    public struct Address: Codable, Sendable, Equatable {
        public var id: String
        public var location_id: String?
        public var address_1: String
        public var city: String
        public var region: String?
        /// Required by the schema; in the UK, the county or region.
        public var state_province: String
        public var postal_code: String
        public var country: String
        public var address_type: String

        public init(id: String, location_id: String?, address_1: String, city: String, state_province: String, postal_code: String, country: String = "GB", address_type: String = "physical") {
            self.id = id
            self.location_id = location_id
            self.address_1 = address_1
            self.city = city
            self.state_province = state_province
            self.postal_code = postal_code
            self.country = country
            self.address_type = address_type
        }
    }

    public struct ServiceAtLocation: Codable, Sendable, Equatable {
        public var id: String
        public var service_id: String?
        public var location_id: String?
        public var location: Location?
        /// Opening hours at this location, when they differ from the service's.
        public var schedules: [Schedule]?

        public init(id: String, service_id: String?, location_id: String?) {
            self.id = id
            self.service_id = service_id
            self.location_id = location_id
        }
    }

    /// RFC 5545 style: `freq` WEEKLY, `byday` "MO,TU", `opens_at` and `closes_at` "09:00".
    public struct Schedule: Codable, Sendable, Equatable {
        public var id: String
        public var service_id: String?
        public var service_at_location_id: String?
        public var valid_from: String?
        public var valid_to: String?
        public var dtstart: String?
        public var freq: String?
        public var interval: Int?
        public var byday: String?
        public var description: String?
        public var opens_at: String?
        public var closes_at: String?
        public var attending_type: String?
        public var notes: String?

        public init(id: String, byday: String, opens_at: String, closes_at: String) {
            self.id = id
            self.freq = "WEEKLY"
            self.interval = 1
            self.byday = byday
            self.opens_at = opens_at
            self.closes_at = closes_at
        }
    }

    public struct Contact: Codable, Sendable, Equatable {
        public var id: String
        public var service_id: String?
        public var name: String?
        public var title: String?
        public var phones: [Phone]?

        public init(id: String, service_id: String?, name: String?) {
            self.id = id
            self.service_id = service_id
            self.name = name
        }
    }

    public struct Phone: Codable, Sendable, Equatable {
        public var id: String
        public var contact_id: String?
        public var number: String
        public var description: String?

        public init(id: String, number: String, description: String? = nil) {
            self.id = id
            self.number = number
            self.description = description
        }
    }

    public struct CostOption: Codable, Sendable, Equatable {
        public var id: String
        public var service_id: String?
        public var option: String?
        public var amount: Double?
        public var amount_description: String?

        public init(id: String, service_id: String?, option: String?, amount: Double?, amount_description: String? = nil) {
            self.id = id
            self.service_id = service_id
            self.option = option
            self.amount = amount
            self.amount_description = amount_description
        }
    }

    /// The schema names only ids; ORUK's guidance adds the language's name and ISO 639 code.
    public struct Language: Codable, Sendable, Equatable {
        public var id: String
        public var service_id: String?
        public var name: String?
        public var code: String?

        public init(id: String, service_id: String?, name: String, code: String) {
            self.id = id
            self.service_id = service_id
            self.name = name
            self.code = code
        }
    }

    public struct ServiceArea: Codable, Sendable, Equatable {
        public var id: String
        public var service_id: String?
        public var name: String?
        public var extent_type: String?
        public var uri: String?

        public init(id: String, service_id: String?, name: String) {
            self.id = id
            self.service_id = service_id
            self.name = name
        }
    }

    public struct Accessibility: Codable, Sendable, Equatable {
        public var id: String
        public var location_id: String?
        public var description: String?
        public var details: String?

        public init(id: String, location_id: String?, description: String) {
            self.id = id
            self.location_id = location_id
            self.description = description
        }
    }

    public struct Taxonomy: Codable, Sendable, Equatable {
        public var id: String
        public var name: String
        public var description: String
        public var uri: String?
        public var version: String?

        public init(id: String, name: String, description: String, uri: String? = nil, version: String? = nil) {
            self.id = id
            self.name = name
            self.description = description
            self.uri = uri
            self.version = version
        }
    }

    public struct TaxonomyTerm: Codable, Sendable, Equatable {
        public var id: String
        public var code: String?
        public var name: String
        public var description: String
        public var parent_id: String?
        public var taxonomy_id: String?
        public var term_uri: String?

        public init(id: String, code: String?, name: String, description: String, parent_id: String?, taxonomy_id: String?) {
            self.id = id
            self.code = code
            self.name = name
            self.description = description
            self.parent_id = parent_id
            self.taxonomy_id = taxonomy_id
        }
    }

    /// Links a taxonomy term to a service (`link_id`).
    public struct Attribute: Codable, Sendable, Equatable {
        public var id: String
        public var link_id: String?
        public var link_type: String?
        public var taxonomy_term_id: String
        public var taxonomy_term: TaxonomyTerm?

        public init(id: String, link_id: String?, taxonomy_term_id: String) {
            self.id = id
            self.link_id = link_id
            self.link_type = "service"
            self.taxonomy_term_id = taxonomy_term_id
        }
    }
}
