import Fluent
import OnrampCore
import Vapor

/// The resident's journey: the triage one question per page, check answers, the minimum access
/// package, and "Ask for help". No account: the draft's token in the address is the resume link.
struct HelpController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.help, use: start)
        routes.post(.helpStart, use: begin)
        routes.get(.helpPaperForm, use: paperForm)
        routes.get(.helpQuestion(.key, .key), use: question)
        routes.post(.helpQuestion(.key, .key), use: answer)
        routes.get(.helpCheck(.key), use: check)
        routes.get(.helpResult(.key), use: result)
        routes.post(.helpResult(.key), use: ask)
        routes.get(.helpDone(.key), use: done)
        routes.get(.helpEquality(.key), use: equality)
        routes.post(.helpEquality(.key), use: saveEquality)
        routes.get(.assistResident, requiring: .assistResident, use: assistStart)
        routes.post(.assistResident, requiring: .assistResident, use: assistBegin)
    }

    func start(req: Request) async throws -> Response {
        req.render(HelpPages.start(councils: try await Organisation.councils(on: req.db), contacts: try await CouncilContacts.all(on: req.db), token: req.csrfToken ?? ""))
    }

    func begin(req: Request) async throws -> Response {
        let fields = try await FormFields.read(req)
        let councils = try await Organisation.councils(on: req.db)
        guard let council = councils.first(where: { $0.id?.uuidString.lowercased() == fields["council"]?.lowercased() }) ?? (councils.count == 1 ? councils.first : nil) else {
            var errors = FormErrors()
            errors.add("council", "Select your council")
            return req.render(form: HelpPages.start(councils: councils, contacts: try await CouncilContacts.all(on: req.db), token: req.csrfToken ?? "", errors: errors))
        }
        let draft = try await TriageDrafts.start(councilID: council.id!, channel: .online, staffUserID: nil, on: req.db)
        return req.redirect(to: SiteURL.helpQuestion(.value(draft.token), .value(TriageQuestions.standard[0].id)).path, redirectType: .normal)
    }

    /// Every council on this deployment, for a resident to choose theirs.
    func assistStart(req: Request) async throws -> Response {
        req.render(HelpPages.assistStart(token: req.csrfToken ?? ""))
    }

    func assistBegin(req: Request) async throws -> Response {
        let staff = try req.signedIn()
        let fields = try await FormFields.read(req)
        guard let channel = CaseChannel(rawValue: fields["channel"] ?? ""), channel != .online else {
            var errors = FormErrors()
            errors.add("channel", "Select how you are helping the resident")
            return req.render(form: HelpPages.assistStart(token: req.csrfToken ?? "", errors: errors))
        }
        let draft = try await TriageDrafts.start(councilID: staff.councilID, channel: channel, staffUserID: staff.userID, on: req.db)
        return req.redirect(to: SiteURL.helpQuestion(.value(draft.token), .value(TriageQuestions.standard[0].id)).path, redirectType: .normal)
    }

    func paperForm(req: Request) async throws -> Response {
        req.render(HelpPages.paperForm())
    }

    func question(req: Request) async throws -> Response {
        let draft = try await TriageDrafts.find(req)
        if draft.caseID != nil { return req.redirect(to: SiteURL.helpDone(.value(draft.token)).path) }
        guard let question = TriageQuestions.question(req.parameters.get(SiteURL.questionKey) ?? "") else { throw Abort(.notFound) }
        let answers = draft.triageAnswers
        return req.render(HelpPages.question(question, draft: draft, submitted: answers.values, errors: FormErrors(), fromCheck: req.query[String.self, at: "from"] == "check", token: req.csrfToken ?? ""))
    }

    func answer(req: Request) async throws -> Response {
        let draft = try await TriageDrafts.find(req)
        if draft.caseID != nil { return req.redirect(to: SiteURL.helpDone(.value(draft.token)).path) }
        guard let question = TriageQuestions.question(req.parameters.get(SiteURL.questionKey) ?? "") else { throw Abort(.notFound) }
        let fields = try await FormFields.read(req)
        let fromCheck = fields["from"] == "check"
        switch question.validate(fields.values) {
        case .failure(let problem):
            let errors = problem.errors
            return req.render(form: HelpPages.question(question, draft: draft, submitted: fields.values, errors: errors, fromCheck: fromCheck, token: req.csrfToken ?? ""))
        case .success(var stored):
            if question.kind == .postcode, let problem = try await PostcodePlacing.place(&stored, councilID: draft.councilID, on: req.db) {
                var errors = FormErrors()
                errors.add(question.id, problem)
                return req.render(form: HelpPages.question(question, draft: draft, submitted: fields.values, errors: errors, fromCheck: fromCheck, token: req.csrfToken ?? ""))
            }
            var answers = draft.triageAnswers
            for (key, value) in stored { answers[key] = value }
            draft.triageAnswers = answers.pruned()
            draft.updatedAt = Date()
            try await draft.save(on: req.db)
            let answered = draft.triageAnswers
            let path: String
            if fromCheck {
                // Back to check answers, unless the change opened a question not yet answered.
                path = answered.nextUnanswered().map { SiteURL.helpQuestion(.value(draft.token), .value($0.id)).path(query: [("from", "check")]) }
                    ?? SiteURL.helpCheck(.value(draft.token)).path
            } else if let next = answered.question(after: question.id) ?? answered.nextUnanswered() {
                path = SiteURL.helpQuestion(.value(draft.token), .value(next.id)).path
            } else {
                path = SiteURL.helpCheck(.value(draft.token)).path
            }
            return req.redirect(to: path, redirectType: .normal)
        }
    }

    func check(req: Request) async throws -> Response {
        let draft = try await TriageDrafts.find(req)
        if draft.caseID != nil { return req.redirect(to: SiteURL.helpDone(.value(draft.token)).path) }
        if let missing = draft.triageAnswers.nextUnanswered() {
            return req.redirect(to: SiteURL.helpQuestion(.value(draft.token), .value(missing.id)).path)
        }
        return req.render(HelpPages.check(draft: draft))
    }

    func result(req: Request) async throws -> Response {
        let draft = try await TriageDrafts.find(req)
        if draft.caseID != nil { return req.redirect(to: SiteURL.helpDone(.value(draft.token)).path) }
        if let missing = draft.triageAnswers.nextUnanswered() {
            return req.redirect(to: SiteURL.helpQuestion(.value(draft.token), .value(missing.id)).path)
        }
        let view = try await HelpResultView.load(draft: draft, on: req.db)
        return req.render(HelpResultPages.result(view, form: HelpRequestForm.empty, errors: FormErrors(), token: req.csrfToken ?? ""))
    }

    func ask(req: Request) async throws -> Response {
        let draft = try await TriageDrafts.find(req)
        // A second press of the button, or the back button, lands on the case already made.
        if draft.caseID != nil { return req.redirect(to: SiteURL.helpDone(.value(draft.token)).path, redirectType: .normal) }
        // A result page from before a change opened a new question: answer it first.
        if let missing = draft.triageAnswers.nextUnanswered() {
            return req.redirect(to: SiteURL.helpQuestion(.value(draft.token), .value(missing.id)).path, redirectType: .normal)
        }
        let view = try await HelpResultView.load(draft: draft, on: req.db)
        let form = HelpRequestForm(try await FormFields.read(req))
        let (errors, details) = form.validated(answers: draft.triageAnswers, package: view.package)
        guard let details, errors.isEmpty else {
            return req.render(form: HelpResultPages.result(view, form: form, errors: errors, token: req.csrfToken ?? ""))
        }
        let actor = req.staff == nil ? AuditActor.visitor("The resident", councilID: draft.councilID, request: req) : try req.auditActor()
        _ = try await CaseIntake.submit(
            draft: draft, details: details, offers: view.offers, actor: actor, workingDays: req.application.onramp.workingDays,
            random: { Int.random(in: 0..<$0) }, trackURL: req.trackURL, now: Date(), on: req.db
        )
        return try await TriageDrafts.askedHere(req, draft: draft, redirect: req.redirect(to: SiteURL.helpDone(.value(draft.token)).path, redirectType: .normal))
    }

    func done(req: Request) async throws -> Response {
        let draft = try await TriageDrafts.find(req)
        guard let caseID = draft.caseID, let helpCase = try await HelpCase.unscoped(caseID, on: req.db) else {
            return req.redirect(to: SiteURL.helpResult(.value(draft.token)).path)
        }
        // The address alone no longer shows the reference, nor anything the answers say.
        guard TriageDrafts.wasAskedHere(req, draft: draft, askedAt: helpCase.createdAt) else { return req.render(HelpResultPages.sent(contact: try await CouncilContacts.of(councilID: draft.councilID, on: req.db))) }
        let rows = try await ReferralQueue.rows(ids: try await Referral.query(on: req.db).filter(\.$caseID == caseID).all(\.$id), on: req.db)
        let resident = try await Resident.unscoped(helpCase.residentID, on: req.db)
        let offers = try await HelpOffer.query(on: req.db).filter(\.$id ~~ rows.map(\.referral.offerID)).all()
        let next = rows.map { row in HelpResultPages.NextStep(offer: row.offerName, partner: row.partnerName, days: offers.first { $0.id == row.referral.offerID }?.standardDays ?? 5) }
        // Taken on the phone, face to face or from paper: the last page is for the member of staff.
        if draft.staffUserID != nil, let staff = req.staff {
            return req.render(HelpResultPages.taken(reference: helpCase.referenceNumber, caseID: staff.may(.viewCases) ? caseID : nil, resident: resident?.name ?? "the resident",
                                                    contactBy: resident?.contactBy ?? "", next: next, draft: draft))
        }
        return req.render(HelpResultPages.done(reference: helpCase.referenceNumber, next: next, contactBy: resident?.contactBy ?? "", draft: draft))
    }

    func equality(req: Request) async throws -> Response {
        let draft = try await TriageDrafts.find(req)
        guard let caseID = draft.caseID, let helpCase = try await HelpCase.unscoped(caseID, on: req.db),
              TriageDrafts.wasAskedHere(req, draft: draft, askedAt: helpCase.createdAt)
        else { return req.redirect(to: SiteURL.helpDone(.value(draft.token)).path) }
        // Answers already given show again, so sending the form twice keeps them.
        let saved = try await ResidentEquality.query(on: req.db).filter(\.$residentID == helpCase.residentID).first()
        return req.render(HelpResultPages.equality(draft: draft, saved: saved, token: req.csrfToken ?? ""))
    }

    func saveEquality(req: Request) async throws -> Response {
        let draft = try await TriageDrafts.find(req)
        guard let caseID = draft.caseID, let helpCase = try await HelpCase.unscoped(caseID, on: req.db),
              TriageDrafts.wasAskedHere(req, draft: draft, askedAt: helpCase.createdAt)
        else { return req.redirect(to: SiteURL.helpDone(.value(draft.token)).path, redirectType: .normal) }
        let fields = try await FormFields.read(req)
        try await EqualityMonitoring.save(fields, residentID: helpCase.residentID, now: Date(), on: req.db)
        return req.render(HelpResultPages.equalityThanks())
    }
}

/// Finding and starting drafts.
enum TriageDrafts {
    static func start(councilID: UUID, channel: CaseChannel, staffUserID: UUID?, on database: any Database) async throws -> TriageDraft {
        let draft = TriageDraft()
        draft.token = SecretToken.make()
        draft.councilID = councilID
        draft.channel = channel
        draft.staffUserID = staffUserID
        draft.triageAnswers = TriageAnswers()
        draft.updatedAt = Date()
        try await draft.create(on: database)
        return draft
    }

    /// The draft the address names, while its address still works (see `ResumeLink`).
    static func find(_ req: Request) async throws -> TriageDraft {
        guard let token = req.parameters.get(SiteURL.draftKey),
              let draft = try await TriageDraft.query(on: req.db).filter(\.$token == token).first()
        else { throw Abort(.notFound, reason: "This link is not right, or has been used. Start again from the help page.") }
        guard draft.caseID != nil || ResumeLink.isOpen(lastAnswer: draft.updatedAt, now: Date()) else {
            throw Abort(.gone, reason: "This link has run out: unfinished answers are kept for \(ResumeLink.unfinishedDays) days after the last one. Start again from the help page, or phone the council.")
        }
        return draft
    }

    static let askedCookie = "onramp_asked"

    /// Marks the browser that asked for help, for a short while, on this draft's addresses only:
    /// a random token it alone holds, whose hash the draft keeps.
    static func askedHere(_ req: Request, draft: TriageDraft, redirect response: Response) async throws -> Response {
        let token = SecretToken.make()
        try await TriageDraft.query(on: req.db).filter(\.$id == draft.id!).set(\.$askedTokenHash, to: SecretToken.hash(token)).update()
        response.cookies[askedCookie] = .init(
            string: token, expires: nil, maxAge: Int(ResumeLink.afterAsking),
            path: "/" + SiteURL.helpCheck(.value(draft.token)).pathComponents.prefix(2).map(\.description).joined(separator: "/"),
            isSecure: req.isHTTPS, isHTTPOnly: true, sameSite: .lax
        )
        return response
    }

    /// Whether this browser asked for help with this draft, a short while ago.
    static func wasAskedHere(_ req: Request, draft: TriageDraft, askedAt: Date) -> Bool {
        guard let sent = req.cookies[askedCookie]?.string, let kept = draft.askedTokenHash else { return false }
        return SecretToken.equal(SecretToken.hash(sent), kept) && ResumeLink.showsReference(askedAt: askedAt, now: Date())
    }
}
