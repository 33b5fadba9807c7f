import Fluent
import Foundation
import OnrampCore

/// A postcode's position, from OS Code-Point Open or a postcode CSV.
final class PostcodePoint: Model, @unchecked Sendable {
    static let schema = "postcodes"
    @ID(key: .id) var id: UUID?
    @Field(key: "postcode") var postcode: String
    @Field(key: "latitude") var latitude: Double
    @Field(key: "longitude") var longitude: Double
    @OptionalField(key: "lad_code") var ladCode: String?
    /// The 2021 LSOA the postcode lies in, when its boundaries are imported.
    @OptionalField(key: "lsoa21") var lsoa21: String?
    @Field(key: "import_id") var importID: UUID
    init() {}

    var position: NationalGrid.Position { NationalGrid.Position(latitude: latitude, longitude: longitude) }
}

/// A taxonomy: the one Onramp ships (no council) or a council's own.
final class DirectoryTaxonomy: Model, @unchecked Sendable {
    static let schema = "directory_taxonomies"
    @ID(key: .id) var id: UUID?
    @OptionalField(key: "council_id") var councilID: UUID?
    @Field(key: "name") var name: String
    @Field(key: "description") var description: String
    @OptionalField(key: "version") var version: String?
    init() {}

    var oruk: ORUK.Taxonomy {
        ORUK.Taxonomy(id: id!.uuidString.lowercased(), name: name, description: description, uri: nil, version: version)
    }
}

/// A term of a taxonomy, under its parent; `position` keeps the shipped order.
final class DirectoryTerm: Model, @unchecked Sendable {
    static let schema = "directory_taxonomy_terms"
    @ID(key: .id) var id: UUID?
    @Field(key: "taxonomy_id") var taxonomyID: UUID
    @OptionalField(key: "parent_id") var parentID: UUID?
    @OptionalField(key: "council_id") var councilID: UUID?
    @OptionalField(key: "code") var code: String?
    @Field(key: "name") var name: String
    @Field(key: "description") var description: String
    @Field(key: "position") var position: Int
    init() {}

    var oruk: ORUK.TaxonomyTerm {
        ORUK.TaxonomyTerm(
            id: id!.uuidString.lowercased(), code: code, name: name, description: description,
            parent_id: parentID?.uuidString.lowercased(), taxonomy_id: taxonomyID.uuidString.lowercased()
        )
    }
}

/// An organisation in the directory (not necessarily one with Onramp accounts), as ORUK JSON.
final class DirectoryOrganization: Model, @unchecked Sendable {
    static let schema = "directory_organizations"
    @ID(key: .id) var id: UUID?
    @Field(key: "council_id") var councilID: UUID
    @Field(key: "name") var name: String
    @Field(key: "document") var document: String
    @Field(key: "updated_at") var updatedAt: Date
    init() {}
}

/// A place services are offered at, as ORUK JSON with its position for distance searches.
final class DirectoryLocation: Model, @unchecked Sendable {
    static let schema = "directory_locations"
    @ID(key: .id) var id: UUID?
    @Field(key: "council_id") var councilID: UUID
    @Field(key: "name") var name: String
    @OptionalField(key: "latitude") var latitude: Double?
    @OptionalField(key: "longitude") var longitude: Double?
    @OptionalField(key: "postcode") var postcode: String?
    @Field(key: "document") var document: String
    @Field(key: "updated_at") var updatedAt: Date
    init() {}
}

/// A published service: its ORUK JSON (schedules, costs, languages, contacts, attributes and
/// which locations) and the columns its searches use.
final class DirectoryService: Model, @unchecked Sendable {
    static let schema = "directory_services"
    @ID(key: .id) var id: UUID?
    @Field(key: "council_id") var councilID: UUID
    @OptionalField(key: "organization_id") var organizationID: UUID?
    @Field(key: "name") var name: String
    @Field(key: "status") var status: String
    /// `SearchText.indexed` of the name, for ranking matches in the name first. The words of
    /// the name and description, for finding them, are rows of `directory_service_words`.
    @Field(key: "name_terms") var nameTerms: String
    @Field(key: "is_free") var isFree: Bool
    /// ",en,pl," so that one LIKE finds a language.
    @Field(key: "language_codes") var languageCodes: String
    @Field(key: "document") var document: String
    @Field(key: "last_modified") var lastModified: Date
    @OptionalField(key: "owner_organisation_id") var ownerOrganisationID: UUID?
    /// The service's `assured_date`, kept as a column so that overdue checks are one query.
    @OptionalField(key: "assured_on") var assuredOn: String?
    init() {}
}

/// A partner's proposed new service or change, waiting for an editor, then approved or rejected.
final class DirectoryProposal: Model, @unchecked Sendable {
    static let schema = "directory_proposals"

    enum Status: String, Codable, Sendable { case pending, approved, rejected }

    @ID(key: .id) var id: UUID?
    @Field(key: "council_id") var councilID: UUID
    @Field(key: "service_id") var serviceID: UUID
    @Field(key: "organisation_id") var organisationID: UUID
    @Field(key: "proposed_by") var proposedBy: UUID
    @Field(key: "proposer_name") var proposerName: String
    /// The proposed service as ORUK JSON, with its organisation and locations nested.
    @Field(key: "document") var document: String
    /// What was published when the change was proposed; nil for a new service.
    @OptionalField(key: "published_document") var publishedDocument: String?
    @Field(key: "status") var status: Status
    @OptionalField(key: "reason") var reason: String?
    @OptionalField(key: "decided_by") var decidedBy: String?
    @OptionalField(key: "decided_at") var decidedAt: Date?
    @Field(key: "created_at") var createdAt: Date
    init() {}
}

/// A service at a location; its id is the ORUK service_at_location id.
final class DirectoryServiceLocation: Model, @unchecked Sendable {
    static let schema = "directory_service_locations"
    @ID(key: .id) var id: UUID?
    @Field(key: "service_id") var serviceID: UUID
    @Field(key: "location_id") var locationID: UUID
    init() {}
}

/// A service's taxonomy term, from its ORUK attributes.
final class DirectoryServiceTerm: Model, @unchecked Sendable {
    static let schema = "directory_service_terms"
    @ID(key: .id) var id: UUID?
    @Field(key: "service_id") var serviceID: UUID
    @Field(key: "term_id") var termID: UUID
    init() {}
}
