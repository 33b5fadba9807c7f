import Fluent
import FluentPostgresDriver
import Foundation
import SQLKit
import Testing
@testable import OnrampServer

@Suite struct SQLTemplateTests {
    @Test(arguments: TestDatabase.available)
    func eachRunBindsItsOwnValuesInTheOrderTheSQLReadsTheSlots(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let sql = app.db as! any SQLDatabase
            let template = SQLTemplate { sql in
                sql.select().column(SQLTemplate.Slot(index: 1), as: "second").column(SQLTemplate.Slot(index: 0), as: "first").column(SQLTemplate.Slot(index: 1), as: "again").select
            }
            for (first, second) in [("a", "b"), ("c", "d")] {
                let row = try #require(try await sql.raw("\(template.filled(with: [first, second], on: sql))").first())
                #expect(try row.decode(column: "first", as: String.self) == first)
                #expect(try row.decode(column: "second", as: String.self) == second)
                #expect(try row.decode(column: "again", as: String.self) == second)
            }
        }
    }
}

/// Slots out of order, as a statement run again and again: on PostgreSQL, prepared by name.
enum BothWays: RepeatedStatement {
    static let template = SQLTemplate { sql in
        sql.select().column(SQLTemplate.Slot(index: 1), as: "second").column(SQLTemplate.Slot(index: 0), as: "first").select
    }
}

@Suite struct RepeatedStatementTests {
    @Test(arguments: TestDatabase.available)
    func eachRunGivesItsOwnValuesAndPostgreSQLPreparesTheStatementOnce(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            // One transaction: one connection, whose prepared statements PostgreSQL lists.
            try await app.db.transaction { tx in
                for (first, second) in [("a", "b"), ("c", "d"), ("e", "f")] {
                    let row = try #require(try await BothWays.all(binding: [first, second], on: tx).first)
                    #expect(try row.decode(column: "first", as: String.self) == first)
                    #expect(try row.decode(column: "second", as: String.self) == second)
                }
                guard db == .postgres else { return }
                let prepared = try await (tx as! any SQLDatabase).raw("SELECT name FROM pg_prepared_statements").all().map { try $0.decode(column: "name", as: String.self) }
                #expect(prepared.filter { $0 == PreparedOnPostgres<BothWays>.name }.count == 1)
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func aStatementThatCannotBePreparedRunsUnnamed(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            // One connection, not in a transaction, whose statement's name is already taken, so
            // that PostgreSQL refuses to prepare it; PostgresNIO then refuses every later run by
            // that name on the connection.
            let seconds = try await app.db.withConnection { connection in
                if db == .postgres {
                    try await (connection as! any SQLDatabase).raw("PREPARE \(ident: PreparedOnPostgres<BothWays>.name) AS SELECT 1").run()
                }
                var seconds: [String] = []
                for second in ["b", "d"] {
                    seconds += try await BothWays.all(binding: ["a", second], on: connection).map { try $0.decode(column: "second", as: String.self) }
                }
                return seconds
            }
            #expect(seconds == ["b", "d"])
        }
    }

    @Test func aDatabaseThatCannotBeReachedIsNotAskedTwice() {
        #expect(!BothWays.runsAgainUnnamed(after: ConnectionPoolTimeoutError.connectionRequestTimeout))
        #expect(!BothWays.runsAgainUnnamed(after: CancellationError()))
        struct NameTaken: Error {}
        #expect(BothWays.runsAgainUnnamed(after: NameTaken()))
    }

    @Test func everyStatementsNameIsItsOwnAndFitsPostgreSQLsLimit() {
        // Longer names are cut at 63 bytes, and two statements cut alike would share one name.
        let names = [PreparedOnPostgres<StaffSessions.SignedIn>.name, PreparedOnPostgres<BothWays>.name]
        #expect(names == ["OnrampServer.StaffSessions.SignedIn", "OnrampServerTests.BothWays"])
        #expect(names.allSatisfy { $0.utf8.count <= 63 })
    }
}
