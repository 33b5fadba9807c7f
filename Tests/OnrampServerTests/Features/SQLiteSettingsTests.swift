import FluentKit
import Foundation
import SQLKit
import Testing
@testable import OnrampServer

/// SQLite's settings (`useSQLiteSettings`) on the connection of every event loop, where
/// requests' queries run: the write-ahead log, kept in the file, with every commit still synced
/// to the disk, and a writer that waits for another by sleeping.
@Suite struct SQLiteSettingsTests {
    @Test func everyConnectionWritesAheadSyncsEveryCommitAndWaitsAsleep() async throws {
        try await withTestApp(.sqlite) { app in
            struct Mode: Decodable { let journal_mode: String }
            struct Sync: Decodable { let synchronous: Int }
            struct Wait: Decodable { let timeout: Int }
            for eventLoop in app.eventLoopGroup.makeIterator() {
                let database = try #require(app.databases.database(.sqlite, logger: app.logger, on: eventLoop) as? any SQLDatabase)
                #expect(try await database.raw("PRAGMA journal_mode").first(decoding: Mode.self)?.journal_mode == "wal")
                #expect(try await database.raw("PRAGMA synchronous").first(decoding: Sync.self)?.synchronous == 2, "FULL")
                #expect(try await database.raw("PRAGMA busy_timeout").first(decoding: Wait.self)?.timeout == sqliteBusyTimeout)
            }
        }
    }
}
