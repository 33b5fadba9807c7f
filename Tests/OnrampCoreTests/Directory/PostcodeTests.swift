import Foundation
@testable import OnrampCore
import Testing

/// The real files beside the repository.
func sharedDataPath(_ relative: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/data/" + relative).standardizedFileURL.path
}

@Suite struct PostcodeTests {
    @Test(arguments: [("se1 7pb", "SE1 7PB"), ("SE17PB", "SE1 7PB"), ("  se1   7pb ", "SE1 7PB"), ("ec1v 9ax", "EC1V 9AX"), ("m1 1ae", "M1 1AE"), ("W1A0AX", "W1A 0AX")])
    func typedPostcodesBecomeCanonical(typed: String, canonical: String) {
        #expect(Postcode.normalise(typed) == canonical)
    }

    @Test(arguments: ["", "SE1", "SE1 7P", "1SE 7PB", "SE1 PB7", "SE1 7PBX", "SE!1 7PB", "ABC1 7PB"])
    func malformedPostcodesAreRefused(typed: String) {
        #expect(Postcode.normalise(typed) == nil)
    }

    @Test func nationalGridMatchesThePublishedPositionsOfSouthwarksPostcodes() throws {
        // The derived file carries each postcode's eastings and northings and its latitude and
        // longitude as converted elsewhere: ours agree within about 5 metres (0.00005°).
        var reader = try CSVReader(path: sharedDataPath("postcodes/derived/southwark_postcodes_codepoint2025_with_lsoa.csv"))
        let header = ColumnMap(header: reader.next()!.fields)
        let (e, n, lat, lon) = (header.index("easting")!, header.index("northing")!, header.index("lat")!, header.index("lon")!)
        var worst = 0.0, count = 0
        while let record = reader.next() {
            let position = NationalGrid.wgs84(easting: Double(record.fields[e])!, northing: Double(record.fields[n])!)
            worst = max(worst, abs(position.latitude - Double(record.fields[lat])!), abs(position.longitude - Double(record.fields[lon])!))
            count += 1
        }
        #expect(count == 7_076)
        #expect(worst < 0.00005)
    }

    @Test func theOSWorkedExampleConverts() {
        // OS's guide: Caister water tower, E 651409.903 N 313177.270 is OSGB36 52°39'27.2531"N 1°43'4.5177"E.
        let osgb36 = NationalGrid.inverseTransverseMercator(easting: 651_409.903, northing: 313_177.270)
        #expect(abs(osgb36.lat * 180 / .pi - (52 + 39.0 / 60 + 27.2531 / 3600)) < 1e-7)
        #expect(abs(osgb36.lon * 180 / .pi - (1 + 43.0 / 60 + 4.5177 / 3600)) < 1e-7)
    }

    @Test func distancesInMiles() {
        let a = NationalGrid.Position(latitude: 51.5, longitude: -0.1), b = NationalGrid.Position(latitude: 51.5, longitude: -0.08)
        #expect(abs(Distance.metres(a, b) - 1385) < 5)   // 0.02° of longitude at 51.5°N
        #expect(Distance.words(metres: 1385) == "0.9 miles")
        #expect(Distance.words(metres: 1609) == "1 mile")
        #expect(Distance.words(metres: 50) == "less than 0.1 miles")
        #expect(Distance.words(metres: 20_000) == "12 miles")
    }

    @Test func codePointOpenWithoutAHeaderIsReadFromItsFirstLine() throws {
        let parser = try PostcodeParser(header: ColumnMap(header: ["SE1 0AA", "10", "531860", "179460", "E92000001", "E19000003", "E18000007", "", "E09000028", "E05011114"]))
        #expect(parser.firstRecordIsData)
        let row = try #require(try parser.parse(["SE1 0AA", "10", "531860", "179460", "E92000001", "E19000003", "E18000007", "", "E09000028", "E05011114"]))
        #expect(row.postcode == "SE1 0AA" && row.localAuthority == "E09000028")
        #expect(abs(row.latitude - 51.498708) < 0.00005 && abs(row.longitude - -0.101772) < 0.00005)
        #expect(try parser.parse(["SE1P 4XX", "90", "0", "0", "E92000001", "", "", "", "", ""]) == nil)   // not placed
        #expect(throws: RowProblem("The postcode \u{201C}SE1\u{201D} is not a UK postcode")) { try parser.parse(["SE1", "10", "1", "1", "", "", "", "", "", ""]) }

        let simple = try PostcodeParser(header: ColumnMap(header: ["postcode", "latitude", "longitude"]))
        #expect(try simple.parse(["se1 7pb", "51.5", "-0.1"]) == PostcodeRow(postcode: "SE1 7PB", latitude: 51.5, longitude: -0.1, localAuthority: nil))
        #expect(throws: RowProblem("The latitude is 5.5, outside 49 to 61")) { try simple.parse(["SE1 7PB", "5.5", "-0.1"]) }
        #expect(throws: ImportRefusal.self) { try PostcodeParser(header: ColumnMap(header: ["code", "x", "y"])) }
    }
}
