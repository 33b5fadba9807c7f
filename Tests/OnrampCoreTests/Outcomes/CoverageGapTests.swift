import Foundation
@testable import OnrampCore
import Testing

@Suite struct CoverageGapTests {
    static func at(_ latitude: Double, _ longitude: Double) -> NationalGrid.Position { NationalGrid.Position(latitude: latitude, longitude: longitude) }

    // A and C are 1,112 m apart north to south, A and B 1,040 m east to west.
    let areas = [
        CoverageGap.Area(code: "A", population: 1_000, centre: at(51.500, -0.100)),
        CoverageGap.Area(code: "B", population: 600, centre: at(51.500, -0.085)),
        CoverageGap.Area(code: "C", population: 500, centre: at(51.510, -0.100)),
    ]
    let library = CoverageGap.Place(id: "library", name: "Library", position: at(51.500, -0.100))
    /// 173 m from B.
    let nearB = CoverageGap.Place(id: "b", name: "Near B", position: at(51.500, -0.0875))
    /// 56 m from C.
    let nearC = CoverageGap.Place(id: "c", name: "Near C", position: at(51.5095, -0.100))
    /// 737 m from B and 785 m from C.
    let between = CoverageGap.Place(id: "both", name: "Between B and C", position: at(51.505, -0.092))

    @Test func whatIsCoveredAlreadyAndThePlaceThatAddsMostFirst() {
        let result = CoverageGap.analyse(areas: areas, existing: [library], candidates: [nearB, nearC, between])
        #expect(result.population == 2_100 && result.covered == 1_000 && result.coveredAreas == ["A"])
        #expect(abs(result.share! - 1_000.0 / 2_100) < 1e-12)
        // The place between B and C reaches both; after it, the others add no one and follow by name.
        #expect(result.ranking.map(\.place.id) == ["both", "b", "c"])
        #expect(result.ranking.map(\.added) == [1_100, 0, 0])
        #expect(result.ranking[0].areas == ["B", "C"])
    }

    @Test func eachPickCountsOnlyWhatThoseBeforeItDidNot() {
        let result = CoverageGap.analyse(areas: areas, existing: [], candidates: [nearC, nearB, library])
        // The library covers A (1,000); then B's 600 before C's 500.
        #expect(result.ranking.map(\.place.id) == ["library", "b", "c"])
        #expect(result.ranking.map(\.added) == [1_000, 600, 500])
        #expect(result.covered == 0)
    }

    @Test func anAreasCentreIsItsLargestRingsCentroid() {
        let square: GeoJSON.Ring = [(0, 0), (2, 0), (2, 2), (0, 2), (0, 0)]
        let speck: GeoJSON.Ring = [(10, 10), (10.1, 10), (10.1, 10.1), (10, 10)]
        let centre = CoverageGap.centre(of: [[speck], [square]])
        #expect(centre == Self.at(1, 1))
        #expect(CoverageGap.centre(of: []) == nil)
    }
}
