import Fluent
import OnrampCore
import Vapor

/// A council's contact details as stored (see `CouncilContact`).
final class CouncilContactRecord: Model, @unchecked Sendable {
    static let schema = "council_contacts"

    @ID(key: .id) var id: UUID?
    @Field(key: "council_id") var councilID: UUID
    @Field(key: "phone") var phone: String
    /// The address's lines, one a line.
    @Field(key: "address") var address: String
    @Field(key: "opening_hours") var openingHours: String
    /// ONS codes, separated by commas.
    @Field(key: "local_authorities") var localAuthorities: String
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    func contact(councilName: String) -> CouncilContact {
        CouncilContact(councilName: councilName, phone: phone, address: address.split(separator: "\n").map(String.init),
                       openingHours: openingHours, localAuthorities: localAuthorities.split(separator: ",").map(String.init))
    }
}

extension CouncilContactRecord: Scoped {}

enum CouncilContacts {
    /// The council's details, when its administrators have given them.
    static func of(_ council: Organisation, on database: any Database) async throws -> CouncilContact? {
        try await CouncilContactRecord.query(on: database).filter(\.$councilID == council.councilID).first()?.contact(councilName: council.name)
    }

    static func of(councilID: UUID, on database: any Database) async throws -> CouncilContact? {
        guard let council = try await Organisation.find(councilID, on: database) else { return nil }
        return try await of(council, on: database)
    }

    /// Every council on this deployment with its details, for pages that do not yet know whose
    /// resident is reading: councils that have given none are left out.
    static func all(on database: any Database) async throws -> [CouncilContact] {
        let councils = try await Organisation.councils(on: database)
        let records = try await CouncilContactRecord.query(on: database).all()
        return councils.compactMap { council in records.first { $0.councilID == council.id }?.contact(councilName: council.name) }
    }

    /// The council whose area a local authority is in, if it is on this deployment.
    static func serving(localAuthority code: String, on database: any Database) async throws -> CouncilContact? {
        try await all(on: database).first { $0.localAuthorities.contains(code) }
    }

    /// Stores what an administrator gave, with its audit record.
    static func save(_ contact: CouncilContact, councilID: UUID, actor: AuditActor, now: Date, on database: any Database) async throws {
        try await database.transaction { tx in
            let record = try await CouncilContactRecord.query(on: tx).filter(\.$councilID == councilID).first() ?? CouncilContactRecord()
            record.councilID = councilID
            (record.phone, record.address, record.openingHours) = (contact.phone, contact.address.joined(separator: "\n"), contact.openingHours)
            (record.localAuthorities, record.updatedAt) = (contact.localAuthorities.joined(separator: ","), now)
            try await record.save(on: tx)
            try await Audit.record(.councilContactChanged, by: actor, recordType: "council", recordID: councilID, summary: "Changed the council\u{2019}s phone number, address or hours", on: tx, now: now)
        }
    }
}
