import Fluent
import Foundation
import OnrampCore
import SQLKit

/// Places each postcode in its 2021 LSOA from the imported boundaries, one local authority at a
/// time. Run after postcodes or 2021 boundaries are imported, in the same transaction, so a
/// resident's area is always that of the data imported.
enum PostcodeAreas {
    static func place(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        struct Authority: Decodable { let lad_code: String }
        let authorities = try await sql.select().distinct().column("lad_code").from(AreaShape.schema)
            .where("geography", .equal, Geography.lsoa21.rawValue).where("lad_code", .isNot, SQLLiteral.null).all(decoding: Authority.self)
        for authority in authorities.map(\.lad_code) {
            let shapes = try await AreaShape.query(on: database).filter(\.$geography == Geography.lsoa21.rawValue).filter(\.$ladCode == authority).all()
            let finder = AreaFinder(shapes.map { ($0.code, GeoJSON.polygons(fromCoordinatesJSON: $0.coordinates)) })
            struct Row: Decodable { let postcode: String; let latitude: Double; let longitude: Double }
            let postcodes = try await sql.select().columns("postcode", "latitude", "longitude").from(PostcodePoint.schema)
                .where("lad_code", .equal, authority).all(decoding: Row.self)
            let placed = Dictionary(grouping: postcodes) { finder.area(longitude: $0.longitude, latitude: $0.latitude) ?? "" }
            try await sql.update(PostcodePoint.schema).set("lsoa21", to: SQLLiteral.null).where("lad_code", .equal, authority).run()
            for (area, rows) in placed where !area.isEmpty {
                for chunk in rows.map(\.postcode).chunked(into: 1000) {
                    try await sql.update(PostcodePoint.schema).set("lsoa21", to: area).where("postcode", .in, Array(chunk)).run()
                }
            }
        }
    }
}
