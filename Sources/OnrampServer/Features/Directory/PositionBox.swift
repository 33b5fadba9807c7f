import Foundation
import OnrampCore
import SQLKit

/// The box of latitudes and longitudes around a point that holds every place within a distance
/// of it, as conditions on a table of places that an index can serve; the places in it are
/// then measured exactly. A B-tree on latitude alone reads a whole band of the country for a
/// narrow box (9,197 places for 318 in the box at 100,000 services), so places are indexed
/// by strips of latitude first (`IndexPlacesByLatitudeStrip`): each strip is then read for
/// the box's longitudes only.
struct PositionBox {
    let latitudes: ClosedRange<Double>
    let longitudes: ClosedRange<Double>

    /// Degrees on `Distance`'s own radius, so that no place it measures within the distance
    /// falls outside: no such place is further north or south than `metres` along a meridian,
    /// nor further east or west than that distance at the box's edge nearest a pole (where a
    /// degree of longitude is shortest). A thousandth more covers rounding. The box used 111,320
    /// metres a degree, 0.11% more than `Distance`'s, and dropped places at the very edge.
    init(around point: NationalGrid.Position, metres: Double) {
        let latitudeSpan = metres / Distance.metresPerDegree * 1.001
        let nearestPole = min(90, abs(point.latitude) + latitudeSpan)
        let longitudeSpan = latitudeSpan / max(0.1, cos(nearestPole * .pi / 180))
        // Within the poles, so that `strips` stays at most 18,003 whatever distance is asked.
        let south = min(90, max(-90, point.latitude - latitudeSpan))
        latitudes = south...max(south, min(90, point.latitude + latitudeSpan))
        longitudes = (point.longitude - longitudeSpan)...(point.longitude + longitudeSpan)
    }

    /// Every strip a latitude in the box can fall in, with one to spare at each end: SQLite's
    /// CAST truncates and PostgreSQL's rounds, and either lands between the floor and the
    /// ceiling of the scaled latitude.
    var strips: [Int] {
        let scale = Double(LatitudeStrip.perDegree)
        return Array(Int((latitudes.lowerBound * scale).rounded(.down)) - 1...Int((latitudes.upperBound * scale).rounded(.up)) + 1)
    }

    /// `select` narrowed to the places in the box, in the `latitude` and `longitude` columns of
    /// `table` (unqualified when nil).
    func narrow(_ select: SQLSelectBuilder, table: String? = nil) -> SQLSelectBuilder {
        func column(_ name: String) -> any SQLExpression { table.map { SQLColumn(name, table: $0) } ?? SQLColumn(name) }
        return select.where(LatitudeStrip(latitude: column("latitude")), .in, SQLGroupExpression(strips.map { SQLBind($0) }))
            .where(column("latitude"), .greaterThanOrEqual, SQLBind(latitudes.lowerBound)).where(column("latitude"), .lessThanOrEqual, SQLBind(latitudes.upperBound))
            .where(column("longitude"), .greaterThanOrEqual, SQLBind(longitudes.lowerBound)).where(column("longitude"), .lessThanOrEqual, SQLBind(longitudes.upperBound))
    }
}

/// A place's strip of latitude, written as `IndexPlacesByLatitudeStrip` indexes it, since a
/// database uses an index on an expression only for the same expression: a change here needs
/// a migration of its own (DirectoryNearTests checks the index is used).
struct LatitudeStrip: SQLExpression {
    static let perDegree = 100
    let latitude: any SQLExpression

    func serialize(to serializer: inout SQLSerializer) {
        serializer.write("CAST(")
        latitude.serialize(to: &serializer)
        serializer.write(" * \(Self.perDegree) AS INTEGER)")
    }
}
