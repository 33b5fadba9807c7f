import Fluent
import Foundation
import OnrampCore
import SQLKit

/// Whether the people who asked for help look like the borough: by age band and disability, as
/// they told the triage, against Census 2021 for the council's areas; and their ethnic group and
/// sex where they chose to say (no census comparison is imported for those).
struct Equality: Sendable {
    struct Comparison: Sendable {
        let title: String
        let groups: [String]
        let lines: [Representation.Line]
        let total: SmallNumbers.Cell
        /// People whose answer is not known, left out of the shares.
        let unknown: Int
    }

    struct Recorded: Sendable {
        let title: String
        let groups: [String]
        let cells: [SmallNumbers.Cell]
        let total: SmallNumbers.Cell
    }

    let people: Int
    let comparisons: [Comparison]
    let recorded: [Recorded]
    let hasCensus: Bool

    static func load(_ scope: Scope, period: FinancialQuarter?, on database: any Database) async throws -> Equality {
        var query = scope.query(HelpCase.self, on: database).sort(\.$createdAt)
        if let period {
            let bounds = period.londonBounds
            query = query.filter(\.$createdAt >= bounds.start).filter(\.$createdAt < bounds.end)
        }
        // Each person once, as their latest request in the period describes them: narrow rows,
        // a request's answers read only for the latest.
        var latest: [UUID: String] = [:]
        for row in try await query.sqlSelect().column("resident_id").column("answers").all() {
            latest[try row.decode(column: "resident_id", as: UUID.self)] = try row.decode(column: "answers", as: String.self)
        }
        let answers = latest.mapValues(TriageAnswers.stored)
        let areas = try await ProgrammeAreas.load(scope, on: database).areas.values

        let ages = TriageQuestions.question("age")?.options ?? []
        let agePeople = ages.map { band in areas.reduce(0.0) { $0 + ($1.ages[band.value] ?? 0) } }
        let ageCounts = ages.map { band in answers.values.filter { $0.first("age") == band.value }.count }
        let age = Representation.lines(helped: ageCounts, population: agePeople)

        let disabledPeople = areas.reduce(0.0) { $0 + ($1.disabled ?? 0) }
        let allPeople = areas.reduce(0.0) { $0 + ($1.disabled == nil ? 0 : $1.population ?? 0) }
        let disabledCount = answers.values.filter { $0["about-you"].contains("disability") }.count
        let disability = Representation.lines(helped: [disabledCount, answers.count - disabledCount], population: [disabledPeople, allPeople - disabledPeople])

        // The optional equality answers of the same people, counted in the database.
        let people = query.sqlSelect().column(SQLColumn("resident_id", table: HelpCase.schema))
        var answered: [String: [String?: Int]] = [:]
        for field in ["ethnicity", "sex"] {
            for row in try await (database as! any SQLDatabase).select().column(field, as: "answer").countingAll(as: "people").from(ResidentEquality.schema)
                .where(SQLColumn("resident_id"), .in, SQLGroupExpression(people.select)).groupBy(field).all() {
                answered[field, default: [:]][try row.decode(column: "answer", as: String?.self)] = try row.decode(column: "people", as: Int.self)
            }
        }
        let recorded = EqualityMonitoring.questions.filter { $0.field == "ethnicity" || $0.field == "sex" }.map { question -> Recorded in
            let options = question.options.map(\.0)
            let counts = options.map { option in answered[question.field]?[option] ?? 0 }
            let table = SmallNumbers.protect([counts])
            return Recorded(title: question.legend, groups: question.options.map(\.1), cells: table.cells[0], total: table.total)
        }
        return Equality(
            people: answers.count,
            comparisons: [
                Comparison(title: "Age", groups: ages.map(\.label), lines: age.lines, total: age.total, unknown: answers.count - ageCounts.reduce(0, +)),
                Comparison(title: "Disability or long-term condition", groups: ["Told us of one", "Did not tell us of one"], lines: disability.lines,
                           total: disability.total, unknown: 0),
            ],
            recorded: recorded, hasCensus: agePeople.reduce(0, +) > 0
        )
    }
}
