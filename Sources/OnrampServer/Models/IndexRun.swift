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

/// One area's figures in a run: written once with its run and never changed, and read by SQL
/// a column at a time (`ofRun`), not as a Fluent model, which is read through reflection, about
/// 80 µs a score: most of a whole-London map's first drawing (4,994 scores).
struct IndexScore: Sendable {
    static let schema = "index_scores"

    let runID: UUID
    let areaCode: String
    let index: Double?
    let demography: Double?
    let connectivity: Double?
    let deprivation: Double?
    /// Each indicator's value and 0–10 score, as JSON: `{"imd_score": [value, score], …}`.
    let indicators: String
    /// Counted indicators with no value here, comma-separated.
    let missing: String
    let isPartial: Bool
    let rank: Int

    /// One component's score, for code that goes through the components in turn.
    func score(of component: RiskIndex.Component) -> Double? {
        switch component {
        case .demography: demography
        case .connectivity: connectivity
        case .deprivation: deprivation
        }
    }
}
