import Foundation
import OnrampCore

/// The real files the benchmarks read, from ../shared/data beside the repository, or from
/// $ONRAMP_DATA_DIR.
enum SharedData {
    static let iodEngland = "imd2019/derived/england_iod2019_ranks_deciles_with_imd_income_employment_scores_pop.csv.gz"

    static var folder: URL {
        if let folder = ProcessInfo.processInfo.environment["ONRAMP_DATA_DIR"] { return URL(fileURLWithPath: folder) }
        // Benchmarks/Benchmarks/PlacesBenchmarks/SharedData.swift → the repository → its sibling.
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.deletingLastPathComponent().appendingPathComponent("shared/data")
    }

    /// A file's bytes, through `gzip -dc` when it is compressed.
    static func data(_ name: String) throws -> Data {
        let path = folder.appendingPathComponent(name).path
        guard name.hasSuffix(".gz") else { return try Data(contentsOf: URL(fileURLWithPath: path)) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-dc", path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return data
    }

    static func text(_ name: String) throws -> String {
        String(decoding: try data(name), as: UTF8.self)
    }

    /// Every row of a CSV text through a dataset's parser, as `onramp import` reads them.
    static func rows<Parser: RowParser>(_ text: String, parser make: (ColumnMap) throws -> Parser) throws -> [Parser.Row] {
        var reader = CSVReader(text: text)
        guard let header = reader.next() else { return [] }
        let parser = try make(ColumnMap(header: header.fields))
        var rows: [Parser.Row] = []
        while let record = reader.next() {
            if let row = try parser.parse(record.fields) { rows.append(row) }
        }
        return rows
    }

    static func rows<Parser: RowParser>(file name: String, parser make: (ColumnMap) throws -> Parser) throws -> [Parser.Row] {
        try rows(try text(name), parser: make)
    }
}

/// The index's inputs for every 2021 LSOA in England, as `onramp index` assembles them from
/// imports: Census percentages on 2021 areas, and IoD2019 scores carried from 2011 areas.
/// Broadband coverage is left out (the shared file covers London only), so every index is partial.
struct IndexAreas: @unchecked Sendable {
    let england: [RiskIndex.Area]
    let london: [RiskIndex.Area]
    let bridge: LSOABridge
    let values11: [String: [String: Double]]
    let population: [String: Double]

    static func shared() throws -> IndexAreas {
        var values21: [String: [String: Double]] = [:]
        for table in [CensusTable.ts007a, .ts038, .ts067] {
            for row in try SharedData.rows(file: "census2021/census2021-\(table.dataset.dropFirst("census-".count))-lsoa.csv", parser: { try CensusParser(table: table, header: $0) })
            where row.code.hasPrefix("E") {
                values21[row.code, default: [:]].merge(row.values) { $1 }
            }
        }
        var values11: [String: [String: Double]] = [:]
        var population: [String: Double] = [:]
        for row in try SharedData.rows(file: SharedData.iodEngland, parser: { try IoD2019Parser(header: $0) }) {
            for key in ["imd_score", "income_score"] { values11[key, default: [:]][row.code] = row.values[key] }
            population[row.code] = row.values["population_2015"]
        }
        let links = try SharedData.rows(file: "lookups/LSOA11_LSOA21_LAD22_EW_LU.csv") { try LSOALinkParser(header: $0) }
        let bridge = LSOABridge(links: links)
        for code in values21.keys {
            for (key, values) in values11 {
                if let carried = bridge.carry(to: code, values: values, population: population) { values21[code]![key] = carried.value }
            }
        }
        let london = Set(links.filter { $0.localAuthority.hasPrefix("E09") }.map(\.lsoa21))
        let england = values21.keys.sorted().map { RiskIndex.Area(code: $0, values: values21[$0]!) }
        return IndexAreas(england: england, london: england.filter { london.contains($0.code) }, bridge: bridge, values11: values11, population: population)
    }
}
