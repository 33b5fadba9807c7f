import Foundation
@testable import OnrampCore
import Testing

@Suite struct AreaFinderTests {
    /// A 4 by 4 square with a 2 by 2 hole, and a second square beside it.
    let finder = AreaFinder([
        (code: "A", polygons: [[[(0, 0), (4, 0), (4, 4), (0, 4), (0, 0)], [(1, 1), (3, 1), (3, 3), (1, 3), (1, 1)]]]),
        (code: "B", polygons: [[[(4, 0), (8, 0), (8, 4), (4, 4), (4, 0)]]]),
    ])

    @Test func aPointIsInTheAreaAroundItAndNotInItsHole() {
        #expect(finder.area(longitude: 0.5, latitude: 0.5) == "A")
        #expect(finder.area(longitude: 2, latitude: 2) == nil)
        #expect(finder.area(longitude: 6, latitude: 3) == "B")
        #expect(finder.area(longitude: 9, latitude: 3) == nil)
        #expect(finder.area(longitude: -1, latitude: -1) == nil)
    }

    @Test func emptyOrDegenerateAreasAreLeftOut() {
        let finder = AreaFinder([(code: "empty", polygons: []), (code: "line", polygons: [[[(0, 0), (1, 1)]]])])
        #expect(finder.area(longitude: 0.5, latitude: 0.5) == nil)
    }

    @Test func southwarksPostcodesFallInTheLSOAsPublishedForThem() throws {
        // The derived file places each postcode in its 2021 LSOA by point in polygon against the
        // generalised boundaries; ours, against the same boundaries, must agree for nearly all.
        let data = try Data(contentsOf: URL(fileURLWithPath: sharedDataPath("boundaries/southwark/southwark_lsoa21_bgc_with_census2021.geojson")))
        let finder = AreaFinder(try GeoJSON.features(from: data, codeKeys: ["LSOA21CD"]).map { ($0.code, $0.polygons) })
        var reader = try CSVReader(path: sharedDataPath("postcodes/derived/southwark_postcodes_codepoint2025_with_lsoa.csv"))
        let header = ColumnMap(header: reader.next()!.fields)
        let (lat, lon, lsoa) = (header.index("lat")!, header.index("lon")!, header.index("lsoa21cd_pip")!)
        var agree = 0, placed = 0, total = 0
        while let record = reader.next() {
            total += 1
            guard !record.fields[lsoa].isEmpty else { continue }
            placed += 1
            if finder.area(longitude: Double(record.fields[lon])!, latitude: Double(record.fields[lat])!) == record.fields[lsoa] { agree += 1 }
        }
        #expect(total == 7_076)
        #expect(placed == 7_072)
        #expect(Double(agree) / Double(placed) > 0.995)
    }
}
