import Foundation

/// Finds the features of a GeoJSON FeatureCollection in a stream of bytes, one at a time, so
/// that a boundary file for all of England is never held whole: only the feature being read.
///
/// It tracks just enough of JSON (nesting, strings, escapes) to find the top-level "features"
/// array and cut out each element; each element is then parsed on its own.
public struct GeoJSONFeatureReader {
    private var bytes: ByteSource
    private var depth = 0
    private var inString = false
    private var escaped = false
    /// At the top level: the key being read, the last key, and whether a key comes next.
    private var text: [UInt8] = []
    private var key = ""
    private var expectingKey = false
    private var type: String?
    /// The nesting at which features sit, once inside the "features" array.
    private var featuresDepth: Int?
    private var sawFeatures = false
    public private(set) var count = 0

    public init(chunks: @escaping () throws -> Data) {
        bytes = ByteSource(next: chunks)
    }

    /// The next feature's JSON, or nil at the end of the collection.
    public mutating func next() throws -> Data? {
        var feature: [UInt8] = []
        var capturing = false
        while let byte = bytes.take() {
            if capturing { feature.append(byte) }
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") {
                    inString = false
                    if depth == 1 { topLevelString() }
                } else if depth == 1 { text.append(byte) }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                inString = true
                text.removeAll(keepingCapacity: true)
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                if byte == UInt8(ascii: "{"), depth == featuresDepth, !capturing {
                    capturing = true
                    feature = [byte]
                }
                depth += 1
                if depth == 1 { expectingKey = true }
                if byte == UInt8(ascii: "["), depth == 2, key == "features" {
                    featuresDepth = 2
                    sawFeatures = true
                }
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 1, featuresDepth != nil { featuresDepth = nil }
                if capturing, depth == featuresDepth {
                    count += 1
                    return Data(feature)
                }
            case UInt8(ascii: ":") where depth == 1:
                expectingKey = false
            case UInt8(ascii: ",") where depth == 1:
                expectingKey = true
            default:
                break
            }
        }
        if let failure = bytes.failure { throw GeoJSON.Problem(description: "the file could not be read to the end: \(failure)") }
        if capturing || depth != 0 || inString {
            throw GeoJSON.Problem(description: "the file ends in the middle of feature \(count + 1) (is it cut short?)")
        }
        guard sawFeatures, type == nil || type == "FeatureCollection" else {
            throw GeoJSON.Problem(description: "this is not a GeoJSON FeatureCollection")
        }
        return nil
    }

    private mutating func topLevelString() {
        let string = String(decoding: text, as: UTF8.self)
        if expectingKey { key = string } else if key == "type" { type = string }
    }
}
