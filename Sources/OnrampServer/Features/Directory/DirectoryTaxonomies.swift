import Fluent
import Foundation
import OnrampCore
import SQLKit

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

    /// The terms a council's staff file services under and build on: the shipped ones and the
    /// council's own, shipped first, in their order.
    static func terms(for scope: Scope, on database: any Database) async throws -> [DirectoryTerm] {
        try await scope.query(DirectoryTerm.self, on: database).sort(\.$position).sort(\.$name).all()
    }

    /// The terms the public search offers: the shipped ones, and a council's own once a live
    /// service is filed under it, so that a kind of help one council adds shows nowhere until it
    /// names real help.
    static func publicTerms(on database: any Database) async throws -> [DirectoryTerm] {
        let live = SQLSubquery.select { $0.column("id").from(DirectoryService.schema).where("status", .in, [ORUK.Status.active, .temporarilyClosed].map(\.rawValue)) }
        let used = SQLSubquery.select { $0.column("term_id").from(DirectoryServiceTerm.schema).where("service_id", .in, live) }
        return try await DirectoryTerm.query(on: database)
            .group(.or) { $0.filter(\.$councilID == nil).filter(.sql(SQLBinaryExpression(SQLColumn("id", table: DirectoryTerm.schema), .in, used))) }
            .sort(\.$position).sort(\.$name).all()
    }

    /// Terms and, for a group, its children: choosing "Devices and data" finds device loans.
    static func withChildren(_ terms: [DirectoryTerm], on database: any Database) async throws -> [UUID] {
        let ids = terms.compactMap(\.id)
        return ids + (try await DirectoryTerm.query(on: database).filter(\.$parentID ~~ ids).all().compactMap(\.id))
    }
}
