import Fluent
import Foundation
import OnrampCore
import SQLKit

/// The areas an index is scaled against.
enum IndexBase: String, CaseIterable, Sendable {
    case localAuthority = "lad", london, england

    var label: String {
        switch self {
        case .localAuthority: "The local authority itself"
        case .london: "All of London"
        case .england: "All of England"
        }
    }
}

extension PlaceArea {
    /// The local authorities that have LSOAs of `geography`, which are the ones the index can
    /// be computed for on it (a 2011 lookup also brings authorities abolished since).
    static func localAuthorities(_ geography: LSOAGeography = .lsoa21, on database: any Database) async throws -> [PlaceArea] {
        struct Row: Decodable { let lad_code: String? }
        let current = try await (database as! any SQLDatabase).select().distinct().column("lad_code").from(PlaceArea.schema)
            .where("geography", .equal, geography.rawValue).all(decoding: Row.self).compactMap(\.lad_code)
        return try await PlaceArea.query(on: database).filter(\.$geography == Geography.lad.rawValue)
            .filter(\.$code ~~ current).sort(\.$name).all()
    }

    static func find(_ geography: Geography, _ code: String, on database: any Database) async throws -> PlaceArea? {
        try await PlaceArea.query(on: database).filter(\.$geography == geography.rawValue).filter(\.$code == code).first()
    }

    /// The code, name and ward of each LSOA of one local authority: column by column,
    /// where a model is read through reflection (a whole-London map's first drawing read 4,994).
    static func lsoaNames(_ geography: LSOAGeography, lad: String, on database: any Database) async throws -> [(code: String, name: String, wardCode: String?)] {
        try await (database as! any SQLDatabase).select().columns("code", "name", "ward_code").from(PlaceArea.schema)
            .where("geography", .equal, geography.rawValue).where("lad_code", .equal, lad).all()
            .map { (try $0.decode(column: "code", as: String.self), try $0.decode(column: "name", as: String.self), try $0.decode(column: "ward_code", as: String?.self)) }
    }

    /// Code → name of each of `codes` in `geography`, a thousand codes a query.
    static func names(_ geography: Geography, codes: [String], on database: any Database) async throws -> [String: String] {
        var names: [String: String] = [:]
        for chunk in codes.chunked(into: 1000) {
            for row in try await (database as! any SQLDatabase).select().columns("code", "name").from(PlaceArea.schema)
                .where("geography", .equal, geography.rawValue).where("code", .in, Array(chunk)).all() {
                names[try row.decode(column: "code", as: String.self)] = try row.decode(column: "name", as: String.self)
            }
        }
        return names
    }

    /// The LSOAs of one local authority, or of every one whose code starts with `prefix`.
    static func lsoas(_ geography: LSOAGeography = .lsoa21, lad: String? = nil, ladPrefix: String? = nil, on database: any Database) async throws -> [PlaceArea] {
        var query = PlaceArea.query(on: database).filter(\.$geography == geography.rawValue)
        if let lad { query = query.filter(\.$ladCode == lad) }
        if let ladPrefix { query = query.filter(\.$ladCode =~ ladPrefix) }
        return try await query.sort(\.$code).all()
    }
}

extension IndexScore {
    static let columns = ["run_id", "area_code", "risk_index", "demography", "connectivity", "deprivation", "indicators", "missing", "is_partial", "rank"]

    /// A run's scores by rank.
    static func ofRun(_ runID: UUID, on database: any Database) async throws -> [IndexScore] {
        try await (database as! any SQLDatabase).select().columns(columns).from(schema).where("run_id", .equal, runID).orderBy("rank").all()
            .map { row in
                IndexScore(
                    runID: runID, areaCode: try row.decode(column: "area_code", as: String.self),
                    index: try row.decode(column: "risk_index", as: Double?.self), demography: try row.decode(column: "demography", as: Double?.self),
                    connectivity: try row.decode(column: "connectivity", as: Double?.self), deprivation: try row.decode(column: "deprivation", as: Double?.self),
                    indicators: try row.decode(column: "indicators", as: String.self), missing: try row.decode(column: "missing", as: String.self),
                    isPartial: try row.decode(column: "is_partial", as: Bool.self), rank: try row.decode(column: "rank", as: Int.self)
                )
            }
    }

    /// Writes `scores`, a batch of rows a statement, each with an id of its own.
    static func insert(_ scores: [IndexScore], on database: any Database) async throws {
        for batch in scores.chunked(into: PlacesWriter.batchSize) {
            var insert = (database as! any SQLDatabase).insert(into: schema).columns(["id"] + columns)
            for score in batch {
                let row: [any Encodable & Sendable] = [
                    UUID(), score.runID, score.areaCode, score.index, score.demography, score.connectivity, score.deprivation,
                    score.indicators, score.missing, score.isPartial, score.rank,
                ]
                insert = insert.values(row)
            }
            try await insert.run()
        }
    }
}

extension AreaShape {
    /// The outlines of `codes` in `geography`, by code, five hundred codes a query: the code
    /// and coordinates alone, column by column, where a model is read through reflection. The
    /// queries run together, so that one chunk's coordinates are read from their text while the
    /// database reads the next: the whole-London map's 4,994 outlines are its longest step.
    static func outlines(_ geography: Geography, codes: [String], on database: any Database) async throws -> [AreaOutline] {
        let sql = database as! any SQLDatabase
        let outlines = try await withThrowingTaskGroup(of: [AreaOutline].self) { group in
            for chunk in codes.chunked(into: 500) {
                group.addTask {
                    try await sql.select().columns("code", "coordinates").from(AreaShape.schema)
                        .where("geography", .equal, geography.rawValue).where("code", .in, Array(chunk)).all()
                        .map { AreaOutline(code: try $0.decode(column: "code", as: String.self), polygons: GeoJSON.polygons(fromCoordinatesJSON: try $0.decode(column: "coordinates", as: String.self))) }
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        return outlines.sorted { $0.code < $1.code }
    }
}

extension CouncilIndicator {
    /// Onramp's indicators, then the council's own: what its runs can weigh.
    static func catalogue(councilID: UUID, on database: any Database) async throws -> [RiskIndex.Indicator] {
        let own = try await CouncilIndicator.query(on: database).filter(\.$councilID == councilID).sort(\.$key).all()
        return RiskIndex.standardIndicators + RiskIndex.optionalIndicators + own.map(\.indicator)
    }
}

/// Indicator values for 2021 or 2011 LSOAs: each area's own, and those imported on the other
/// geography carried across through ONS's lookup (IoD2019 to 2021 areas, the Census to 2011).
struct IndexInputs {
    var areas: [String: RiskIndex.Area] = [:]
    /// How each carried value reached its area: code → indicator → method.
    var carried: [String: [String: LSOABridge.Method]] = [:]
    /// The import each value came from: code → indicator → import id.
    var sources: [String: [String: UUID]] = [:]
    var importIDs: Set<UUID> = []

    /// Populations, which weight carried values and are not indicators themselves.
    static let populationKeys: Set<String> = ["population", "population_2015", "population_2021"]

    /// Each counted indicator's range over the English areas loaded, the base of a run.
    func ranges(for settings: RiskIndex.Settings) -> [String: RiskIndex.Range] {
        RiskIndex.ranges(of: areas.values.filter { $0.code.hasPrefix("E01") }, for: RiskIndex.counted(settings))
    }

    /// `codes` nil means every LSOA of the geography in England and Wales.
    static func load(_ geography: LSOAGeography = .lsoa21, codes: [String]?, on database: any Database) async throws -> IndexInputs {
        let sql = database as! any SQLDatabase
        var inputs = IndexInputs()
        var own: [String: [String: Double]] = [:]
        var ownSources: [String: [String: UUID]] = [:]
        for row in try await Self.values(geography.stored, codes: codes, on: sql) where !populationKeys.contains(row.indicator) {
            own[row.code, default: [:]][row.indicator] = row.value
            ownSources[row.code, default: [:]][row.indicator] = row.importID
            inputs.importIDs.insert(row.importID)
        }
        let links = try await Self.links(geography, codes: codes, on: sql)
        let bridge = LSOABridge(links: links, direction: geography == .lsoa21 ? .to2021 : .to2011)
        let other: Geography = geography == .lsoa21 ? .lsoa11 : .lsoa21
        let others = codes == nil ? nil : Array(Set(links.map { geography == .lsoa21 ? $0.lsoa11 : $0.lsoa21 }))
        var otherValues: [String: [String: Double]] = [:]
        var otherImports: [String: UUID] = [:]
        var population: [String: Double] = [:]
        for row in try await Self.values(other, codes: others, on: sql) {
            if populationKeys.contains(row.indicator) {
                population[row.code] = population[row.code] ?? row.value
            } else {
                otherValues[row.indicator, default: [:]][row.code] = row.value
                otherImports[row.indicator] = row.importID
            }
            inputs.importIDs.insert(row.importID)
        }
        for code in codes ?? Array(Set(own.keys).union(bridge.targetCodes)) {
            var values = own[code] ?? [:]
            var sources = ownSources[code] ?? [:]
            for (indicator, byCode) in otherValues where values[indicator] == nil {
                if let carried = bridge.carry(to: code, values: byCode, population: population) {
                    values[indicator] = carried.value
                    sources[indicator] = otherImports[indicator]
                    inputs.carried[code, default: [:]][indicator] = carried.method
                }
            }
            if codes != nil { inputs.sources[code] = sources }
            inputs.areas[code] = RiskIndex.Area(code: code, values: values)
        }
        return inputs
    }

    struct ValueRow: Decodable {
        let code: String
        let indicator: String
        let value: Double
        let importID: UUID

        enum CodingKeys: String, CodingKey {
            case code = "area_code", indicator, value, importID = "import_id"
        }
    }

    /// Values for `codes` (all of the geography when nil), a thousand codes per query.
    static func values(_ geography: Geography, codes: [String]?, on sql: any SQLDatabase) async throws -> [ValueRow] {
        func query() -> SQLSelectBuilder {
            sql.select().columns("area_code", "indicator", "value", "import_id").from(IndicatorValue.schema)
                .where("geography", .equal, geography.rawValue)
        }
        guard let codes else { return try await query().all(decoding: ValueRow.self) }
        var rows: [ValueRow] = []
        for chunk in codes.chunked(into: 1000) {
            rows += try await query().where("area_code", .in, Array(chunk)).all(decoding: ValueRow.self)
        }
        return rows
    }

    /// The lookup's rows that touch `codes` of `geography` (every row when nil).
    static func links(_ geography: LSOAGeography, codes: [String]?, on sql: any SQLDatabase) async throws -> [LSOALinkRow] {
        struct Link: Decodable { let lsoa11: String; let lsoa21: String; let change: String; let lad_code: String }
        func query() -> SQLSelectBuilder { sql.select().columns("lsoa11", "lsoa21", "change", "lad_code").from(LSOALink.schema) }
        var links: [Link] = []
        if let codes {
            for chunk in codes.chunked(into: 1000) {
                links += try await query().where(SQLIdentifier(geography.rawValue), .in, Array(chunk)).all(decoding: Link.self)
            }
        } else {
            links = try await query().all(decoding: Link.self)
        }
        return links.map { LSOALinkRow(lsoa11: $0.lsoa11, lsoa21: $0.lsoa21, change: $0.change, localAuthority: $0.lad_code) }
    }
}
