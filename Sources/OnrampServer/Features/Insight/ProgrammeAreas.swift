import Fluent
import Foundation
import OnrampCore
import SQLKit

/// The small areas (2021 LSOAs) a council serves, with what insight groups residents by: ward,
/// population, IMD 2019 decile and the band of its latest risk index. A resident's area is
/// where their postcode lies (`PostcodeAreas`).
struct ProgrammeAreas: Sendable {
    struct Area: Sendable {
        let code: String
        let name: String
        let wardCode: String?
        let wardName: String?
        /// Census 2021 usual residents.
        let population: Double?
        /// The triage's age bands → people (Census 2021).
        let ages: [String: Double]
        /// People disabled under the Equality Act (Census 2021).
        let disabled: Double?
        /// 1 is the most deprived tenth of England.
        let imdDecile: Int?
        let riskIndex: Double?
        /// 0 (lowest fifth of the council's areas) to 4 (highest).
        let riskBand: Int?
    }

    /// Area code → area.
    let areas: [String: Area]
    /// The runs the risk bands come from, newest of each local authority.
    let runs: [IndexRun]

    static let riskBands = ["Lowest risk fifth", "Low risk fifth", "Middle risk fifth", "High risk fifth", "Highest risk fifth"]

    var isEmpty: Bool { areas.isEmpty }

    static func load(_ scope: Scope, on database: any Database) async throws -> ProgrammeAreas {
        let served = try await CouncilContacts.of(councilID: scope.councilID, on: database)?.localAuthorities ?? []
        let all = try await scope.query(IndexRun.self, on: database).filter(\.$geography == Geography.lsoa21.rawValue)
            .sort(\.$createdAt, .descending).all()
        var runs: [IndexRun] = []
        for run in all where !runs.contains(where: { $0.ladCode == run.ladCode }) && (served.isEmpty || served.contains(run.ladCode)) { runs.append(run) }
        var areas: [String: Area] = [:]
        for run in runs {
            let view = try await RunView.load(run, on: database)
            let codes = view.scores.map(\.areaCode)
            let inputs = try await IndexInputs.load(.lsoa21, codes: codes, on: database)
            let populations = try await populations(codes, on: database)
            let breaks = Quantiles.breaks(view.scores.compactMap(\.index))
            for score in view.scores {
                let values = inputs.areas[score.areaCode]?.values ?? [:]
                let population = populations[score.areaCode]
                areas[score.areaCode] = Area(
                    code: score.areaCode, name: view.names[score.areaCode] ?? score.areaCode, wardCode: view.wardCodes[score.areaCode],
                    wardName: view.wards[score.areaCode].flatMap { $0.isEmpty ? nil : $0 }, population: population,
                    ages: population.map { CensusAgeBands.people(shares: values, population: $0) } ?? [:],
                    disabled: population.flatMap { people in values["disabled_pct"].map { $0 * people / 100 } },
                    imdDecile: values["imd_decile"].map { Int($0.rounded()) },
                    riskIndex: score.index,
                    riskBand: score.index.map { 4 - (breaks.count - Quantiles.classIndex(of: $0, breaks: breaks)) }.map { max(0, $0) }
                )
            }
        }
        return ProgrammeAreas(areas: areas, runs: runs)
    }

    /// The name of the scope's council, as the insight pages and downloads head their figures.
    static func councilName(_ scope: Scope, on database: any Database) async throws -> String {
        try await scope.find(Organisation.self, scope.councilID, on: database)?.name ?? ""
    }

    /// Each area's Census 2021 population.
    static func populations(_ codes: [String], on database: any Database) async throws -> [String: Double] {
        var populations: [String: Double] = [:]
        for row in try await IndexInputs.values(.lsoa21, codes: codes, on: database as! any SQLDatabase) where row.indicator == "population_2021" {
            populations[row.code] = row.value
        }
        return populations
    }

    /// A resident's 2021 LSOA in a query that joins `residents` to `postcodes` by postcode: the
    /// one kept when their postcode was removed (anonymising), else their postcode's.
    static var residentArea: SQLFunction {
        SQLFunction("COALESCE", args: SQLColumn("area_lsoa21", table: Resident.schema), SQLColumn("lsoa21", table: PostcodePoint.schema))
    }
}
