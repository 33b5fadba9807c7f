import Foundation

/// Ordnance Survey National Grid (OSGB36, EPSG:27700) eastings and northings to WGS84
/// latitude and longitude, as OS Code-Point Open gives postcodes.
///
/// The inverse Transverse Mercator on the Airy 1830 ellipsoid, then a seven-parameter Helmert
/// transformation to WGS84: OS's published method, good to about 5 metres, which is far finer
/// than a postcode's centroid needs. (OSTN15 would give centimetres but needs its grid file.)
public enum NationalGrid {
    public struct Position: Sendable, Equatable {
        public let latitude: Double
        public let longitude: Double

        public init(latitude: Double, longitude: Double) {
            self.latitude = latitude
            self.longitude = longitude
        }
    }

    public static func wgs84(easting: Double, northing: Double) -> Position {
        let osgb36 = inverseTransverseMercator(easting: easting, northing: northing)
        return helmertToWGS84(osgb36)
    }

    // Airy 1830 and the National Grid's projection.
    static let airyA = 6_377_563.396, airyB = 6_356_256.909
    static let f0 = 0.9996012717
    static let lat0 = 49.0 * .pi / 180, lon0 = -2.0 * .pi / 180
    static let n0 = -100_000.0, e0 = 400_000.0

    static func inverseTransverseMercator(easting: Double, northing: Double) -> (lat: Double, lon: Double) {
        let a = airyA, b = airyB
        let e2 = 1 - (b * b) / (a * a)
        let n = (a - b) / (a + b), n2 = n * n, n3 = n * n * n
        var lat = lat0, m = 0.0
        repeat {
            lat = (northing - n0 - m) / (a * f0) + lat
            let ma = (1 + n + 5.0 / 4 * n2 + 5.0 / 4 * n3) * (lat - lat0)
            let mb = (3 * n + 3 * n2 + 21.0 / 8 * n3) * sin(lat - lat0) * cos(lat + lat0)
            let mc = (15.0 / 8 * n2 + 15.0 / 8 * n3) * sin(2 * (lat - lat0)) * cos(2 * (lat + lat0))
            let md = 35.0 / 24 * n3 * sin(3 * (lat - lat0)) * cos(3 * (lat + lat0))
            m = b * f0 * (ma - mb + mc - md)
        } while abs(northing - n0 - m) >= 0.00001
        let sinLat = sin(lat), cosLat = cos(lat), tanLat = tan(lat)
        let nu = a * f0 / sqrt(1 - e2 * sinLat * sinLat)
        let rho = a * f0 * (1 - e2) / pow(1 - e2 * sinLat * sinLat, 1.5)
        let eta2 = nu / rho - 1
        let tan2 = tanLat * tanLat, tan4 = tan2 * tan2, tan6 = tan4 * tan2
        let secLat = 1 / cosLat
        let vii = tanLat / (2 * rho * nu)
        let viii = tanLat / (24 * rho * pow(nu, 3)) * (5 + 3 * tan2 + eta2 - 9 * tan2 * eta2)
        let ix = tanLat / (720 * rho * pow(nu, 5)) * (61 + 90 * tan2 + 45 * tan4)
        let x = secLat / nu
        let xi = secLat / (6 * pow(nu, 3)) * (nu / rho + 2 * tan2)
        let xii = secLat / (120 * pow(nu, 5)) * (5 + 28 * tan2 + 24 * tan4)
        let xiia = secLat / (5040 * pow(nu, 7)) * (61 + 662 * tan2 + 1320 * tan4 + 720 * tan6)
        let de = easting - e0
        let latitude = lat - vii * pow(de, 2) + viii * pow(de, 4) - ix * pow(de, 6)
        let longitude = lon0 + x * de - xi * pow(de, 3) + xii * pow(de, 5) - xiia * pow(de, 7)
        return (latitude, longitude)
    }

    /// OSGB36 to WGS84 through Cartesian coordinates, with OS's published Helmert parameters.
    static func helmertToWGS84(_ point: (lat: Double, lon: Double)) -> Position {
        let a = airyA, b = airyB
        let e2 = 1 - (b * b) / (a * a)
        let sinLat = sin(point.lat), cosLat = cos(point.lat)
        let nu = a / sqrt(1 - e2 * sinLat * sinLat)
        let x1 = nu * cosLat * cos(point.lon), y1 = nu * cosLat * sin(point.lon), z1 = (1 - e2) * nu * sinLat
        let tx = 446.448, ty = -125.157, tz = 542.060
        let s = 20.4894e-6
        let rx = 0.1502 / 3600 * .pi / 180, ry = 0.2470 / 3600 * .pi / 180, rz = 0.8421 / 3600 * .pi / 180
        let x2 = tx + (1 + s) * x1 - rz * y1 + ry * z1
        let y2 = ty + rz * x1 + (1 + s) * y1 - rx * z1
        let z2 = tz - ry * x1 + rx * y1 + (1 + s) * z1
        // Back to latitude and longitude on GRS80 (WGS84), iterating for latitude.
        let a2 = 6_378_137.0, b2 = 6_356_752.3141
        let e22 = 1 - (b2 * b2) / (a2 * a2)
        let p = sqrt(x2 * x2 + y2 * y2)
        var lat = atan2(z2, p * (1 - e22)), previous = 2 * Double.pi
        while abs(lat - previous) > 1e-12 {
            let nu2 = a2 / sqrt(1 - e22 * sin(lat) * sin(lat))
            previous = lat
            lat = atan2(z2 + e22 * nu2 * sin(lat), p)
        }
        return Position(latitude: lat * 180 / .pi, longitude: atan2(y2, x2) * 180 / .pi)
    }
}

/// Distances on the Earth's surface, for "within 1 mile".
public enum Distance {
    /// Great-circle distance in metres (haversine, mean Earth radius).
    public static func metres(_ a: NationalGrid.Position, _ b: NationalGrid.Position) -> Double {
        let r = earthRadius
        let dLat = (b.latitude - a.latitude) * .pi / 180, dLon = (b.longitude - a.longitude) * .pi / 180
        let h = sin(dLat / 2) * sin(dLat / 2) + cos(a.latitude * .pi / 180) * cos(b.latitude * .pi / 180) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * r * asin(min(1, sqrt(h)))
    }

    /// The mean Earth radius in metres, which `metres` measures with.
    public static let earthRadius = 6_371_008.8
    /// Metres in a degree of latitude (and of longitude at the equator), on that radius.
    public static let metresPerDegree = earthRadius * .pi / 180

    public static let metresPerMile = 1609.344

    /// "0.3 miles", "1 mile", "12 miles": to a tenth under 10 miles, then whole miles.
    public static func words(metres: Double) -> String {
        let miles = metres / metresPerMile
        if miles < 0.1 { return "less than 0.1 miles" }
        let shown = miles < 10 ? (miles * 10).rounded() / 10 : miles.rounded()
        let text = shown == shown.rounded() ? String(Int(shown)) : String(format: "%.1f", shown)
        return text + (shown == 1 ? " mile" : " miles")
    }
}
