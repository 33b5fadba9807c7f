import Fluent
import Foundation
import OnrampCore

/// The demo's places: Southwark and its neighbours, imported from the official files in the
/// shared data folder when it is there, then one computation of the index for Southwark.
enum DemoPlaces {
    static let southwark = "E09000028"
    /// Southwark, Lambeth, Lewisham, Bromley, the City of London and Tower Hamlets.
    static let authorities = [southwark, "E09000022", "E09000023", "E09000006", "E09000001", "E09000030"]

    /// The folder, from ONRAMP_DATA_DIR or ../shared/data beside the working directory.
    static func dataDirectory(environment: [String: String]) -> String? {
        let path = environment["ONRAMP_DATA_DIR"] ?? "../shared/data"
        return FileManager.default.fileExists(atPath: path + "/README.md") ? path : nil
    }

    /// Each file, in the order their dependencies need: lookups before what is filtered by them.
    /// Boundaries are read from Southwark's own extracts, which keeps the first start quick.
    static let files: [(PlacesDataset, String)] = [
        (.lsoaLookup, "lookups/LSOA21_WD23_LAD23_EW_BestFit_LU.csv"),
        (.lsoaLookup, "lookups/LSOA11_WD19_LAD19_EW_LU.csv"),
        (.lsoaChanges, "lookups/LSOA11_LSOA21_LAD22_EW_LU.csv"),
        (.censusTS007A, "census2021/census2021-ts007a-lsoa.csv"),
        (.censusTS037, "census2021/census2021-ts037-lsoa.csv"),
        (.censusTS038, "census2021/census2021-ts038-lsoa.csv"),
        (.censusTS067, "census2021/census2021-ts067-lsoa.csv"),
        (.iod2019, "imd2019/derived/london_iod2019_all_scores_ranks_deciles_pop.csv"),
        (.broadband, "broadband/london_lsoa21_ofcom_cn2025_broadband.json"),
        (.lsoa21Boundaries, "boundaries/southwark/southwark_lsoa21_bgc_with_census2021.geojson"),
        (.wardBoundaries, "boundaries/southwark/southwark_wards_2025_bgc.geojson"),
        (.libraries, "services/derived/london_libraries_2023_geocoded.csv"),
    ]

    /// Imports what is not imported yet and computes Southwark's index once. Returns lines to print.
    static func load(from directory: String, councilID: UUID, on database: any Database) async throws -> [String] {
        var lines: [String] = []
        for (dataset, file) in files {
            let only = file.contains("/southwark/") ? [southwark] : authorities
            let outcome = try await PlacesImport.run(dataset, path: directory + "/" + file, localAuthorities: only, on: database)
            if !outcome.alreadyImported { lines.append("  \(file): \(outcome.keptRows) rows") }
        }
        if try await IndexRun.query(on: database).filter(\.$councilID == councilID).first() == nil {
            let run = try await IndexRuns.compute(
                lad: southwark, base: .localAuthority, settings: .standard, councilID: councilID, by: .commandLine, on: database
            )
            lines.append("  computed the risk index for Southwark: \(run.areaCount) areas")
        }
        return lines
    }
}
