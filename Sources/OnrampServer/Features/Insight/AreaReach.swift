import Fluent
import Foundation
import OnrampCore
import SQLKit

/// How many different residents asked for help in a period, by the area they live in, and the
/// areas grouped by ward, decile or risk band with their population: the reach of the programme.
struct AreaReach: Sendable {
    enum Grouping: String, CaseIterable, Sendable {
        case ward
        case lsoa
        case imdDecile = "imd"
        case riskBand = "risk"

        var label: String {
            switch self {
            case .ward: "Ward"
            case .lsoa: "Small area (2021 LSOA)"
            case .imdDecile: "Deprivation decile (IMD 2019)"
            case .riskBand: "Risk band"
            }
        }

        /// The group an area belongs to, as its key and words; nil when the area lacks the figure.
        func group(of area: ProgrammeAreas.Area) -> (key: String, label: String)? {
            switch self {
            case .ward: area.wardCode.map { ($0, area.wardName ?? $0) }
            case .lsoa: (area.code, area.name)
            case .imdDecile: area.imdDecile.map { (String(format: "%02d", $0), $0 == 1 ? "1 (most deprived)" : $0 == 10 ? "10 (least deprived)" : String($0)) }
            case .riskBand: area.riskBand.map { (String(4 - $0), ProgrammeAreas.riskBands[$0]) }
            }
        }
    }

    struct Line: Sendable {
        let key: String
        let label: String
        let residents: SmallNumbers.Cell
        let population: Double
        /// Residents reached per 1,000 people, when the count is shown.
        let perThousand: Double?
    }

    let areas: ProgrammeAreas
    /// Area code → residents reached.
    let reached: [String: Int]
    /// Residents reached whose area is not known (no postcode, or outside the mapped areas).
    let unplaced: Int

    /// Residents with a request for help made in `period` (all time when nil), counted in the
    /// database by the area their postcode lies in.
    static func load(_ scope: Scope, period: FinancialQuarter?, on database: any Database) async throws -> AreaReach {
        var cases = scope.query(HelpCase.self, on: database)
        if let period {
            let bounds = period.londonBounds
            cases = cases.filter(\.$createdAt >= bounds.start).filter(\.$createdAt < bounds.end)
        }
        let rows = try await cases.sqlSelect()
            .join(Resident.schema, on: SQLColumn("resident_id", table: HelpCase.schema), .equal, SQLColumn("id", table: Resident.schema))
            .join(PostcodePoint.schema, method: SQLJoinMethod.left, on: SQLColumn("postcode", table: Resident.schema), .equal, SQLColumn("postcode", table: PostcodePoint.schema))
            .column(ProgrammeAreas.residentArea, as: "area")
            .column(SQLFunction("COUNT", args: SQLDistinct(SQLColumn("resident_id", table: HelpCase.schema))), as: "residents")
            .groupBy(ProgrammeAreas.residentArea).all()
        let areas = try await ProgrammeAreas.load(scope, on: database)
        var reached: [String: Int] = [:], unplaced = 0
        for row in rows {
            let residents = try row.decode(column: "residents", as: Int.self)
            if let code = try row.decode(column: "area", as: String?.self), areas.areas[code] != nil { reached[code] = residents } else { unplaced += residents }
        }
        return AreaReach(areas: areas, reached: reached, unplaced: unplaced)
    }

    /// One line per group, in the group's order, small counts protected with their total.
    func lines(by grouping: Grouping) -> (lines: [Line], total: SmallNumbers.Cell) {
        var groups: [String: (label: String, residents: Int, population: Double)] = [:]
        for area in areas.areas.values {
            guard let group = grouping.group(of: area) else { continue }
            groups[group.key, default: (group.label, 0, 0)].residents += reached[area.code] ?? 0
            groups[group.key, default: (group.label, 0, 0)].population += area.population ?? 0
        }
        let ordered = groups.sorted { grouping == .ward || grouping == .lsoa ? $0.value.label < $1.value.label : $0.key < $1.key }
        let table = SmallNumbers.protect([ordered.map(\.value.residents)])
        let lines = ordered.enumerated().map { index, group -> Line in
            let cell = table.cells[0][index]
            let rate: Double? = cell.isHidden || group.value.population <= 0 ? nil : 1000 * Double(group.value.residents) / group.value.population
            return Line(key: group.key, label: group.value.label, residents: cell, population: group.value.population, perThousand: rate)
        }
        return (lines, table.total)
    }

    static func number(_ value: Double?) -> String {
        value.map { String(format: "%.1f", $0) } ?? "not shown"
    }
}
