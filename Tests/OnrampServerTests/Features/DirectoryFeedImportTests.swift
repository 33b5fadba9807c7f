import Fluent
import Foundation
import OnrampCore
@testable import OnrampServer
import SQLKit
import Testing

/// A feed larger than a batch is written a batch at a time in one transaction: a problem on its
/// last line undoes the batches already written, and a service may name an organisation that
/// the feed describes further on.
@Suite struct DirectoryFeedImportTests {
    static let organizations = (1...4).map { String(format: "%08x-0000-4000-8000-000000000000", $0) }

    /// An ndjson line of a service that names one organisation and describes another, or none.
    static func service(_ number: Int, organization: Int, describing described: Int?) -> String {
        let id = String(format: "%08x-1f4f-4a53-9c61-8c1b9c1b2a03", number)
        let nested = described.map { #","organization":{"id":"\#(organizations[$0])","name":"Organisation \#($0)","description":"Made up"}"# } ?? ""
        return #"{"id":"\#(id)","name":"Service \#(number)","status":"active","organization_id":"\#(organizations[organization])"\#(nested)}"#
    }

    static func service(_ number: Int, organization: Int) -> String {
        service(number, organization: organization, describing: organization)
    }

    @Test(arguments: TestDatabase.available)
    func aFeedOfManyBatchesIsAllOrNothing(db: TestDatabase) async throws {
        try await withTestApp(db) { app async throws in
            let council = try await Fixture.council("Southwark Council", on: app.db).council
            let schema = try await LiveSchema.read(app.db)
            let count = DirectoryImport.batchSize * 2 + 500
            // Service 1 names organisation 2 before any line describes it, so it waits for the
            // end; it describes organisation 3, which service 2 names, so service 2 waits too.
            var lines = [Self.service(1, organization: 2, describing: 3), Self.service(2, organization: 3, describing: nil)]
            lines += (3...count).map { Self.service($0, organization: $0 % 3) }

            let broken = try SharedData.temporaryFile("broken.ndjson", contents: Data((lines + [Self.service(7, organization: 0)]).joined(separator: "\n").utf8))
            defer { try? FileManager.default.removeItem(atPath: broken) }
            let failure = await thrownError { _ = try await PlacesImport.run(.oruk, path: broken, localAuthorities: [], owner: ImportOwner(councilID: council.id!), on: app.db, now: Date()) }
            guard case ImportFailure.rows(let problems)? = failure else { Issue.record("expected row problems, got \(String(describing: failure))"); return }
            #expect(problems.first.map(\.line) == [count + 1] && problems.first.map(\.message) == ["service 00000007-1f4f-4a53-9c61-8c1b9c1b2a03 is also on line 7"])
            #expect(try await DirectoryService.query(on: app.db).count() == 0)
            #expect(try await DirectoryOrganization.query(on: app.db).count() == 0)
            #expect(try await DatasetImport.query(on: app.db).count() == 0)
            // SQLite set indexes aside for the feed; undoing the import restored them.
            #expect(try await LiveSchema.read(app.db) == schema)

            let otherwise = lines.dropFirst(2).map { $0.replacingOccurrences(of: Self.organizations[2], with: Self.organizations[0]) }
            let undescribed = try SharedData.temporaryFile("undescribed.ndjson", contents: Data((otherwise + [lines[0]]).joined(separator: "\n").utf8))
            defer { try? FileManager.default.removeItem(atPath: undescribed) }
            let refused = await refusalMessage { _ = try await PlacesImport.run(.oruk, path: undescribed, localAuthorities: [], owner: ImportOwner(councilID: council.id!), on: app.db, now: Date()) }
            #expect(refused.contains("\(undescribed):\(count - 1): organization \(Self.organizations[2]) is not known here and the feed does not describe it"))
            #expect(try await DirectoryService.query(on: app.db).count() == 0)

            // A list cut short after two batches are written is refused, and leaves nothing.
            let cut = try SharedData.temporaryFile("cut.json", contents: Data(("[" + lines.joined(separator: ",\n")).utf8))
            defer { try? FileManager.default.removeItem(atPath: cut) }
            #expect(await refusalMessage { _ = try await PlacesImport.run(.oruk, path: cut, localAuthorities: [], owner: ImportOwner(councilID: council.id!), on: app.db, now: Date()) }
                .contains("This is not JSON that Onramp can read"))
            #expect(try await DirectoryService.query(on: app.db).count() == 0)

            // The last line describes organisation 3 again, as the feed's last word on it.
            let renamed = Self.service(count + 1, organization: 3).replacingOccurrences(of: "Organisation 3", with: "Organisation 3, renamed")
            let whole = try SharedData.temporaryFile("whole.ndjson", contents: Data((lines + [renamed]).joined(separator: "\n").utf8))
            defer { try? FileManager.default.removeItem(atPath: whole) }
            let outcome = try await PlacesImport.run(.oruk, path: whole, localAuthorities: [], owner: ImportOwner(councilID: council.id!), on: app.db, now: Date())
            #expect(outcome.fileRows == count + 1 && outcome.keptRows == count + 1)
            // The indexes set aside are made again as they were, each holding every row.
            #expect(try await LiveSchema.read(app.db) == schema)
            if db == .sqlite {
                let check = try await (app.db as! any SQLDatabase).raw("PRAGMA integrity_check").all()
                #expect(try check.map { try $0.decode(column: "integrity_check", as: String.self) } == ["ok"])
            }
            let named = try await (app.db as! any SQLDatabase).select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "count")
                .from(DirectoryRecords.wordsSchema).where("word", .equal, "service").first()?.decode(column: "count", as: Int.self)
            #expect(named == count + 1)
            #expect(try await DatasetImport.query(on: app.db).all().map(\.keptRows) == [count + 1])
            #expect(try await DirectoryService.query(on: app.db).count() == count + 1)
            #expect(try await DirectoryOrganization.find(UUID(uuidString: Self.organizations[3]), on: app.db)?.name == "Organisation 3, renamed")
            #expect(try await DirectoryOrganization.query(on: app.db).count() == 4)
            let first = try #require(try await DirectoryService.find(UUID(uuidString: "00000001-1f4f-4a53-9c61-8c1b9c1b2a03"), on: app.db))
            #expect(first.organizationID == UUID(uuidString: Self.organizations[2]))
            let second = try #require(try await DirectoryService.find(UUID(uuidString: "00000002-1f4f-4a53-9c61-8c1b9c1b2a03"), on: app.db))
            #expect(second.organizationID == UUID(uuidString: Self.organizations[3]))
        }
    }

    /// The indexes are set aside only where the services still to come outweigh making them
    /// again from every service, once a feed has given a batch.
    @Test func theIndexesAreSetAsideOnlyForEnoughServicesStillToCome() {
        typealias SetAside = DirectoryImport.IndexesSetAside
        let batch = DirectoryImport.batchSize
        #expect(SetAside(servicesBefore: 0).isWorthIt(servicesRead: batch, expected: 100_000), "a feed into an empty directory")
        #expect(SetAside(servicesBefore: 100_000).isWorthIt(servicesRead: batch, expected: 100_000), "the same feed again")
        #expect(!SetAside(servicesBefore: 100_000).isWorthIt(servicesRead: batch, expected: 10_000), "a tenth of the directory")
        #expect(!SetAside(servicesBefore: 1_000_000).isWorthIt(servicesRead: batch, expected: 100_000))
        #expect(!SetAside(servicesBefore: 100_000).isWorthIt(servicesRead: 90_000, expected: 100_000), "too late in the feed")
        #expect(!SetAside(servicesBefore: 0).isWorthIt(servicesRead: batch - 1, expected: 100_000), "before a batch")
        #expect(!SetAside(servicesBefore: nil).isWorthIt(servicesRead: batch, expected: 100_000), "not SQLite")
        // A feed's services are estimated from the share of its bytes read.
        #expect(SetAside.expectedServices(read: 1_000, bytesRead: 2_330_000, contentSize: 233_000_000) == 100_000)
        #expect(SetAside.expectedServices(read: 1_000, bytesRead: 2_330_000, contentSize: nil) == 1_000)
        #expect(SetAside.expectedServices(read: 1_000, bytesRead: 0, contentSize: 233_000_000) == 1_000)
    }

    /// On SQLite the indexes go and come back as they were within a transaction; on PostgreSQL
    /// they are never set aside, since dropping them would lock searches out until the import ended.
    @Test(arguments: TestDatabase.available)
    func theIndexesGoAndComeBackOnSQLiteOnly(db: TestDatabase) async throws {
        try await withTestApp(db) { app async throws in
            let schema = try await LiveSchema.read(app.db)
            let names = DirectoryImport.IndexesSetAside.names
            #expect(names.allSatisfy { schema.indexes[$0] != nil }, "every index named is one the migrations make")
            let rule = try await DirectoryImport.IndexesSetAside(on: app.db)
            #expect(rule.isWorthIt(servicesRead: DirectoryImport.batchSize, expected: 100_000) == (db == .sqlite))
            guard db == .sqlite else { return }
            try await app.db.transaction { tx in
                var indexes = try await DirectoryImport.IndexesSetAside(on: tx)
                try await indexes.setAside(on: tx)
                let during = try await LiveSchema.read(tx).indexes
                #expect(names.allSatisfy { during[$0] == nil })
                #expect(during.count == schema.indexes.count - names.count, "only those named")
                try await indexes.restore(on: tx)
            }
            #expect(try await LiveSchema.read(app.db) == schema)
        }
    }

    /// Batches are written while later ones are read and their rows made: between them, the
    /// import asks the directory about an organisation the feed names without describing, and a
    /// kind of help the feed describes is added in its batch's turn.
    @Test(arguments: TestDatabase.available)
    func laterBatchesAskTheDirectoryAndAddKindsOfHelp(db: TestDatabase) async throws {
        try await withTestApp(db) { app async throws in
            let council = try await Fixture.council("Southwark Council", on: app.db).council
            let owner = ImportOwner(councilID: council.id!)
            let known = try SharedData.temporaryFile("known.ndjson", contents: Data(Self.service(1, organization: 0).utf8))
            defer { try? FileManager.default.removeItem(atPath: known) }
            _ = try await PlacesImport.run(.oruk, path: known, localAuthorities: [], owner: owner, on: app.db, now: Date())

            let count = DirectoryImport.batchSize * 3 + 10
            var lines = (2...count).map { Self.service($0, organization: 1 + $0 % 3) }
            // In the second batch, a service names organisation 0, which the directory has.
            lines[1500] = Self.service(1502, organization: 0, describing: nil)
            // In the third, one describes a kind of help the directory lacks.
            let term = "0000abcd-0000-4000-8000-000000000000"
            lines[2500] = String(lines[2500].dropLast()) + #","attributes":[{"id":"0000abce-0000-4000-8000-000000000000","taxonomy_term_id":"\#(term)","taxonomy_term":{"id":"\#(term)","name":"Tablet loans","description":"Tablets lent for a month"}}]}"#
            let feed = try SharedData.temporaryFile("later.ndjson", contents: Data(lines.joined(separator: "\n").utf8))
            defer { try? FileManager.default.removeItem(atPath: feed) }
            let outcome = try await PlacesImport.run(.oruk, path: feed, localAuthorities: [], owner: owner, on: app.db, now: Date())

            #expect(outcome.keptRows == count - 1)
            #expect(try await DirectoryService.query(on: app.db).count() == count)
            let naming = try #require(try await DirectoryService.find(UUID(uuidString: "000005de-1f4f-4a53-9c61-8c1b9c1b2a03"), on: app.db))
            #expect(naming.organizationID == UUID(uuidString: Self.organizations[0]))
            #expect(try await DirectoryTerm.find(UUID(uuidString: term), on: app.db)?.name == "Tablet loans")
            let helped = try await DirectoryServiceTerm.query(on: app.db).all()
            #expect(helped.map(\.serviceID) == [UUID(uuidString: String(format: "%08x-1f4f-4a53-9c61-8c1b9c1b2a03", 2502))!] && helped.map(\.termID) == [UUID(uuidString: term)!])
        }
    }

    /// A service published again keeps only its new links, kinds of help and words, while a
    /// new service published beside it (which has nothing to replace) loses nothing.
    @Test(arguments: TestDatabase.available)
    func aServicePublishedAgainHasOnlyItsNewRows(db: TestDatabase) async throws {
        try await withTestApp(db) { app async throws in
            let council = try await Fixture.council(on: app.db).council
            let terms = try await DirectoryTerm.query(on: app.db).limit(2).all().map { $0.id!.uuidString.lowercased() }
            func service(_ number: Int, _ name: String, term: String, location: Int) -> ORUK.Service {
                let id = String(format: "%08x-0000-4000-8000-0000000000aa", number)
                var service = ORUK.Service(id: id, organization_id: nil, name: name, description: nil)
                service.attributes = [ORUK.Attribute(id: String(format: "%08x-0000-4000-8000-0000000000bb", number * 10 + location), link_id: id, taxonomy_term_id: term)]
                var link = ORUK.ServiceAtLocation(id: String(format: "%08x-0000-4000-8000-0000000000cc", number * 10 + location), service_id: id, location_id: nil)
                link.location = ORUK.Location(id: String(format: "%08x-0000-4000-8000-0000000000dd", location), name: "Place \(location)", latitude: 51.5, longitude: -0.1)
                service.service_at_locations = [link]
                return service
            }
            try await DirectoryRecords.publish([service(1, "Laptop loans", term: terms[0], location: 1)], councilID: council.id!, on: app.db, now: Date())
            try await DirectoryRecords.publish([service(1, "Tablet lessons", term: terms[1], location: 2), service(2, "Laptop repairs", term: terms[0], location: 1)],
                                               councilID: council.id!, on: app.db, now: Date())

            let sql = app.db as! any SQLDatabase
            func rows(_ table: String, _ column: String, of number: Int) async throws -> [String] {
                let id = UUID(uuidString: String(format: "%08x-0000-4000-8000-0000000000aa", number))!
                return try await sql.select().column(column).from(table).where("service_id", .equal, id).all().map {
                    try (try? $0.decode(column: column, as: UUID.self).uuidString.lowercased()) ?? $0.decode(column: column, as: String.self)
                }.sorted()
            }
            #expect(try await rows(DirectoryRecords.wordsSchema, "word", of: 1) == SearchText.terms("Tablet lessons").sorted())
            #expect(try await rows(DirectoryRecords.wordsSchema, "word", of: 2) == SearchText.terms("Laptop repairs").sorted())
            #expect(try await rows(DirectoryServiceTerm.schema, "term_id", of: 1) == [terms[1]])
            #expect(try await rows(DirectoryServiceTerm.schema, "term_id", of: 2) == [terms[0]])
            #expect(try await rows(DirectoryServiceLocation.schema, "location_id", of: 1) == ["00000002-0000-4000-8000-0000000000dd"])
            #expect(try await rows(DirectoryServiceLocation.schema, "location_id", of: 2) == ["00000001-0000-4000-8000-0000000000dd"])
        }
    }

    /// On PostgreSQL two publishes of one service may overlap, as an import's long transaction
    /// and an editor's approval can: the second waits for the first, then replaces the first's
    /// rows, not only those from before.
    @Test(.enabled(if: TestDatabase.postgresURL != nil, "PostgreSQL only: SQLite writes one transaction at a time"))
    func overlappingPublishesOfOneServiceLeaveTheLastOnly() async throws {
        try await withTestApp(.postgres) { app async throws in
            let council = try await Fixture.council(on: app.db).council
            let loops = Array(app.eventLoopGroup.makeIterator())
            try #require(loops.count >= 2, "a connection for each publish")
            let first = try #require(app.databases.database(.psql, logger: app.logger, on: loops[0]))
            let second = try #require(app.databases.database(.psql, logger: app.logger, on: loops[1]))
            let id = "0000000a-0000-4000-8000-0000000000aa"
            @Sendable func publish(_ name: String, on database: any Database) async throws {
                try await DirectoryRecords.publish([ORUK.Service(id: id, organization_id: nil, name: name, description: nil)], councilID: council.id!, on: database, now: Date())
            }
            try await publish("Laptop loans", on: app.db)

            let later = try await first.transaction { tx -> Task<Void, any Error> in
                try await publish("Tablet lessons", on: tx)
                let later = Task { try await publish("Phone help", on: second) }
                // This transaction ends once the second publish waits for its locks.
                let sql = tx as! any SQLDatabase
                var waiting = 0
                for _ in 0..<200 where waiting == 0 {
                    try await Task.sleep(for: .milliseconds(25))
                    waiting = try await sql.raw("SELECT COUNT(*) AS waiting FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()")
                        .first()?.decode(column: "waiting", as: Int.self) ?? 0
                }
                #expect(waiting == 1, "the second publish waits for the first")
                return later
            }
            try await later.value
            let words = try await (app.db as! any SQLDatabase).select().column("word").from(DirectoryRecords.wordsSchema)
                .where("service_id", .equal, UUID(uuidString: id)!).all().map { try $0.decode(column: "word", as: String.self) }
            #expect(words.sorted() == SearchText.terms("Phone help").sorted())
        }
    }
}
