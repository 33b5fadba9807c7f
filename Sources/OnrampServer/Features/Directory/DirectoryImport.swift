import Fluent
import Foundation
import OnrampCore

/// Another directory's ORUK feed brought into this one, read and written a batch of services at
/// a time in the import's transaction, so that a feed of 100,000 services is never held whole.
/// Every service is checked; if any cannot be imported, the transaction is undone and nothing is
/// kept. Ids are kept, so importing the same feed again updates the same records rather than
/// adding copies.
enum DirectoryImport {
    static let batchSize = 1000

    /// Imports the feed's services into the council's directory and returns how many there were.
    /// `database` must be in a transaction, which a problem undoes: the feed is checked as it is
    /// written, so a problem on its last line undoes every batch before it.
    static func importFeed(_ file: DataFile, councilID: UUID, on database: any Database, now: Date) async throws -> Int {
        precondition(database.inTransaction, "a feed is written in batches, which only a transaction makes all or nothing")
        // The bytes read so far, beside the file's, say how many services the feed will give.
        let chunks = try file.chunks(), contentSize = file.contentSize()
        var bytesRead = 0
        var records = ORUKFeedRecords(chunks: {
            let chunk = try chunks()
            bytesRead += chunk.count
            return chunk
        })
        var check = FeedCheck(file: file.path, knownTerms: Set(try await DirectoryTerm.query(on: database).all().compactMap(\.id)))
        var writer = BatchWriter(councilID: councilID, database: database, now: now)
        var indexes = try await IndexesSetAside(on: database)
        var batch: [ORUK.Service] = []
        // Services that name an organisation no service written so far describes, nor the
        // directory knows: written at the end, with the services that describe them, as the
        // database requires. A feed that describes its organisations late is held until then.
        var waiting: [ORUK.Service] = []
        var count = 0

        /// Whether the directory had the organisation before the import, asked once the batch
        /// being written is, since a transaction takes one statement at a time.
        func isKnown(_ organization: UUID) async throws -> Bool {
            if let answer = check.known[organization] { return answer }
            try await writer.finish()
            let answer = try await DirectoryOrganization.find(organization, on: database) != nil
            check.known[organization] = answer
            return answer
        }

        do {
            while let record = try records.next(problems: &check.problems) {
                count += 1
                // Reading holds a thread of Swift's pool until it waits; the writing needs one
                // between statements, and on two cores there may be none free for a whole batch.
                if count % 64 == 0 { await Task.yield() }
                let named = check.check(record)
                let nested = record.service.organization.flatMap { UUID(text: $0.id) }
                if let named, named != nested, !check.written.contains(named), try await !isKnown(named) {
                    check.awaitDescription(of: named, line: record.line)
                    if let nested { check.held.insert(nested) }
                    if check.problems.isEmpty { waiting.append(record.service) }
                } else {
                    if let nested { check.written.insert(nested) }
                    if check.problems.isEmpty { batch.append(record.service) }
                }
                if batch.count == batchSize {
                    let expected = IndexesSetAside.expectedServices(read: count, bytesRead: bytesRead, contentSize: contentSize)
                    if indexes.isWorthIt(servicesRead: count, expected: expected) {
                        // A transaction takes one statement at a time: the batches before are written first.
                        try await writer.finish()
                        try await indexes.setAside(on: database)
                    }
                    try await writer.start(batch)
                    batch.removeAll(keepingCapacity: true)
                }
            }
            check.finish()
            guard check.problems.isEmpty else { throw ImportFailure.rows(check.problems) }
            // An organisation is kept as the feed last describes it; a waiting service comes
            // before every written one that describes its organisation too.
            for index in waiting.indices where waiting[index].organization.flatMap({ UUID(text: $0.id) }).map(check.written.contains) == true {
                waiting[index].organization = nil
            }
            try await writer.start(batch + waiting)
            try await writer.finish()
            try await indexes.restore(on: database)
        } catch {
            // The transaction ends when this returns, so the batch being written must end first.
            await writer.abandon()
            if let refusal = error as? ImportRefusal { throw ImportFailure.refused(file.path, refusal.message) }
            throw error
        }
        return count
    }

    /// Batches in three steps that overlap: while one batch is written, the next one's rows are
    /// made (JSON encoded, words found) and the one after is read and checked. Making the rows
    /// had been in the writing's turn, which left one of two cores idle for much of an import.
    /// At most one batch waits to be written: a feed read faster than it is written waits.
    private struct BatchWriter {
        let councilID: UUID
        let database: any Database
        let now: Date
        /// The batch being written, and the one after it, whose rows are made before it waits.
        private var writing: Task<Void, any Error>?
        private var next: Task<Void, any Error>?

        init(councilID: UUID, database: any Database, now: Date) {
            (self.councilID, self.database, self.now) = (councilID, database, now)
        }

        /// Starts making the services' rows, to be written once the batch before them is.
        mutating func start(_ services: [ORUK.Service]) async throws {
            try await writing?.value
            let (councilID, database, now, before) = (councilID, database, now, next)
            writing = before
            next = Task {
                let rows = try DirectoryRecords.Rows(services, councilID: councilID, owner: nil, now: now)
                try await before?.value
                // An import given up (a problem further on) writes nothing more.
                try Task.checkCancellation()
                // A transaction takes one statement at a time: terms are added once the batch before is written.
                try await write(services, as: rows, councilID: councilID, on: database)
            }
        }

        /// Waits for every batch started to be written, and throws the first failure: a batch
        /// whose rows could not be made fails before the one ahead of it is written.
        mutating func finish() async throws {
            let (older, last) = (writing, next)
            (writing, next) = (nil, nil)
            // Both are awaited whatever happened, so that no statement is left running.
            let (olderResult, lastResult) = (await older?.result, await last?.result)
            try olderResult?.get()
            try lastResult?.get()
        }

        /// Stops batches not yet written, once the import has failed, and waits for them.
        mutating func abandon() async {
            writing?.cancel()
            next?.cancel()
            try? await finish()
        }
    }

    /// What a feed's services must agree on between them and with this directory: each service
    /// once, and every organisation and kind of help they name known here or described.
    private struct FeedCheck {
        var problems: ImportProblems
        /// Terms of the directory before the import; a term the feed adds must be described
        /// where it is used, with its name.
        let knownTerms: Set<UUID>
        /// Organisations described by a service written, or about to be.
        var written: Set<UUID> = []
        /// Organisations described only by a service that waits for the end.
        var held: Set<UUID> = []
        /// Whether the directory had each organisation asked about before the import.
        var known: [UUID: Bool] = [:]
        private var lines: [UUID: Int] = [:]
        private var awaited: [(organization: UUID, line: Int)] = []

        init(file: String, knownTerms: Set<UUID>) {
            problems = ImportProblems(file: file)
            self.knownTerms = knownTerms
        }

        /// Checks the service against those before it and the directory's terms, and returns
        /// the organisation it names.
        mutating func check(_ record: ORUKFeed.Record) -> UUID? {
            let service = record.service
            // ORUKFeed.problems has checked that every id is a UUID.
            let id = UUID(text: service.id)!
            if let earlier = lines[id] { problems.add(line: record.line, "service \(id.uuidString.lowercased()) is also on line \(earlier)") }
            lines[id] = record.line
            for attribute in service.attributes ?? [] where attribute.taxonomy_term == nil && !knownTerms.contains(UUID(text: attribute.taxonomy_term_id)!) {
                problems.add(line: record.line, "taxonomy term \(attribute.taxonomy_term_id) is not known here and the feed does not describe it")
            }
            return service.organization_id.flatMap(UUID.init(text:))
        }

        /// An organisation the feed must describe further on.
        mutating func awaitDescription(of organization: UUID, line: Int) {
            awaited.append((organization, line))
        }

        /// A problem for each organisation awaited that the feed never described. They come
        /// after the problems found line by line.
        mutating func finish() {
            for (organization, line) in awaited where !written.contains(organization) && !held.contains(organization) {
                problems.add(line: line, "organization \(organization.uuidString.lowercased()) is not known here and the feed does not describe it")
            }
        }
    }

    static func write(_ services: [ORUK.Service], councilID: UUID, on database: any Database, now: Date) async throws {
        try await write(services, as: DirectoryRecords.Rows(services, councilID: councilID, owner: nil, now: now), councilID: councilID, on: database)
    }

    /// Adds the kinds of help the services describe that the directory lacks, then writes the
    /// services' rows, made from them beforehand.
    static func write(_ services: [ORUK.Service], as rows: DirectoryRecords.Rows, councilID: UUID, on database: any Database) async throws {
        try await addTerms(services.flatMap { $0.attributes ?? [] }.compactMap(\.taxonomy_term), councilID: councilID, on: database)
        try await rows.write(on: database)
    }

    /// Terms the feed describes that this directory lacks, under the council's own taxonomy.
    static func addTerms(_ terms: [ORUK.TaxonomyTerm], councilID: UUID, on database: any Database) async throws {
        var seen: Set<UUID> = []
        for term in terms {
            guard let id = UUID(text: term.id), seen.insert(id).inserted, try await DirectoryTerm.find(id, on: database) == nil else { continue }
            let row = DirectoryTerm()
            row.id = id
            row.taxonomyID = try await councilTaxonomy(councilID, on: database)
            row.parentID = term.parent_id.flatMap(UUID.init(text:))
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
