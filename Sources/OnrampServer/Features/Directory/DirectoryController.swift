import Fluent
import Foundation
import OnrampCore
import Vapor

/// The public directory: search and its printable results, a service, a place, and their
/// printable versions. No account needed.
struct DirectoryController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.directory, use: search)
        routes.get(.directoryPrint, use: printableResults)
        routes.get(.directoryService(.key), use: service)
        routes.get(.directoryServicePrint(.key), use: printable)
        routes.get(.directoryPlace(.key), use: place)
        routes.get(.directoryPlacePrint(.key), use: printablePlace)
    }

    /// The most results a printable list holds: a few pages of paper.
    static let printCap = 50

    /// London time, for "open now" and "opens tomorrow".
    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/London")!
        return calendar
    }()

    func search(req: Request) async throws -> Response {
        let form = try req.query.decode(DirectorySearchForm.self)
        let now = Date()
        var results: [DirectoryResult]?
        var paging: Paging?
        let (valid, errors) = try await form.validated(on: req.db)
        if let valid, form.isSearch {
            let asked = form.pageRequest
            var found = try await DirectorySearch.run(valid, page: asked, on: req.db, now: now, calendar: Self.calendar)
            let clamped = Paging(asked, totalItems: found.total)
            // A page past the end (an old link, a typed address) shows the last page, not "No help found".
            if clamped.number != asked.number {
                found = try await DirectorySearch.run(valid, page: clamped.request, on: req.db, now: now, calendar: Self.calendar)
            }
            results = found.results
            paging = clamped
        }
        let model = DirectoryPages.SearchModel(
            form: form, errors: errors, categories: try await DirectoryTaxonomies.publicTerms(on: req.db),
            languages: try await DirectorySearch.languages(on: req.db), results: results, paging: paging, wordsLeftOut: valid?.wordsLeftOut ?? false, now: now, calendar: Self.calendar
        )
        return req.render(form: DirectoryPages.search(model))
    }

    /// The same search as the results page, all on one page up to `printCap`. A search with an
    /// error, or no search at all, is the search page itself.
    func printableResults(req: Request) async throws -> Response {
        let form = try req.query.decode(DirectorySearchForm.self)
        let (valid, errors) = try await form.validated(on: req.db)
        guard let valid, errors.isEmpty, form.isSearch else { return try await search(req: req) }
        let now = Date()
        let found = try await DirectorySearch.run(valid, page: RequestedPage(number: 1, size: Self.printCap, defaultSize: Self.printCap), on: req.db, now: now, calendar: Self.calendar)
        return req.render(DirectoryPages.printableResults(.init(
            form: form, categories: try await DirectoryTaxonomies.publicTerms(on: req.db), languages: try await DirectorySearch.languages(on: req.db),
            results: found.results, total: found.total, now: now, calendar: Self.calendar
        )))
    }

    func place(req: Request) async throws -> Response {
        req.render(try await placePage(req, printable: false))
    }

    func printablePlace(req: Request) async throws -> Response {
        req.render(try await placePage(req, printable: true))
    }

    private func placePage(_ req: Request, printable: Bool) async throws -> Page {
        guard let id = req.parameters.get(SiteURL.locationKey, as: UUID.self), let place = try await DirectoryPlace.find(id, on: req.db) else { throw Abort(.notFound) }
        let council = try await CouncilContacts.of(councilID: place.councilID, on: req.db)
        return DirectoryPages.place(place, council: council, now: Date(), calendar: Self.calendar, printable: printable)
    }

    func service(req: Request) async throws -> Response {
        req.render(try await page(req, printable: false))
    }

    func printable(req: Request) async throws -> Response {
        req.render(try await page(req, printable: true))
    }

    private func page(_ req: Request, printable: Bool) async throws -> Page {
        guard let id = req.parameters.get(SiteURL.serviceKey, as: UUID.self), let row = try await DirectoryService.find(id, on: req.db),
              row.status == ORUK.Status.active.rawValue || row.status == ORUK.Status.temporarilyClosed.rawValue
        else { throw Abort(.notFound) }
        let service = try await DirectoryRecords.nested([row], on: req.db)[0]
        let terms = (service.attributes ?? []).compactMap { $0.taxonomy_term?.name }
        return DirectoryPages.service(service, terms: terms, now: Date(), calendar: Self.calendar, printable: printable)
    }
}
