import Fluent
import SQLKit

extension DirectoryImport {
    /// Indexes no statement of an import reads, set aside while a large feed is written on
    /// SQLite and made again, each once, at its end. Kept in step row by row, each row goes to
    /// a page of its own in an index larger than the cache, read from the file and, once the
    /// cache is full, written out again:
    /// - the index of words by word was most of SQLite's time in an import (12 of 17 s to write
    ///   100,000 services' 1.5 million words, against 2.5 s to make it again from them all);
    /// - the four others, by name, by language, and of links and locations by place, were a
    ///   fifth of the pages a 100,000-service import read and a quarter of its writes (2.01
    ///   million reads and 5.5 million writes in step, 1.59 and 4.1 million set aside), about
    ///   5 of its 38 s, and take about a second to make again.
    ///
    /// The indexes by service stay, since the import removes a service's old rows by them, and
    /// so do those that keep ids unique, which the import's own inserts ask.
    ///
    /// Only on SQLite, where the import's transaction hides the change from every other
    /// connection until it ends, and undoing the transaction restores the indexes. PostgreSQL
    /// would lock the tables against every search until the import ended.
    struct IndexesSetAside {
        static let names = [
            "directory_service_words_word", "directory_services_name", "directory_services_languages",
            "directory_locations_strip", "directory_service_locations_place",
        ]
        /// Keeping the word index in step cost about five times what making it again cost, a
        /// word (12.3 s for 1.5 million words against 2.5 s for all of them); the others about
        /// as much (5 s in step against 1.1 s made again, for 100,000 services).
        static let inStepCostRatio = 5.0

        private let servicesBefore: Int?
        /// The statement that made each index set aside, as the database keeps it, so that
        /// each comes back exactly as its migration made it.
        private var madeBy: [String] = []
        private var isSetAside = false

        /// Counts the services the directory has, on SQLite; on another database nothing is set aside.
        init(on database: any Database) async throws {
            let sql = database as! any SQLDatabase
            self.init(servicesBefore: sql.dialect.name == "sqlite" ? try await DirectoryService.query(on: database).count() : nil)
        }

        /// `servicesBefore` nil: nothing is set aside.
        init(servicesBefore: Int?) {
            self.servicesBefore = servicesBefore
        }

        /// Whether the services a feed has still to give, of the `expected`
        /// (`expectedServices`), are worth setting the indexes aside for: they are made again
        /// from every service, those the directory had and the feed's, so a small feed into a
        /// large directory keeps them in step. Only once the feed has given a batch.
        func isWorthIt(servicesRead: Int, expected: Int) -> Bool {
            guard let servicesBefore, !isSetAside, servicesRead >= DirectoryImport.batchSize else { return false }
            return Double(expected - servicesRead) * Self.inStepCostRatio >= Double(servicesBefore + expected)
        }

        /// The services a feed will give: those read so far, in `bytesRead` of the
        /// `contentSize` bytes it will supply, or those read alone when its size is not known.
        static func expectedServices(read: Int, bytesRead: Int, contentSize: Int?) -> Int {
            guard let contentSize, bytesRead > 0 else { return read }
            return read * contentSize / bytesRead
        }

        /// Each index's statement is the database's own record of it (`LiveSchema`). Only on
        /// SQLite: `isWorthIt` says no elsewhere.
        mutating func setAside(on database: any Database) async throws {
            let sql = database as! any SQLDatabase
            let indexes = try await LiveSchema.read(database).indexes
            for name in Self.names {
                guard let statement = indexes[name] else { continue }
                madeBy.append(statement)
                try await sql.drop(index: name).run()
            }
            isSetAside = true
        }

        /// Makes each index set aside again, by the statement that made it.
        func restore(on database: any Database) async throws {
            let sql = database as! any SQLDatabase
            // The statements are the database's own record of what the migrations ran, not a visitor's.
            for statement in madeBy { try await sql.raw("\(unsafeRaw: statement)").run() }
        }
    }
}
