import Fluent
import Foundation
import OnrampCore
import SQLKit

/// Writes checked rows in batches, replacing what an earlier import said about the same area
/// and indicator, so the newest import of a dataset is the one in force.
enum PlacesWriter {
    static let batchSize = 500

    /// Returns how many rows a file read as it is written held, or nil for the rest, which were counted when read.
    static func write(_ content: PlacesContent, importID: UUID, on database: any Database, now: Date) async throws -> Int? {
        let sql = database as! any SQLDatabase
        switch content {
        case .indicators(let geography, let rows):
            let values = rows.flatMap { row in
                row.values.sorted { $0.key < $1.key }.map { [geography.rawValue, row.code, $0.key, $0.value] as [any Encodable & Sendable] }
            }
            try await upsert(
                IndicatorValue.schema, columns: ["geography", "area_code", "indicator", "value"], rows: values,
                conflict: ["geography", "area_code", "indicator"], replace: ["value"], importID: importID, on: sql
            )
        case .areas(let geography, let rows):
            var areas: [[any Encodable & Sendable]] = rows.map { [geography.rawValue, $0.code, $0.name, $0.wardCode, $0.localAuthorityCode] }
            var wards: [String: AreaRow] = [:], authorities: [String: AreaRow] = [:]
            for row in rows {
                wards[row.wardCode] = row
                authorities[row.localAuthorityCode] = row
            }
            areas += wards.values.sorted { $0.wardCode < $1.wardCode }.map {
                [Geography.ward.rawValue, $0.wardCode, $0.wardName, $0.wardCode, $0.localAuthorityCode]
            }
            areas += authorities.values.sorted { $0.localAuthorityCode < $1.localAuthorityCode }.map {
                [Geography.lad.rawValue, $0.localAuthorityCode, $0.localAuthorityName, nil as String?, $0.localAuthorityCode]
            }
            try await upsert(
                PlaceArea.schema, columns: ["geography", "code", "name", "ward_code", "lad_code"], rows: areas,
                conflict: ["geography", "code"], replace: ["name", "ward_code", "lad_code"], importID: importID, on: sql
            )
        case .shapes(let geography, let shapes):
            try await upsert(
                AreaShape.schema, columns: ["geography", "code", "lad_code", "coordinates"],
                rows: shapes.map { [geography.rawValue, $0.code, $0.ladCode, $0.coordinates] },
                conflict: ["geography", "code"], replace: ["lad_code", "coordinates"], importID: importID, on: sql
            )
        case .libraries(let rows):
            try await upsert(
                LibraryPoint.schema, columns: ["name", "latitude", "longitude", "lad_code", "is_closed"],
                rows: rows.map { [$0.name, $0.latitude, $0.longitude, $0.localAuthority, $0.isClosed] },
                conflict: ["name", "latitude", "longitude"], replace: ["lad_code", "is_closed"], importID: importID, on: sql
            )
        case .postcodes(let rows):
            try await upsert(
                PostcodePoint.schema, columns: ["postcode", "latitude", "longitude", "lad_code"],
                rows: rows.map { [$0.postcode, $0.latitude, $0.longitude, $0.localAuthority] },
                conflict: ["postcode"], replace: ["latitude", "longitude", "lad_code"], importID: importID, on: sql
            )
        case .services(let services, let councilID):
            try await DirectoryImport.write(services, councilID: councilID, on: database, now: now)
        case .feed(let file, let councilID):
            return try await DirectoryImport.importFeed(file, councilID: councilID, on: database, now: now)
        case .links(let rows):
            try await upsert(
                LSOALink.schema, columns: ["lsoa11", "lsoa21", "change", "lad_code"],
                rows: rows.map { [$0.lsoa11, $0.lsoa21, $0.change, $0.localAuthority] },
                conflict: ["lsoa11", "lsoa21"], replace: ["change", "lad_code"], importID: importID, on: sql
            )
        }
        return nil
    }

    /// INSERT … ON CONFLICT DO UPDATE, which SQLite and PostgreSQL both speak.
    static func upsert(
        _ table: String, columns: [String], rows: [[any Encodable & Sendable]], conflict: [String], replace: [String],
        importID: UUID, on sql: any SQLDatabase
    ) async throws {
        for batch in rows.chunked(into: batchSize) {
            var insert = sql.insert(into: table).columns(["id"] + columns + ["import_id"])
            for row in batch { insert = insert.values([UUID()] + row + [importID]) }
            try await insert.onConflict(with: conflict) { update in
                var update = update
                for column in replace + ["import_id"] { update = update.set(excludedValueOf: column) }
                return update
            }.run()
        }
    }
}
