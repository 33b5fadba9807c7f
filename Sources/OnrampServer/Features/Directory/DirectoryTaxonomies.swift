import Fluent
import Foundation
import OnrampCore

/// The shipped taxonomy in the database, and the terms pages and the API list.
enum DirectoryTaxonomies {
    /// Adds Onramp's digital-inclusion taxonomy with its fixed ids (part of the migration).
    static func seedShipped(on database: any Database) async throws {
        let shipped = DigitalInclusionTaxonomy.taxonomy
        let taxonomy = DirectoryTaxonomy()
        taxonomy.id = UUID(uuidString: shipped.id)
        taxonomy.name = shipped.name
        taxonomy.description = shipped.description
        taxonomy.version = shipped.version
        try await taxonomy.create(on: database)
        for (position, term) in DigitalInclusionTaxonomy.terms.enumerated() {
            let row = DirectoryTerm()
            row.id = UUID(uuidString: term.id)
            row.taxonomyID = taxonomy.id!
            row.parentID = term.parent_id.flatMap(UUID.init(uuidString:))
            row.code = term.code
            row.name = term.name
            row.description = term.description
            row.position = position
            try await row.create(on: database)
        }
    }

    /// Every term, shipped first, in their order.
    static func terms(on database: any Database) async throws -> [DirectoryTerm] {
        try await DirectoryTerm.query(on: database).sort(\.$position).sort(\.$name).all()
    }

    /// A term and, for a group, its children: choosing "Devices and data" finds device loans.
    static func withChildren(_ id: UUID, on database: any Database) async throws -> [UUID] {
        [id] + (try await DirectoryTerm.query(on: database).filter(\.$parentID == id).all().compactMap(\.id))
    }
}
