import Fluent
import Foundation
import OnrampCore
import SQLKit

/// The settings of a run as stored with it, so the run can be repeated exactly.
struct RunSettings: Codable, Equatable, Sendable {
    var indicators: [String]
    var indicatorWeights: [String: Int]
    var componentWeights: [String: Int]
    /// The council's own indicators as they were defined when the run was made.
    var custom: [RiskIndex.Indicator]? = nil

    static let standard = RunSettings(
        indicators: RiskIndex.standardIndicators.map(\.key),
        indicatorWeights: Dictionary(uniqueKeysWithValues: RiskIndex.standardIndicators.map { ($0.key, 1) }),
        componentWeights: Dictionary(uniqueKeysWithValues: RiskIndex.Component.allCases.map { ($0.rawValue, 1) })
    )

    /// An indicator of this run by its key: one of Onramp's, or the council's own.
    func indicator(_ key: String) -> RiskIndex.Indicator? {
        RiskIndex.indicator(key) ?? custom?.first { $0.key == key }
    }

    /// Every indicator the run could show: Onramp's, then the council's.
    var catalogue: [RiskIndex.Indicator] { RiskIndex.standardIndicators + RiskIndex.optionalIndicators + (custom ?? []) }

    var core: RiskIndex.Settings {
        RiskIndex.Settings(
            indicators: indicators.compactMap(indicator),
            indicatorWeights: indicatorWeights,
            componentWeights: Dictionary(uniqueKeysWithValues: componentWeights.compactMap { key, weight in
                RiskIndex.Component(rawValue: key).map { ($0, weight) }
            })
        )
    }

    var json: String { String(decoding: try! JSONEncoder.sorted.encode(self), as: UTF8.self) }
}

enum IndexRuns {
    struct Refusal: Error, CustomStringConvertible {
        let messages: [String]
        var description: String { messages.joined(separator: "; ") }
    }

    /// Computes the index for one local authority's LSOAs and stores the run with its scores,
    /// in one transaction with its audit record.
    static func compute(
        lad: String, geography: LSOAGeography = .lsoa21, base: IndexBase, settings: RunSettings, councilID: UUID, by actor: AuditActor,
        on database: any Database, now: Date
    ) async throws -> IndexRun {
        try await computeMany(lads: [lad], geography: geography, base: base, settings: settings, councilID: councilID, by: actor, on: database, now: now)[0]
    }

    /// One run per local authority. Against London or England the base's values are read once
    /// for them all.
    static func computeMany(
        lads: [String], geography: LSOAGeography = .lsoa21, base: IndexBase, settings: RunSettings, councilID: UUID, by actor: AuditActor,
        on database: any Database, now: Date
    ) async throws -> [IndexRun] {
        var shared: IndexInputs?
        switch base {
        case .localAuthority: break
        case .london:
            if let outside = lads.first(where: { !$0.hasPrefix("E09") }) {
                throw Refusal(messages: ["\(outside) is not a London borough: choose the local authority itself or England as the base"])
            }
            shared = try await IndexInputs.load(geography, codes: try await PlaceArea.lsoas(geography, ladPrefix: "E09", on: database).map(\.code), on: database)
        case .england:
            shared = try await IndexInputs.load(geography, codes: nil, on: database)
        }
        let sharedRanges = shared?.ranges(for: settings.core)
        var runs: [IndexRun] = []
        for lad in lads {
            let targets = try await PlaceArea.lsoas(geography, lad: lad, on: database)
            guard !targets.isEmpty else {
                throw Refusal(messages: ["Onramp has no \(geography.year) LSOAs for \(lad): import the LSOA \(geography.year) lookup for it first"])
            }
            let inputs: IndexInputs
            if let shared { inputs = shared } else { inputs = try await IndexInputs.load(geography, codes: targets.map(\.code), on: database) }
            let ranges = sharedRanges ?? inputs.ranges(for: settings.core)
            runs.append(try await store(lad: lad, geography: geography, targets: targets, inputs: inputs, ranges: ranges, base: base, settings: settings, councilID: councilID, by: actor, on: database, now: now))
        }
        return runs
    }

    private static func store(
        lad: String, geography: LSOAGeography, targets: [PlaceArea], inputs: IndexInputs, ranges: [String: RiskIndex.Range], base: IndexBase, settings: RunSettings, councilID: UUID,
        by actor: AuditActor, on database: any Database, now: Date
    ) async throws -> IndexRun {
        let targetAreas = targets.map { inputs.areas[$0.code] ?? RiskIndex.Area(code: $0.code, values: [:]) }
        let scores: [RiskIndex.Score]
        do {
            scores = try RiskIndex.compute(areas: targetAreas, ranges: ranges, settings: settings.core)
        } catch let problem as RiskIndex.Problem {
            throw Refusal(messages: problem.messages)
        }

        let ranked = scores.sorted { ($0.index ?? -1, $1.code) > ($1.index ?? -1, $0.code) }
        let ranks = Dictionary(uniqueKeysWithValues: ranked.enumerated().map { ($1.code, $0 + 1) })
        let run = IndexRun()
        run.councilID = councilID
        run.ladCode = lad
        run.geography = geography.rawValue
        run.base = base.rawValue
        run.settings = settings.json
        run.importIDs = inputs.importIDs.map(\.uuidString).sorted().joined(separator: ",")
        run.areaCount = scores.count
        run.partialCount = scores.filter(\.isPartial).count
        run.createdAt = now
        run.createdBy = actor.label

        try await database.transaction { tx in
            try await run.create(on: tx)
            try await IndexScore.insert(scores.map { score in
                let values = inputs.areas[score.code]?.values ?? [:]
                // Each indicator's value beside its score, so the page can show both.
                let detail = Dictionary(uniqueKeysWithValues: score.indicatorScores.map { key, scored in (key, [values[key] ?? 0, scored]) })
                return IndexScore(
                    runID: run.id!, areaCode: score.code, index: score.index, demography: score.componentScores[.demography],
                    connectivity: score.componentScores[.connectivity], deprivation: score.componentScores[.deprivation],
                    indicators: String(decoding: try! JSONEncoder.sorted.encode(detail), as: UTF8.self),
                    missing: score.missing.joined(separator: ","), isPartial: score.isPartial, rank: ranks[score.code]!
                )
            }, on: tx)
            try await Audit.record(
                .indexComputed, by: actor, recordType: "index_run", recordID: run.id,
                summary: "Computed the risk index for \(lad) on \(geography.year) LSOAs against \(base.label.lowercased())", on: tx, now: now
            )
        }
        return run
    }
}
