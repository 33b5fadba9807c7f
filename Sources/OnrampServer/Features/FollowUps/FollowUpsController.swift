import Fluent
import Foundation
import OnrampCore
import Vapor

/// The follow-up's questions: for residents from the link in their text or email (no account),
/// and for staff phoning residents who chose letters or calls ("Follow-up calls").
struct FollowUpsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.followUp(.key), use: form)
        routes.post(.followUp(.key), use: answer)
        routes.get(.followUpCalls, requiring: .makeFollowUpCalls, use: calls)
        routes.get(.followUpCall(.key), requiring: .makeFollowUpCalls, use: call)
        routes.post(.followUpCall(.key), requiring: .makeFollowUpCalls, use: recordCall)
        routes.post(.followUpNoAnswer(.key), requiring: .makeFollowUpCalls, use: noAnswer)
    }

    /// The follow-up whose link is in the path and still works; else the page saying it does not,
    /// with the council's number when the link was a real one.
    private func linked(_ req: Request) async throws -> Result<FollowUp, NotWorking> {
        guard let secret = req.parameters.get(SiteURL.followUpTokenKey), secret.count >= 16,
              let followUp = try await FollowUps.byLink(secret, on: req.db)
        else { return .failure(NotWorking(contact: nil)) }
        guard FollowUpSchedule.linkWorks(askedOn: followUp.askedOn.flatMap(CalendarDay.init(iso:)), today: WorkingDays.today(Date())) else {
            return .failure(NotWorking(contact: try await CouncilContacts.of(councilID: followUp.councilID, on: req.db)))
        }
        return .success(followUp)
    }

    struct NotWorking: Error {
        let contact: CouncilContact?
    }

    private func respond(_ req: Request, _ page: Page, status: HTTPResponseStatus = .ok) -> Response {
        req.render(page, status: status).keepingAddressSecret()
    }

    func form(req: Request) async throws -> Response {
        let followUp: FollowUp
        switch try await linked(req) {
        case .success(let found): followUp = found
        case .failure(let notWorking): return respond(req, FollowUpPages.linkNotWorking(contact: notWorking.contact), status: .notFound)
        }
        guard followUp.status.isOpen else { return respond(req, FollowUpPages.thanks(already: true)) }
        return respond(req, FollowUpPages.questions(FollowUpForm(), errors: FormErrors(), action: req.url.path, token: req.csrfToken ?? "",
                                                                 about: try await about(followUp, on: req.db)))
    }

    func answer(req: Request) async throws -> Response {
        let followUp: FollowUp
        switch try await linked(req) {
        case .success(let found): followUp = found
        case .failure(let notWorking): return respond(req, FollowUpPages.linkNotWorking(contact: notWorking.contact), status: .notFound)
        }
        guard followUp.status.isOpen else { return respond(req, FollowUpPages.thanks(already: true)) }
        let form = FollowUpForm(try await FormFields.read(req))
        var errors = FormErrors()
        guard let answers = form.validated(into: &errors) else {
            return respond(req, FollowUpPages.questions(form, errors: errors, action: req.url.path, token: req.csrfToken ?? "", about: try await about(followUp, on: req.db)),
                           status: .unprocessableEntity)
        }
        let recorded = try await FollowUps.record(answers, for: followUp, recordedBy: "The resident",
                                                  actor: .visitor("The resident", councilID: followUp.councilID, request: req), now: Date(), on: req.db)
        return respond(req, FollowUpPages.thanks(already: !recorded))
    }

    /// "Canada Water Library helped you with a laptop to borrow", for the top of the questions.
    private func about(_ followUp: FollowUp, on database: any Database) async throws -> String {
        guard case let (_, _, offer, partner)? = try await FollowUps.context(followUp, on: database) else { return "" }
        return "\(partner) helped you with \(offer.name.prefix(1).lowercased() + offer.name.dropFirst())."
    }

    func calls(req: Request) async throws -> Response {
        let scope = try req.scope
        let query = scope.query(FollowUp.self, on: req.db).filter(\.$status == .toCall)
        let paging = Paging(requested: req.pageNumber, size: 50, totalItems: try await query.count())
        let followUps = try await query.sort(\.$askedOn).sort(\.$id).range(paging.offset..<(paging.offset + paging.size)).all()
        let rows = try await FollowUpCalls.rows(followUps, on: req.db)
        try await req.recordViewed(rows.map(\.resident.id!), on: "the follow-up calls", now: Date())
        let saved = (try? req.query.get(String.self, at: "saved")).flatMap(FollowUpPages.Saved.init(rawValue:))
        return req.render(FollowUpPages.calls(rows, paging: paging, saved: saved))
    }

    func call(req: Request) async throws -> Response {
        let followUp = try await req.scoped(FollowUp.self, at: SiteURL.followUpKey)
        return try await renderCall(req, followUp, form: FollowUpForm(), errors: FormErrors())
    }

    private func renderCall(_ req: Request, _ followUp: FollowUp, form: FollowUpForm, errors: FormErrors) async throws -> Response {
        guard let row = try await FollowUpCalls.rows([followUp], on: req.db).first else { throw Abort(.notFound) }
        try await req.recordViewed([row.resident.id!], on: "a follow-up call", now: Date())
        return req.render(form: FollowUpPages.call(row, form: form, errors: errors, token: req.csrfToken ?? ""))
    }

    func recordCall(req: Request) async throws -> Response {
        let followUp = try await req.scoped(FollowUp.self, at: SiteURL.followUpKey)
        let form = FollowUpForm(try await FormFields.read(req))
        var errors = FormErrors()
        if followUp.status != .toCall { errors.add("online", "This follow-up is no longer waiting for a call") }
        guard errors.isEmpty, let answers = form.validated(into: &errors) else { return try await renderCall(req, followUp, form: form, errors: errors) }
        let staff = try req.signedIn()
        guard try await FollowUps.record(answers, for: followUp, recordedBy: staff.user.name, actor: try req.auditActor(), now: Date(), on: req.db) else {
            errors.add("online", "Someone else recorded this follow-up while you had it open")
            return try await renderCall(req, followUp, form: form, errors: errors)
        }
        return req.redirect(to: SiteURL.followUpCalls.path(query: [("saved", "answered")]), redirectType: .normal)
    }

    func noAnswer(req: Request) async throws -> Response {
        let followUp = try await req.scoped(FollowUp.self, at: SiteURL.followUpKey)
        guard try await FollowUps.noAnswer(followUp, actor: try req.auditActor(), now: Date(), on: req.db) else {
            var errors = FormErrors()
            errors.add("online", "This follow-up is no longer waiting for a call")
            return try await renderCall(req, followUp, form: FollowUpForm(), errors: errors)
        }
        return req.redirect(to: SiteURL.followUpCalls.path(query: [("saved", "no-answer")]), redirectType: .normal)
    }
}

/// A call to make: the follow-up with the resident and what they were helped with.
enum FollowUpCalls {
    struct Row {
        let followUp: FollowUp
        let resident: Resident
        let helpCase: HelpCase
        let offer: String
        let partner: String
    }

    static func rows(_ followUps: [FollowUp], on database: any Database) async throws -> [Row] {
        var rows: [Row] = []
        for followUp in followUps {
            guard case let (helpCase, resident, offer, partner)? = try await FollowUps.context(followUp, on: database) else { continue }
            rows.append(Row(followUp: followUp, resident: resident, helpCase: helpCase, offer: offer.name, partner: partner))
        }
        return rows
    }
}
