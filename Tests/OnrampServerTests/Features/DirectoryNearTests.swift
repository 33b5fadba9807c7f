import Fluent
import Foundation
import OnrampCore
@testable import OnrampServer
import SQLKit
import Testing

/// A search near a point reads places through a box on an index of latitude strips
/// (`PositionBox`): whatever the point and distance, it must find exactly the services at
/// places within that distance, nearest first, ties by the link's id, as measuring every
/// place would.
@Suite struct DirectoryNearTests {
    /// Where the edge places stand: each 0.9995 of `edgeMetres` from `edgeCentre`, due north,
    /// south, east and west, where a box a little too small loses them.
    static let edgeCentre = NationalGrid.Position(latitude: 51.5, longitude: -0.1), edgeMetres = 2_000.0

    /// The position `metres` from `centre` along a meridian (`north` 1 or -1) or a parallel
    /// (`east` 1 or -1), found by halving: `Distance` has no inverse.
    static func position(_ metres: Double, from centre: NationalGrid.Position, north: Double = 0, east: Double = 0) -> NationalGrid.Position {
        var (low, high) = (0.0, 1.0)
        func at(_ degrees: Double) -> NationalGrid.Position { .init(latitude: centre.latitude + north * degrees, longitude: centre.longitude + east * degrees) }
        for _ in 0..<100 { let middle = (low + high) / 2; if Distance.metres(centre, at(middle)) < metres { low = middle } else { high = middle } }
        return at(low)
    }

    /// 204 places: most across London, some about the equator and the meridian (where a strip
    /// of negative latitude starts), several sharing a position, a few with none, and the four
    /// edge places last.
    static func places() -> [ORUK.Location] {
        var random = SplitMix64(seed: 7)
        let edges = [(1.0, 0.0), (-1.0, 0.0), (0.0, 1.0), (0.0, -1.0)].enumerated().map { index, direction in
            let at = position(edgeMetres * 0.9995, from: edgeCentre, north: direction.0, east: direction.1)
            return ORUK.Location(id: String(format: "%08x-0ed9-4c3d-8e4f-5a6b7c8d9e0f", index), name: "Edge \(index)",
                                 latitude: at.latitude, longitude: at.longitude)
        }
        return (0..<200).map { number in
            let id = String(format: "%08x-1a2b-4c3d-8e4f-5a6b7c8d9e0f", number)
            switch number % 10 {
            case 0: return ORUK.Location(id: id, name: "Nowhere \(number)", latitude: nil, longitude: nil)
            case 1: return ORUK.Location(id: id, name: "Same \(number)", latitude: 51.5, longitude: -0.1)
            case 2, 3: return ORUK.Location(id: id, name: "Equator \(number)", latitude: .random(in: -0.03...0.03, using: &random), longitude: .random(in: -0.03...0.03, using: &random))
            default: return ORUK.Location(id: id, name: "London \(number)", latitude: .random(in: 51.3...51.7, using: &random), longitude: .random(in: -0.5...0.3, using: &random))
            }
        } + edges
    }

    /// 300 services at one to three of the first 200 `places()` each, and one at the edge places: a third with "zephyr" in their
    /// description; a quarter always open, a quarter open on Wednesday mornings, a quarter on
    /// Wednesday at lunch, the rest without hours; some places with hours of their own.
    static func services() -> [ORUK.Service] {
        let places = Self.places()
        var random = SplitMix64(seed: 11)
        let hours = [("MO,TU,WE,TH,FR,SA,SU", "00:00", "24:00"), ("WE", "09:00", "11:00"), ("WE", "12:00", "13:00")]
        var services = (0..<300).map { number in
            var service = ORUK.Service(id: String(format: "%08x-5e7c-4b1a-9d2e-3f4a5b6c7d8e", number), organization_id: nil,
                                       name: String(format: "Service %04d", number), description: number % 3 == 0 ? "zephyr help" : "help")
            if number % 4 < 3 { service.schedules = [ORUK.Schedule(id: UUID().uuidString.lowercased(), byday: hours[number % 4].0, opens_at: hours[number % 4].1, closes_at: hours[number % 4].2)] }
            service.service_at_locations = (0...(number % 3)).map { index in
                let place = places[Int.random(in: 0..<200, using: &random)]
                var link = ORUK.ServiceAtLocation(id: UUID().uuidString.lowercased(), service_id: service.id, location_id: place.id)
                link.location = place
                if number % 5 == 0, index == 0 { link.schedules = [ORUK.Schedule(id: UUID().uuidString.lowercased(), byday: "WE", opens_at: "09:30", closes_at: "10:30")] }
                return link
            }
            return service
        }
        // One service at the four edge places.
        var edge = ORUK.Service(id: "0000ffff-5e7c-4b1a-9d2e-3f4a5b6c7d8e", organization_id: nil, name: "Service at the edges", description: "help")
        edge.service_at_locations = places.suffix(4).map { place in
            var link = ORUK.ServiceAtLocation(id: UUID().uuidString.lowercased(), service_id: edge.id, location_id: place.id)
            link.location = place
            return link
        }
        services.append(edge)
        return services
    }

    /// Each link of `services` within `metres` of `point` that passes `keep`, nearest first,
    /// ties by the link's id: what measuring every place gives.
    static func expected(_ services: [ORUK.Service], near point: NationalGrid.Position, within metres: Double,
                         keeping keep: (ORUK.Service, ORUK.ServiceAtLocation) -> Bool = { _, _ in true }) -> [(id: UUID, service: String, place: String, metres: Double)] {
        services.flatMap { service in (service.service_at_locations ?? []).map { (service, $0) } }.compactMap { service, link in
            guard keep(service, link), let latitude = link.location?.latitude, let longitude = link.location?.longitude else { return nil }
            let distance = Distance.metres(point, .init(latitude: latitude, longitude: longitude))
            return distance <= metres ? (UUID(uuidString: link.id)!, service.id, link.location_id!, distance) : nil
        }.sorted { $0.metres != $1.metres ? $0.metres < $1.metres : $0.id.precedes($1.id) }
    }

    @Test(arguments: TestDatabase.available)
    func servicesNearAPointAreThoseWithinItsDistanceNearestFirst(db: TestDatabase) async throws {
        try await withTestApp(db) { app async throws in
            let services = Self.services()
            try await Fixture.directory(services, on: app.db)
            var random = SplitMix64(seed: 13)
            let searches: [(NationalGrid.Position, Double)] = [
                (.init(latitude: 51.5, longitude: -0.1), 1), (.init(latitude: 51.5, longitude: -0.1), 2_000), (.init(latitude: 51.45, longitude: 0.1), 5_000),
                (.init(latitude: 51.5, longitude: -0.1), 100_000), (.init(latitude: 0, longitude: 0), 1_000), (.init(latitude: -0.01, longitude: 0.01), 3_000),
                (.init(latitude: 0.004, longitude: -0.004), 100), (.init(latitude: 60, longitude: -1), 100_000),
            ] + (0..<20).map { _ in (.init(latitude: .random(in: 51.3...51.7, using: &random), longitude: .random(in: -0.5...0.3, using: &random)), .random(in: 100...20_000, using: &random)) }
            for (point, metres) in searches {
                for query in [ServiceQuery(), ServiceQuery(terms: ["zephyr"])] {
                    let expected = Self.expected(services, near: point, within: metres) { service, _ in query.terms.isEmpty || service.description == "zephyr help" }
                    let near = try await DirectoryServiceLocation.near(point, within: metres, query: query, on: app.db)
                    #expect(near.map(\.link.id) == expected.map(\.id), "\(point) within \(metres) m, \(query.terms)")
                    #expect(near.map(\.metres) == expected.map(\.metres))
                }
            }
            #expect(try await DirectoryServiceLocation.near(.init(latitude: 51.5, longitude: -0.1), within: 100_000, query: ServiceQuery(), on: app.db).count > 400)
            let edges = try await DirectoryServiceLocation.near(Self.edgeCentre, within: Self.edgeMetres, query: ServiceQuery(), on: app.db)
            #expect(edges.filter { $0.link.serviceID == UUID(uuidString: "0000ffff-5e7c-4b1a-9d2e-3f4a5b6c7d8e") }.count == 4, "every place 0.9995 of the distance away, each way")
        }
    }

    /// The public search near a postcode reads only the page's services whole: every page, open
    /// now or not, is the same slice of every place found, and the total is theirs.
    @Test(arguments: TestDatabase.available)
    func theSearchNearAPostcodeIsPagedOverEveryPlaceFound(db: TestDatabase) async throws {
        try await withTestApp(db) { app async throws in
            let services = Self.services()
            try await Fixture.directory(services, on: app.db)
            let calendar = DirectoryController.calendar
            // A Wednesday at ten in the morning, London time.
            let now = calendar.date(from: DateComponents(year: 2026, month: 12, day: 2, hour: 10))!
            let open = { (service: ORUK.Service, link: ORUK.ServiceAtLocation) in
                WeeklyOpening(schedules: link.schedules ?? service.schedules ?? []).isOpen(at: now, calendar: calendar)
            }
            for (point, metres, openNow) in [(NationalGrid.Position(latitude: 51.5, longitude: -0.1), 20_000.0, false), (.init(latitude: 51.5, longitude: -0.1), 20_000, true),
                                              (.init(latitude: 51.45, longitude: 0.05), 8_000, true), (.init(latitude: 0, longitude: 0), 5_000, true)] {
                let expected = Self.expected(services, near: point, within: metres, keeping: openNow ? open : { _, _ in true })
                #expect(expected.count > 5 && (openNow || expected.count > 100), "\(point), open now \(openNow): \(expected.count)")
                let valid = DirectorySearchForm.Valid(query: ServiceQuery(statuses: [.active, .temporarilyClosed]), wordsLeftOut: false, near: point, metres: metres, openNow: openNow)
                var shown: [(service: String, place: String?, metres: Double?)] = []
                for number in 1...(expected.count / DirectorySearch.pageSize + 2) {
                    let (results, total) = try await DirectorySearch.run(valid, page: RequestedPage(number: number, defaultSize: DirectorySearch.pageSize), on: app.db, now: now, calendar: calendar)
                    #expect(total == expected.count)
                    #expect(results.allSatisfy { $0.isAtPlace && $0.placeCount == 1 })
                    shown += results.map { ($0.service.id, $0.location?.id, $0.metres) }
                }
                #expect(shown.map(\.service) == expected.map(\.service) && shown.map(\.place) == expected.map(\.place) && shown.map(\.metres) == expected.map(\.metres),
                        "\(point), open now \(openNow)")
            }
        }
    }

    /// The box is read from the strips' index, searched by strip and longitude, not scanned:
    /// both for a search's links with their places and for the places alone. Each place's
    /// links are read from their index alone, with no row of the table.
    @Test func theBoxIsReadFromTheStripIndex() async throws {
        try await withTestApp(.sqlite) { app async throws in
            let sql = app.db as! any SQLDatabase
            let box = PositionBox(around: .init(latitude: 51.5, longitude: -0.1), metres: 1_000)
            for (select, table) in [(DirectoryServiceLocation.links(in: box, on: sql), "p"), (box.narrow(sql.select().columns("id", "latitude", "longitude").from(DirectoryLocation.schema)), DirectoryLocation.schema)] {
                let plan = try await sql.queryPlan(of: select.select)
                #expect(plan.contains { $0.hasPrefix("SEARCH \(table) USING COVERING INDEX directory_locations_strip (<expr>=? AND longitude>? AND longitude<?)") }, "\(plan)")
                if table == "p" { #expect(plan.contains("SEARCH l USING COVERING INDEX directory_service_locations_place (location_id=?)"), "\(plan)") }
            }
        }
    }
}
