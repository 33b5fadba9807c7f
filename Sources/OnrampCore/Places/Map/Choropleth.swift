/// A choropleth as SVG that needs no script: five quantile classes in a sequential palette
/// (each class darker than the last, so it reads in greyscale too), a hatch for areas with no
/// figure, every area (or every region of areas, such as a borough) a link with its own
/// accessible name, and outlines drawn over the top.
public enum Choropleth {
    /// ColorBrewer PuBu, lightest to darkest.
    public static let palette = ["#f1eef6", "#bdc9e1", "#74a9cf", "#2b8cbe", "#045a8d"]

    public struct Area {
        public let label: String
        public let href: String
        public let value: Double?
        public let polygons: [[GeoJSON.Ring]]

        public init(label: String, href: String, value: Double?, polygons: [[GeoJSON.Ring]]) {
            self.label = label
            self.href = href
            self.value = value
            self.polygons = polygons
        }
    }

    /// The palette colour of each class when there are `classes` of them: spread from light to dark.
    public static func colour(forClass index: Int, of classes: Int) -> String {
        guard classes > 1 else { return palette[palette.count - 1] }
        return palette[Int((Double(index) * Double(palette.count - 1) / Double(classes - 1)).rounded())]
    }

    /// A place drawn as a marker over the areas, such as a library.
    public struct Point {
        public let label: String
        public let longitude: Double
        public let latitude: Double

        public init(label: String, longitude: Double, latitude: Double) {
            self.label = label
            self.longitude = longitude
            self.latitude = latitude
        }
    }

    /// Areas drawn under one link, named once: a borough's on a map of all London, where a link
    /// for each of 4,994 areas a few pixels across would be as many stops for a keyboard.
    public struct Region: Sendable {
        public let label: String
        public let href: String
        public let areas: [(value: Double?, polygons: [[GeoJSON.Ring]])]

        public init(label: String, href: String, areas: [(value: Double?, polygons: [[GeoJSON.Ring]])]) {
            self.label = label
            self.href = href
            self.areas = areas
        }
    }

    /// Every area a link of its own. `darkestFirst` reverses the palette, for a measure where low
    /// means more need (a decile of deprivation). `lightestFirst` puts the lightest areas first
    /// for a keyboard or a screen reader, for a measure where they are the ones most in need
    /// (help reached).
    public static func svg(
        areas: [Area], outlines: [[[GeoJSON.Ring]]], points: [Point] = [], breaks: [Double], darkestFirst: Bool = false,
        lightestFirst: Bool = false, title: String, width: Double = 720
    ) -> HTML {
        let projection = MapProjection(bounding: areas.flatMap(\.polygons), width: width)
        let fill = fill(breaks: breaks, darkestFirst: darkestFirst)
        // The title names the link, for a screen reader and as a tooltip, so it is not said twice.
        let shapes = classGroups(areas.map { area in
            (fill(area.value), "<a href=\"\(area.href)\"><title>\(area.label)</title><path d=\"\(projection.path(area.polygons))\"/></a>" as HTML)
        }, lightestFirst: lightestFirst)
        return drawing(shapes, projection: projection, hatched: areas.contains { $0.value == nil }, outlines: outlines, points: points, title: title)
    }

    /// Each region a link, its areas drawn in their classes' colours within it, in the order given.
    public static func svg(
        regions: [Region], outlines: [[[GeoJSON.Ring]]], points: [Point] = [], breaks: [Double], darkestFirst: Bool = false, title: String, width: Double = 720
    ) -> HTML {
        let projection = MapProjection(bounding: regions.flatMap { $0.areas.flatMap(\.polygons) }, width: width)
        let fill = fill(breaks: breaks, darkestFirst: darkestFirst)
        // Regions are drawn at once on every core: simplifying and writing 4,994 areas' paths
        // was a sixth of the first drawing of all London.
        let shapes = regions.concurrentMap { region -> HTML in
            let members = classGroups(region.areas.map { (fill($0.value), "<path d=\"\(projection.path($0.polygons))\"/>" as HTML) }, lightestFirst: false)
            return "<a href=\"\(region.href)\"><title>\(region.label)</title>\(members)</a>"
        }
        let hatched = regions.contains { $0.areas.contains { $0.value == nil } }
        return drawing(shapes.joined(), projection: projection, hatched: hatched, outlines: outlines, points: points, title: title)
    }

    static let missing = "url(#app-map-missing)"

    /// The fill of a value: its class's colour, or the hatch for no figure.
    static func fill(breaks: [Double], darkestFirst: Bool) -> @Sendable (Double?) -> String {
        let classes = breaks.count + 1
        return { value in
            value.map { value -> String in
                let index = Quantiles.classIndex(of: value, breaks: breaks)
                return colour(forClass: darkestFirst ? classes - 1 - index : index, of: classes)
            } ?? missing
        }
    }

    /// The shapes of a class share a group that colours them, rather than each saying its colour
    /// (a sixth of a borough's map): the most in need first, as a keyboard or a screen reader
    /// meets them; each class in the order given; no figure last. Every fill drawn has its
    /// group, once.
    static func classGroups(_ shapes: [(fill: String, html: HTML)], lightestFirst: Bool) -> HTML {
        var order: [String] = []
        for fill in (lightestFirst ? palette : palette.reversed()) + [missing] + shapes.map(\.fill) where !order.contains(fill) { order.append(fill) }
        return order.map { fill -> HTML in
            let members = shapes.filter { $0.fill == fill }.map(\.html)
            return members.isEmpty ? .empty : "<g fill=\"\(fill)\">\(members)</g>"
        }.joined()
    }

    /// The map's parts, each only where it has something to draw: the hatch where an area has
    /// no figure, outlines, markers. No `xmlns`: in an HTML page an `svg` element is SVG.
    static func drawing(_ shapes: HTML, projection: MapProjection, hatched: Bool, outlines: [[[GeoJSON.Ring]]], points: [Point], title: String) -> HTML {
        let hatch: HTML = hatched ? """
            <defs><pattern id="app-map-missing" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/><line x1="0" y1="0" x2="0" y2="6" stroke="#505a5f" stroke-width="1.5"/></pattern></defs>

            """ : .empty
        // One path for every outline: they are drawn alike and name nothing, so one `d` does.
        let lines: HTML = outlines.isEmpty ? .empty : """
            <g class="app-map__outlines" fill="none" stroke="#0b0c0c" stroke-width="1.6" stroke-linejoin="round" aria-hidden="true"><path d="\(projection.path(Array(outlines.joined()), tolerance: 1))"/></g>

            """
        let circles = points.map { point -> HTML in
            let (x, y) = projection.point(point.longitude, point.latitude)
            return "<circle cx=\"\(MapProjection.number(x))\" cy=\"\(MapProjection.number(y))\" r=\"6\"><title>\(point.label)</title></circle>"
        }
        let markers: HTML = points.isEmpty ? .empty : """
            <g class="app-map__points" fill="#ffffff" stroke="#0b0c0c" stroke-width="2.5">\(circles)</g>

            """
        return """
        <svg class="app-map" viewBox="0 0 \(Int(projection.width)) \(Int(projection.height))" width="\(Int(projection.width))" height="\(Int(projection.height))" aria-labelledby="app-map-title">
        <title id="app-map-title">\(title)</title>
        \(hatch)<g class="app-map__areas" stroke="#0b0c0c" stroke-width="0.4" stroke-linejoin="round">\(shapes)</g>
        \(lines)\(markers)</svg>
        """
    }

    /// Each class's bounds, as the legend states them: "2.1 to 3.4".
    public static func classBounds(values: [Double], breaks: [Double]) -> [(low: Double, high: Double)] {
        guard let low = values.min(), let high = values.max() else { return [] }
        let edges = [low] + breaks + [high]
        return (0..<(edges.count - 1)).map { (edges[$0], edges[$0 + 1]) }
    }
}
