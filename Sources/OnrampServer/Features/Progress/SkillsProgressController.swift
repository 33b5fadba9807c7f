import Fluent
import OnrampCore
import Vapor

/// Recording what a learner can do, at the start and the end of their help: from their case
/// (council staff) or from their place in a session (whoever runs it, champions included).
struct SkillsProgressController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.caseSkills(.key, .key), requiring: .viewCases, use: caseForm)
        routes.post(.caseSkills(.key, .key), requiring: .viewCases, use: caseSave)
        routes.get(.bookingSkills(.key, .key), requiring: .recordSkillsProgress, use: bookingForm)
        routes.post(.bookingSkills(.key, .key), requiring: .recordSkillsProgress, use: bookingSave)
    }

    /// Who the form is about, what it is for, and where to go back to.
    private struct Subject {
        let learner: SkillsProgress.Learner
        let name: String
        let back: String
        let action: String
        let reviews: [SkillsReview]
        let fulfils: String?
    }

    private func stage(_ req: Request) throws -> ReviewStage {
        guard let stage = req.parameters.get(SiteURL.stageKey).flatMap(ReviewStage.init(rawValue:)) else { throw Abort(.notFound) }
        return stage
    }

    private func caseSubject(_ req: Request, stage: ReviewStage) async throws -> Subject {
        let helpCase = try await req.scoped(HelpCase.self, at: SiteURL.caseKey)
        guard let resident = try await req.scope.find(Resident.self, helpCase.residentID, on: req.db) else { throw Abort(.notFound) }
        let learner = SkillsProgress.Learner(councilID: helpCase.councilID, residentID: resident.id, caseID: helpCase.id, referralID: nil, bookingID: nil,
                                             attended: false, triage: helpCase.triageAnswers)
        let reviews = try await SkillsProgress.reviews(caseID: helpCase.id, bookingID: nil, on: req.db)
        return Subject(learner: learner, name: resident.name, back: SiteURL.helpCase(.value(helpCase.id!)).path,
                       action: SiteURL.caseSkills(.value(helpCase.id!), .value(stage.rawValue)).path, reviews: reviews, fulfils: nil)
    }

    /// A booking's learner, for the people running its session (`SessionAccess`: a champion
    /// only for a session they run), a champion seeing only the first name.
    private func bookingSubject(_ req: Request, stage: ReviewStage) async throws -> Subject {
        let staff = try req.signedIn()
        let (booking, session) = try await SessionAccess.booking(req)
        guard [.booked, .attended].contains(booking.status) else { throw Abort(.notFound) }
        // The booking's case, which its session's runners may add skills to though they may not
        // open it: reached through the booking, which the scope allowed.
        let helpCase = try await HelpCase.unscoped(booking.caseID, on: req.db)
        let learner = SkillsProgress.Learner(councilID: booking.councilID, residentID: helpCase?.residentID, caseID: helpCase?.id, referralID: booking.referralID,
                                             bookingID: booking.id, attended: booking.status == .attended, triage: helpCase?.triageAnswers)
        let reviews = try await SkillsProgress.reviews(caseID: helpCase?.id, bookingID: helpCase == nil ? booking.id : nil, on: req.db)
        let fulfils = try await SkillsProgress.referralToFulfil(learner, stage: stage, on: req.db).map { _ in session.title }
        return Subject(learner: learner, name: staff.role == .champion ? booking.firstName : booking.name,
                       back: SiteURL.manageSession(.value(session.id!)).path,
                       action: SiteURL.bookingSkills(.value(booking.id!), .value(stage.rawValue)).path, reviews: reviews, fulfils: fulfils)
    }

    func caseForm(req: Request) async throws -> Response {
        let stage = try stage(req)
        return try await render(req, try await caseSubject(req, stage: stage), stage: stage, form: nil, errors: FormErrors())
    }

    func caseSave(req: Request) async throws -> Response {
        let stage = try stage(req)
        return try await save(req, try await caseSubject(req, stage: stage), stage: stage)
    }

    func bookingForm(req: Request) async throws -> Response {
        let stage = try stage(req)
        return try await render(req, try await bookingSubject(req, stage: stage), stage: stage, form: nil, errors: FormErrors())
    }

    func bookingSave(req: Request) async throws -> Response {
        let stage = try stage(req)
        return try await save(req, try await bookingSubject(req, stage: stage), stage: stage)
    }

    private func render(_ req: Request, _ subject: Subject, stage: ReviewStage, form: SkillsReviewForm?, errors: FormErrors) async throws -> Response {
        if let resident = subject.learner.residentID {
            try await req.recordViewed([resident], on: "a skills review", now: Date())
        }
        let form = form ?? SkillsReviewForm(SkillsProgress.starting(subject.learner, reviews: subject.reviews))
        return req.render(form: SkillsProgressPages.form(learner: subject.name, stage: stage, form: form, errors: errors, action: subject.action,
                                                         back: subject.back, fulfils: subject.fulfils, token: req.csrfToken ?? ""))
    }

    private func save(_ req: Request, _ subject: Subject, stage: ReviewStage) async throws -> Response {
        let staff = try req.signedIn()
        let form = SkillsReviewForm(try await FormFields.read(req))
        var errors = FormErrors()
        guard let snapshot = form.validate(into: &errors) else { return try await render(req, subject, stage: stage, form: form, errors: errors) }
        try await SkillsProgress.record(snapshot, stage: stage, for: subject.learner, actor: try req.auditActor(), organisationID: staff.organisation.id!,
                                        trackURL: req.trackURL, now: Date(), on: req.db)
        return req.redirect(to: subject.back + "?saved=skills")
    }
}
