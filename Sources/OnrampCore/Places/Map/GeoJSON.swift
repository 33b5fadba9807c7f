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

    /// Reads what `coordinatesJSON` wrote: nothing if it is not a list of polygons, and without
    /// a polygon that has a point out of range. Read a byte at a time, where JSONSerialization
    /// made an object of every number: most of a whole-London map's first drawing (4,994 areas).
    public static func polygons(fromCoordinatesJSON text: String) -> [[Ring]] {
        var text = text
        return text.withUTF8 { bytes in
            var reader = CoordinatesReader(bytes: bytes)
            guard let polygons = reader.list({ $0.list { $0.list { $0.point() } } }), reader.atEnd else { return [] }
            return polygons.filter { polygon in
                polygon.allSatisfy { ring in ring.allSatisfy { (-180...180).contains($0.lon) && (-90...90).contains($0.lat) } }
            }
        }
    }
}

/// Nested JSON lists of numbers, read from UTF-8.
struct CoordinatesReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var offset = 0

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    var atEnd: Bool {
        mutating get { skipSpace(); return offset == bytes.count }
    }

    mutating func skipSpace() {
        while offset < bytes.count, bytes[offset] == 0x20 || bytes[offset] == 0x0A || bytes[offset] == 0x0D || bytes[offset] == 0x09 { offset += 1 }
    }

    /// Takes `byte` if it is next.
    mutating func take(_ byte: UInt8) -> Bool {
        skipSpace()
        guard offset < bytes.count, bytes[offset] == byte else { return false }
        offset += 1
        return true
    }

    /// `[item, item…]`, or nil if it is not one.
    mutating func list<Item>(_ item: (inout CoordinatesReader) -> Item?) -> [Item]? {
        guard take(UInt8(ascii: "[")) else { return nil }
        var items: [Item] = []
        if take(UInt8(ascii: "]")) { return items }
        repeat {
            guard let next = item(&self) else { return nil }
            items.append(next)
        } while take(UInt8(ascii: ","))
        return take(UInt8(ascii: "]")) ? items : nil
    }

    /// `[longitude, latitude]`, and any further numbers (a height) passed over: read without
    /// a list of its own, as there are hundreds of thousands.
    mutating func point() -> (lon: Double, lat: Double)? {
        guard take(UInt8(ascii: "[")), let lon = number(), take(UInt8(ascii: ",")), let lat = number() else { return nil }
        while take(UInt8(ascii: ",")) { guard number() != nil else { return nil } }
        return take(UInt8(ascii: "]")) ? (lon, lat) : nil
    }

    /// A number, read as Swift reads one from text: exactly, in any locale. A little more than
    /// JSON allows ("1." or "01") is read too; the text is only ever `coordinatesJSON`'s.
    mutating func number() -> Double? {
        skipSpace()
        let start = offset
        while offset < bytes.count, Self.isInNumber(bytes[offset]) { offset += 1 }
        guard offset > start, bytes[start] != UInt8(ascii: "+") else { return nil }
        return Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self))
    }

    static func isInNumber(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): true
        default: false
        }
    }
}

/// Hands out a fixed list of chunks, then empty data: the end.
final class IteratorChunks {
    private var chunks: [Data]
    init(_ chunks: [Data]) { self.chunks = chunks.reversed() }
    func next() -> Data { chunks.popLast() ?? Data() }
}
