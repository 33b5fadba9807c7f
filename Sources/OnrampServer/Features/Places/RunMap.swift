import Fluent
import Foundation
import Vapor
import OnrampCore

/// The map of a run: one layer at a time (the index, a component or an indicator's score),
/// five quantile classes, ward boundaries over the LSOAs.
struct RunMap: Sendable {
    enum Layer: Equatable, Sendable {
        case index
        case component(RiskIndex.Component)
        case indicator(RiskIndex.Indicator)
        /// The IMD 2019 decile as imported (carried to 2021 areas), in fixed classes of two deciles.
        case imdDecile

        /// The layer named `key` among a run's, or the index.
        init(_ key: String?, in settings: RunSettings) {
            if key == "imd_decile" { self = .imdDecile }
            else if let component = key.flatMap(RiskIndex.Component.init(rawValue:)) { self = .component(component) }
            else if let indicator = key.flatMap(settings.indicator) { self = .indicator(indicator) }
            else { self = .index }
        }

        var key: String {
            switch self {
            case .index: "index"
            case .component(let component): component.rawValue
            case .indicator(let indicator): indicator.key
            case .imdDecile: "imd_decile"
            }
        }

        var label: String {
            switch self {
            case .index: "Risk index"
            case .component(let component): component.label
            case .indicator(let indicator): indicator.label
            case .imdDecile: "IMD 2019 decile"
            }
        }

        static func all(_ settings: RunSettings) -> [Layer] {
            [.index] + RiskIndex.Component.allCases.map(Layer.component) + settings.indicators.compactMap(settings.indicator).map(Layer.indicator) + [.imdDecile]
        }

        func value(_ score: IndexScore) -> Double? {
            switch self {
            case .index: score.index
            case .component(let component): score.score(of: component)
            case .indicator(let indicator): AreaView.decode(score.indicators)[indicator.key]?.last
            case .imdDecile: nil
            }
        }
    }

    let layer: Layer
    let links: AreaLinks
    let svg: HTML
    let legend: [(colour: String, low: Double, high: Double, count: Int)]
    let missing: Int

    let ward: String?
    let libraries: [String]

    /// A map is drawn once per set of runs, layer, ward and state of the imported data, then
    /// served from memory: a whole-London map takes about half a second to draw.
    /// Where each area on the map leads: its page for staff, or its row in the table beside a
    /// public map (the area pages are not public), or on a map of many authorities its
    /// authority's run page, one link for all its areas.
    enum AreaLinks: String, Sendable {
        case areaPages, tableRows, runPages
    }

    static func cached(_ view: RunView, layer: Layer, ward: String?, local: Bool = true, links: AreaLinks = .areaPages, app: Application) async throws -> RunMap? {
        let imports = try await DatasetImport.edition(on: app.db)
        let runs = Set(view.scores.map(\.runID)).map(\.uuidString).sorted().joined(separator: ",")
        let key = [runs, layer.key, ward ?? "", String(local), links.rawValue, String(imports)].joined(separator: "|")
        if let map = app.onramp.maps[key] { return map }
        guard let map = try await make(view, layer: layer, ward: ward, local: local, links: links, on: app.db) else { return nil }
        app.onramp.maps.keep(map, as: key)
        return map
    }

    /// Each area's figure on `layer`: from the run's scores, or for the IMD decile from the
    /// imported values, carried to 2021 areas and rounded to a whole decile.
    static func values(of layer: Layer, in view: RunView, on db: any Database) async throws -> [String: Double] {
        guard layer == .imdDecile else {
            return Dictionary(uniqueKeysWithValues: view.scores.compactMap { score in layer.value(score).map { (score.areaCode, $0) } })
        }
        let inputs = try await IndexInputs.load(view.run.lsoaGeography, codes: view.scores.map(\.areaCode), on: db)
        return inputs.areas.compactMapValues { $0.values["imd_decile"].map { $0.rounded() } }
    }

    /// The map of the whole authority, or of one ward (`view` already narrowed to it).
    /// `local` adds the authority's ward lines and libraries; a map of many authorities has neither.
    static func make(_ view: RunView, layer: Layer, ward: String?, local: Bool = true, links: AreaLinks = .areaPages, on db: any Database) async throws -> RunMap? {
        let inView = Set(view.scores.map(\.areaCode))
        let shapes = try await AreaShape.outlines(view.run.lsoaGeography.stored, codes: Array(inView), on: db)
        guard !shapes.isEmpty else { return nil }
        let wardCode = ward.flatMap { code in view.wardCodes.values.contains(code) ? code : nil }
        let wards = !local ? [] : try await AreaShape.query(on: db).filter(\.$geography == Geography.ward.rawValue).filter(\.$ladCode == view.run.ladCode).all()
            .filter { wardCode == nil || $0.code == wardCode }
        let scores = Dictionary(uniqueKeysWithValues: view.scores.map { ($0.areaCode, $0) })
        let values = try await Self.values(of: layer, in: view, on: db)
        // Deciles are ranks across England, so their classes are fixed: 1–2, 3–4 … 9–10.
        let breaks = layer == .imdDecile ? [2, 4, 6, 8] : Quantiles.breaks(Array(values.values))
        let classes = breaks.count + 1
        let areas = links == .runPages ? [] : shapes.map { shape -> Choropleth.Area in
            let name = view.names[shape.code] ?? shape.code
            let value = values[shape.code]
            let label: String
            if let value, layer == .imdDecile {
                label = "\(name): IMD decile \(Int(value)) (1 is the most deprived tenth of England)"
            } else if let value {
                let band = Quantiles.bandName(of: value, breaks: breaks)
                let what = layer == .index ? "risk" : layer.label.lowercased()
                label = "\(name): \(what) \(RunView.format(value)) of 10, \(band)"
            } else {
                label = "\(name): no figure"
            }
            var href = links == .tableRows ? "#area-\(shape.code)" : SiteURL.area(.value(shape.code)).path
            if links == .areaPages, let id = scores[shape.code]?.runID { href += "?run=\(id.uuidString)" }
            return Choropleth.Area(label: label, href: href, value: value, polygons: shape.polygons)
        }
        let outlines = wards.map { GeoJSON.polygons(fromCoordinatesJSON: $0.coordinates) }
        let libraries = !local ? [] : try await LibraryPoint.query(on: db).filter(\.$ladCode == view.run.ladCode).filter(\.$isClosed == false).sort(\.$name).all()
        let place = wardCode.flatMap { code in view.wardChoices.first { $0.code == code }?.name }.map { "\($0) ward" } ?? view.ladName
        // Libraries only on the whole-authority map: a ward map would put some outside its edge.
        let points = wardCode == nil ? libraries.map { Choropleth.Point(label: "\($0.name) library", longitude: $0.longitude, latitude: $0.latitude) } : []
        let title = "\(layer.label) by area in \(place)" + (local ? ", with ward boundaries" : "")
        let svg = links == .runPages
            ? Choropleth.svg(regions: regions(shapes, of: view, layer: layer, values: values, breaks: breaks), outlines: outlines, points: points, breaks: breaks, darkestFirst: layer == .imdDecile, title: title)
            : Choropleth.svg(areas: areas, outlines: outlines, points: points, breaks: breaks, darkestFirst: layer == .imdDecile, title: title)
        let bounds = layer == .imdDecile ? [(1.0, 2.0), (3, 4), (5, 6), (7, 8), (9, 10)] : Choropleth.classBounds(values: Array(values.values), breaks: breaks)
        let legend = bounds.enumerated().map { index, bound in
            (Choropleth.colour(forClass: layer == .imdDecile ? classes - 1 - index : index, of: classes), bound.0, bound.1,
             values.values.filter { Quantiles.classIndex(of: $0, breaks: breaks) == index }.count)
        }
        return RunMap(
            layer: layer, links: links, svg: svg, legend: legend, missing: shapes.count - values.filter { inView.contains($0.key) }.count,
            ward: wardCode, libraries: wardCode == nil ? libraries.map(\.name) : []
        )
    }

    /// Each run's areas as one link to that run's map on the same layer, named by its authority
    /// and how many of its areas are in the class most in need on this map (its own map, drawn
    /// from its areas alone, has classes of its own), by name.
    static func regions(_ shapes: [AreaOutline], of view: RunView, layer: Layer, values: [String: Double], breaks: [Double]) -> [Choropleth.Region] {
        let runs = Dictionary(view.scores.map { ($0.areaCode, $0.runID) }, uniquingKeysWith: { a, _ in a })
        return Dictionary(grouping: shapes) { runs[$0.code] }.compactMap { runID, shapes -> Choropleth.Region? in
            guard let runID else { return nil }
            let figures = shapes.compactMap { values[$0.code] }
            let most = layer == .imdDecile ? figures.filter { $0 <= 2 }.count : figures.filter { Quantiles.classIndex(of: $0, breaks: breaks) == breaks.count }.count
            let none = shapes.count - figures.count
            let label = "\(view.authorityNames[runID] ?? view.ladName), \(shapes.count) areas: \(most) \(layer == .imdDecile ? "in deciles 1 and 2, the most deprived" : "in the highest band of this map")"
                + (none == 0 ? "" : ", \(none) with no figure")
            return Choropleth.Region(label: label, href: SiteURL.indexRun(.value(runID)).path(query: [("layer", layer.key)]), areas: shapes.map { (values[$0.code], $0.polygons) })
        }.sorted { $0.label < $1.label }
    }

    /// The legend, the layer chooser and the map, for the run page (or, given `action`, another page).
    func html(view: RunView, action: String? = nil, sort: String = "rank") -> HTML {
        let items = legend.map { item -> HTML in
            let bounds = layer == .imdDecile ? "Deciles \(Int(item.low)) and \(Int(item.high))\(item.low == 1 ? ", most deprived" : "")" : "\(RunView.format(item.low)) to \(RunView.format(item.high))"
            return "<li><svg width=\"24\" height=\"16\" aria-hidden=\"true\" focusable=\"false\"><rect width=\"24\" height=\"16\" fill=\"\(item.colour)\" stroke=\"#0b0c0c\"/></svg> \(bounds) (\(item.count) area\(item.count == 1 ? "" : "s"))</li>"
        }
        let none: HTML = missing == 0 ? .empty : "<li><svg width=\"24\" height=\"16\" aria-hidden=\"true\" focusable=\"false\"><rect width=\"24\" height=\"16\" fill=\"#ffffff\" stroke=\"#0b0c0c\"/><line x1=\"0\" y1=\"16\" x2=\"24\" y2=\"0\" stroke=\"#505a5f\"/></svg> No figure (\(missing) area\(missing == 1 ? "" : "s"))</li>"
        let choices = Layer.all(view.settings).map { Components.Choice(value: $0.key, label: $0.label) }
        return """
        <h2 class="govuk-heading-m">Map: \(layer.label)</h2>
        <form method="get" action="\(action ?? SiteURL.indexRun(.value(view.run.id!)).path)" class="app-filter">
        \(Components.select(name: "layer", label: "Show on the map", options: choices, selected: layer.key, error: nil))
        \(action != nil ? HTML.empty : Components.select(name: "ward", label: "Area", options: [Components.Choice(value: "", label: "All of \(view.ladName)")] + view.wardChoices.map { Components.Choice(value: $0.code, label: "\($0.name) ward") }, selected: ward, error: nil)))
        <input type="hidden" name="sort" value="\(sort)">
        \(Components.button("Show", style: .secondary))
        </form>
        <div class="app-map-wrapper">\(svg)</div>
        <h3 class="govuk-heading-s">\(layer == .imdDecile ? "Key: two deciles to a class, darker is more deprived" : "Key: five classes with about the same number of areas in each, darker is higher")</h3>
        <ul class="govuk-list app-map-legend">\(items)\(none)</ul>
        \(HTML.when(!libraries.isEmpty, "<p class=\"govuk-body\">White circles are the \(libraries.count) open public libraries: \(libraries.joined(separator: ", ")).</p>"))
        \(HTML.when(action == nil, "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"\(SiteURL.indexRunGeoJSON(.value(view.run.id!)).path(query: [("layer", layer.key)]))\">Download this layer as GeoJSON</a> (the whole authority)</p>"))
        <p class="govuk-body-s">\(links == .runPages ? "Each borough on the map is a link to its own map, where each area is a link to its figures." : "Each area on the map is a link to its figures.")\(action == nil ? " Thick lines are ward boundaries." : "") Boundaries: Source: Office for National Statistics licensed under the OGL v3.0.</p>
        """
    }
}
