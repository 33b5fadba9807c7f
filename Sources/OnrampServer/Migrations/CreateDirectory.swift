import Fluent
import OnrampCore
import SQLKit

/// The service directory: postcodes, taxonomies and terms, and ORUK records. Each service,
/// location and organisation is kept as its ORUK JSON beside the columns searches use.
struct CreateDirectory: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(PostcodePoint.schema)
            .id()
            .field("postcode", .string, .required)
            .field("latitude", .double, .required)
            .field("longitude", .double, .required)
            .field("lad_code", .string)
            .field("import_id", .uuid, .required, .references(DatasetImport.schema, .id))
            .unique(on: "postcode")
            .create()
        try await database.schema(DirectoryTaxonomy.schema)
            .id()
            .field("council_id", .uuid, .references(Organisation.schema, .id))
            .field("name", .string, .required)
            .field("description", .string, .required)
            .field("version", .string)
            .create()
        try await database.schema(DirectoryTerm.schema)
            .id()
            .field("taxonomy_id", .uuid, .required, .references(DirectoryTaxonomy.schema, .id))
            .field("parent_id", .uuid)
            .field("council_id", .uuid, .references(Organisation.schema, .id))
            .field("code", .string)
            .field("name", .string, .required)
            .field("description", .string, .required)
            .field("position", .int, .required)
            .create()
        try await database.schema(DirectoryOrganization.schema)
            .id()
            .field("council_id", .uuid, .required, .references(Organisation.schema, .id))
            .field("name", .string, .required)
            .field("document", .string, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await database.schema(DirectoryLocation.schema)
            .id()
            .field("council_id", .uuid, .required, .references(Organisation.schema, .id))
            .field("name", .string, .required)
            .field("latitude", .double)
            .field("longitude", .double)
            .field("postcode", .string)
            .field("document", .string, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await database.schema(DirectoryService.schema)
            .id()
            .field("council_id", .uuid, .required, .references(Organisation.schema, .id))
            .field("organization_id", .uuid, .references(DirectoryOrganization.schema, .id))
            .field("name", .string, .required)
            .field("status", .string, .required)
            .field("name_terms", .string, .required)
            .field("is_free", .bool, .required)
            .field("language_codes", .string, .required)
            .field("document", .string, .required)
            .field("last_modified", .datetime, .required)
            // The partner that looks after it, who is asked to re-check it, and when it last was.
            .field("owner_organisation_id", .uuid, .references(Organisation.schema, .id))
            .field("assured_on", .string)
            .create()
        try await Self.createProposals(on: database)
        try await database.schema(DirectoryServiceLocation.schema)
            .id()
            .field("service_id", .uuid, .required, .references(DirectoryService.schema, .id, onDelete: .cascade))
            .field("location_id", .uuid, .required, .references(DirectoryLocation.schema, .id))
            .create()
        try await database.schema(DirectoryServiceTerm.schema)
            .id()
            .field("service_id", .uuid, .required, .references(DirectoryService.schema, .id, onDelete: .cascade))
            .field("term_id", .uuid, .required, .references(DirectoryTerm.schema, .id))
            .unique(on: "service_id", "term_id")
            .create()
        try await Self.createWords(on: database)
        let sql = database as! any SQLDatabase
        try await sql.create(index: "directory_services_modified").on(DirectoryService.schema).column("last_modified").run()
        try await sql.create(index: "directory_service_locations_service").on(DirectoryServiceLocation.schema).column("service_id").run()
        try await sql.create(index: "directory_service_locations_location").on(DirectoryServiceLocation.schema).column("location_id").run()
        try await sql.create(index: "directory_service_terms_term").on(DirectoryServiceTerm.schema).column("term_id").run()
        // Position and id together, so a search near a postcode reads the index, not the places.
        try await sql.create(index: "directory_locations_position").on(DirectoryLocation.schema).column("latitude").column("longitude").column("id").run()
        try await DirectoryTaxonomies.seedShipped(on: database)
    }

    /// Partners' proposed services and changes, waiting for the council. (Also made by
    /// `MendEditedDirectoryAndCases` on a database from before it was added here.)
    static func createProposals(on database: any Database) async throws {
        try await database.schema(DirectoryProposal.schema)
            .id()
            .field("council_id", .uuid, .required, .references(Organisation.schema, .id))
            .field("service_id", .uuid, .required)
            .field("organisation_id", .uuid, .required, .references(Organisation.schema, .id))
            .field("proposed_by", .uuid, .required, .references(User.schema, .id))
            .field("proposer_name", .string, .required)
            .field("document", .string, .required)
            .field("published_document", .string)
            .field("status", .string, .required)
            .field("reason", .string)
            .field("decided_by", .string)
            .field("decided_at", .datetime)
            .field("created_at", .datetime, .required)
            .create()
    }

    /// Each word of a service's name and description: a search is index lookups, not a scan.
    /// (Also made by `MendEditedDirectoryAndCases`; the index by word again by
    /// `DirectoryImport.IndexesSetAside`, after a large import.)
    static func createWords(on database: any Database) async throws {
        try await database.schema(DirectoryRecords.wordsSchema)
            .field("service_id", .uuid, .required, .references(DirectoryService.schema, .id, onDelete: .cascade))
            .field("word", .string, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "directory_service_words_word").on(DirectoryRecords.wordsSchema).column("word").column("service_id").run()
        try await sql.create(index: "directory_service_words_service").on(DirectoryRecords.wordsSchema).column("service_id").run()
    }

    func revert(on database: any Database) async throws {
        for schema in [DirectoryProposal.schema, DirectoryRecords.wordsSchema, DirectoryServiceTerm.schema, DirectoryServiceLocation.schema, DirectoryService.schema, DirectoryLocation.schema,
                       DirectoryOrganization.schema, DirectoryTerm.schema, DirectoryTaxonomy.schema, PostcodePoint.schema] {
            try await database.schema(schema).delete()
        }
    }
}
