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
    /// The local authorities that have 2021 LSOAs, which are the ones the index can be
    /// computed for (a 2011 lookup also brings authorities abolished since).
    static func localAuthorities(on database: any Database) async throws -> [PlaceArea] {
        struct Row: Decodable { let lad_code: String? }
        let current = try await (database as! any SQLDatabase).select().distinct().column("lad_code").from(PlaceArea.schema)
            .where("geography", .equal, Geography.lsoa21.rawValue).all(decoding: Row.self).compactMap(\.lad_code)
        return try await PlaceArea.query(on: database).filter(\.$geography == Geography.lad.rawValue)
            .filter(\.$code ~~ current).sort(\.$name).all()
    }

    static func find(_ geography: Geography, _ code: String, on database: any Database) async throws -> PlaceArea? {
        try await PlaceArea.query(on: database).filter(\.$geography == geography.rawValue).filter(\.$code == code).first()
    }

    /// The 2021 LSOAs of one local authority, or of every one whose code starts with `prefix`.
    static func lsoa21(lad: String? = nil, ladPrefix: String? = nil, on database: any Database) async throws -> [PlaceArea] {
        var query = PlaceArea.query(on: database).filter(\.$geography == Geography.lsoa21.rawValue)
        if let lad { query = query.filter(\.$ladCode == lad) }
        if let ladPrefix { query = query.filter(\.$ladCode =~ ladPrefix) }
        return try await query.sort(\.$code).all()
    }
}

/// Indicator values for 2021 LSOAs, with 2011-LSOA values (IoD2019) carried across.
struct IndexInputs {
    var areas: [String: RiskIndex.Area] = [:]
    /// How each carried value reached its 2021 area: code → indicator → method.
    var carried: [String: [String: LSOABridge.Method]] = [:]
    /// The import each value came from: code → indicator → import id.
    var sources: [String: [String: UUID]] = [:]
    var importIDs: Set<UUID> = []

    static let populationKeys: Set<String> = ["population", "population_2015"]

    /// Each counted indicator's range over the English areas loaded, the base of a run.
    func ranges(for settings: RiskIndex.Settings) -> [String: RiskIndex.Range] {
        RiskIndex.ranges(of: areas.values.filter { $0.code.hasPrefix("E01") }, for: RiskIndex.counted(settings))
    }

    /// `codes` nil means every 2021 LSOA in England and Wales.
    static func load(lsoa21 codes: [String]?, on database: any Database) async throws -> IndexInputs {
        let sql = database as! any SQLDatabase
        var inputs = IndexInputs()
        var values21: [String: [String: Double]] = [:]
        var sources21: [String: [String: UUID]] = [:]
        for row in try await Self.values(.lsoa21, codes: codes, on: sql) {
            values21[row.code, default: [:]][row.indicator] = row.value
            sources21[row.code, default: [:]][row.indicator] = row.importID
            inputs.importIDs.insert(row.importID)
        }
        let links = try await Self.links(lsoa21: codes, on: sql)
        let bridge = LSOABridge(links: links)
        let parents = codes == nil ? nil : Array(Set(links.map(\.lsoa11)))
        var values11: [String: [String: Double]] = [:]
        var imports11: [String: UUID] = [:]
        var population: [String: Double] = [:]
        for row in try await Self.values(.lsoa11, codes: parents, on: sql) {
            if populationKeys.contains(row.indicator) {
                population[row.code] = population[row.code] ?? row.value
            } else {
                values11[row.indicator, default: [:]][row.code] = row.value
                imports11[row.indicator] = row.importID
            }
            inputs.importIDs.insert(row.importID)
        }
        for code in codes ?? Array(Set(values21.keys).union(bridge.lsoa21Codes)) {
            var values = values21[code] ?? [:]
            var sources = sources21[code] ?? [:]
            for (indicator, byCode) in values11 where values[indicator] == nil {
                if let carried = bridge.carry(to: code, values: byCode, population: population) {
                    values[indicator] = carried.value
                    sources[indicator] = imports11[indicator]
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

    static func links(lsoa21 codes: [String]?, on sql: any SQLDatabase) async throws -> [LSOALinkRow] {
        struct Link: Decodable { let lsoa11: String; let lsoa21: String; let change: String; let lad_code: String }
        func query() -> SQLSelectBuilder { sql.select().columns("lsoa11", "lsoa21", "change", "lad_code").from(LSOALink.schema) }
        var links: [Link] = []
        if let codes {
            for chunk in codes.chunked(into: 1000) {
                links += try await query().where("lsoa21", .in, Array(chunk)).all(decoding: Link.self)
            }
        } else {
            links = try await query().all(decoding: Link.self)
        }
        return links.map { LSOALinkRow(lsoa11: $0.lsoa11, lsoa21: $0.lsoa21, change: $0.change, localAuthority: $0.lad_code) }
    }
}
