import Foundation

/// How much of the highest-risk areas' population lives within a walk of free help to get
/// online, and where new help would reach the most people not yet covered. Each area's people
/// count at its centre point; a place covers an area whose centre is within `radius` metres.
public enum CoverageGap {
    /// 800 metres: about a 10-minute walk.
    public static let walk = 800.0

    public struct Area: Sendable, Equatable {
        public let code: String
        public let population: Double
        public let centre: NationalGrid.Position

        public init(code: String, population: Double, centre: NationalGrid.Position) {
            (self.code, self.population, self.centre) = (code, population, centre)
        }
    }

    public struct Place: Sendable, Equatable {
        public let id: String
        public let name: String
        public let position: NationalGrid.Position

        public init(id: String, name: String, position: NationalGrid.Position) {
            (self.id, self.name, self.position) = (id, name, position)
        }
    }

    /// One place in the ranking: the people it would newly cover after those before it.
    public struct Pick: Sendable, Equatable {
        public let place: Place
        public let added: Double
        public let areas: [String]
    }

    public struct Result: Sendable, Equatable {
        public let population: Double
        public let covered: Double
        /// The areas already within a walk of help.
        public let coveredAreas: Set<String>
        /// Every candidate, in greedy order; those that add nobody last, by name.
        public let ranking: [Pick]

        public var share: Double? { population > 0 ? covered / population : nil }
    }

    public static func analyse(areas: [Area], existing: [Place], candidates: [Place], radius: Double = walk) -> Result {
        func reaches(_ place: Place, _ area: Area) -> Bool { Distance.metres(place.position, area.centre) <= radius }
        let covered = Set(areas.filter { area in existing.contains { reaches($0, area) } }.map(\.code))
        var uncovered = areas.filter { !covered.contains($0.code) }
        var remaining = candidates.sorted { ($0.name, $0.id) < ($1.name, $1.id) }
        var ranking: [Pick] = []
        while !remaining.isEmpty {
            // The candidate that adds the most people; the first by name among equals.
            var best: (index: Int, added: Double, areas: [Area])?
            for (index, place) in remaining.enumerated() {
                let reached = uncovered.filter { reaches(place, $0) }
                let added = reached.reduce(0) { $0 + $1.population }
                if added > (best?.added ?? 0) { best = (index, added, reached) }
            }
            guard let best else { break }
            ranking.append(Pick(place: remaining[best.index], added: best.added, areas: best.areas.map(\.code).sorted()))
            let taken = Set(best.areas.map(\.code))
            uncovered.removeAll { taken.contains($0.code) }
            remaining.remove(at: best.index)
        }
        ranking += remaining.map { Pick(place: $0, added: 0, areas: []) }
        return Result(population: areas.reduce(0) { $0 + $1.population }, covered: areas.filter { covered.contains($0.code) }.reduce(0) { $0 + $1.population },
                      coveredAreas: covered, ranking: ranking)
    }

    /// An area's centre: the centroid of its largest outer ring (planar, which at a few hundred
    /// metres is well within a metre of the true one).
    public static func centre(of polygons: [[GeoJSON.Ring]]) -> NationalGrid.Position? {
        let rings = polygons.compactMap(\.first).filter { $0.count >= 3 }
        func signedArea(_ ring: GeoJSON.Ring) -> Double {
            zip(ring, ring.dropFirst() + [ring[0]]).reduce(0) { $0 + ($1.0.lon * $1.1.lat - $1.1.lon * $1.0.lat) } / 2
        }
        guard let ring = rings.max(by: { abs(signedArea($0)) < abs(signedArea($1)) }) else { return nil }
        let area = signedArea(ring)
        guard area != 0 else { return nil }
        var x = 0.0, y = 0.0
        for (a, b) in zip(ring, ring.dropFirst() + [ring[0]]) {
            let cross = a.lon * b.lat - b.lon * a.lat
            x += (a.lon + b.lon) * cross
            y += (a.lat + b.lat) * cross
        }
        return NationalGrid.Position(latitude: y / (6 * area), longitude: x / (6 * area))
    }
}
