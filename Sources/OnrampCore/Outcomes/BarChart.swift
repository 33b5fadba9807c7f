/// A column chart drawn on the server as SVG: one column a quarter, each labelled with its
/// number, so it reads without colour or a pointer. Pages always put the same figures in a
/// table beside it; the chart is a picture of that table.
public enum BarChart {
    public struct Bar: Sendable, Equatable {
        public let label: String
        /// Nil when the figure is hidden (a small number): no column, and the words instead.
        public let value: Int?
        public let words: String

        public init(label: String, value: Int?, words: String? = nil) {
            self.label = label
            self.value = value
            self.words = words ?? value.map(String.init) ?? "not shown"
        }
    }

    static let height = 180.0
    static let top = 24.0
    static let bottom = 40.0

    /// Bars `barWidth` wide with a gap between; the tallest reaches the top. `title` names the
    /// chart for screen readers, which then read each column's label and figure.
    public static func svg(title: String, bars: [Bar], barWidth: Double = 56) -> HTML {
        let gap = barWidth / 3
        let width = Double(bars.count) * (barWidth + gap) + gap
        let largest = Double(max(1, bars.compactMap(\.value).max() ?? 1))
        let plot = height - top - bottom
        let columns = bars.enumerated().map { index, bar -> HTML in
            let x = gap + Double(index) * (barWidth + gap)
            let tall = bar.value.map { plot * Double($0) / largest } ?? 0
            let y = top + plot - tall
            let centre = MapProjection.number(x + barWidth / 2)
            let column: HTML = tall > 0
                ? "<rect x=\"\(MapProjection.number(x))\" y=\"\(MapProjection.number(y))\" width=\"\(MapProjection.number(barWidth))\" height=\"\(MapProjection.number(tall))\"/>"
                : .empty
            return """
            <g role="listitem" aria-label="\(bar.label): \(bar.words)">\(column)\
            <text x="\(centre)" y="\(MapProjection.number(y - 6))" text-anchor="middle" class="app-chart__figure">\(bar.words)</text>\
            <text x="\(centre)" y="\(MapProjection.number(height - bottom + 18))" text-anchor="middle">\(bar.label)</text></g>
            """
        }
        return """
        <svg class="app-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(Int(width.rounded(.up))) \(Int(height))" width="\(Int(width.rounded(.up)))" height="\(Int(height))" role="img" aria-label="\(title)">
        <title>\(title)</title>
        <line x1="0" y1="\(MapProjection.number(height - bottom))" x2="\(Int(width.rounded(.up)))" y2="\(MapProjection.number(height - bottom))" stroke="#0b0c0c"/>
        <g fill="#1d70b8" font-size="14" role="list">\(columns)</g>
        </svg>
        """
    }
}
