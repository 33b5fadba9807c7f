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

    /// SVG path data for polygons: every ring projected, simplified to `tolerance` pixels and
    /// rounded to the whole pixel, each point written as a step from the last (short numbers, one
    /// command letter a ring). A ring too small to keep three distinct whole pixels is written
    /// unsimplified to the tenth of a pixel instead, so that no small area vanishes; one that is
    /// a single tenth of a pixel is dropped.
    public func path(_ polygons: [[GeoJSON.Ring]], tolerance: Double = 0.5) -> String {
        var path = ""
        for ring in polygons.joined() {
            let projected = ring.map { point($0.lon, $0.lat) }
            if let pixels = Self.distinct(Simplify.douglasPeucker(projected, tolerance: tolerance), per: 1, atLeast: 3), Self.area(pixels) != 0 {
                Self.append(pixels, tenths: false, to: &path)
            } else if let tenths = Self.distinct(projected, per: 10, atLeast: 2) {
                Self.append(tenths, tenths: true, to: &path)
            }
        }
        return path
    }

    /// The points rounded to 1/`per` of a pixel, in those units, without a point that repeats
    /// the one before (or the first: closing the ring draws that line); nil when fewer are left.
    static func distinct(_ points: [(x: Double, y: Double)], per: Double, atLeast minimum: Int) -> [(x: Int, y: Int)]? {
        var rounded: [(x: Int, y: Int)] = []
        rounded.reserveCapacity(points.count)
        // A point that is not a number (a broken boundary) is left out rather than drawn.
        for point in points where point.x.isFinite && point.y.isFinite && abs(point.x) < 1e9 && abs(point.y) < 1e9 {
            let next = (x: Int((point.x * per).rounded()), y: Int((point.y * per).rounded()))
            if let last = rounded.last, last == next { continue }
            rounded.append(next)
        }
        if rounded.count > 1, rounded[0] == rounded[rounded.count - 1] { rounded.removeLast() }
        return rounded.count >= minimum ? rounded : nil
    }

    /// Twice the ring's area (the shoelace formula): 0 when rounding has laid it flat.
    static func area(_ points: [(x: Int, y: Int)]) -> Int {
        zip(points, points.dropFirst() + [points[0]]).reduce(0) { $0 + $1.0.x * $1.1.y - $1.1.x * $1.0.y }
    }

    /// "M" to the first point, then "l" and each step from the point before, then "z". A minus
    /// sign is itself a separator, so a space is written only before a number without one.
    static func append(_ points: [(x: Int, y: Int)], tenths: Bool, to path: inout String) {
        func number(_ value: Int) -> String { tenths ? Self.tenths(value) : String(value) }
        path += "M" + number(points[0].x) + " " + number(points[0].y) + "l"
        var previous = points[0], first = true
        func step(_ value: Int) {
            if value >= 0 && !first { path += " " }
            path += number(value)
            first = false
        }
        for point in points.dropFirst() {
            step(point.x - previous.x)
            step(point.y - previous.y)
            previous = point
        }
        path += "z"
    }

    /// A tenth of a pixel is finer than any screen; whole numbers lose their ".0".
    public static func number(_ value: Double) -> String {
        value.isFinite && abs(value) < 1e9 ? tenths(Int((value * 10).rounded())) : "0"
    }

    /// A count of tenths as a decimal: 123 is "12.3", -5 is "-0.5", 40 is "4".
    static func tenths(_ count: Int) -> String {
        let sign = count < 0 ? "-" : "", size = abs(count)
        return size % 10 == 0 ? sign + String(size / 10) : sign + String(size / 10) + "." + String(size % 10)
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
