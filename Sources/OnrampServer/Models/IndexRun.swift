import Fluent
import Foundation
import OnrampCore

/// One computation of the risk index: for which area, against which base, with which weights,
/// from which imports, and when. Enough to reproduce every figure it produced.
final class IndexRun: Model, @unchecked Sendable {
    static let schema = "index_runs"

    @ID(key: .id) var id: UUID?
    @Field(key: "council_id") var councilID: UUID
    @Field(key: "lad_code") var ladCode: String
    /// `LSOAGeography`: the small areas it was computed on.
    @Field(key: "geography") var geography: String
    @Field(key: "base") var base: String
    /// `RiskIndexSettingsRecord` as JSON: indicators, their weights, the components' weights.
    @Field(key: "settings") var settings: String
    /// The ids of the imports whose values were used, comma-separated.
    @Field(key: "import_ids") var importIDs: String
    @Field(key: "area_count") var areaCount: Int
    @Field(key: "partial_count") var partialCount: Int
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "created_by") var createdBy: String

    init() {}

    var lsoaGeography: LSOAGeography { LSOAGeography(rawValue: geography) ?? .lsoa21 }
}

/// One area's figures in a run.
final class IndexScore: Model, @unchecked Sendable {
    static let schema = "index_scores"

    @ID(key: .id) var id: UUID?
    @Field(key: "run_id") var runID: UUID
    @Field(key: "area_code") var areaCode: String
    @OptionalField(key: "risk_index") var index: Double?
    @OptionalField(key: "demography") var demography: Double?
    @OptionalField(key: "connectivity") var connectivity: Double?
    @OptionalField(key: "deprivation") var deprivation: Double?
    /// Each indicator's value and 0–10 score, as JSON: `{"imd_score": [value, score], …}`.
    @Field(key: "indicators") var indicators: String
    /// Counted indicators with no value here, comma-separated.
    @Field(key: "missing") var missing: String
    @Field(key: "is_partial") var isPartial: Bool
    @Field(key: "rank") var rank: Int

    init() {}

    /// One component's score, for code that goes through the components in turn.
    func score(of component: RiskIndex.Component) -> Double? {
        switch component {
        case .demography: demography
        case .connectivity: connectivity
        case .deprivation: deprivation
        }
    }
}
