import Fluent
import Foundation
import OnrampCore

/// The coverage gap as a map and tables: the highest-risk fifth of areas within a walk of free
/// help to get online or not, and the directory's places where new help would reach most.
enum CoveragePages {
    static let classes = ["Not in the highest risk fifth", "Highest risk fifth, within a walk of help", "Highest risk fifth, not within a walk of help"]

    static func people(_ value: Double) -> String { Int(value.rounded()).formatted(.number.locale(Locale(identifier: "en_GB"))) }

    static func map(_ coverage: Coverage, on database: any Database) async throws -> HTML? {
        let shapes = try await AreaShape.outlines(.lsoa21, codes: Array(coverage.areas.areas.keys), on: database)
        guard !shapes.isEmpty else { return nil }
        let highRisk = Set(coverage.highRisk.map(\.code))
        let areas = shapes.map { shape -> Choropleth.Area in
            let value: Double = !highRisk.contains(shape.code) ? 0 : coverage.result.coveredAreas.contains(shape.code) ? 1 : 2
            let name = coverage.areas.areas[shape.code]?.name ?? shape.code
            return Choropleth.Area(label: "\(name): \(classes[Int(value)].lowercased())", href: SiteURL.area(.value(shape.code)).path, value: value, polygons: shape.polygons)
        }
        let points = coverage.existing.map { Choropleth.Point(label: "\($0.name): free help to get online", longitude: $0.position.longitude, latitude: $0.position.latitude) }
        let svg = Choropleth.svg(areas: areas, outlines: [], points: points, breaks: [0, 1], title: "The highest risk fifth of areas and the places with free help to get online")
        let key = classes.enumerated().map { index, words -> HTML in
            "<li><svg width=\"24\" height=\"16\" aria-hidden=\"true\" focusable=\"false\"><rect width=\"24\" height=\"16\" fill=\"\(Choropleth.colour(forClass: index, of: 3))\" stroke=\"#0b0c0c\"/></svg> \(words)</li>"
        }
        return """
        <div class="app-map-wrapper">\(svg)</div>
        <ul class="govuk-list app-map-legend">\(key)<li><svg width="24" height="16" aria-hidden="true" focusable="false"><circle cx="12" cy="8" r="6" fill="#ffffff" stroke="#0b0c0c" stroke-width="2.5"/></svg> A place with free Wi-Fi, public computers or skills help (\(coverage.existing.count))</li></ul>
        <p class="govuk-body-s">Each area on the map is a link to its page. Boundaries: Source: Office for National Statistics licensed under the OGL v3.0.</p>
        """
    }

    static func page(_ coverage: Coverage, map: HTML?, council: String) -> Page {
        let result = coverage.result
        let content: HTML
        if coverage.highRisk.isEmpty {
            content = "<p class=\"govuk-body\">No risk index is computed for the council\u{2019}s areas yet, or their boundaries are not imported. See <a class=\"govuk-link\" href=\"\(SiteURL.places.path)\">Places</a>.</p>"
        } else {
            let uncovered = coverage.highRisk.filter { !result.coveredAreas.contains($0.code) }.sorted { $0.population > $1.population }
            var cumulative = result.covered
            let useful = result.ranking.filter { $0.added > 0 }
            let ranking = useful.prefix(20).enumerated().map { index, pick -> [HTML] in
                cumulative += pick.added
                return ["\(index + 1)", "<a class=\"govuk-link\" href=\"\(SiteURL.directoryPlace(.value(UUID(uuidString: pick.place.id)!)).path)\">\(pick.place.name)</a>",
                        "\(people(pick.added))", "\(pick.areas.count)", "\(InsightPages.percent(result.population > 0 ? cumulative / result.population : nil))"]
            }
            content = """
            \(Components.summaryList([
                .init(key: "People in the highest risk fifth of areas", value: "\(people(result.population)) in \(coverage.highRisk.count) areas"),
                .init(key: "Within 800 metres of help", value: "\(people(result.covered)) (\(InsightPages.percent(result.share)))"),
                .init(key: "Places with free Wi-Fi, computers or skills help", value: "\(coverage.existing.count)"),
            ]))
            \(map ?? .empty)
            <h2 class="govuk-heading-m">Where new help would reach most</h2>
            <p class="govuk-body">Places in the directory that do not offer this help yet, each ranked by the people of the highest-risk areas it would bring within a walk, not counting those the places above it already would.</p>
            \(useful.isEmpty ? "<p class=\"govuk-body\">No place in the directory would bring more of these people within a walk of help. Add community places to the directory to see where to go next.</p>" as HTML
              : Components.table(caption: "Where new help would reach most", head: ["Rank", "Place", "People newly within a walk", "Areas", "Covered after this"], rows: ranking, numericColumns: [0, 2, 3, 4]))
            \(HTML.when(result.ranking.count > useful.count, "<p class=\"govuk-body\">\(result.ranking.count - useful.count) other places in the directory would add no one.</p>"))
            \(Components.table(caption: "Highest-risk areas not within a walk of help", head: ["Area", "Ward", "Population"],
                               rows: uncovered.map { area in ["\(coverage.areas.areas[area.code]?.name ?? area.code)", "\(coverage.areas.areas[area.code]?.wardName ?? "")", "\(people(area.population))"] },
                               numericColumns: [2]))
            """
        }
        return Page(title: "Coverage gap", content: """
        <h1 class="govuk-heading-l">Coverage gap</h1>
        <p class="govuk-body">How many people in the council\u{2019}s highest-risk fifth of areas live within 800 metres (about a 10-minute walk) of free Wi-Fi, public computers or digital skills help listed in the directory, and where new help would reach the most of those who do not. Each area\u{2019}s people (Census 2021) are counted at its centre point, so this is a guide, not a measurement of every home.</p>
        <p class="govuk-body">\(council).</p>
        \(content)
        """)
    }
}
