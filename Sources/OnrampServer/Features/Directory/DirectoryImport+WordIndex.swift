import Fluent
import SQLKit

extension DirectoryImport {
    /// The index of the services' words by word (CreateDirectory's), set aside while a large
    /// feed is written on SQLite and made again once at its end. Kept in step row by row, it
    /// was most of SQLite's time in an import: each word goes to a page of its own in an index
    /// larger than the cache (12 of 17 s to write 100,000 services' 1.5 million words, against
    /// 2.5 s to make it again from them all). The index by service stays: the import removes
    /// a service's old words by it.
    ///
    /// Only on SQLite, where the import's transaction hides the change from every other
    /// connection until it ends, and undoing the transaction restores the index. PostgreSQL
    /// would lock the table against every search until the import ended.
    struct WordIndexSetAside {
        static let name = "directory_service_words_word"
        /// Keeping the index in step cost about five times what making it again cost, a word
        /// (12.3 s for 1.5 million words against 2.5 s for all of them).
        static let inStepCostRatio = 5.0

        private let servicesBefore: Int?
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
        /// (`expectedServices`), are worth setting the index aside for: it is made again from
        /// every service's words, those the directory had and the feed's, so a small feed into
        /// a large directory keeps it in step. Only once the feed has given a batch.
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

        mutating func setAside(on database: any Database) async throws {
            try await (database as! any SQLDatabase).drop(index: Self.name).run()
            isSetAside = true
        }

        /// Makes the index again, as CreateDirectory made it, if it was set aside.
        func restore(on database: any Database) async throws {
            guard isSetAside else { return }
            try await (database as! any SQLDatabase).create(index: Self.name).on(DirectoryRecords.wordsSchema).column("word").column("service_id").run()
        }
    }
}
