import Fluent
import Foundation
import OnrampCore

/// The coverage gap: the people of the council's highest-risk fifth of areas, how many live
/// within a walk of free Wi-Fi, public computers or skills help in the directory, and the
/// directory's other places ranked by how many more a new offer there would reach.
struct Coverage: Sendable {
    /// The kinds of help that count: a place to get online, or someone to learn with.
    static let terms = ["free-wifi", "public-computers", "skills-classes", "one-to-one-help", "help-with-online-forms", "health-apps"]

    let areas: ProgrammeAreas
    /// The highest-risk fifth, with their centres.
    let highRisk: [CoverageGap.Area]
    let existing: [CoverageGap.Place]
    let result: CoverageGap.Result

    static func load(_ scope: Scope, on database: any Database) async throws -> Coverage {
        let areas = try await ProgrammeAreas.load(scope, on: database)
        let top = areas.areas.values.filter { $0.riskBand == 4 }
        var centres: [String: NationalGrid.Position] = [:]
        for outline in try await AreaShape.outlines(.lsoa21, codes: top.map(\.code), on: database) {
            centres[outline.code] = CoverageGap.centre(of: outline.polygons)
        }
        let highRisk = top.compactMap { area in centres[area.code].map { CoverageGap.Area(code: area.code, population: area.population ?? 0, centre: $0) } }
            .sorted { $0.code < $1.code }

        let locations = try await scope.query(DirectoryLocation.self, on: database).filter(\.$latitude != nil).filter(\.$longitude != nil).all()
        let offering = try await offeringHelp(locations.compactMap(\.id), on: database)
        let places = locations.map { CoverageGap.Place(id: $0.id!.uuidString, name: $0.name, position: NationalGrid.Position(latitude: $0.latitude!, longitude: $0.longitude!)) }
        let existing = places.filter { offering.contains($0.id) }
        let candidates = places.filter { !offering.contains($0.id) }
        return Coverage(areas: areas, highRisk: highRisk, existing: existing, result: CoverageGap.analyse(areas: highRisk, existing: existing, candidates: candidates))
    }

    /// Of `locations`, those with an active service of one of `terms` (as id strings).
    static func offeringHelp(_ locations: [UUID], on database: any Database) async throws -> Set<String> {
        let termIDs = terms.compactMap { DigitalInclusionTaxonomy.term(code: $0).flatMap { UUID(uuidString: $0.id) } }
        var offering: Set<String> = []
        for chunk in locations.chunked(into: 1000) {
            let links = try await DirectoryServiceLocation.query(on: database).filter(\.$locationID ~~ Array(chunk)).all()
            let serviceIDs = Array(Set(links.map(\.serviceID)))
            guard !serviceIDs.isEmpty else { continue }
            let helping = Set(try await DirectoryServiceTerm.query(on: database).filter(\.$serviceID ~~ serviceIDs).filter(\.$termID ~~ termIDs).all(\.$serviceID))
            let active = Set(try await DirectoryService.query(on: database).filter(\.$id ~~ Array(helping)).filter(\.$status == ORUK.Status.active.rawValue).all(\.$id).compactMap { $0 })
            for link in links where active.contains(link.serviceID) { offering.insert(link.locationID.uuidString) }
        }
        return offering
    }
}
