import Fluent
import Foundation
import OnrampCore
import Vapor

/// Staff's side of sessions: the list, putting a session on and changing or cancelling it, its
/// bookings and waiting list, booking for a resident (on the phone, face to face or from their
/// skills referral) and the register on the day.
struct SessionsManageController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.manageSessions, requiring: .viewSessions, use: list)
        routes.get(.newSession, requiring: .manageSessions, use: newSession)
        routes.post(.newSession, requiring: .manageSessions, use: create)
        routes.get(.manageSession(.key), requiring: .viewSessions, use: show)
        routes.get(.editSession(.key), requiring: .manageSessions, use: edit)
        routes.post(.editSession(.key), requiring: .manageSessions, use: update)
        routes.post(.cancelSession(.key), requiring: .manageSessions, use: cancelSession)
        routes.post(.staffBooking(.key), requiring: .bookForResident, use: book)
        routes.post(.cancelSessionBooking(.key), requiring: .bookForResident, use: cancelBooking)
        routes.post(.sessionRegister(.key), requiring: .takeRegister, use: register)
        routes.post(.sessionWalkIn(.key), requiring: .takeRegister, use: walkIn)
        routes.post(.referralSessionBooking(.key), requiring: .bookForResident, use: bookFromReferral)
    }

    func list(req: Request) async throws -> Response {
        try await renderList(req, referral: try await req.scoped(Referral.self, id: try? req.query.get(String.self, at: "referral")), errors: FormErrors())
    }

    /// `referral`: the list offers to book that referral's resident onto a session.
    private func renderList(_ req: Request, referral: Referral?, errors: FormErrors) async throws -> Response {
        let staff = try req.signedIn()
        let past = (try? req.query.get(String.self, at: "when")) == "past"
        let startOfToday = WorkingDays.today(Date()).start(in: SessionReminder.london)
        let query = SessionAccess.sessions(staff, on: req.db).filter(\.$startsAt, past ? .lessThan : .greaterThanOrEqual, startOfToday)
        let paging = Paging(requested: req.pageNumber, size: 50, totalItems: try await query.count())
        let ids = try await query.sort(\.$startsAt, past ? .descending : .ascending).sort(\.$id).range(paging.offset..<(paging.offset + paging.size)).all().map { $0.id! }
        let resident = try await referral.asyncFlatMap { try await HelpCase.unscoped($0.caseID, on: req.db) }.asyncFlatMap { try await Resident.unscoped($0.residentID, on: req.db) }
        if let resident { try await req.recordViewed([resident.id!], on: "booking a session for a referral", now: Date()) }
        return req.render(form: SessionManagePages.list(try await SessionSearch.listed(ids, on: req.db), paging: paging, past: past, mayManage: staff.may(.manageSessions),
                                                        booking: referral.flatMap { referral in resident.map { (referral, $0) } }, errors: errors, token: req.csrfToken ?? ""))
    }

    func newSession(req: Request) async throws -> Response {
        var form = SessionForm()
        form.organisation = try req.signedIn().organisation.id!.uuidString.lowercased()
        return try await renderForm(req, session: nil, form: form, errors: FormErrors())
    }

    private func renderForm(_ req: Request, session: SkillSession?, form: SessionForm, errors: FormErrors) async throws -> Response {
        let choices = try await SessionFormChoices.load(try req.signedIn(), on: req.db)
        return req.render(form: SessionManagePages.form(session, form: form, choices: choices, errors: errors, token: req.csrfToken ?? ""))
    }

    func create(req: Request) async throws -> Response {
        try await save(req, session: nil)
    }

    func edit(req: Request) async throws -> Response {
        let session = try await SessionAccess.session(req)
        let runners = try await SkillSessionRunner.query(on: req.db).filter(\.$sessionID == session.id!).all()
        return try await renderForm(req, session: session, form: SessionForm(session, runners: runners), errors: FormErrors())
    }

    func update(req: Request) async throws -> Response {
        try await save(req, session: try await SessionAccess.session(req))
    }

    private func save(_ req: Request, session: SkillSession?) async throws -> Response {
        let staff = try req.signedIn()
        let form = SessionForm(try await FormFields.read(req))
        var errors = FormErrors()
        let valid = form.validated(now: Date(), into: &errors)
        let choices = try await SessionFormChoices.load(staff, on: req.db)
        let organisation = choices.organisations.first { $0.id!.uuidString.lowercased() == form.organisation.lowercased() }
        if organisation == nil { errors.add("organisation", "Select who runs the session") }
        let location = choices.places.first { $0.id!.uuidString.lowercased() == form.location.lowercased() }
        if valid?.mode == .inPerson, location == nil { errors.add("location", "Select the place where the session happens from the list") }
        var runners = SessionPlanning.Runners()
        switch try await SessionPlanning.runners(championIDs: form.champions, staffIDs: form.staff, councilID: staff.councilID, on: req.db) {
        case .success(let chosen): runners = chosen
        case .failure(let refusal): errors.add("champions", SessionRefusals.message(refusal))
        }
        guard errors.isEmpty, let valid, let organisation else { return try await renderForm(req, session: session, form: form, errors: errors) }
        let target = session ?? SkillSession()
        if let refusal = try await SessionPlanning.save(valid, into: target, organisationID: organisation.id!, locationID: location?.id, runners: runners,
                                                        actor: try req.auditActor(), now: Date(), on: req.db) {
            errors.add(SessionRefusals.field(refusal), SessionRefusals.message(refusal))
            return try await renderForm(req, session: session, form: form, errors: errors)
        }
        return req.redirect(to: SiteURL.manageSession(.value(target.id!)).path, redirectType: .normal)
    }

    func cancelSession(req: Request) async throws -> Response {
        let session = try await SessionAccess.session(req)
        try await SessionPlanning.cancel(session, actor: try req.auditActor(), now: Date(), on: req.db)
        return req.redirect(to: SiteURL.manageSession(.value(session.id!)).path, redirectType: .normal)
    }

    func show(req: Request) async throws -> Response {
        try await render(req, session: try await SessionAccess.session(req), form: BookingForm(), errors: FormErrors())
    }

    private func render(_ req: Request, session: SkillSession, form: BookingForm, errors: FormErrors) async throws -> Response {
        let staff = try req.signedIn()
        let listed = try await SessionSearch.listed([session.id!], on: req.db)[0]
        let runners = try await SkillSessionRunner.query(on: req.db).filter(\.$sessionID == session.id!).all()
        let bookings = try await SessionBooking.query(on: req.db).filter(\.$sessionID == session.id!).filter(\.$status != .cancelled).sort(\.$position).all()
        let caseIDs = bookings.compactMap(\.caseID)
        let residents = caseIDs.isEmpty ? [] : try await HelpCase.query(on: req.db).filter(\.$id ~~ caseIDs).all().map(\.residentID)
        try await req.recordViewed(residents, on: "the bookings of \(session.title)", now: Date())
        let view = SessionManagePages.View(mayManage: staff.may(.manageSessions), mayBook: staff.may(.bookForResident), registerOpen: SessionPlanning.isRegisterOpen(session, now: Date()),
                                           skillsSaved: (try? req.query.get(String.self, at: "saved")) == "skills")
        return req.render(form: SessionManagePages.session(listed, runners: runners, bookings: bookings, view: view, form: form, errors: errors, token: req.csrfToken ?? "", now: Date()))
    }

    func book(req: Request) async throws -> Response {
        let session = try await SessionAccess.session(req)
        let form = BookingForm(try await FormFields.read(req))
        var errors = FormErrors()
        guard var booker = form.validated(into: &errors) else { return try await render(req, session: session, form: form, errors: errors) }
        (booker.bookedBy, booker.waitlist) = (try req.signedIn().user.email, true)
        if let refusal = try await bookAndTell(req, session: session, booker: booker) {
            errors.add(SessionRefusals.field(refusal), SessionRefusals.message(refusal))
            return try await render(req, session: session, form: form, errors: errors)
        }
        return req.redirect(to: SiteURL.manageSession(.value(session.id!)).path, redirectType: .normal)
    }

    /// Books, then tells the resident by their chosen way, with their link.
    private func bookAndTell(_ req: Request, session: SkillSession, booker: SessionBookings.Booker) async throws -> BookingRule.Refusal? {
        switch try await SessionBookings.book(session, booker, now: Date(), on: req.db) {
        case .failure(let refusal):
            return refusal
        case .success(let made):
            let link = Invitations.baseURL(for: req) + SiteURL.sessionBooking(.value(made.token)).path
            try await req.db.transaction { tx in
                try await SessionMessages.queue(.booked, booking: made.booking, session: session, link: link, now: Date(), on: tx)
                try await Audit.record(.sessionBooked, by: try req.auditActor(), recordType: "session_booking", recordID: made.booking.id,
                                       summary: "Booked a resident onto \(session.title) (\(made.booking.status.label.lowercased()))", on: tx, now: Date())
                if let caseID = made.booking.caseID {
                    try await CaseEvent(caseID: caseID, referralID: made.booking.referralID, at: Date(), actor: try req.auditActor().label,
                                        text: "\(made.booking.status.label): \(session.title), \(SessionWording.when(session))").create(on: tx)
                }
            }
            return nil
        }
    }

    func bookFromReferral(req: Request) async throws -> Response {
        let referral = try await req.scoped(Referral.self, at: SiteURL.referralKey)
        let fields = try await FormFields.read(req)
        guard let id = fields["session"].flatMap(UUID.init(uuidString:)), let session = try await SessionAccess.sessions(try req.signedIn(), on: req.db).filter(\.$id == id).first()
        else { throw Abort(.notFound) }
        guard let helpCase = try await HelpCase.unscoped(referral.caseID, on: req.db), let resident = try await Resident.unscoped(helpCase.residentID, on: req.db) else { throw Abort(.notFound) }
        var errors = FormErrors()
        guard var booker = SessionFormChoices.booker(for: resident) else {
            errors.add("session", "\(resident.name) has no phone number or email address on their case: book them from the session\u{2019}s page with a way to reach them")
            return try await renderList(req, referral: referral, errors: errors)
        }
        (booker.referralID, booker.caseID, booker.bookedBy) = (referral.id, helpCase.id, try req.signedIn().user.email)
        if let refusal = try await bookAndTell(req, session: session, booker: booker) {
            errors.add("session", SessionRefusals.message(refusal))
            return try await renderList(req, referral: referral, errors: errors)
        }
        return req.redirect(to: SiteURL.manageSession(.value(session.id!)).path, redirectType: .normal)
    }

    func cancelBooking(req: Request) async throws -> Response {
        let (booking, session) = try await SessionAccess.booking(req)
        try await SessionBookings.cancel(booking, session: session, now: Date(), on: req.db)
        try await Audit.record(.sessionBookingCancelled, by: try req.auditActor(), recordType: "session_booking", recordID: booking.id,
                               summary: "Cancelled a booking for \(session.title)", on: req.db, now: Date())
        return req.redirect(to: SiteURL.manageSession(.value(session.id!)).path, redirectType: .normal)
    }

    func register(req: Request) async throws -> Response {
        let session = try await SessionAccess.session(req)
        let fields = try await FormFields.read(req)
        var marks: [UUID: BookingStatus] = [:]
        for (name, values) in fields.values where name.hasPrefix("attendance-") {
            if let id = UUID(uuidString: String(name.dropFirst("attendance-".count))), let status = values.first.flatMap(BookingStatus.init(rawValue:)) { marks[id] = status }
        }
        guard try await SessionPlanning.register(session, marks: marks, actor: try req.auditActor(), now: Date(), on: req.db) else {
            var errors = FormErrors()
            errors.add("register", "The register opens on the day of the session")
            return try await render(req, session: session, form: BookingForm(), errors: errors)
        }
        return req.redirect(to: SiteURL.manageSession(.value(session.id!)).path, redirectType: .normal)
    }

    func walkIn(req: Request) async throws -> Response {
        let session = try await SessionAccess.session(req)
        let fields = try await FormFields.read(req)
        var errors = FormErrors()
        let name = errors.text("walk_in_name", fields["walk_in_name"], label: "the name of the person who walked in", maxLength: 100)
        if !session.kind.takesWalkIns { errors.add("walk_in_name", "Only a drop-in takes walk-ins") }
        if !SessionPlanning.isRegisterOpen(session, now: Date()) { errors.add("walk_in_name", "Walk-ins are added on the day of the session") }
        guard errors.isEmpty else { return try await render(req, session: session, form: BookingForm(), errors: errors) }
        let walker = SessionBookings.Booker(name: name, way: .phone, contact: "", walkIn: true, bookedBy: try req.signedIn().user.email)
        if case .failure(let refusal) = try await SessionBookings.book(session, walker, now: Date(), on: req.db) {
            errors.add("walk_in_name", SessionRefusals.message(refusal))
            return try await render(req, session: session, form: BookingForm(), errors: errors)
        }
        return req.redirect(to: SiteURL.manageSession(.value(session.id!)).path, redirectType: .normal)
    }
}
