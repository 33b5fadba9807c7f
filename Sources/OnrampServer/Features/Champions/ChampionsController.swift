import Fluent
import OnrampCore
import Vapor

/// Staff pages for champions: the queue, each champion with their checks, status, hours and
/// account, the checks lapsing soon, and the hours report. Every champion is reached through
/// the signed-in person's scope; each page first pauses champions whose checks have lapsed.
struct ChampionsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.champions, requiring: .manageChampions, use: list)
        routes.get(.championsLapsing, requiring: .manageChampions, use: lapsing)
        routes.get(.championsHours, requiring: .viewChampionHours, use: report)
        routes.get(.champion(.key), requiring: .manageChampions, use: show)
        routes.post(.championStatus(.key), requiring: .manageChampions, use: move)
        routes.post(.championCheck(.key), requiring: .manageChampions, use: recordCheck)
        routes.post(.championInvite(.key), requiring: .manageChampions, use: invite)
        routes.post(.championHours(.key), requiring: .recordChampionHours, use: recordHours)
        routes.post(.removeChampionHours(.key, .key), requiring: .recordChampionHours, use: removeHours)
        routes.get(.championDetails(.key), requiring: .manageChampions, use: details)
        routes.post(.championDetails(.key), requiring: .manageChampions, use: changeDetails)
        routes.get(.volunteering, requiring: .viewOwnVolunteering, use: ownVolunteering)
    }

    /// The signed-in champion's own record, found through their account.
    func ownVolunteering(req: Request) async throws -> Response {
        try await pauseLapsed(req)
        return req.render(ChampionOwnPage.page(try await ChampionOwnPage.load(try req.signedIn(), today: today(), on: req.db)))
    }

    private func today() -> CalendarDay { WorkingDays.today(Date()) }

    /// Champions whose checks lapsed are paused before anyone reads their status.
    private func pauseLapsed(_ req: Request) async throws {
        try await ChampionChecks.pauseLapsed(councilID: try req.scope.councilID, today: today(), now: Date(), on: req.db)
    }

    func list(req: Request) async throws -> Response {
        try await pauseLapsed(req)
        let scope = try req.scope
        let status = (try? req.query.get(String.self, at: "status")).flatMap(ChampionStatus.init(rawValue:))
        let (champions, paging) = try await Champions.page(scope, status: status, requested: req.pageNumber, on: req.db)
        let required = try await ChampionChecks.required(councilID: scope.councilID, on: req.db).map(\.requirement)
        let checks = try await ChampionChecks.assess(champions, required: required, today: today(), on: req.db)
        let organisations = try await Organisation.all(councilID: scope.councilID, on: req.db)
        return req.render(ChampionPages.list(champions, checks: checks, organisations: organisations, status: status, counts: try await Champions.counts(scope, on: req.db),
                                             paging: paging, staff: try req.signedIn()))
    }

    func lapsing(req: Request) async throws -> Response {
        try await pauseLapsed(req)
        let scope = try req.scope
        let champions = try await scope.query(Champion.self, on: req.db).filter(\.$status ~~ [.checking, .active, .paused]).sort(\.$name).all()
        let required = try await ChampionChecks.required(councilID: scope.councilID, on: req.db).map(\.requirement)
        let checks = try await ChampionChecks.assess(champions, required: required, today: today(), on: req.db)
        return req.render(ChampionPages.lapsing(champions, checks: checks))
    }

    func show(req: Request) async throws -> Response {
        // Out of scope is 404 before anything is paused; read again after, as the pause may have changed it.
        _ = try await req.scoped(Champion.self, at: SiteURL.championKey)
        try await pauseLapsed(req)
        let notice = (try? req.query.get(String.self, at: "account")).flatMap(ChampionStatusChanges.Account.init(rawValue:))
        return try await render(req, champion: try await req.scoped(Champion.self, at: SiteURL.championKey), forms: ChampionForms(), errors: FormErrors(), account: notice)
    }

    private func render(_ req: Request, champion: Champion, forms: ChampionForms, errors: FormErrors, account: ChampionStatusChanges.Account? = nil) async throws -> Response {
        let required = try await ChampionChecks.required(councilID: champion.councilID, on: req.db)
        let recorded = try await ChampionCheck.query(on: req.db).filter(\.$championID == champion.id!).sort(\.$doneOn, .descending).all()
        let checks = try await ChampionChecks.assess([champion], required: required.map(\.requirement), today: today(), on: req.db)[champion.id!]!
        let user = try await champion.userID.asyncFlatMap { try await User.find($0, on: req.db) }
        let details = ChampionPages.Details(
            champion: champion, organisation: try await Champions.organisationName(of: champion, on: req.db), required: required, recorded: recorded, checks: checks, user: user,
            hours: try await Champions.recentHours(champion, on: req.db), totalHours: try await Champions.totalHours(champion, on: req.db),
            sessions: try await Champions.sessionsRun(by: champion, now: Date(), on: req.db),
            history: try await Champions.history(champion, on: req.db), account: account)
        return req.render(form: ChampionPages.champion(details, forms: forms, errors: errors, staff: try req.signedIn(), token: req.csrfToken ?? ""))
    }

    func move(req: Request) async throws -> Response {
        let champion = try await req.scoped(Champion.self, at: SiteURL.championKey)
        let fields = try await FormFields.read(req)
        var forms = ChampionForms()
        (forms.status, forms.reason) = (fields["status"] ?? "", fields["reason"] ?? "")
        var errors = FormErrors()
        let status = errors.choice("status", forms.status, as: ChampionStatus.self, message: "Select where the champion goes next")
        let reason = errors.text("reason", forms.reason, label: "the reason", required: false, maxLength: 500)
        guard let status, errors.isEmpty else { return try await render(req, champion: champion, forms: forms, errors: errors) }
        let links = ChampionStatusChanges.Links(baseURL: Invitations.baseURL(for: req), settings: req.application.onramp.settings)
        switch try await ChampionStatusChanges.move(champion, to: status, reason: reason, links: links, actor: try req.auditActor(), today: today(), now: Date(), on: req.db) {
        case .failure(let refusal):
            errors.add(refusal == .reasonNeeded ? "reason" : "status", refusal.message)
            return try await render(req, champion: champion, forms: forms, errors: errors)
        case .success(let account):
            return req.redirect(to: SiteURL.champion(.value(champion.id!)).path(query: [("account", account?.rawValue ?? "")]), redirectType: .normal)
        }
    }

    func invite(req: Request) async throws -> Response {
        let champion = try await req.scoped(Champion.self, at: SiteURL.championKey)
        guard champion.status == .active else {
            var errors = FormErrors()
            errors.add("status", "Only an active champion can be invited to Onramp")
            return try await render(req, champion: champion, forms: ChampionForms(), errors: errors)
        }
        let links = ChampionStatusChanges.Links(baseURL: Invitations.baseURL(for: req), settings: req.application.onramp.settings)
        let actor = try req.auditActor()
        let account = try await req.db.transaction { tx in try await ChampionStatusChanges.invite(champion, links: links, actor: actor, now: Date(), on: tx) }
        return req.redirect(to: SiteURL.champion(.value(champion.id!)).path(query: [("account", account.rawValue)]), redirectType: .normal)
    }

    func recordCheck(req: Request) async throws -> Response {
        let champion = try await req.scoped(Champion.self, at: SiteURL.championKey)
        let fields = try await FormFields.read(req)
        let forms = ChampionForms(checkFields: fields)
        var errors = FormErrors()
        let requirement = try await req.scoped(ChampionRequiredCheck.self, id: forms.requirement)
        if requirement == nil || requirement?.removedAt != nil { errors.add("requirement", "Select the check that was done") }
        let record = requirement.flatMap {
            ChampionCheckRecord.validate(for: $0.requirement, doneOn: forms.done, dbsLevel: forms.dbsLevel, onUpdateService: forms.onUpdateService, note: forms.note, today: today(), into: &errors)
        }
        guard errors.isEmpty, let requirement, let record else { return try await render(req, champion: champion, forms: forms, errors: errors) }
        try await ChampionChecks.record(record, requirement: requirement.requirement, for: champion, actor: try req.auditActor(), now: Date(), on: req.db)
        return req.redirect(to: SiteURL.champion(.value(champion.id!)).path, redirectType: .normal)
    }

    func recordHours(req: Request) async throws -> Response {
        let champion = try await req.scoped(Champion.self, at: SiteURL.championKey)
        let fields = try await FormFields.read(req)
        var forms = ChampionForms()
        (forms.hours, forms.session) = (fields["hours"] ?? "", fields["session"] ?? "")
        forms.hoursDay = DateParts(day: fields["day-day"] ?? "", month: fields["day-month"] ?? "", year: fields["day-year"] ?? "")
        var errors = FormErrors()
        if champion.status == .applied || champion.status == .left { errors.add("hours", "Hours can be recorded only for a champion who has started and not left") }
        let given = ChampionHours.validate(hours: forms.hours, day: forms.hoursDay, today: today(), into: &errors)
        let session = try await Champions.sessionsRun(by: champion, now: Date(), on: req.db).first { $0.id?.uuidString.lowercased() == forms.session.lowercased() }
        if !forms.session.isEmpty, session == nil { errors.add("session", "Select a session this champion ran, or none") }
        guard errors.isEmpty, let given else { return try await render(req, champion: champion, forms: forms, errors: errors) }
        try await Champions.recordHours(given.hours, on: given.day, sessionID: session?.id, for: champion, actor: try req.auditActor(), now: Date(), on: req.db)
        return req.redirect(to: SiteURL.champion(.value(champion.id!)).path, redirectType: .normal)
    }

    /// Hours recorded in error come off again, with the removal audited.
    func removeHours(req: Request) async throws -> Response {
        let champion = try await req.scoped(Champion.self, at: SiteURL.championKey)
        guard let id = req.parameters.get(SiteURL.hoursKey, as: UUID.self),
              let entry = try await ChampionHoursEntry.query(on: req.db).filter(\.$id == id).filter(\.$championID == champion.id!).first()
        else { throw Abort(.notFound) }
        try await Champions.removeHours(entry, of: champion, actor: try req.auditActor(), now: Date(), on: req.db)
        return req.redirect(to: SiteURL.champion(.value(champion.id!)).path, redirectType: .normal)
    }

    func details(req: Request) async throws -> Response {
        let champion = try await req.scoped(Champion.self, at: SiteURL.championKey)
        return req.render(ChampionPages.details(champion, form: ChampionApplicationForm(champion), errors: FormErrors(), token: req.csrfToken ?? ""))
    }

    func changeDetails(req: Request) async throws -> Response {
        let champion = try await req.scoped(Champion.self, at: SiteURL.championKey)
        let form = ChampionApplicationForm(try await FormFields.read(req))
        var errors = FormErrors()
        guard let details = form.validatedDetails(applicant: false, into: &errors) else {
            return req.render(form: ChampionPages.details(champion, form: form, errors: errors, token: req.csrfToken ?? ""))
        }
        try await Champions.change(champion, to: details, actor: try req.auditActor(), now: Date(), on: req.db)
        return req.redirect(to: SiteURL.champion(.value(champion.id!)).path, redirectType: .normal)
    }

    func report(req: Request) async throws -> Response {
        let scope = try req.scope
        let champions = try await scope.query(Champion.self, on: req.db).all()
        let entries = try await Champions.hoursEntries(champions, councilID: scope.councilID, on: req.db)
        let period = (try? req.query.get(String.self, at: "period")).flatMap(FinancialQuarter.init(key:))
        let organisations = try await Organisation.all(councilID: scope.councilID, on: req.db)
        return req.render(ChampionHoursPages.report(ChampionHoursReport(entries, period: period), period: period, champions: champions, organisations: organisations,
                                                    today: today(), staff: try req.signedIn()))
    }
}

/// What the champion page's forms were sent, to show again with their errors.
struct ChampionForms: Sendable {
    var status = "", reason = ""
    var requirement = "", done = DateParts(), dbsLevel = "", onUpdateService = false, note = ""
    var hours = "", hoursDay = DateParts(), session = ""

    init() {}

    init(checkFields fields: FormFields) {
        (requirement, dbsLevel, note, onUpdateService) = (fields["requirement"] ?? "", fields["dbs_level"] ?? "", fields["note"] ?? "", fields["on_update_service"] == "yes")
        done = DateParts(day: fields["done-day"] ?? "", month: fields["done-month"] ?? "", year: fields["done-year"] ?? "")
    }
}
