import Fluent
import Foundation
import Vapor

/// A run's layer as GeoJSON for GIS: every area's outline with its figures, and the licence
/// lines as an `attribution` member of the collection.
struct RunGeoJSON: Encodable {
    let type = "FeatureCollection"
    let attribution = RunView.attribution
    let features: [Feature]

    struct Feature: Encodable {
        let type = "Feature"
        let properties: Properties
        let geometry: Geometry
    }

    struct Properties: Encodable {
        let code: String
        let name: String
        let ward: String
        let layer: String
        let value: Double?
        let riskIndex: Double?
        let rank: Int?
        let partial: Bool

        enum CodingKeys: String, CodingKey {
            case code, name, ward, layer, value, riskIndex = "risk_index", rank, partial
        }

        /// Figures with no value are written as null, not left out, so every feature has the same columns.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(code, forKey: .code)
            try container.encode(name, forKey: .name)
            try container.encode(ward, forKey: .ward)
            try container.encode(layer, forKey: .layer)
            try container.encode(value, forKey: .value)
            try container.encode(riskIndex, forKey: .riskIndex)
            try container.encode(rank, forKey: .rank)
            try container.encode(partial, forKey: .partial)
        }
    }

    struct Geometry: Encodable {
        let type = "MultiPolygon"
        let coordinates: [[[[Double]]]]
    }

    static func make(_ view: RunView, layer: RunMap.Layer, on db: any Database) async throws -> RunGeoJSON {
        let shapes = try await AreaShape.query(on: db).filter(\.$geography == view.run.geography)
            .filter(\.$ladCode == view.run.ladCode).sort(\.$code).all()
        let scores = Dictionary(uniqueKeysWithValues: view.scores.map { ($0.areaCode, $0) })
        let values = try await RunMap.values(of: layer, in: view, on: db)
        let decoder = JSONDecoder()
        return RunGeoJSON(features: try shapes.map { shape in
            let score = scores[shape.code]
            return Feature(
                properties: Properties(
                    code: shape.code, name: view.names[shape.code] ?? "", ward: view.wards[shape.code] ?? "", layer: layer.key,
                    value: values[shape.code].map(rounded), riskIndex: score?.index.map(rounded), rank: score?.rank, partial: score?.isPartial ?? false
                ),
                geometry: Geometry(coordinates: try decoder.decode([[[[Double]]]].self, from: Data(shape.coordinates.utf8)))
            )
        })
    }

    /// Four decimal places: finer than any published figure.
    /// The layer as a GeoJSON file to save, for the staff run page and the published map alike.
    static func download(_ view: RunView, layer: RunMap.Layer, on db: any Database) async throws -> Response {
        let response = Response(status: .ok, body: .init(data: try JSONEncoder().encode(try await make(view, layer: layer, on: db))))
        response.headers.contentType = HTTPMediaType(type: "application", subType: "geo+json")
        response.headers.contentDisposition = .init(.attachment, filename: "risk-index-\(view.run.ladCode)-\(layer.key).geojson")
        return response
    }

    static func rounded(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }
}
