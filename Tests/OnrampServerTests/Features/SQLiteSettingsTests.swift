import FluentKit
import Foundation
import SQLKit
import Testing
@testable import OnrampServer

/// SQLite's write-ahead log (`useWriteAheadLog`), kept in the file: on the connection of every
/// event loop, where requests' queries run, with every commit still synced to the disk; and
/// each of those connections keeps the larger page cache (`useLargerPageCache`).
@Suite struct SQLiteSettingsTests {
    @Test func everyConnectionWritesAheadAndSyncsEveryCommit() async throws {
        try await withTestApp(.sqlite) { app in
            struct Mode: Decodable { let journal_mode: String }
            struct Sync: Decodable { let synchronous: Int }
            struct Cache: Decodable { let cache_size: Int }
            for eventLoop in app.eventLoopGroup.makeIterator() {
                let database = try #require(app.databases.database(.sqlite, logger: app.logger, on: eventLoop) as? any SQLDatabase)
                #expect(try await database.raw("PRAGMA journal_mode").first(decoding: Mode.self)?.journal_mode == "wal")
                #expect(try await database.raw("PRAGMA synchronous").first(decoding: Sync.self)?.synchronous == 2, "FULL")
                #expect(try await database.raw("PRAGMA cache_size").first(decoding: Cache.self)?.cache_size == -sqlitePageCacheKiB)
            }
        }
    }
}
