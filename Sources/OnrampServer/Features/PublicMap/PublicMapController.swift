import Fluent
import Foundation
import OnrampCore
import Vapor

/// A council publishes one risk-index run, with a narrative its officers write, as a public map
/// with its layers, key, table and downloads; taking it down makes it private again. Only
/// what was published is public, and nothing links from it to the staff pages.
struct PublicMapController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.publishMap, requiring: .publishMap, use: edit)
        routes.post(.publishMap, requiring: .publishMap, use: publish)
        routes.post(.unpublishMap, requiring: .publishMap, use: unpublish)
        routes.get(.publicMaps, use: list)
        routes.get(.publicMap(.key), use: show)
        routes.get(.publicMapCSV(.key), use: csv)
        routes.get(.publicMapGeoJSON(.key), use: geoJSON)
    }

    struct Form: Sendable {
        var run = ""
        var narrative = ""
    }

    func edit(req: Request) async throws -> Response {
        let scope = try req.scope
        let current = try await scope.query(PublishedMap.self, on: req.db).first()
        let form = Form(run: current?.runID.uuidString ?? "", narrative: current?.narrative ?? "")
        return req.render(try await page(req, form: form, current: current, errors: FormErrors()))
    }

    private func page(_ req: Request, form: Form, current: PublishedMap?, errors: FormErrors) async throws -> Page {
        let runs = try await req.scope.query(IndexRun.self, on: req.db).sort(\.$createdAt, .descending).limit(50).all()
        let names = try await PlaceArea.query(on: req.db).filter(\.$geography == Geography.lad.rawValue).filter(\.$code ~~ Array(Set(runs.map(\.ladCode)))).all()
        let done = (try? req.query.get(String.self, at: "done")) ?? ""
        return PublicMapPages.edit(form: form, runs: runs, ladNames: Dictionary(names.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a }), current: current,
                                   done: done, errors: errors, token: req.csrfToken ?? "")
    }

    func publish(req: Request) async throws -> Response {
        let scope = try req.scope
        let fields = try await FormFields.read(req)
        let form = Form(run: fields["run"] ?? "", narrative: fields["narrative"] ?? "")
        var errors = FormErrors()
        let run = try await UUID(uuidString: form.run).asyncMap { try await scope.find(IndexRun.self, $0, on: req.db) } ?? nil
        if run == nil { errors.add("run", "Choose the risk index to publish") }
        let narrative = errors.text("narrative", form.narrative, label: "the narrative", required: false, maxLength: Narrative.maxLength)
        guard errors.isEmpty, let run else {
            return req.render(form: try await page(req, form: form, current: try await scope.query(PublishedMap.self, on: req.db).first(), errors: errors))
        }
        let actor = try req.auditActor()
        let now = Date()
        try await req.db.transaction { tx in
            let published = try await scope.query(PublishedMap.self, on: tx).first() ?? PublishedMap()
            (published.councilID, published.runID, published.narrative) = (scope.councilID, run.id!, Narrative.clean(narrative))
            (published.publishedAt, published.publishedBy) = (now, actor.label)
            try await published.save(on: tx)
            try await Audit.record(.mapPublished, by: actor, recordType: "index-run", recordID: run.id!, summary: "Published the risk map of \(run.ladCode)", on: tx, now: now)
        }
        return req.redirect(to: SiteURL.publishMap.path(query: [("done", "published")]), redirectType: .normal)
    }

    func unpublish(req: Request) async throws -> Response {
        let scope = try req.scope
        let actor = try req.auditActor()
        let now = Date()
        try await req.db.transaction { tx in
            guard let published = try await scope.query(PublishedMap.self, on: tx).first() else { return }
            try await published.delete(on: tx)
            try await Audit.record(.mapUnpublished, by: actor, recordType: "index-run", recordID: published.runID, summary: "Took the public risk map down", on: tx, now: now)
        }
        return req.redirect(to: SiteURL.publishMap.path(query: [("done", "unpublished")]), redirectType: .normal)
    }

    // MARK: The public pages

    func list(req: Request) async throws -> Response {
        let published = try await PublishedMap.query(on: req.db).all()
        let councils = try await Organisation.query(on: req.db).filter(\.$id ~~ published.map(\.councilID)).sort(\.$name).all()
        return req.render(PublicMapPages.list(councils))
    }

    /// The published run of the council in the path, or 404: nothing unpublished is public.
    private func published(_ req: Request) async throws -> (PublishedMap, RunView, Organisation) {
        guard let councilID = req.parameters.get(SiteURL.councilKey, as: UUID.self),
              let published = try await PublishedMap.query(on: req.db).filter(\.$councilID == councilID).first(),
              let run = try await IndexRun.query(on: req.db).filter(\.$id == published.runID).filter(\.$councilID == councilID).first(),
              let council = try await Organisation.find(councilID, on: req.db)
        else { throw Abort(.notFound) }
        return (published, try await RunView.load(run, on: req.db), council)
    }

    func show(req: Request) async throws -> Response {
        let (published, view, council) = try await published(req)
        let layer = RunMap.Layer(try? req.query.get(String.self, at: "layer"), in: view.settings)
        let map = try await RunMap.cached(view, layer: layer, ward: nil, links: .tableRows, app: req.application)
        return req.render(PublicMapPages.show(published, view: view, council: council, map: map))
    }

    func csv(req: Request) async throws -> Response {
        try await published(req).1.csvDownload()
    }

    func geoJSON(req: Request) async throws -> Response {
        let (_, view, _) = try await published(req)
        return try await RunGeoJSON.download(view, layer: RunMap.Layer(try? req.query.get(String.self, at: "layer"), in: view.settings), on: req.db)
    }
}
