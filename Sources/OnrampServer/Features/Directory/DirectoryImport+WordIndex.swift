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
        /// Set aside once a feed has written at least this share of the services the directory
        /// had before: a small feed into a large directory would spend longer making the index
        /// again than keeping it in step.
        static let shareOfDirectory = 0.1

        private let servicesBefore: Int?
        private(set) var isSetAside = false

        /// Counts the services the directory has, on SQLite; on another database nothing is set aside.
        init(on database: any Database) async throws {
            let sql = database as! any SQLDatabase
            self.init(servicesBefore: sql.dialect.name == "sqlite" ? try await DirectoryService.query(on: database).count() : nil)
        }

        /// `servicesBefore` nil: nothing is set aside.
        init(servicesBefore: Int?) {
            self.servicesBefore = servicesBefore
        }

        /// Whether a feed that has given this many services so far (a batch's worth or more) is
        /// worth setting the index aside for.
        func isWorthIt(services: Int) -> Bool {
            guard let servicesBefore, !isSetAside else { return false }
            return services >= DirectoryImport.batchSize && Double(services) >= Double(servicesBefore) * Self.shareOfDirectory
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
