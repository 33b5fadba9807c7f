import Fluent
import OnrampCore
import Vapor

/// Where exclusion is likely: computing the risk index, its table, each area, and downloads.
struct PlacesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.places, requiring: .viewPlaces, use: overview)
        routes.post(.indexRuns, requiring: .computeIndex, use: compute)
        routes.get(.indexRun(.key), requiring: .viewPlaces, use: run)
        routes.get(.indexRunCSV(.key), requiring: .viewPlaces, use: csv)
        routes.get(.indexRunGeoJSON(.key), requiring: .viewPlaces, use: geoJSON)
        routes.get(.compareRuns, requiring: .viewPlaces, use: compare)
        routes.get(.londonMap, requiring: .viewPlaces, use: london)
        routes.get(.area(.key), requiring: .viewPlaces, use: area)
    }

    func overview(req: Request) async throws -> Response {
        let staff = try req.signedIn()
        return req.render(try await Self.overviewPage(req, staff: staff, form: IndexRunForm(base: IndexBase.localAuthority.rawValue), errors: FormErrors()))
    }

    static func overviewPage(_ req: Request, staff: StaffContext, form: IndexRunForm, errors: FormErrors) async throws -> Page {
        let authorities = try await PlaceArea.localAuthorities(on: req.db)
        let catalogue = try await CouncilIndicator.catalogue(councilID: staff.councilID, on: req.db)
        let runs = try await IndexRun.query(on: req.db).filter(\.$councilID == staff.councilID)
            .sort(\.$createdAt, .descending).range(..<20).all()
        let names = Dictionary(authorities.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        return PlacesPages.overview(
            authorities: authorities, catalogue: catalogue, runs: runs, names: names, form: form, errors: errors,
            canCompute: staff.may(.computeIndex), canPublish: staff.may(.publishMap), token: req.csrfToken ?? ""
        )
    }

    func compute(req: Request) async throws -> Response {
        let staff = try req.signedIn()
        let form = try req.content.decode(IndexRunForm.self)
        // Either geography's authorities: the run refuses, saying why, one with no areas of the chosen kind.
        var authorities: Set<String> = []
        for geography in LSOAGeography.allCases { authorities.formUnion(try await PlaceArea.localAuthorities(geography, on: req.db).map(\.code)) }
        let catalogue = try await CouncilIndicator.catalogue(councilID: staff.councilID, on: req.db)
        var (valid, errors) = form.validated(knownAuthorities: authorities, catalogue: catalogue)
        if let valid {
            do {
                let run = try await IndexRuns.compute(
                    lad: valid.lad, geography: valid.geography, base: valid.base, settings: valid.settings, councilID: staff.councilID,
                    by: try req.auditActor(), on: req.db, now: Date()
                )
                return req.redirect(to: SiteURL.indexRun(.value(run.id!)).path, redirectType: .normal)
            } catch let refusal as IndexRuns.Refusal {
                for message in refusal.messages { errors.add("lad", message) }
            }
        }
        return req.render(form: try await Self.overviewPage(req, staff: staff, form: form, errors: errors))
    }

    func run(req: Request) async throws -> Response {
        let run = try await req.scoped(IndexRun.self, at: SiteURL.runKey)
        // The map's form sends an empty ward for the whole place.
        let ward = (try? req.query.get(String.self, at: "ward")).flatMap { $0.isEmpty ? nil : $0 }
        let sort = RunView.SortKey(rawValue: (try? req.query.get(String.self, at: "sort")) ?? "") ?? .rank
        let layer = RunMap.Layer(try? req.query.get(String.self, at: "layer"), in: run.runSettings)
        let others = try await IndexRun.query(on: req.db).filter(\.$councilID == run.councilID)
            .filter(\.$ladCode == run.ladCode).filter(\.$id != run.id!).sort(\.$createdAt, .descending).all()
        // A run never changes once stored, so its page stands until the place is computed again
        // (the other runs are on it) or data is imported (names, boundaries): reading and
        // writing its 173 areas took some 45 ms a visit. A ward's page is drawn each time, so
        // that made-up ward names cannot fill the kept pages; sort and layer are known values.
        let imports = try await DatasetImport.edition(on: req.db)
        let key = ward == nil ? (["run", run.id!.uuidString, sort.rawValue, layer.key, String(imports)] + others.map { $0.id!.uuidString }).joined(separator: "|") : nil
        if let key, let page = req.application.onramp.runPages[key] { return req.renderCompressed(page) }
        let view = try await RunView.load(run, on: req.db).narrowed(toWard: ward)
        let map = try await RunMap.cached(view, layer: layer, ward: ward, app: req.application)
        let page = PlacesPages.run(view, sort: sort, others: others, map: map)
        if let key { req.application.onramp.runPages.keep(page, as: key) }
        return req.renderCompressed(page)
    }

    func csv(req: Request) async throws -> Response {
        try await RunView.load(req).csvDownload()
    }

    /// The current layer with every area's outline, for GIS.
    func geoJSON(req: Request) async throws -> Response {
        let view = try await RunView.load(req)
        return try await RunGeoJSON.download(view, layer: RunMap.Layer(try? req.query.get(String.self, at: "layer"), in: view.settings), on: req.db)
    }

    /// All of London on one map: the latest run of each borough computed against London.
    /// On one geography (`?geography=lsoa11`, else 2021 LSOAs): the areas of two would overlap.
    func london(req: Request) async throws -> Response {
        let staff = try req.signedIn()
        let geography = LSOAGeography(rawValue: (try? req.query.get(String.self, at: "geography")) ?? "") ?? .lsoa21
        let runs = try await IndexRun.query(on: req.db).filter(\.$councilID == staff.councilID).filter(\.$geography == geography.rawValue)
            .filter(\.$base == IndexBase.london.rawValue).sort(\.$createdAt, .descending).all()
        var latest: [String: IndexRun] = [:]
        for run in runs where latest[run.ladCode] == nil { latest[run.ladCode] = run }
        let boroughs = latest.values.sorted { $0.ladCode < $1.ladCode }
        // The layer as the page will show it (an unknown one is the index), so that made-up
        // layers cannot fill the kept pages.
        let settings = boroughs.first?.runSettings ?? .standard
        let layerKey = RunMap.Layer(try? req.query.get(String.self, at: "layer"), in: settings).key
        // Runs never change once stored, so the page stands until a borough is computed again
        // or data is imported: 33 boroughs' scores and names need not be read for each visit.
        let imports = try await DatasetImport.edition(on: req.db)
        let key = (["london", staff.councilID.uuidString, geography.rawValue, layerKey, String(imports)] + boroughs.map { $0.id!.uuidString }).joined(separator: "|")
        if let page = req.application.onramp.pages[key] { return req.renderCompressed(page) }
        let views = try await RunView.load(boroughs, on: req.db)
        let merged = RunView.merged(views, name: "London")
        let layer = RunMap.Layer(layerKey, in: merged?.settings ?? settings)
        var map: RunMap?
        if let merged { map = try await RunMap.cached(merged, layer: layer, ward: nil, local: false, links: .runPages, app: req.application) }
        let page = PlacesPages.london(merged: merged, boroughs: views.map(\.ladName).sorted(), map: map)
        req.application.onramp.pages.keep(page, as: key)
        return req.renderCompressed(page)
    }

    func compare(req: Request) async throws -> Response {
        guard let first = try? req.query.get(UUID.self, at: "a"), let second = try? req.query.get(UUID.self, at: "b") else {
            throw Abort(.badRequest, reason: "Choose two computations to compare.")
        }
        let a = try await RunView.load(req, id: first)
        let b = try await RunView.load(req, id: second)
        return req.render(PlacesPages.compare(a, b))
    }

    func area(req: Request) async throws -> Response {
        guard let code = req.parameters.get(SiteURL.areaKey), let view = try await AreaView.load(req, code: code) else { throw Abort(.notFound) }
        return req.render(view.page)
    }
}
