import Benchmark
import Foundation
import OnrampCore

// Places, on the real files in ../shared/data (or $ONRAMP_DATA_DIR): reading and checking
// the official files, carrying 2011 values to 2021 areas, the risk index for London and for
// England, and drawing Southwark's map. Each has a baseline in the same run, so that the
// figures can be read as ratios on a noisy machine:
//   - reading a file is set against only splitting it into CSV records;
//   - the index is set against one pass that sums every value it reads.
//
//   cd Benchmarks && swift package benchmark

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
        warmupIterations: 1,
        maxDuration: .seconds(10),
        maxIterations: 20
    )

    Benchmark("Baseline: split Census TS007A into CSV records") { benchmark, text in
        var reader = CSVReader(text: text)
        while let record = reader.next() { blackHole(record) }
    } setup: { try SharedData.text("census2021/census2021-ts007a-lsoa.csv") }

    Benchmark("Census TS007A: read and check every row (England and Wales)") { benchmark, text in
        blackHole(try SharedData.rows(text) { try CensusParser(table: .ts007a, header: $0) })
    } setup: { try SharedData.text("census2021/census2021-ts007a-lsoa.csv") }

    Benchmark("Baseline: split IoD2019 (England) into CSV records") { benchmark, text in
        var reader = CSVReader(text: text)
        while let record = reader.next() { blackHole(record) }
    } setup: { try SharedData.text(SharedData.iodEngland) }

    Benchmark("IoD2019: read and check every England row") { benchmark, text in
        blackHole(try SharedData.rows(text) { try IoD2019Parser(header: $0) })
    } setup: { try SharedData.text(SharedData.iodEngland) }

    Benchmark("LSOA bridge: carry IMD and income scores to every 2021 LSOA") { benchmark, inputs in
        for code in inputs.bridge.targetCodes {
            for (_, values) in inputs.values11 {
                blackHole(inputs.bridge.carry(to: code, values: values, population: inputs.population))
            }
        }
    } setup: { try IndexAreas.shared() }

    Benchmark("Baseline: sum every value of England's index inputs") { benchmark, inputs in
        var total = 0.0
        for area in inputs.england { for value in area.values.values { total += value } }
        blackHole(total)
    } setup: { try IndexAreas.shared() }

    Benchmark("Risk index: London against London (4,994 2021 LSOAs)") { benchmark, inputs in
        blackHole(try RiskIndex.compute(areas: inputs.london, base: inputs.london, settings: RiskIndex.Settings()))
    } setup: { try IndexAreas.shared() }

    Benchmark("Risk index: England against England") { benchmark, inputs in
        blackHole(try RiskIndex.compute(areas: inputs.england, base: inputs.england, settings: RiskIndex.Settings()))
    } setup: { try IndexAreas.shared() }

    Benchmark("Map: draw Southwark's 2021 LSOAs as an SVG choropleth") { benchmark, areas in
        blackHole(Choropleth.svg(areas: areas, outlines: [], breaks: [2, 4, 6, 8], title: "Southwark"))
    } setup: {
        let features = try GeoJSON.features(
            from: try SharedData.data("boundaries/southwark/southwark_lsoa21_bgc_with_census2021.geojson"),
            codeKeys: ["LSOA21CD", "lsoa21cd"]
        )
        return features.enumerated().map { index, feature in
            Choropleth.Area(label: feature.code, href: "/places/areas/\(feature.code)", value: Double(index % 10), polygons: feature.polygons)
        }
    }
}
