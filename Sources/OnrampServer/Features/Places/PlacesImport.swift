import Fluent
import Foundation
import OnrampCore
import SQLKit

/// The datasets `onramp import` knows, each read by its own parser from the official layout.
enum PlacesDataset: String, CaseIterable, Sendable {
    case iod2019 = "iod2019"
    case censusTS007A = "census-ts007a"
    case censusTS037 = "census-ts037"
    case censusTS038 = "census-ts038"
    case censusTS067 = "census-ts067"
    case lsoaLookup = "lookup-lsoa"
    case lsoaChanges = "lookup-lsoa11-lsoa21"
    case population = "population"
    case broadband = "broadband"
    case lsoa21Boundaries = "boundaries-lsoa21"
    case lsoa11Boundaries = "boundaries-lsoa11"
    case wardBoundaries = "boundaries-wards"
    case libraries = "libraries"
    case councilIndicator = "indicator"
    case postcodes = "postcodes"
    case oruk = "oruk"
    case directoryCSV = "directory-csv"

    var summary: String {
        switch self {
        case .iod2019: "English Indices of Deprivation 2019 (MHCLG File 1, 2, 5, 6 or 7, or mySociety's composite)"
        case .censusTS007A, .censusTS037, .censusTS038, .censusTS067: censusTable!.title + ", Nomis bulk CSV"
        case .lsoaLookup: "ONS LSOA → ward → local authority lookup (2011 or 2021 LSOAs)"
        case .lsoaChanges: "ONS LSOA 2011 → LSOA 2021 lookup (with CHGIND)"
        case .population: "LSOA population estimates (ONS or GLA layout)"
        case .broadband: "Fixed broadband coverage by 2021 LSOA (Ofcom CSV columns, or the derived JSON)"
        case .lsoa21Boundaries: "2021 LSOA boundaries, GeoJSON in WGS84 (ONS, generalised)"
        case .lsoa11Boundaries: "2011 LSOA boundaries, GeoJSON in WGS84"
        case .wardBoundaries: "Ward boundaries, GeoJSON in WGS84 (any year's WDnnCD codes)"
        case .libraries: "Public libraries with latitude and longitude (Arts Council dataset, placed by postcode)"
        case .directoryCSV: "Directory services from a simple CSV, one row per service at a place; give --council"
        case .oruk: "Services from an Open Referral UK 3.0 feed saved as JSON or ndjson; give --council"
        case .postcodes: "Postcode positions: OS Code-Point Open (eastings and northings, with or without a header) or postcode, latitude, longitude"
        case .councilIndicator: "A council's own indicator: LSOA21CD or LSOA11CD and a value column; give --council, --key, --label, --component"
        }
    }

    var censusTable: CensusTable? {
        switch self {
        case .censusTS007A: .ts007a
        case .censusTS037: .ts037
        case .censusTS038: .ts038
        case .censusTS067: .ts067
        default: nil
        }
    }

    var defaultVintage: String {
        switch self {
        case .iod2019: "IoD2019"
        case .censusTS007A, .censusTS037, .censusTS038, .censusTS067: "Census 2021"
        case .lsoaLookup, .lsoaChanges: "ONS lookup"
        case .population: "mid-year estimate"
        case .broadband: "unknown"
        case .lsoa21Boundaries, .lsoa11Boundaries, .wardBoundaries: "boundaries"
        case .libraries: "libraries"
        case .councilIndicator: "council data"
        case .postcodes: "postcodes"
        case .oruk: "ORUK 3.0"
        case .directoryCSV: "directory CSV"
        }
    }
}

/// What an import did.
struct ImportOutcome: Sendable {
    let dataset: PlacesDataset
    let vintage: String
    let fileRows: Int
    let keptRows: Int
    let alreadyImported: Bool

    var summary: String {
        alreadyImported
            ? "This file was imported before with the same filter: nothing changed."
            : "Imported \(dataset.rawValue) (\(vintage)): \(keptRows) of \(fileRows) rows."
    }
}

/// A council's own indicator to import: whose it is and what it measures.
struct OwnIndicator: Sendable {
    let councilID: UUID
    let indicator: RiskIndex.Indicator
}

/// Whose records a file holds, for datasets that belong to one council (a directory feed).
struct ImportOwner: Sendable {
    let councilID: UUID
}

/// Imports one file: checks it whole, then writes it in one transaction, or writes nothing. An
/// ORUK feed, which can be too large to hold, is checked as it is written in the transaction.
enum PlacesImport {
    static func run(
        _ dataset: PlacesDataset, path: String, localAuthorities: [String], vintage: String? = nil, own: OwnIndicator? = nil,
        owner: ImportOwner? = nil, on database: any Database, now: Date
    ) async throws -> ImportOutcome {
        let file = DataFile(path: path)
        for code in localAuthorities where !AreaCode.isValid(code, as: .localAuthority) {
            throw ImportFailure.refused(path, "\u{201C}\(code)\u{201D} is not a local authority code (like E09000028)")
        }
        let existing = try await own.asyncMap { try await CouncilIndicator.query(on: database).filter(\.$key == $0.indicator.key).first() } ?? nil
        if let existing, existing.councilID != own?.councilID {
            throw ImportFailure.refused(path, "another council already has an indicator called \(existing.key): choose another key")
        }
        // Each council indicator is a dataset of its own, so the same file under two keys is two imports.
        let name = own.map { "\(dataset.rawValue):\($0.indicator.key)" } ?? dataset.rawValue
        let sha256 = try file.sha256()
        let filter = localAuthorities.sorted().joined(separator: ",")
        if try await DatasetImport.query(on: database)
            .filter(\.$dataset == name).filter(\.$sha256 == sha256).filter(\.$ladFilter == filter).first() != nil {
            return ImportOutcome(dataset: dataset, vintage: vintage ?? dataset.defaultVintage, fileRows: 0, keptRows: 0, alreadyImported: true)
        }
        var reading = try await PlacesReader.read(dataset, file: file, localAuthorities: localAuthorities, indicator: own?.indicator, owner: owner, on: database)
        if let vintage { reading.vintage = vintage }
        let parsed = reading
        let record = DatasetImport(
            dataset: name, vintage: parsed.vintage, fileName: file.name, sha256: sha256,
            fileRows: parsed.fileRows, keptRows: parsed.keptRows, ladFilter: filter, importedAt: now
        )
        try await database.transaction { tx in
            try await record.create(on: tx)
            // A feed is counted as it is written.
            if let written = try await PlacesWriter.write(parsed.content, importID: record.id!, on: tx, now: now) {
                (record.fileRows, record.keptRows) = (written, written)
                try await record.save(on: tx)
            }
            if dataset == .postcodes || dataset == .lsoa21Boundaries { try await PostcodeAreas.place(on: tx) }
            if let own, case .indicators(let geography, _) = parsed.content {
                let definition = existing ?? CouncilIndicator()
                definition.councilID = own.councilID
                definition.key = own.indicator.key
                definition.label = own.indicator.label
                definition.component = own.indicator.component.rawValue
                definition.reversed = own.indicator.reversed
                definition.geography = geography.rawValue
                definition.importID = record.id!
                definition.updatedAt = now
                try await definition.save(on: tx)
            }
        }
        return ImportOutcome(dataset: dataset, vintage: parsed.vintage, fileRows: record.fileRows, keptRows: record.keptRows, alreadyImported: false)
    }
}
