import Fluent
import Foundation
import OnrampCore

/// One import of an official file: what it was, which version, and exactly which bytes, so
/// every figure Onramp shows can be traced back to its source file.
final class DatasetImport: Model, @unchecked Sendable {
    static let schema = "dataset_imports"

    @ID(key: .id) var id: UUID?
    @Field(key: "dataset") var dataset: String
    @Field(key: "vintage") var vintage: String
    @Field(key: "file_name") var fileName: String
    @Field(key: "sha256") var sha256: String
    /// Data rows in the file, and how many were kept after the local authority filter.
    @Field(key: "file_rows") var fileRows: Int
    @Field(key: "kept_rows") var keptRows: Int
    /// The `--lad` filter, comma-separated; empty for the whole file.
    @Field(key: "lad_filter") var ladFilter: String
    @Field(key: "imported_at") var importedAt: Date

    init() {}

    init(dataset: String, vintage: String, fileName: String, sha256: String, fileRows: Int, keptRows: Int, ladFilter: String, importedAt: Date) {
        self.dataset = dataset
        self.vintage = vintage
        self.fileName = fileName
        self.sha256 = sha256
        self.fileRows = fileRows
        self.keptRows = keptRows
        self.ladFilter = ladFilter
        self.importedAt = importedAt
    }
}

/// A small area, ward or local authority, by its GSS code and the geography it belongs to
/// (a 2011 and a 2021 LSOA can share a code).
final class PlaceArea: Model, @unchecked Sendable {
    static let schema = "areas"

    @ID(key: .id) var id: UUID?
    @Field(key: "geography") var geography: String
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    @OptionalField(key: "ward_code") var wardCode: String?
    @OptionalField(key: "lad_code") var ladCode: String?
    @Field(key: "import_id") var importID: UUID

    init() {}
}

/// One indicator's value for one area, and the import it came from.
final class IndicatorValue: Model, @unchecked Sendable {
    static let schema = "indicator_values"

    @ID(key: .id) var id: UUID?
    @Field(key: "geography") var geography: String
    @Field(key: "area_code") var areaCode: String
    @Field(key: "indicator") var indicator: String
    @Field(key: "value") var value: Double
    @Field(key: "import_id") var importID: UUID

    init() {}
}

/// A row of ONS's LSOA 2011 → 2021 lookup.
final class LSOALink: Model, @unchecked Sendable {
    static let schema = "lsoa_links"

    @ID(key: .id) var id: UUID?
    @Field(key: "lsoa11") var lsoa11: String
    @Field(key: "lsoa21") var lsoa21: String
    @Field(key: "change") var change: String
    @Field(key: "lad_code") var ladCode: String
    @Field(key: "import_id") var importID: UUID

    init() {}
}

/// The geographies Onramp stores areas and values on.
enum Geography: String, CaseIterable, Sendable {
    case lsoa11, lsoa21, ward, lad
}

/// The small areas an index can be computed on: 2021 LSOAs (the Census's) or 2011 LSOAs
/// (IoD2019's, which many councils' earlier reports use).
enum LSOAGeography: String, CaseIterable, Sendable {
    case lsoa21, lsoa11

    var stored: Geography { self == .lsoa21 ? .lsoa21 : .lsoa11 }
    var year: Int { self == .lsoa21 ? 2021 : 2011 }
    var label: String { self == .lsoa21 ? "2021 LSOAs (Census 2021 areas)" : "2011 LSOAs (the areas of IoD2019)" }
}

/// An area's outline, as GeoJSON polygon coordinates (WGS84), from a boundary file.
final class AreaShape: Model, @unchecked Sendable {
    static let schema = "area_shapes"

    @ID(key: .id) var id: UUID?
    @Field(key: "geography") var geography: String
    @Field(key: "code") var code: String
    @OptionalField(key: "lad_code") var ladCode: String?
    @Field(key: "coordinates") var coordinates: String
    @Field(key: "import_id") var importID: UUID

    init() {}
}

/// An area's outline, read for drawing (`AreaShape.outlines`).
struct AreaOutline: Sendable {
    let code: String
    let polygons: [[GeoJSON.Ring]]
}

/// A public library's position, for the map.
final class LibraryPoint: Model, @unchecked Sendable {
    static let schema = "library_points"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "latitude") var latitude: Double
    @Field(key: "longitude") var longitude: Double
    @OptionalField(key: "lad_code") var ladCode: String?
    @Field(key: "is_closed") var isClosed: Bool
    @Field(key: "import_id") var importID: UUID

    init() {}
}

/// An indicator a council added from its own file. Its values are indicator values like any
/// other, under its key; the key is Onramp-wide, so one council cannot overwrite another's.
final class CouncilIndicator: Model, @unchecked Sendable {
    static let schema = "council_indicators"

    @ID(key: .id) var id: UUID?
    @Field(key: "council_id") var councilID: UUID
    @Field(key: "key") var key: String
    @Field(key: "label") var label: String
    /// A `RiskIndex.Component` raw value.
    @Field(key: "component") var component: String
    @Field(key: "reversed") var reversed: Bool
    /// The geography of the file it came from: lsoa21 or lsoa11.
    @Field(key: "geography") var geography: String
    @Field(key: "import_id") var importID: UUID
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    var indicator: RiskIndex.Indicator {
        RiskIndex.Indicator(key: key, label: label, component: RiskIndex.Component(rawValue: component) ?? .demography, reversed: reversed)
    }
}

extension DatasetImport {
    /// Which state the imported data is in, for what is kept in memory by it (maps, a run's page,
    /// the London map): area names, boundaries, libraries and figures change only by an import,
    /// and imports are only ever added, so their number changes whenever the data does.
    static func edition(on database: any Database) async throws -> Int {
        try await query(on: database).count()
    }
}
