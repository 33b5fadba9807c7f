import Foundation
import OnrampCore
@testable import OnrampServer
import Testing

/// On the map of all London each borough's run is one link: to its own map on the same layer,
/// named by the borough and how many of its areas are in this map's class most in need.
@Suite struct LondonMapRegionsTests {
    @Test func eachBoroughIsOneLinkNamedByItsAreasInTheTopClass() {
        let west = UUID(), east = UUID()
        func score(_ run: UUID, _ code: String, _ index: Double?) -> IndexScore {
            IndexScore(runID: run, areaCode: code, index: index, demography: nil, connectivity: nil, deprivation: nil, indicators: "{}", missing: "", isPartial: false, rank: 1)
        }
        let scores = [score(west, "W1", 9), score(west, "W2", 1), score(west, "W3", nil), score(east, "E1", 8), score(east, "E2", 9.5)]
        let view = RunView(
            run: IndexRun(), settings: .standard, scores: scores, names: [:], wards: [:], wardCodes: [:], ladName: "London",
            authorityNames: [west: "Westminster", east: "Barking and Dagenham"], imports: []
        )
        let square: GeoJSON.Ring = [(0, 0), (0.01, 0), (0.01, 0.01), (0, 0.01)]
        let shapes = scores.map { AreaOutline(code: $0.areaCode, polygons: [[square]]) }
        let values = Dictionary(uniqueKeysWithValues: scores.compactMap { score in score.index.map { (score.areaCode, $0) } })

        let regions = RunMap.regions(shapes, of: view, layer: .index, values: values, breaks: [2, 8.5])
        #expect(regions.map(\.label) == [
            "Barking and Dagenham, 2 areas: 1 in the highest band of this map",
            "Westminster, 3 areas: 1 in the highest band of this map, 1 with no figure",
        ])
        #expect(regions.map(\.href) == [east, west].map { SiteURL.indexRun(.value($0)).path(query: [("layer", "index")]) })
        #expect(regions.map { $0.areas.map(\.value) } == [[8, 9.5], [9, 1, nil]], "each borough's own areas, in the order given")

        // IMD deciles are fixed classes: 1 and 2 are the most deprived.
        let deciles = RunMap.regions(shapes, of: view, layer: .imdDecile, values: ["W1": 1, "W2": 2, "E1": 3], breaks: [2, 4, 6, 8])
        #expect(deciles.map(\.label) == [
            "Barking and Dagenham, 2 areas: 0 in deciles 1 and 2, the most deprived, 1 with no figure",
            "Westminster, 3 areas: 2 in deciles 1 and 2, the most deprived, 1 with no figure",
        ])
        #expect(deciles.allSatisfy { $0.href.hasSuffix("?layer=imd_decile") })
    }
}
