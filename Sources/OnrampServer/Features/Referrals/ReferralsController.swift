import Fluent
import OnrampCore
import Vapor

/// The partner's work queue and each referral: move its status, add notes, re-route it.
struct ReferralsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.referrals, requiring: .workReferrals, use: queue)
        routes.get(.referral(.key), requiring: .workReferrals, use: show)
        routes.post(.referralStatus(.key), requiring: .workReferrals, use: move)
        routes.post(.referralNote(.key), requiring: .workReferrals, use: note)
        routes.post(.referralReroute(.key), requiring: .workReferrals, use: reroute)
    }

    func queue(req: Request) async throws -> Response {
        let staff = try req.signedIn()
        var filter = QueueFilter()
        filter.status = (try? req.query.get(String.self, at: "status")).flatMap(ReferralStatus.init(rawValue:))
        filter.overdueOnly = (try? req.query.get(String.self, at: "overdue")) == "yes"
        filter.typedReference = String(((try? req.query.get(String.self, at: "reference")) ?? "").trimmingCharacters(in: .whitespaces).prefix(40))
        filter.reference = ReferenceNumber(typed: filter.typedReference)?.value
        let today = WorkingDays.today(Date())
        let page = try await ReferralQueue.page(try req.scope, filter: filter, page: req.pageNumber, today: today, on: req.db)
        try await req.recordViewed(page.rows.compactMap(\.residentID), on: "the referral queue", now: Date())
        return req.render(ReferralPages.queue(page, filter: filter, today: today, forPartner: staff.role == .partner))
    }

    /// The referral, if this person may see it; a 404 otherwise, so ids reveal nothing.
    private func referral(_ req: Request) async throws -> Referral {
        try await req.scoped(Referral.self, at: SiteURL.referralKey)
    }

    func show(req: Request) async throws -> Response {
        let saved = (try? req.query.get(String.self, at: "saved")).flatMap(ReferralPages.Saved.init(rawValue:))
        return try await render(req, referral: try await referral(req), errors: FormErrors(), form: ReferralMoveForm(), saved: saved)
    }

    private func render(_ req: Request, referral: Referral, errors: FormErrors, form: ReferralMoveForm, saved: ReferralPages.Saved? = nil) async throws -> Response {
        let (helpCase, resident, offer) = try await ReferralMoves.context(of: referral, on: req.db)
        let events = try await CaseEvent.query(on: req.db).filter(\.$referralID == referral.id!).sort(\.$at).all()
        let partners = try await req.scope.query(Organisation.self, on: req.db).filter(\.$type != .council).sort(\.$name).all()
        let staff = try req.signedIn()
        try await req.recordViewed([resident.id!], on: "a referral of case \(helpCase.reference)", action: .caseViewed, recordType: "case", recordID: helpCase.id, now: Date())
        return req.render(form: ReferralPages.referral(
            referral, helpCase: helpCase, resident: resident, offer: offer, events: events,
            partners: staff.role == .partner ? [] : partners, form: form, errors: errors, saved: saved, token: req.csrfToken ?? ""
        ))
    }

    func move(req: Request) async throws -> Response {
        let referral = try await referral(req)
        let fields = try await FormFields.read(req)
        let form = ReferralMoveForm(status: fields["status"] ?? "", reason: fields["reason"] ?? "", outcome: fields["outcome"] ?? "")
        var errors = FormErrors()
        guard let status = ReferralStatus(rawValue: form.status) else {
            errors.add("status", "Select the new status")
            return try await render(req, referral: referral, errors: errors, form: form)
        }
        let reason = errors.text("reason", form.reason, label: "the reason", required: false, maxLength: 500)
        let outcome = errors.text("outcome", form.outcome, label: "the outcome", required: false, maxLength: 500)
        if let kind = try await HelpOffer.find(referral.offerID, on: req.db)?.kind, let refusal = referral.status.moveByHand(to: status, reason: reason, kind: kind) {
            errors.add(refusal == .backwardsWithoutReason ? "reason" : "status", refusal.message)
        }
        if errors.isEmpty, let refusal = try await ReferralMoves.move(
            referral, to: status, reason: reason, outcome: outcome, actor: try req.auditActor(),
            trackURL: req.trackURL, now: Date(), on: req.db
        ) {
            errors.add(refusal == .backwardsWithoutReason ? "reason" : "status", refusal.message)
        }
        guard errors.isEmpty else { return try await render(req, referral: referral, errors: errors, form: form) }
        return req.redirect(to: SiteURL.referral(.value(referral.id!)).path(query: [("saved", ReferralPages.Saved.status.rawValue)]), redirectType: .normal)
    }

    func note(req: Request) async throws -> Response {
        let referral = try await referral(req)
        let fields = try await FormFields.read(req)
        var errors = FormErrors()
        let text = errors.text("note", fields["note"], label: "a note", maxLength: 1000)
        guard errors.isEmpty else { return try await render(req, referral: referral, errors: errors, form: ReferralMoveForm(note: fields["note"] ?? "")) }
        try await ReferralMoves.note(referral, text: text, actor: try req.auditActor(), now: Date(), on: req.db)
        return req.redirect(to: SiteURL.referral(.value(referral.id!)).path(query: [("saved", ReferralPages.Saved.note.rawValue)]), redirectType: .normal)
    }

    func reroute(req: Request) async throws -> Response {
        let referral = try await referral(req)
        let staff = try req.signedIn()
        let fields = try await FormFields.read(req)
        var errors = FormErrors()
        let partner = try await req.scoped(Organisation.self, id: fields["partner"])
        if staff.role == .partner { errors.add("partner", "Only the council can send a referral to another partner") }
        else if partner == nil || partner?.type == .council || partner?.id == referral.organisationID {
            errors.add("partner", "Select another partner")
        }
        if errors.isEmpty, let partner {
            switch try await ReferralMoves.reroute(referral, to: partner, actor: try req.auditActor(), workingDays: req.application.onramp.workingDays,
                                                   trackURL: req.trackURL, now: Date(), on: req.db) {
            case .success(let next): return req.redirect(to: SiteURL.referral(.value(next.id!)).path(query: [("saved", ReferralPages.Saved.rerouted.rawValue)]), redirectType: .normal)
            case .failure(let refusal): errors.add("partner", refusal.message)
            }
        }
        return try await render(req, referral: referral, errors: errors, form: ReferralMoveForm())
    }
}

struct ReferralMoveForm: Sendable {
    var status = ""
    var reason = ""
    var outcome = ""
    var note = ""
}
