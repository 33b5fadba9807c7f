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
                let row = try #require(try await sql.raw("\(template.statement(binding: [first, second], on: sql))").first())
                #expect(try row.decode(column: "first", as: String.self) == first)
                #expect(try row.decode(column: "second", as: String.self) == second)
                #expect(try row.decode(column: "again", as: String.self) == second)
            }
        }
    }
}

/// Slots out of order, as a statement run again and again: on PostgreSQL, prepared by name.
private enum BothWays: RepeatedStatement {
    static let template = SQLTemplate { sql in
        sql.select().column(SQLTemplate.Slot(index: 1), as: "second").column(SQLTemplate.Slot(index: 0), as: "first").select
    }
}

@Suite struct RepeatedStatementTests {
    @Test(arguments: TestDatabase.available)
    func eachRunGivesItsOwnValuesAndPostgreSQLPreparesTheStatementOnce(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            // One transaction: one connection, whose prepared statements PostgreSQL lists.
            try await app.db.transaction { db in
                for (first, second) in [("a", "b"), ("c", "d"), ("e", "f")] {
                    let row = try #require(try await BothWays.all(binding: [first, second], on: db).first)
                    #expect(try row.decode(column: "first", as: String.self) == first)
                    #expect(try row.decode(column: "second", as: String.self) == second)
                }
                guard (db as! any SQLDatabase).dialect.name == "postgresql" else { return }
                let prepared = try await (db as! any SQLDatabase).raw("SELECT name FROM pg_prepared_statements").all().map { try $0.decode(column: "name", as: String.self) }
                #expect(prepared.filter { $0 == PreparedOnPostgres<BothWays>.name }.count == 1)
            }
        }
    }

    @Test func everyStatementsNameFitsPostgreSQLsLimit() {
        // Longer names are cut at 63 bytes, and two statements cut alike would share one name.
        #expect(PreparedOnPostgres<StaffSessions.SignedIn>.name == "OnrampServer.StaffSessions.SignedIn")
        #expect(PreparedOnPostgres<BothWays>.name.utf8.count <= 63)
    }
}
