import Foundation

/// The polygons of a GeoJSON FeatureCollection (WGS84), keyed by a code property.
public enum GeoJSON {
    public typealias Ring = [(lon: Double, lat: Double)]

    public struct Feature: @unchecked Sendable {
        public let code: String
        public let properties: [String: Any]
        /// Polygons, each an outer ring then its holes.
        public let polygons: [[Ring]]
    }

    public struct Problem: Error, CustomStringConvertible {
        public let description: String
    }

    /// The code property is the first of `codeKeys` a feature has ("LSOA21CD", "WD25CD"…).
    public static func features(from data: Data, codeKeys: [String]) throws -> [Feature] {
        var features: [Feature] = []
        try eachFeature(chunks: IteratorChunks([data]).next, codeKeys: codeKeys) { features.append($0) }
        return features
    }

    /// Each feature of a FeatureCollection read from `chunks`, one at a time, handed to `body`.
    public static func eachFeature(chunks: @escaping () throws -> Data, codeKeys: [String], _ body: (Feature) throws -> Void) throws {
        var reader = GeoJSONFeatureReader(chunks: chunks)
        while let json = try reader.next() {
            guard let object = try? JSONSerialization.jsonObject(with: json) as? [String: Any] else {
                throw Problem(description: "feature \(reader.count) is not valid JSON")
            }
            try body(try feature(object, number: reader.count, codeKeys: codeKeys))
        }
    }

    static func feature(_ feature: [String: Any], number: Int, codeKeys: [String]) throws -> Feature {
        let properties = feature["properties"] as? [String: Any] ?? [:]
        guard let code = codeKeys.lazy.compactMap({ properties[$0] as? String }).first else {
            throw Problem(description: "feature \(number) has none of the properties \(codeKeys.joined(separator: ", "))")
        }
        guard let geometry = feature["geometry"] as? [String: Any], let type = geometry["type"] as? String,
              let coordinates = geometry["coordinates"] as? [Any]
        else { throw Problem(description: "feature \(number) (\(code)) has no geometry") }
        let polygons: [[Ring]]
        switch type {
        case "Polygon": polygons = [try rings(coordinates, code: code)]
        case "MultiPolygon": polygons = try coordinates.map { try rings($0 as? [Any] ?? [], code: code) }
        default: throw Problem(description: "feature \(number) (\(code)) is a \(type), not a polygon")
        }
        return Feature(code: code, properties: properties, polygons: polygons)
    }

    static func rings(_ value: [Any], code: String) throws -> [Ring] {
        try value.map { ring in
            guard let points = ring as? [[Any]] else { throw Problem(description: "\(code) has a malformed ring") }
            return try points.map { point in
                guard point.count >= 2, let lon = (point[0] as? NSNumber)?.doubleValue, let lat = (point[1] as? NSNumber)?.doubleValue,
                      (-180...180).contains(lon), (-90...90).contains(lat)
                else { throw Problem(description: "\(code) has a point that is not a longitude and latitude") }
                return (lon, lat)
            }
        }
    }

    /// One polygon set back to GeoJSON coordinates, for storing and for downloads.
    public static func coordinatesJSON(_ polygons: [[Ring]]) -> String {
        "[" + polygons.map { polygon in
            "[" + polygon.map { ring in "[" + ring.map { "[\($0.lon),\($0.lat)]" }.joined(separator: ",") + "]" }.joined(separator: ",") + "]"
        }.joined(separator: ",") + "]"
    }

    /// Reads what `coordinatesJSON` wrote.
    public static func polygons(fromCoordinatesJSON text: String) -> [[Ring]] {
        guard let value = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [Any] else { return [] }
        return value.compactMap { try? rings($0 as? [Any] ?? [], code: "") }
    }
}

/// Hands out a fixed list of chunks, then empty data: the end.
final class IteratorChunks {
    private var chunks: [Data]
    init(_ chunks: [Data]) { self.chunks = chunks.reversed() }
    func next() -> Data { chunks.popLast() ?? Data() }
}
