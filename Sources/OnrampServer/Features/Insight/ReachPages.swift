import Fluent
import Foundation
import OnrampCore

/// Reach against risk: residents who asked for help per 1,000 people in each small area, beside
/// the area's risk index, as a map and a table, and the high-risk areas reached least.
enum ReachPages {
    struct Row: Sendable {
        let area: ProgrammeAreas.Area
        let line: AreaReach.Line
    }

    static func rows(_ reach: AreaReach) -> [Row] {
        let lines = Dictionary(uniqueKeysWithValues: reach.lines(by: .lsoa).lines.map { ($0.key, $0) })
        return reach.areas.areas.values.compactMap { area in lines[area.code].map { Row(area: area, line: $0) } }
            .sorted { ($0.area.riskIndex ?? -1, $1.area.code) > ($1.area.riskIndex ?? -1, $0.area.code) }
    }

    /// The highest risk fifth of areas, reached least first; ties by code.
    static func leastReached(_ reach: AreaReach, count: Int = 10) -> [Row] {
        Array(rows(reach).filter { $0.area.riskBand == 4 }.sorted { a, b in
            let (x, y) = (rate(a, reach), rate(b, reach))
            return x != y ? x < y : a.area.code < b.area.code
        }.prefix(count))
    }

    /// The true rate, for ordering only: what is published is the protected line.
    static func rate(_ row: Row, _ reach: AreaReach) -> Double {
        guard let population = row.area.population, population > 0 else { return .infinity }
        return Double(reach.reached[row.area.code] ?? 0) / population
    }

    static let head = ["Area", "Ward", "Risk index", "Risk band", "Population", "Residents", "Per 1,000 people"]

    static func fields(_ row: Row) -> [String] {
        [row.area.name, row.area.wardName ?? "", row.area.riskIndex.map { String(format: "%.1f", $0) } ?? "", row.area.riskBand.map { ProgrammeAreas.riskBands[$0] } ?? "",
         row.area.population.map { String(Int($0.rounded())) } ?? "", row.line.residents.words, AreaReach.number(row.line.perThousand)]
    }

    static func map(_ reach: AreaReach, on database: any Database) async throws -> HTML? {
        let rows = rows(reach)
        let shapes = try await AreaShape.outlines(.lsoa21, codes: rows.map(\.area.code), on: database)
        guard !shapes.isEmpty else { return nil }
        let byCode = Dictionary(uniqueKeysWithValues: rows.map { ($0.area.code, $0) })
        let breaks = Quantiles.breaks(rows.compactMap(\.line.perThousand))
        let areas = shapes.map { shape -> Choropleth.Area in
            let row = byCode[shape.code]
            let value = row?.line.perThousand
            let label = "\(row?.area.name ?? shape.code): " + (value.map { "\(AreaReach.number($0)) residents per 1,000 people" } ?? "fewer than 5 residents")
                + (row?.area.riskBand.map { ", \(ProgrammeAreas.riskBands[$0].lowercased())" } ?? "")
            return Choropleth.Area(label: label, href: SiteURL.area(.value(shape.code)).path, value: value, polygons: shape.polygons)
        }
        let svg = Choropleth.svg(areas: areas, outlines: [], breaks: breaks, lightestFirst: true, title: "Residents who asked for help per 1,000 people, by small area")
        let values = rows.compactMap(\.line.perThousand)
        let classes = Choropleth.classBounds(values: values, breaks: breaks).enumerated().map { index, bound -> HTML in
            let count = values.filter { Quantiles.classIndex(of: $0, breaks: breaks) == index }.count
            return "<li><svg width=\"24\" height=\"16\" aria-hidden=\"true\" focusable=\"false\"><rect width=\"24\" height=\"16\" fill=\"\(Choropleth.colour(forClass: index, of: breaks.count + 1))\" stroke=\"#0b0c0c\"/></svg> \(AreaReach.number(bound.low)) to \(AreaReach.number(bound.high)) per 1,000 (\(count) area\(count == 1 ? "" : "s"))</li>"
        }
        let hidden = rows.count - values.count
        let none: HTML = hidden == 0 ? .empty : "<li><svg width=\"24\" height=\"16\" aria-hidden=\"true\" focusable=\"false\"><rect width=\"24\" height=\"16\" fill=\"#ffffff\" stroke=\"#0b0c0c\"/><line x1=\"0\" y1=\"16\" x2=\"24\" y2=\"0\" stroke=\"#505a5f\"/></svg> Fewer than 5 residents, or not shown (\(hidden) area\(hidden == 1 ? "" : "s"))</li>"
        return """
        <div class="app-map-wrapper">\(svg)</div>
        <h2 class="govuk-heading-s">Key: five classes with about the same number of areas in each, darker is more residents per 1,000</h2>
        <ul class="govuk-list app-map-legend">\(classes)\(none)</ul>
        <p class="govuk-body-s">Each area on the map is a link to its page. Boundaries: Source: Office for National Statistics licensed under the OGL v3.0.</p>
        """
    }

    static func page(_ reach: AreaReach, map: HTML?, period: FinancialQuarter?, council: String, workedOut: HTML, today: CalendarDay) -> Page {
        let all = rows(reach)
        let least = leastReached(reach)
        let content: HTML
        if reach.areas.isEmpty {
            content = "<p class=\"govuk-body\">No risk index is computed for the council\u{2019}s areas yet. Compute one in <a class=\"govuk-link\" href=\"\(SiteURL.places.path)\">Places</a>, with the Census 2021 population imported.</p>"
        } else {
            content = """
            \(map ?? "<p class=\"govuk-body\">No boundaries are imported for these areas, so there is no map: the table has every figure.</p>")
            <h2 class="govuk-heading-m">High-risk areas reached least</h2>
            <p class="govuk-body">Areas in the highest risk fifth, fewest residents per 1,000 first: where outreach could go next.</p>
            \(least.isEmpty ? "<p class=\"govuk-body\">No area is in the highest risk fifth.</p>" as HTML
              : Components.table(caption: "High-risk areas reached least", head: head, rows: least.map { fields($0).map { "\($0)" } }, numericColumns: [2, 4, 5, 6]))
            \(Components.table(caption: "Every area, highest risk first", head: head, rows: all.map { fields($0).map { "\($0)" } }, numericColumns: [2, 4, 5, 6]))
            """
        }
        let query = [("period", period?.key ?? "")]
        return Page(title: "Reach against risk", content: """
        <h1 class="govuk-heading-l">Reach against risk</h1>
        <p class="govuk-body">Residents who asked for help, per 1,000 people in each small area (2021 LSOAs, Census 2021 population), beside the area\u{2019}s risk of digital exclusion from the council\u{2019}s latest risk index. A resident counts in the area their postcode lies in.</p>
        \(InsightPages.periodForm(.reach, period: period, today: today))
        \(workedOut)
        <p class="govuk-body">\(council), \(period?.label ?? "all time"). \(reach.unplaced) residents gave no postcode in a mapped area. Counts from 1 to 4 show as \u{201C}fewer than 5\u{201D}; some others are not shown so that totals cannot give them away.</p>
        <p class="govuk-body"><a class="govuk-link" href="\(SiteURL.reachCSV.path(query: query))">Download the table as CSV</a></p>
        \(content)
        """)
    }
}
