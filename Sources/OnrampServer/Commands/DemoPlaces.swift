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

    /// One file of the demo and the authorities it is filtered to.
    struct File {
        let dataset: PlacesDataset
        let path: String
        let authorities: [String]

        /// A file for Southwark and its neighbours.
        static func neighbours(_ dataset: PlacesDataset, _ path: String) -> File { File(dataset: dataset, path: path, authorities: DemoPlaces.authorities) }
        /// One of Southwark's own extracts, which keep the first start quick.
        static func southwark(_ dataset: PlacesDataset, _ path: String) -> File { File(dataset: dataset, path: path, authorities: [DemoPlaces.southwark]) }
    }

    /// Each file, in the order their dependencies need: lookups before what is filtered by them.
    static let files: [File] = [
        .neighbours(.lsoaLookup, "lookups/LSOA21_WD23_LAD23_EW_BestFit_LU.csv"),
        .neighbours(.lsoaLookup, "lookups/LSOA11_WD19_LAD19_EW_LU.csv"),
        .neighbours(.lsoaChanges, "lookups/LSOA11_LSOA21_LAD22_EW_LU.csv"),
        .neighbours(.censusTS007A, "census2021/census2021-ts007a-lsoa.csv"),
        .neighbours(.censusTS037, "census2021/census2021-ts037-lsoa.csv"),
        .neighbours(.censusTS038, "census2021/census2021-ts038-lsoa.csv"),
        .neighbours(.censusTS067, "census2021/census2021-ts067-lsoa.csv"),
        .neighbours(.iod2019, "imd2019/derived/london_iod2019_all_scores_ranks_deciles_pop.csv"),
        .neighbours(.broadband, "broadband/london_lsoa21_ofcom_cn2025_broadband.json"),
        .southwark(.lsoa21Boundaries, "boundaries/southwark/southwark_lsoa21_bgc_with_census2021.geojson"),
        .southwark(.lsoa11Boundaries, "boundaries/southwark/southwark_lsoa11_bgc_with_iod2019.geojson"),
        .southwark(.wardBoundaries, "boundaries/southwark/southwark_wards_2025_bgc.geojson"),
        .neighbours(.libraries, "services/derived/london_libraries_2023_geocoded.csv"),
    ]

    /// Imports what is not imported yet and computes Southwark's index once on each geography.
    /// Returns lines to print.
    static func load(from directory: String, councilID: UUID, on database: any Database, now: Date) async throws -> [String] {
        var lines: [String] = []
        for file in files {
            let outcome = try await PlacesImport.run(file.dataset, path: directory + "/" + file.path, localAuthorities: file.authorities, on: database, now: now)
            if !outcome.alreadyImported { lines.append("  \(file.path): \(outcome.keptRows) rows") }
        }
        for geography in LSOAGeography.allCases
        where try await IndexRun.query(on: database).filter(\.$councilID == councilID).filter(\.$geography == geography.rawValue).first() == nil {
            let run = try await IndexRuns.compute(
                lad: southwark, geography: geography, base: .localAuthority, settings: .standard, councilID: councilID, by: .commandLine, on: database, now: now
            )
            lines.append("  computed the risk index for Southwark on \(geography.year) LSOAs: \(run.areaCount) areas")
        }
        return lines
    }
}
