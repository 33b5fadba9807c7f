/// Which area a point lies in, by its boundary: a resident's postcode placed in its LSOA so that
/// help can be counted by area, deprivation decile and risk band. Each area keeps its bounding
/// box, so most areas are ruled out without looking at a ring.
public struct AreaFinder: Sendable {
    struct Shape: Sendable {
        let code: String
        let rings: [[Point]]
        let west: Double, east: Double, south: Double, north: Double
    }

    struct Point: Sendable {
        let lon: Double
        let lat: Double
    }

    let shapes: [Shape]

    /// Areas by code, each as GeoJSON polygons (an outer ring, then its holes).
    public init(_ areas: [(code: String, polygons: [[GeoJSON.Ring]])]) {
        shapes = areas.compactMap { area in
            let rings = area.polygons.flatMap { $0 }.map { $0.map { Point(lon: $0.lon, lat: $0.lat) } }.filter { $0.count >= 3 }
            let points = rings.flatMap { $0 }
            guard let west = points.map(\.lon).min(), let east = points.map(\.lon).max(),
                  let south = points.map(\.lat).min(), let north = points.map(\.lat).max() else { return nil }
            return Shape(code: area.code, rings: rings, west: west, east: east, south: south, north: north)
        }
    }

    /// The code of the area holding the point, or nil when it is in none. A point in a hole, or
    /// in the space between a multipolygon's parts, is outside (the even-odd rule over every
    /// ring); on the rare edge two areas share, the first by code wins, so the answer is stable.
    public func area(longitude: Double, latitude: Double) -> String? {
        var found: String?
        for shape in shapes where longitude >= shape.west && longitude <= shape.east && latitude >= shape.south && latitude <= shape.north {
            guard Self.inside(longitude, latitude, shape.rings) else { continue }
            if found.map({ shape.code < $0 }) ?? true { found = shape.code }
        }
        return found
    }

    static func inside(_ x: Double, _ y: Double, _ rings: [[Point]]) -> Bool {
        var inside = false
        for ring in rings {
            var previous = ring[ring.count - 1]
            for point in ring {
                // A crossing of the horizontal ray from the point towards the east.
                if (point.lat > y) != (previous.lat > y),
                   x < (previous.lon - point.lon) * (y - point.lat) / (previous.lat - point.lat) + point.lon {
                    inside.toggle()
                }
                previous = point
            }
        }
        return inside
    }
}
