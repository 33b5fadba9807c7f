import Fluent
import Foundation
import OnrampCore

/// What a file holds, once read and checked; or, for an ORUK feed, the file to read as it is written.
enum PlacesContent {
    case indicators(Geography, [IndicatorRow])
    case areas(Geography, [AreaRow])
    case links([LSOALinkRow])
    case shapes(Geography, [Shape])
    case libraries([LibraryRow])
    case postcodes([PostcodeRow])
    /// A directory's services, for the council whose directory they join.
    case services([ORUK.Service], councilID: UUID)
    /// An ORUK feed, read as it is written (`DirectoryImport.importFeed`), so that it is never
    /// held whole; its services are counted then.
    case feed(DataFile, councilID: UUID)

    struct Shape {
        let code: String
        let ladCode: String?
        let coordinates: String
    }
}

struct ParsedFile {
    var vintage: String
    let fileRows: Int
    let keptRows: Int
    let content: PlacesContent
}

/// Reads a dataset's file through its parser, every row checked, and keeps the rows in the
/// chosen local authorities. Throws with the first 20 problems if any row is bad.
enum PlacesReader {
    /// `indicator` is the council's own indicator that a `.councilIndicator` file holds; `owner`
    /// the council whose directory a directory file joins.
    static func read(
        _ dataset: PlacesDataset, file: DataFile, localAuthorities: [String], indicator: RiskIndex.Indicator? = nil, owner: ImportOwner? = nil,
        on database: any Database
    ) async throws -> ParsedFile {
        let lads = Set(localAuthorities)
        switch dataset {
        case .iod2019:
            let (_, rows, count) = try readCSV(file) { try IoD2019Parser(header: $0) }
            return try await indicators(.lsoa11, rows, count: count, vintage: dataset.defaultVintage, lads: lads, file: file, on: database)
        case .censusTS007A, .censusTS037, .censusTS038, .censusTS067:
            let (_, rows, count) = try readCSV(file) { try CensusParser(table: dataset.censusTable!, header: $0) }
            return try await indicators(.lsoa21, rows, count: count, vintage: dataset.defaultVintage, lads: lads, file: file, on: database)
        case .population:
            let (parser, rows, count) = try readCSV(file) { try PopulationParser(header: $0) }
            return try await indicators(parser.lsoaYear == 2011 ? .lsoa11 : .lsoa21, rows, count: count, vintage: dataset.defaultVintage, lads: lads, file: file, on: database)
        case .broadband:
            if file.path.hasSuffix(".json") || file.path.hasSuffix(".json.gz") {
                let (vintage, rows) = try broadbandJSON(file)
                return try await indicators(.lsoa21, rows, count: rows.count, vintage: vintage, lads: lads, file: file, on: database)
            }
            let (_, rows, count) = try readCSV(file) { try BroadbandParser(header: $0) }
            return try await indicators(.lsoa21, rows, count: count, vintage: dataset.defaultVintage, lads: lads, file: file, on: database)
        case .lsoaLookup:
            let (parser, rows, count) = try readCSV(file) { try LSOALookupParser(header: $0) }
            let kept = lads.isEmpty ? rows : rows.filter { lads.contains($0.localAuthorityCode) }
            try checkEveryAuthorityFound(lads, in: Set(kept.map(\.localAuthorityCode)), file: file)
            let geography: Geography = parser.lsoaYear == 2011 ? .lsoa11 : .lsoa21
            return ParsedFile(vintage: "ONS lookup \(parser.lsoaYear)", fileRows: count, keptRows: kept.count, content: .areas(geography, kept))
        case .lsoa21Boundaries, .lsoa11Boundaries, .wardBoundaries:
            return try await shapes(dataset, file: file, lads: lads, on: database)
        case .libraries:
            let (_, rows, count) = try readCSV(file) { try LibraryParser(header: $0) }
            let kept = lads.isEmpty ? rows : rows.filter { $0.localAuthority.map(lads.contains) ?? false }
            try checkEveryAuthorityFound(lads, in: Set(kept.compactMap(\.localAuthority)), file: file)
            return ParsedFile(vintage: dataset.defaultVintage, fileRows: count, keptRows: kept.count, content: .libraries(kept))
        case .directoryCSV:
            guard let owner else { throw ImportFailure.refused(file.path, "say whose directory this is with --council") }
            let (_, rows, count) = try readCSV(file) { try DirectoryCSVParser(header: $0) }
            let services = try await DirectoryImport.services(from: rows, file: file, councilID: owner.councilID, on: database)
            return ParsedFile(vintage: dataset.defaultVintage, fileRows: count, keptRows: services.count, content: .services(services, councilID: owner.councilID))
        case .oruk:
            guard let owner else { throw ImportFailure.refused(file.path, "say whose directory this is with --council") }
            return ParsedFile(vintage: dataset.defaultVintage, fileRows: 0, keptRows: 0, content: .feed(file, councilID: owner.councilID))
        case .postcodes:
            let (_, rows, count) = try readCSV(file) { try PostcodeParser(header: $0) }
            let kept = lads.isEmpty ? rows : rows.filter { $0.localAuthority.map(lads.contains) ?? false }
            try checkEveryAuthorityFound(lads, in: Set(kept.compactMap(\.localAuthority)), file: file)
            return ParsedFile(vintage: dataset.defaultVintage, fileRows: count, keptRows: kept.count, content: .postcodes(kept))
        case .councilIndicator:
            guard let indicator else { throw ImportFailure.refused(file.path, "say which indicator this is with --council, --key, --label and --component") }
            let (parser, rows, count) = try readCSV(file) { try CustomIndicatorParser(header: $0, key: indicator.key) }
            return try await indicators(parser.lsoaYear == 2011 ? .lsoa11 : .lsoa21, rows, count: count, vintage: dataset.defaultVintage, lads: lads, file: file, on: database)
        case .lsoaChanges:
            let (_, rows, count) = try readCSV(file) { try LSOALinkParser(header: $0) }
            let kept = lads.isEmpty ? rows : rows.filter { lads.contains($0.localAuthority) }
            try checkEveryAuthorityFound(lads, in: Set(kept.map(\.localAuthority)), file: file)
            return ParsedFile(vintage: dataset.defaultVintage, fileRows: count, keptRows: kept.count, content: .links(kept))
        }
    }

    /// Every record through the parser; a record with the wrong number of fields (a file cut
    /// short, a stray comma) is a problem like any other.
    static func readCSV<P: RowParser>(_ file: DataFile, _ makeParser: (ColumnMap) throws -> P) throws -> (P, [P.Row], Int) {
        try readCSV(named: file.path, CSVReader(chunks: try file.chunks()), makeParser)
    }

    /// The same for a CSV already in memory, such as a file uploaded through a form.
    static func readCSV<P: RowParser>(named name: String, _ reader: CSVReader, _ makeParser: (ColumnMap) throws -> P) throws -> (P, [P.Row], Int) {
        var reader = reader
        guard let header = reader.next() else {
            throw ImportFailure.refused(name, reader.problem?.description ?? "the file is empty")
        }
        let parser: P
        do { parser = try makeParser(ColumnMap(header: header.fields)) } catch let refusal as ImportRefusal {
            throw ImportFailure.refused(name, refusal.message)
        }
        var problems = ImportProblems(file: name)
        var rows: [P.Row] = []
        var count = 0
        // A file without a header (OS Code-Point Open): its first line is a row like the others.
        if parser.firstRecordIsData {
            count += 1
            do {
                if let row = try parser.parse(header.fields, line: header.line) { rows.append(row) }
            } catch let problem as RowProblem {
                problems.add(line: header.line, problem.message)
            }
        }
        while let record = reader.next() {
            count += 1
            if record.fields.count == 1 && record.fields[0].isEmpty { continue }
            guard record.fields.count == header.fields.count else {
                problems.add(line: record.line, "this line has \(record.fields.count) fields where the header has \(header.fields.count)")
                continue
            }
            do {
                if let row = try parser.parse(record.fields, line: record.line) { rows.append(row) }
            } catch let problem as RowProblem {
                problems.add(line: record.line, problem.message)
            }
        }
        if let problem = reader.problem { problems.add(line: problem.line, problem.message) }
        guard problems.isEmpty else { throw ImportFailure.rows(problems) }
        guard count > 0 else { throw ImportFailure.refused(name, "the file has a header but no rows") }
        return (parser, rows, count)
    }

    /// Keeps indicator rows in the chosen authorities: by the file's own column when it has one,
    /// otherwise by the lookup already imported.
    static func indicators(
        _ geography: Geography, _ rows: [IndicatorRow], count: Int, vintage: String, lads: Set<String>, file: DataFile, on database: any Database
    ) async throws -> ParsedFile {
        var kept = rows
        if !lads.isEmpty {
            if rows.allSatisfy({ $0.localAuthority != nil }) {
                kept = rows.filter { lads.contains($0.localAuthority!) }
                try checkEveryAuthorityFound(lads, in: Set(kept.compactMap(\.localAuthority)), file: file)
            } else {
                let known = try await PlaceArea.query(on: database)
                    .filter(\.$geography == geography.rawValue).filter(\.$ladCode ~~ Array(lads)).all()
                let missing = lads.subtracting(known.compactMap(\.ladCode))
                guard missing.isEmpty else {
                    throw ImportFailure.refused(file.path, "Onramp does not know which \(geography == .lsoa11 ? "2011" : "2021") LSOAs are in \(missing.sorted().joined(separator: ", ")): import the LSOA lookup for them first, or check the code")
                }
                let codes = Set(known.map(\.code))
                kept = rows.filter { codes.contains($0.code) }
            }
        }
        return ParsedFile(vintage: vintage, fileRows: count, keptRows: kept.count, content: .indicators(geography, kept))
    }

    /// Polygons by code, read a feature at a time so that England's file is never held whole.
    /// The local authority comes from the file when it says (LAD_CODE, LADnnCD), else from the
    /// lookup already imported; a ward file with neither, imported for one authority, is taken
    /// as that authority's.
    static func shapes(_ dataset: PlacesDataset, file: DataFile, lads: Set<String>, on database: any Database) async throws -> ParsedFile {
        let geography: Geography = dataset == .lsoa21Boundaries ? .lsoa21 : dataset == .lsoa11Boundaries ? .lsoa11 : .ward
        let codeKeys = geography == .lsoa21 ? ["LSOA21CD"] : geography == .lsoa11 ? ["LSOA11CD"] : (19...30).reversed().map { "WD\($0)CD" }
        let kind: AreaCode.Kind = geography == .ward ? .ward : .lsoa
        let known = try await PlaceArea.query(on: database).filter(\.$geography == geography.rawValue).all()
        let ladOf = Dictionary(known.compactMap { area in area.ladCode.map { (area.code, $0) } }, uniquingKeysWith: { a, _ in a })
        let ladKeys = ["LAD_CODE"] + (17...30).reversed().map { "LAD\($0)CD" }
        var problems = ImportProblems(file: file.path)
        var kept: [PlacesContent.Shape] = []
        var count = 0
        do {
            try GeoJSON.eachFeature(chunks: try file.chunks(), codeKeys: codeKeys) { feature in
                count += 1
                guard AreaCode.isValid(feature.code, as: kind) else {
                    problems.add(line: count, "feature \u{201C}\(feature.code)\u{201D} does not have a valid code")
                    return
                }
                let ownLAD = ladKeys.lazy.compactMap { feature.properties[$0] as? String }.first
                let lad = ownLAD ?? ladOf[feature.code] ?? (lads.count == 1 && geography == .ward ? lads.first : nil)
                guard lads.isEmpty || lad.map(lads.contains) == true else { return }
                kept.append(PlacesContent.Shape(code: feature.code, ladCode: lad, coordinates: GeoJSON.coordinatesJSON(feature.polygons)))
            }
        } catch let problem as GeoJSON.Problem {
            throw ImportFailure.refused(file.path, "this is not a \(dataset.summary) file: \(problem.description)")
        }
        guard problems.isEmpty else { throw ImportFailure.rows(problems) }
        try checkEveryAuthorityFound(lads, in: Set(kept.compactMap(\.ladCode)), file: file)
        return ParsedFile(vintage: dataset.defaultVintage, fileRows: count, keptRows: kept.count, content: .shapes(geography, kept))
    }

    static func checkEveryAuthorityFound(_ lads: Set<String>, in found: Set<String>, file: DataFile) throws {
        let missing = lads.subtracting(found)
        guard missing.isEmpty else {
            throw ImportFailure.refused(file.path, "no row in this file is in \(missing.sorted().joined(separator: ", ")): check the local authority code")
        }
    }

    /// The derived coverage file: `{"meta": {"vintage": …}, "values": {"E01…": {"value": gigabit %, "sfbb": superfast %}}}`.
    static func broadbandJSON(_ file: DataFile) throws -> (String, [IndicatorRow]) {
        guard let object = try? JSONSerialization.jsonObject(with: try file.contents()) as? [String: Any],
              let values = object["values"] as? [String: Any]
        else { throw ImportFailure.refused(file.path, "this is not a broadband coverage file: expected JSON with a \u{201C}values\u{201D} object by LSOA") }
        let vintage = (object["meta"] as? [String: Any])?["vintage"] as? String ?? PlacesDataset.broadband.defaultVintage
        var problems = ImportProblems(file: file.path)
        var rows: [IndicatorRow] = []
        for (position, code) in values.keys.sorted().enumerated() {
            let entry = values[code] as? [String: Any] ?? [:]
            guard AreaCode.isValid(code, as: .lsoa) else { problems.add(line: position + 1, "\u{201C}\(code)\u{201D} is not an LSOA code"); continue }
            guard let gigabit = (entry["value"] as? NSNumber)?.doubleValue, let superfast = (entry["sfbb"] as? NSNumber)?.doubleValue,
                  (0...100).contains(gigabit), (0...100).contains(superfast)
            else { problems.add(line: position + 1, "\(code) needs \u{201C}value\u{201D} and \u{201C}sfbb\u{201D} percentages from 0 to 100"); continue }
            rows.append(IndicatorRow(code: code, localAuthority: nil, values: ["superfast_pct": superfast, "gigabit_pct": gigabit]))
        }
        guard problems.isEmpty else { throw ImportFailure.rows(problems) }
        return (vintage, rows)
    }
}
