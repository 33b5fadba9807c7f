import Foundation
@testable import OnrampCore
import Testing

@Suite struct GeoJSONTests {
    static let collection = """
    {"type": "FeatureCollection", "name": "a \\"quoted\\" {name}", "features": [
      {"type": "Feature", "properties": {"LSOA21CD": "E01000001", "note": "braces } and ] in text"},
       "geometry": {"type": "Polygon", "coordinates": [[[-0.1, 51.5], [-0.09, 51.5], [-0.09, 51.51], [-0.1, 51.5]]]}},
      {"type": "Feature", "properties": {"LSOA21CD": "E01000002"},
       "geometry": {"type": "MultiPolygon", "coordinates": [[[[0, 51], [0.01, 51], [0.01, 51.01], [0, 51]]], [[[1, 52], [1.01, 52], [1, 52.01], [1, 52]]]]}}
    ], "bbox": [-0.1, 51, 1.01, 52.01]}
    """

    /// The collection handed over a byte at a time, as a slow pipe might.
    static func byteChunks(_ text: String) -> () throws -> Data {
        let bytes = Array(text.utf8)
        var offset = 0
        return {
            guard offset < bytes.count else { return Data() }
            defer { offset += 1 }
            return Data([bytes[offset]])
        }
    }

    @Test func featuresAreReadOneAtATimeWhereverTheChunksBreak() throws {
        var codes: [String] = []
        var polygonCounts: [Int] = []
        try GeoJSON.eachFeature(chunks: Self.byteChunks(Self.collection), codeKeys: ["LSOA21CD"]) { feature in
            codes.append(feature.code)
            polygonCounts.append(feature.polygons.count)
        }
        #expect(codes == ["E01000001", "E01000002"])
        #expect(polygonCounts == [1, 2])
        #expect(try GeoJSON.features(from: Data(Self.collection.utf8), codeKeys: ["LSOA21CD"])[0].properties["note"] as? String == "braces } and ] in text")
    }

    @Test func aFileCutShortOrOfAnotherKindIsRefused() throws {
        let cut = String(Self.collection.prefix(400))
        #expect(throws: GeoJSON.Problem.self) { try GeoJSON.features(from: Data(cut.utf8), codeKeys: ["LSOA21CD"]) }
        do {
            _ = try GeoJSON.features(from: Data(cut.utf8), codeKeys: ["LSOA21CD"])
        } catch {
            #expect("\(error)" == "the file ends in the middle of feature 2 (is it cut short?)")
        }
        for text in [#"{"type": "Feature", "properties": {}}"#, #"[1, 2]"#, #"{"type": "Topology", "features": []}"#] {
            #expect(throws: GeoJSON.Problem.self) { try GeoJSON.features(from: Data(text.utf8), codeKeys: ["LSOA21CD"]) }
        }
        #expect(try GeoJSON.features(from: Data(#"{"type": "FeatureCollection", "features": []}"#.utf8), codeKeys: ["x"]).isEmpty)
    }

    @Test func aFeatureWithoutItsCodeOrWithPointsOutOfRangeSaysWhich() {
        let noCode = #"{"type": "FeatureCollection", "features": [{"properties": {"OTHER": "x"}, "geometry": {"type": "Polygon", "coordinates": []}}]}"#
        #expect(throws: GeoJSON.Problem.self) { try GeoJSON.features(from: Data(noCode.utf8), codeKeys: ["LSOA21CD"]) }
        let badPoint = #"{"type": "FeatureCollection", "features": [{"properties": {"LSOA21CD": "E01000001"}, "geometry": {"type": "Polygon", "coordinates": [[[500, 51]]]}}]}"#
        do {
            _ = try GeoJSON.features(from: Data(badPoint.utf8), codeKeys: ["LSOA21CD"])
            Issue.record("expected a refusal")
        } catch {
            #expect("\(error)" == "E01000001 has a point that is not a longitude and latitude")
        }
    }

    @Test func coordinatesSurviveBeingStored() {
        let polygons: [[GeoJSON.Ring]] = [[[(lon: -0.1, lat: 51.5), (lon: -0.09, lat: 51.5), (lon: -0.1, lat: 51.5)]]]
        let back = GeoJSON.polygons(fromCoordinatesJSON: GeoJSON.coordinatesJSON(polygons))
        #expect(back.count == 1 && back[0][0].map(\.lon) == [-0.1, -0.09, -0.1])
    }

    /// Every point of Southwark's LSOAs and wards, and random points at full precision, read
    /// back exactly as written (JSONSerialization, read before, misread the last digit of some:
    /// -0.08392616301124699 as -0.08392616301124697); text that is not a list of polygons is nothing.
    @Test func storedCoordinatesAreReadBackExactly() throws {
        var polygons: [[[GeoJSON.Ring]]] = []
        for file in ["southwark_lsoa21_bgc_with_census2021.geojson", "southwark_wards_2025_bgc.geojson"] {
            let data = try Data(contentsOf: URL(fileURLWithPath: sharedDataPath("boundaries/southwark/" + file)))
            polygons += try GeoJSON.features(from: data, codeKeys: ["LSOA21CD", "WD25CD"]).map(\.polygons)
        }
        var generator = SystemRandomNumberGenerator()
        polygons += (0..<200).map { _ in
            [[(0..<5).map { _ in (lon: Double.random(in: -180...180, using: &generator), lat: Double.random(in: -1e-6...1e-6, using: &generator)) }]]
        }
        #expect(polygons.count == 173 + 23 + 200)
        for shape in polygons {
            let text = GeoJSON.coordinatesJSON(shape)
            let read = GeoJSON.polygons(fromCoordinatesJSON: text)
            #expect(read.map { $0.map { $0.map { [$0.lon, $0.lat] } } } == shape.map { $0.map { $0.map { [$0.lon, $0.lat] } } })
        }
        for broken in ["", "[", "[[[[1,2]]]", "[[[[1]]]]", "[[[[1,2]]]] x", "[[[[1,,2]]]]", "[[[[+1,2]]]]", "{\"a\": 1}", "[[[[1,2],[3,nan]]]]"] {
            #expect(GeoJSON.polygons(fromCoordinatesJSON: broken).isEmpty, "\(broken)")
        }
        // A polygon with a point out of range is left out; the rest are kept. Space is allowed.
        #expect(GeoJSON.polygons(fromCoordinatesJSON: "[[[[200, 1], [1, 2]]], [ [ [1.5e1, -2E-1] ] ] ]").map { $0[0][0].lon } == [15])
    }
}

@Suite struct MapDrawingTests {
    @Test func pointsWithinTheToleranceOfALineAreDropped() {
        // (2, 3) is far from the line (0, 0)–(4, 0) and stays; then (1, 1.3) is 0.11 from the
        // line (0, 0)–(2, 3) and goes at tolerance 0.5; (3, 0) is 0.83 from (2, 3)–(4, 0) and stays.
        let points: [(x: Double, y: Double)] = [(0, 0), (1, 1.3), (2, 3), (3, 0), (4, 0)]
        #expect(Simplify.douglasPeucker(points, tolerance: 0.5).map(\.x) == [0, 2, 3, 4])
        #expect(Simplify.douglasPeucker(points, tolerance: 10).map(\.x) == [0, 4])
    }

    @Test func theProjectionFitsTheWidthAndWritesWholePixelSteps() {
        let square: [[GeoJSON.Ring]] = [[[(lon: 0, lat: -0.5), (lon: 1, lat: -0.5), (lon: 1, lat: 0.5), (lon: 0, lat: 0.5), (lon: 0, lat: -0.5)]]]
        let projection = MapProjection(bounding: square, width: 108)
        // Centred on the equator a degree is as wide as it is tall: 100 pixels and a margin of 4 each side.
        #expect(projection.height == 108)
        #expect(projection.point(0, 0.5) == (x: 4, y: 4))
        // From (4, 104): right 100, up 100, left 100; closing the ring draws the last side.
        #expect(projection.path(square) == "M4 104l100 0 0-100-100 0z")
        #expect(MapProjection.number(2.25) == "2.3" && MapProjection.number(3.0) == "3" && MapProjection.number(-0.46) == "-0.5")
    }

    @Test func aRingSmallerThanAPixelIsDrawnInTenthsNotDropped() {
        let square: [[GeoJSON.Ring]] = [[[(lon: 0, lat: -0.5), (lon: 1, lat: -0.5), (lon: 1, lat: 0.5), (lon: 0, lat: 0.5), (lon: 0, lat: -0.5)]]]
        let projection = MapProjection(bounding: square, width: 108)
        // 0.4 pixels a side at 100 pixels a degree: whole pixels would make it a dot.
        let tiny: GeoJSON.Ring = [(lon: 0.5, lat: 0), (lon: 0.504, lat: 0), (lon: 0.504, lat: 0.004), (lon: 0.5, lat: 0.004), (lon: 0.5, lat: 0)]
        #expect(projection.path([[tiny]]) == "M54 54l0.4 0 0-0.4-0.4 0z")
        let speck: GeoJSON.Ring = [(lon: 0.5, lat: 0), (lon: 0.5001, lat: 0), (lon: 0.5001, lat: 0.0001), (lon: 0.5, lat: 0)]
        #expect(projection.path([[speck]]).isEmpty)
    }

    @Test func aThinRingRoundedFlatAndABrokenPointAreHandled() {
        let square: [[GeoJSON.Ring]] = [[[(lon: 0, lat: -0.5), (lon: 1, lat: -0.5), (lon: 1, lat: 0.5), (lon: 0, lat: 0.5), (lon: 0, lat: -0.5)]]]
        let projection = MapProjection(bounding: square, width: 108)
        // 3 pixels long and 0.3 thick: in whole pixels, three points on one line with no area.
        let sliver: GeoJSON.Ring = [(lon: 0.5, lat: 0), (lon: 0.53, lat: 0), (lon: 0.53, lat: 0.003), (lon: 0.5, lat: 0)]
        let drawn = projection.path([[sliver]])
        #expect(drawn.contains(".") && !drawn.isEmpty, "drawn in tenths, not flat: \(drawn)")
        // A point that is not a number is left out; the rest of the ring is drawn.
        let broken: GeoJSON.Ring = square[0][0] + [(lon: .nan, lat: 0)]
        #expect(projection.path([[broken]]) == "M4 104l100 0 0-100-100 0z")
        #expect(MapProjection.number(.infinity) == "0")
    }

    @Test func eachStepLandsOnTheRoundedPointOfTheRing() {
        // A wiggly ring of 200 points: every point written, summed back from its steps, is the
        // projected and simplified point rounded to the whole pixel.
        let ring: GeoJSON.Ring = (0..<200).map { i in
            let angle = Double(i) / 200 * 2 * .pi, radius = 1 + 0.3 * sin(Double(i) * 0.7)
            return (lon: radius * cos(angle), lat: radius * sin(angle))
        } + [(lon: 1, lat: 0)]
        let projection = MapProjection(bounding: [[ring]], width: 400)
        let simple = Simplify.douglasPeucker(ring.map { projection.point($0.lon, $0.lat) }, tolerance: 0.5)
        let expected = MapProjection.distinct(simple, per: 1, atLeast: 3)!
        let written = Self.absolutePoints(projection.path([[ring]]))
        #expect(written.count == expected.count)
        #expect(zip(written, expected).allSatisfy { $0.x == Double($1.x) && $0.y == Double($1.y) })
    }

    /// Reads "M x y l dx dy dx dy … z" back to absolute points.
    static func absolutePoints(_ path: String) -> [(x: Double, y: Double)] {
        let numbers = path.replacingOccurrences(of: "-", with: " -").split(whereSeparator: { "Mlz ".contains($0) }).compactMap { Double($0) }
        var points: [(x: Double, y: Double)] = [(numbers[0], numbers[1])]
        for index in stride(from: 2, to: numbers.count - 1, by: 2) {
            points.append((points[points.count - 1].x + numbers[index], points[points.count - 1].y + numbers[index + 1]))
        }
        return points
    }

    @Test func eachAreaIsDrawnOnceInItsClasssGroupTheDarkestFirst() {
        let square: GeoJSON.Ring = [(0, 0), (0, 1), (1, 1), (1, 0), (0, 0)]
        let values: [Double?] = [1, 9, nil, 5, 8, 2]
        let areas = values.enumerated().map { index, value in
            Choropleth.Area(label: "Area \(index)", href: "/a/\(index)", value: value, polygons: [[square.map { (lon: $0.lon + Double(index), lat: $0.lat) }]])
        }
        let svg = Choropleth.svg(areas: areas, outlines: [], breaks: [3, 6], title: "Test").rendered
        // Three classes use the palette's first, middle and last colours.
        let groups = svg.components(separatedBy: "<g fill=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        #expect(groups == [Choropleth.palette[4], Choropleth.palette[2], Choropleth.palette[0], "url(#app-map-missing)"])
        let labels = svg.components(separatedBy: "<title>").dropFirst().map { String($0.prefix { $0 != "<" }) }
        #expect(labels == ["Area 1", "Area 4", "Area 3", "Area 0", "Area 5", "Area 2"], "each once, the highest class first, in order within it")
        let reversed = Choropleth.svg(areas: areas, outlines: [], breaks: [3, 6], darkestFirst: true, title: "Test").rendered
        #expect(reversed.components(separatedBy: "<title>").dropFirst().map { String($0.prefix { $0 != "<" }) } == ["Area 0", "Area 5", "Area 3", "Area 1", "Area 4", "Area 2"])
        // Where the lightest are the most in need (help reached), they come first.
        let reached = Choropleth.svg(areas: areas, outlines: [], breaks: [3, 6], lightestFirst: true, title: "Test").rendered
        #expect(reached.components(separatedBy: "<title>").dropFirst().map { String($0.prefix { $0 != "<" }) } == ["Area 0", "Area 5", "Area 3", "Area 1", "Area 4", "Area 2"])
    }

    /// The hatch, outlines and markers are drawn only on a map that has them.
    @Test func aMapHasOnlyThePartsItDraws() throws {
        let square: GeoJSON.Ring = [(0, 0), (0, 1), (1, 1), (1, 0), (0, 0)]
        let counted = Choropleth.Area(label: "Counted", href: "/a/1", value: 4, polygons: [[square]])
        let plain = Choropleth.svg(areas: [counted], outlines: [], breaks: [], title: "Test").rendered
        #expect(plain.hasPrefix("<svg class=\"app-map\" viewBox=\"0 0 720 ") && plain.hasSuffix("</a></g></g>\n</svg>"))
        #expect(!plain.contains("<defs") && !plain.contains("app-map__outlines") && !plain.contains("app-map__points"))
        let uncounted = Choropleth.Area(label: "No figure", href: "/a/2", value: nil, polygons: [[square.map { (lon: $0.lon + 1, lat: $0.lat) }]])
        let full = Choropleth.svg(areas: [counted, uncounted], outlines: [[[square]]], points: [Choropleth.Point(label: "Library", longitude: 0.5, latitude: 0.5)], breaks: [], title: "Test").rendered
        #expect(full.contains("<defs><pattern id=\"app-map-missing\"") && full.contains("<g fill=\"url(#app-map-missing)\">"))
        #expect(full.contains("<g class=\"app-map__outlines\"") && full.contains("<g class=\"app-map__points\"") && full.contains("<title>Library</title>"))
        // Two outlines are one path of two rings, each ring as a path of its own would draw it.
        let twoOutlines = Choropleth.svg(areas: [counted], outlines: [[[square]], [[square.map { (lon: $0.lon + 1, lat: $0.lat) }]]], breaks: [], title: "Test").rendered
        let outlines = try #require(twoOutlines.components(separatedBy: "<g class=\"app-map__outlines\"").dropFirst().first)
        #expect(outlines.components(separatedBy: "<path ").count == 2 && outlines.components(separatedBy: "z").count == 3)
        let projection = MapProjection(bounding: [[square]], width: 720)
        #expect(outlines.contains("d=\"\(projection.path([[square]], tolerance: 1))\(projection.path([[square.map { (lon: $0.lon + 1, lat: $0.lat) }]], tolerance: 1))\""))
        let region = Choropleth.Region(label: "Both", href: "/r/1", areas: [(value: 4, polygons: [[square]]), (value: nil, polygons: [[square]])])
        #expect(Choropleth.svg(regions: [region], outlines: [], breaks: [], title: "Test").rendered.contains("<defs><pattern id=\"app-map-missing\""))
        #expect(!Choropleth.svg(regions: [Choropleth.Region(label: "Counted", href: "/r/2", areas: [(value: 4, polygons: [[square]])])], outlines: [], breaks: [], title: "Test").rendered.contains("<defs"))
    }

    /// Regions (boroughs on a map of London): each one link named once, its areas drawn as they
    /// would be as links of their own, in the same places and colours, grouped by class within it.
    @Test func eachRegionIsOneLinkOverItsAreasInTheirClasses() {
        let square: GeoJSON.Ring = [(0, 0), (0.5, 0), (0.5, 0.5), (0, 0.5)]
        let values: [Double?] = [1, 9, nil, 5, 8, 2]
        let polygons = values.indices.map { index in [[square.map { (lon: $0.lon + Double(index), lat: $0.lat) }]] }
        let areas = values.indices.map { Choropleth.Area(label: "Area \($0)", href: "/a/\($0)", value: values[$0], polygons: polygons[$0]) }
        let regions = [
            Choropleth.Region(label: "West & more", href: "/r/1?x=1&y=2", areas: [0, 1, 2].map { (values[$0], polygons[$0]) }),
            Choropleth.Region(label: "East", href: "/r/2", areas: [3, 4, 5].map { (values[$0], polygons[$0]) }),
        ]
        let svg = Choropleth.svg(regions: regions, outlines: [], breaks: [3, 6], title: "Test").rendered
        #expect(svg.components(separatedBy: "<a href=").count - 1 == 2)
        #expect(svg.contains("<a href=\"/r/1?x=1&amp;y=2\"><title>West &amp; more</title><g fill=\"\(Choropleth.palette[4])\"><path d="))
        #expect(svg.components(separatedBy: "<title>").dropFirst().map { String($0.prefix { $0 != "<" }) } == ["West &amp; more", "East"])
        let each = Choropleth.svg(areas: areas, outlines: [], breaks: [3, 6], title: "Test").rendered
        func fills(_ svg: String) -> [String: String] {
            var fills: [String: String] = [:]
            for group in svg.components(separatedBy: "<g fill=\"").dropFirst() {
                for path in group.components(separatedBy: "<path d=\"").dropFirst() { fills[String(path.prefix { $0 != "\"" })] = String(group.prefix { $0 != "\"" }) }
            }
            return fills
        }
        #expect(fills(svg).count == 6 && fills(svg) == fills(each))
    }

    @Test func theLegendStatesEachClassesBounds() {
        let bounds = Choropleth.classBounds(values: [1, 2, 3, 9], breaks: [2, 4])
        #expect(bounds.map(\.low) == [1, 2, 4] && bounds.map(\.high) == [2, 4, 9])
        #expect(Choropleth.colour(forClass: 0, of: 5) == Choropleth.palette[0])
        #expect(Choropleth.colour(forClass: 4, of: 5) == Choropleth.palette[4])
    }
}
