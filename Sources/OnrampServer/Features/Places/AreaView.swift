import Fluent
import Foundation
import OnrampCore
import SQLKit
import Vapor

/// One small area: its figures in a run, what drives them, and where each came from.
struct AreaView {
    let area: PlaceArea
    let run: RunView?
    let score: IndexScore?
    let ward: String
    let values: [String: Double]
    let carried: [String: LSOABridge.Method]
    /// Indicator → the import its value came from.
    let sources: [String: UUID]
    let imports: [DatasetImport]
    /// Indicator key → [value, score] in the run.
    let indicatorScores: [String: [Double]]
    /// Indicator key → this area's rank for that indicator's score in the run (1 = most at risk).
    let indicatorRanks: [String: Int]
    /// The areas of the other LSOA geography this one overlaps, from ONS's lookup.
    let counterparts: [String]

    var geography: LSOAGeography { LSOAGeography(rawValue: area.geography) ?? .lsoa21 }

    /// The indicators to show: the run's (with the council's own, as they were then), or Onramp's.
    var catalogue: [RiskIndex.Indicator] { run?.settings.catalogue ?? RiskIndex.standardIndicators + RiskIndex.optionalIndicators }

    /// The area `code` with its figures in a run of the signed-in council: the run given by
    /// `?run=` (which also says whether the code is a 2011 or 2021 LSOA), else the latest on
    /// the geography given by `?geography=`, else on 2021 LSOAs, or on 2011 ones for a code
    /// that only 2011 has. Nil when there is no such area.
    static func load(_ req: Request, code: String) async throws -> AreaView? {
        let staff = try req.signedIn()
        var runs = IndexRun.query(on: req.db).filter(\.$councilID == staff.councilID)
        var geography = LSOAGeography(rawValue: (try? req.query.get(String.self, at: "geography")) ?? "")
        if let id = try? req.query.get(UUID.self, at: "run") {
            guard let run = try await runs.copy().filter(\.$id == id).first() else { return nil }
            geography = run.lsoaGeography
            runs = runs.filter(\.$id == id)
        }
        var area = try await PlaceArea.find((geography ?? .lsoa21).stored, code, on: req.db)
        if area == nil, geography == nil { area = try await PlaceArea.find(.lsoa11, code, on: req.db) }
        guard let area, let found = LSOAGeography(rawValue: area.geography) else { return nil }
        let run = try await runs.filter(\.$ladCode == area.ladCode ?? "").filter(\.$geography == found.rawValue)
            .sort(\.$createdAt, .descending).first()
        let view = try await run.asyncMap { try await RunView.load($0, on: req.db) }
        let inputs = try await IndexInputs.load(found, codes: [code], on: req.db)
        return try await make(area: area, run: view, inputs: inputs, on: req.db)
    }

    static func make(area: PlaceArea, run: RunView?, inputs: IndexInputs, on db: any Database) async throws -> AreaView {
        let score = run?.scores.first { $0.areaCode == area.code }
        let decoded = run?.scores.map { ($0.areaCode, Self.decode($0.indicators)) } ?? []
        let own = decoded.first { $0.0 == area.code }?.1 ?? [:]
        var ranks: [String: Int] = [:]
        for (key, mine) in own {
            ranks[key] = 1 + decoded.filter { ($0.1[key]?.last ?? -1) > (mine.last ?? -1) }.count
        }
        let imports = inputs.importIDs.isEmpty ? [] : try await DatasetImport.query(on: db).filter(\.$id ~~ Array(inputs.importIDs)).sort(\.$dataset).all()
        let ward = try await area.wardCode.asyncMap { try await PlaceArea.find(.ward, $0, on: db)?.name } ?? nil
        let geography = LSOAGeography(rawValue: area.geography) ?? .lsoa21
        let links = try await IndexInputs.links(geography, codes: [area.code], on: db as! any SQLDatabase)
        return AreaView(
            area: area, run: run, score: score, ward: ward ?? "", values: inputs.areas[area.code]?.values ?? [:],
            carried: inputs.carried[area.code] ?? [:], sources: inputs.sources[area.code] ?? [:], imports: imports, indicatorScores: own, indicatorRanks: ranks,
            counterparts: Array(Set(links.map { geography == .lsoa21 ? $0.lsoa11 : $0.lsoa21 })).sorted()
        )
    }

    static func decode(_ json: String) -> [String: [Double]] {
        (try? JSONDecoder().decode([String: [Double]].self, from: Data(json.utf8))) ?? [:]
    }

    /// "highest band" and so on, from the run's quantile classes.
    var band: String? {
        guard let run, let index = score?.index else { return nil }
        return Quantiles.bandName(of: index, breaks: run.breaks)
    }

    /// The two or three indicators that push the score up most, in plain words.
    var drivers: [String] {
        RiskIndex.drivers(indicatorScores.compactMapValues(\.last))
            .compactMap { key in
                guard let indicator = catalogue.first(where: { $0.key == key }), let pair = indicatorScores[key], let value = pair.first, let scored = pair.last else { return nil }
                let rank = indicatorRanks[key].map { ", \(Self.ordinal($0)) of \(run?.scores.count ?? 0) in \(run?.ladName ?? "the area")" } ?? ""
                let direction = indicator.reversed ? "low" : "high"
                return "\(indicator.label.replacingOccurrences(of: " (%)", with: "")): \(Self.display(value, key: key)), \(direction) (scores \(RunView.format(scored)) of 10\(rank))"
            }
    }

    static func display(_ value: Double, key: String) -> String {
        key.hasSuffix("_pct") ? String(format: "%.1f%%", value) : (key == "income_score" ? String(format: "%.3f", value) : String(format: "%.1f", value))
    }

    static func ordinal(_ n: Int) -> String {
        let suffix = (11...13).contains(n % 100) ? "th" : ["th", "st", "nd", "rd", "th", "th", "th", "th", "th", "th"][n % 10]
        return "\(n)\(suffix)"
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
