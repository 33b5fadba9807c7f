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
