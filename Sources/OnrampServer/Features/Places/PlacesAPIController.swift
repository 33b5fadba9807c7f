import Fluent
import OnrampCore
import Vapor

/// Places as JSON: the areas of a local authority with their latest figures, one area in full,
/// and one stored run with its settings and sources.
struct PlacesAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.api(.areas), requiring: .viewPlaces, use: areas)
        routes.get(.api(.area(.key)), requiring: .viewPlaces, use: area)
        routes.get(.api(.indexRun(.key)), requiring: .viewPlaces, use: run)
    }

    struct AreaSummary: Content {
        let code: String
        let name: String
        let ward: String?
        let riskIndex: Double?
        let rank: Int?
        let partial: Bool?

        init(code: String, name: String, ward: String?, score: IndexScore?) {
            self.code = code
            self.name = name
            self.ward = ward
            riskIndex = score?.index
            rank = score?.rank
            partial = score?.isPartial
        }
    }

    struct AreaList: Content {
        let localAuthority: String
        let geography: String
        let indexRun: UUID?
        let areas: [AreaSummary]
        let attribution: [String]
    }

    func areas(req: Request) async throws -> AreaList {
        let staff = try req.signedIn()
        guard let lad = try? req.query.get(String.self, at: "lad"), AreaCode.isValid(lad, as: .localAuthority) else {
            throw Abort(.badRequest, reason: "Give a local authority code, as in ?lad=E09000028.")
        }
        let asked = (try? req.query.get(String.self, at: "geography")) ?? LSOAGeography.lsoa21.rawValue
        guard let geography = LSOAGeography(rawValue: asked) else {
            throw Abort(.badRequest, reason: "geography is lsoa21 (the default) or lsoa11.")
        }
        let places = try await PlaceArea.lsoas(geography, lad: lad, on: req.db)
        guard !places.isEmpty else { throw Abort(.notFound, reason: "Onramp has no \(geography.year) LSOAs for \(lad).") }
        let run = try await IndexRun.query(on: req.db).filter(\.$councilID == staff.councilID).filter(\.$ladCode == lad)
            .filter(\.$geography == geography.rawValue).sort(\.$createdAt, .descending).first()
        let view = try await run.asyncMap { try await RunView.load($0, on: req.db) }
        let scores = Dictionary(uniqueKeysWithValues: (view?.scores ?? []).map { ($0.areaCode, $0) })
        return AreaList(
            localAuthority: lad, geography: geography.rawValue, indexRun: run?.id,
            areas: places.map { AreaSummary(code: $0.code, name: $0.name, ward: view?.wards[$0.code], score: scores[$0.code]) },
            attribution: RunView.attribution
        )
    }

    struct AreaDetail: Content {
        let code: String
        /// lsoa21 or lsoa11.
        let geography: String
        let name: String
        let ward: String?
        let localAuthority: String?
        /// The LSOAs of the other geography this one overlaps.
        let counterparts: [String]
        let indexRun: UUID?
        let riskIndex: Double?
        let rank: Int?
        let components: [String: Double]
        let indicators: [Indicator]
        let sources: [Source]
        let attribution: [String]

        struct Indicator: Content {
            let key: String
            let label: String
            let value: Double?
            let score: Double?
            let source: String?
            let method: String?
        }
    }

    struct Source: Content {
        let dataset: String
        let vintage: String
        let file: String
        let sha256: String
        let importedAt: Date

        init(_ record: DatasetImport) {
            dataset = record.dataset
            vintage = record.vintage
            file = record.fileName
            sha256 = record.sha256
            importedAt = record.importedAt
        }
    }

    func area(req: Request) async throws -> AreaDetail {
        guard let code = req.parameters.get(SiteURL.areaKey), let view = try await AreaView.load(req, code: code) else {
            throw Abort(.notFound, reason: "Onramp has no LSOA with that code (or no computation of yours with that id).")
        }
        let place = view.area
        let run = view.run?.run
        let components = Dictionary(uniqueKeysWithValues: RiskIndex.Component.allCases.compactMap { component in
            view.score?.score(of: component).map { (component.rawValue, $0) }
        })
        return AreaDetail(
            code: place.code, geography: place.geography, name: place.name, ward: view.ward.isEmpty ? nil : view.ward, localAuthority: place.ladCode,
            counterparts: view.counterparts, indexRun: run?.id, riskIndex: view.score?.index, rank: view.score?.rank, components: components,
            indicators: view.catalogue.map { indicator in
                .init(key: indicator.key, label: indicator.label, value: view.values[indicator.key],
                      score: view.indicatorScores[indicator.key]?.last, source: view.sources[indicator.key].flatMap { _ in view.source(of: indicator.key) },
                      method: view.carried[indicator.key]?.description)
            },
            sources: view.imports.map(Source.init), attribution: RunView.attribution
        )
    }

    struct RunDetail: Content {
        let id: UUID
        let localAuthority: String
        let geography: String
        let base: String
        let settings: RunSettings
        let createdAt: Date
        let createdBy: String
        let sources: [Source]
        let scores: [AreaSummary]
        let attribution: [String]
    }

    func run(req: Request) async throws -> RunDetail {
        let view = try await RunView.load(req)
        return RunDetail(
            id: view.run.id!, localAuthority: view.run.ladCode, geography: view.run.geography, base: view.run.base, settings: view.settings,
            createdAt: view.run.createdAt, createdBy: view.run.createdBy, sources: view.imports.map(Source.init),
            scores: view.scores.map { AreaSummary(code: $0.areaCode, name: view.names[$0.areaCode] ?? $0.areaCode, ward: view.wards[$0.areaCode], score: $0) },
            attribution: RunView.attribution
        )
    }
}
