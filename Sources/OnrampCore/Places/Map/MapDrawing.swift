import Foundation

/// Draws polygons in a box of given width: an equirectangular projection corrected for
/// latitude (true enough for a borough or a city), then each ring simplified to the pixel.
public struct MapProjection: Sendable {
    public let width: Double
    public let height: Double
    let minLon: Double, maxLat: Double, scale: Double, xFactor: Double
    static let margin = 4.0

    public init(bounding polygons: [[GeoJSON.Ring]], width: Double) {
        var minLon = Double.infinity, maxLon = -Double.infinity, minLat = Double.infinity, maxLat = -Double.infinity
        for ring in polygons.joined() {
            for point in ring {
                minLon = min(minLon, point.lon); maxLon = max(maxLon, point.lon)
                minLat = min(minLat, point.lat); maxLat = max(maxLat, point.lat)
            }
        }
        if !minLon.isFinite { (minLon, maxLon, minLat, maxLat) = (0, 1, 0, 1) }
        let xFactor = cos((minLat + maxLat) / 2 * .pi / 180)
        let spanX = max((maxLon - minLon) * xFactor, 1e-9), spanY = max(maxLat - minLat, 1e-9)
        let scale = (width - 2 * Self.margin) / spanX
        self.width = width
        self.height = (spanY * scale + 2 * Self.margin).rounded(.up)
        (self.minLon, self.maxLat, self.scale, self.xFactor) = (minLon, maxLat, scale, xFactor)
    }

    public func point(_ lon: Double, _ lat: Double) -> (x: Double, y: Double) {
        (Self.margin + (lon - minLon) * xFactor * scale, Self.margin + (maxLat - lat) * scale)
    }

    /// SVG path data for polygons: every ring projected, simplified to `tolerance` pixels, and
    /// written to a tenth of a pixel. Rings that shrink below a triangle are dropped.
    public func path(_ polygons: [[GeoJSON.Ring]], tolerance: Double = 0.5) -> String {
        var parts: [String] = []
        for ring in polygons.joined() {
            let projected = ring.map { point($0.lon, $0.lat) }
            let simple = Simplify.douglasPeucker(projected, tolerance: tolerance)
            guard simple.count >= 3 else { continue }
            var commands = "M" + Self.format(simple[0])
            var last = Self.format(simple[0])
            for point in simple.dropFirst() {
                let text = Self.format(point)
                if text != last { commands += "L" + text; last = text }
            }
            parts.append(commands + "Z")
        }
        return parts.joined()
    }

    static func format(_ point: (x: Double, y: Double)) -> String {
        number(point.x) + " " + number(point.y)
    }

    /// A tenth of a pixel is finer than any screen; whole numbers lose their ".0".
    public static func number(_ value: Double) -> String {
        let tenths = (value * 10).rounded()
        return tenths.truncatingRemainder(dividingBy: 10) == 0 ? String(Int(tenths / 10)) : String(format: "%.1f", tenths / 10)
    }
}

/// Douglas–Peucker line simplification: keeps the points that matter at this tolerance.
public enum Simplify {
    public static func douglasPeucker(_ points: [(x: Double, y: Double)], tolerance: Double) -> [(x: Double, y: Double)] {
        guard points.count > 2 else { return points }
        var keep = [Bool](repeating: false, count: points.count)
        keep[0] = true
        keep[points.count - 1] = true
        var stack = [(0, points.count - 1)]
        while let (first, last) = stack.popLast() {
            guard last > first + 1 else { continue }
            var worst = 0.0, index = first
            for i in (first + 1)..<last {
                let distance = Self.distance(points[i], from: points[first], to: points[last])
                if distance > worst { worst = distance; index = i }
            }
            if worst > tolerance {
                keep[index] = true
                stack.append((first, index))
                stack.append((index, last))
            }
        }
        return points.indices.filter { keep[$0] }.map { points[$0] }
    }

    static func distance(_ p: (x: Double, y: Double), from a: (x: Double, y: Double), to b: (x: Double, y: Double)) -> Double {
        let dx = b.x - a.x, dy = b.y - a.y
        let length = dx * dx + dy * dy
        guard length > 0 else { return hypot(p.x - a.x, p.y - a.y) }
        let t = max(0, min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / length))
        return hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy))
    }
}
