import Fluent
import Foundation
import OnrampCore

/// Another directory's ORUK feed brought into this one: every service checked first, then all
/// written in the import's transaction. Ids are kept, so importing the same feed again updates
/// the same records rather than adding copies.
enum DirectoryImport {
    static func read(_ file: DataFile, on database: any Database) async throws -> [ORUK.Service] {
        let records: [ORUKFeed.Record]
        do {
            records = try ORUKFeed.read(try file.contents(), fileName: file.path)
        } catch let problems as ImportProblems {
            throw ImportFailure.rows(problems)
        } catch let refusal as ImportRefusal {
            throw ImportFailure.refused(file.path, refusal.message)
        }
        // A term the feed uses must be known here or described in the feed, with its name.
        let known = Set(try await DirectoryTerm.query(on: database).all().compactMap { $0.id?.uuidString.lowercased() })
        let described = Set(records.compactMap { $0.service.organization?.id.lowercased() })
        var problems = ImportProblems(file: file.path)
        var lines: [String: Int] = [:]
        for record in records {
            let id = record.service.id.lowercased()
            if let earlier = lines[id] { problems.add(line: record.line, "service \(id) is also on line \(earlier)") }
            lines[id] = record.line
            if let organization = record.service.organization_id?.lowercased(), !described.contains(organization),
               try await DirectoryOrganization.find(UUID(uuidString: organization), on: database) == nil {
                problems.add(line: record.line, "organization \(organization) is not known here and the feed does not describe it")
            }
            for attribute in record.service.attributes ?? [] where !known.contains(attribute.taxonomy_term_id.lowercased()) && attribute.taxonomy_term == nil {
                problems.add(line: record.line, "taxonomy term \(attribute.taxonomy_term_id) is not known here and the feed does not describe it")
            }
        }
        guard problems.isEmpty else { throw ImportFailure.rows(problems) }
        return records.map(\.service)
    }

    static func write(_ services: [ORUK.Service], councilID: UUID, on database: any Database, now: Date) async throws {
        try await addTerms(services.flatMap { $0.attributes ?? [] }.compactMap(\.taxonomy_term), councilID: councilID, on: database)
        try await DirectoryRecords.publish(services, councilID: councilID, on: database, now: now)
    }

    /// Terms the feed describes that this directory lacks, under the council's own taxonomy.
    static func addTerms(_ terms: [ORUK.TaxonomyTerm], councilID: UUID, on database: any Database) async throws {
        var seen: Set<UUID> = []
        for term in terms {
            guard let id = UUID(uuidString: term.id), seen.insert(id).inserted, try await DirectoryTerm.find(id, on: database) == nil else { continue }
            let row = DirectoryTerm()
            row.id = id
            row.taxonomyID = try await councilTaxonomy(councilID, on: database)
            row.parentID = term.parent_id.flatMap(UUID.init(uuidString:))
            row.councilID = councilID
            row.code = term.code
            row.name = term.name
            row.description = term.description
            row.position = 1000
            try await row.create(on: database)
        }
    }

    /// The council's own taxonomy, made the first time it adds a term.
    static func councilTaxonomy(_ councilID: UUID, on database: any Database) async throws -> UUID {
        if let existing = try await DirectoryTaxonomy.query(on: database).filter(\.$councilID == councilID).first() { return existing.id! }
        let taxonomy = DirectoryTaxonomy()
        taxonomy.councilID = councilID
        taxonomy.name = "Local terms"
        taxonomy.description = "Kinds of help this council added to Onramp\u{2019}s taxonomy."
        try await taxonomy.create(on: database)
        return taxonomy.id!
    }
}

extension DirectoryImport {
    /// Services from the simple CSV: rows of one service become its places; kinds of help are
    /// matched by code or name; a place is placed by its latitude and longitude or its postcode.
    static func services(from rows: [DirectoryCSVRow], file: DataFile, councilID: UUID, on database: any Database) async throws -> [ORUK.Service] {
        let terms = try await DirectoryTaxonomies.terms(for: Scope(councilID: councilID, organisationID: nil), on: database)
        var termID: [String: String] = [:]
        for term in terms {
            termID[term.name.lowercased()] = term.id!.uuidString.lowercased()
            if let code = term.code { termID[code.lowercased()] = term.id!.uuidString.lowercased() }
        }
        var problems = ImportProblems(file: file.path)
        var drafts: [String: ServiceDraft] = [:]
        var order: [String] = []
        for row in rows {
            for unknown in row.categories where termID[unknown.lowercased()] == nil {
                problems.add(line: row.line, "the category \u{201C}\(unknown)\u{201D} is not a kind of help Onramp knows")
            }
            var position = row.latitude.flatMap { latitude in row.longitude.map { NationalGrid.Position(latitude: latitude, longitude: $0) } }
            if position == nil, let postcode = row.postcode {
                position = try await PostcodePoint.find(postcode, on: database)?.position
                if position == nil { problems.add(line: row.line, "Onramp does not know the postcode \(postcode): import the postcodes first, or give latitude and longitude") }
            }
            if drafts[row.serviceID] == nil {
                order.append(row.serviceID)
                let organizationID = StableID.uuid("organization\u{1F}" + row.organization.lowercased())
                var draft = ServiceDraft(id: row.serviceID, name: row.serviceName, description: row.description,
                                         organization: ORUK.Organization(id: organizationID, name: row.organization, description: row.organization))
                draft.status = row.status
                draft.termIDs = row.categories.compactMap { termID[$0.lowercased()] }
                (draft.cost, draft.costDescription) = (row.cost, row.costDescription)
                (draft.phone, draft.email, draft.website) = (row.phone, row.email, row.website)
                draft.languages = row.languages.map { (name: Locale(identifier: "en_GB").localizedString(forLanguageCode: $0) ?? $0, code: $0) }
                drafts[row.serviceID] = draft
            }
            if let name = row.locationName {
                let locationID = StableID.uuid("location\u{1F}" + name.lowercased() + "\u{1F}" + (row.postcode ?? ""))
                var location = ORUK.Location(id: locationID, name: name, latitude: position?.latitude, longitude: position?.longitude)
                if let postcode = row.postcode {
                    location.addresses = [ORUK.Address(id: StableID.uuid(locationID + "address"), location_id: locationID, address_1: row.address ?? name,
                                                       city: row.town ?? "", state_province: row.county ?? "", postal_code: postcode)]
                }
                let sessions = row.hours.enumerated().compactMap { index, text in
                    WeeklyOpening.range(text).map { WeeklyOpening.Session(weekday: index + 1, opens: $0.opens, closes: $0.closes) }
                }
                drafts[row.serviceID]!.places.append(ServiceDraft.Place(location: location, hours: WeeklyOpening.grouped(sessions)))
            }
        }
        guard problems.isEmpty else { throw ImportFailure.rows(problems) }
        return order.compactMap { id in drafts[id]?.service { StableID.uuid(id + "\u{1F}" + $0) } }
    }
}
