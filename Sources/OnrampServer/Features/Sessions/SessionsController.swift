import Fluent
import Foundation
import OnrampCore
import Vapor

/// The public side of sessions: the listing near a postcode, a page per session, booking with
/// no account, the resident's own booking page to see or cancel it, and calendar feeds.
struct SessionsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.sessions, use: listing)
        routes.get(.session(.key), use: session)
        routes.post(.sessionBook(.key), use: book)
        routes.get(.sessionBooking(.key), use: booking)
        routes.post(.sessionBookingCancel(.key), use: cancel)
        routes.get(.sessionCalendar(.key), use: sessionCalendar)
        routes.get(.placeSessionsCalendar(.key), use: placeCalendar)
    }

    func listing(req: Request) async throws -> Response {
        let form = try req.query.decode(SessionSearchForm.self)
        var errors = FormErrors()
        var near: NationalGrid.Position?
        let typed = (form.postcode ?? "").trimmingCharacters(in: .whitespaces)
        if !typed.isEmpty {
            if let code = Postcode.normalise(typed) {
                near = try await PostcodePoint.find(code, on: req.db)?.position
                if near == nil { errors.add("postcode", "We do not know the postcode \(code). Check it, or search without a postcode") }
            } else {
                errors.add("postcode", "Enter a full postcode, like SE1 7PB")
            }
        }
        let now = Date()
        let (results, total) = errors.isEmpty ? try await SessionSearch.run(form, near: near, now: now, on: req.db) : ([], 0)
        return req.render(form: SessionPages.listing(form, results: results, total: total, languages: try await SessionSearch.languages(now: now, on: req.db), errors: errors))
    }

    /// A session anyone may see: any council's, cancelled ones saying so.
    static func publicSession(_ req: Request) async throws -> SkillSession {
        guard let id = req.parameters.get(SiteURL.sessionKey, as: UUID.self), let session = try await SkillSession.find(id, on: req.db) else { throw Abort(.notFound) }
        return session
    }

    func session(req: Request) async throws -> Response {
        try await render(req, session: try await Self.publicSession(req), form: BookingForm(), errors: FormErrors())
    }

    private func render(_ req: Request, session: SkillSession, form: BookingForm, errors: FormErrors) async throws -> Response {
        let listed = try await SessionSearch.listed([session.id!], on: req.db)[0]
        let runners = try await SkillSessionRunner.query(on: req.db).filter(\.$sessionID == session.id!).all()
        return req.render(form: SessionPages.session(listed, runners: runners, form: form, errors: errors, token: req.csrfToken ?? "", now: Date()))
    }

    func book(req: Request) async throws -> Response {
        let session = try await Self.publicSession(req)
        var form = BookingForm(try await FormFields.read(req))
        var errors = FormErrors()
        guard let booker = form.validated(into: &errors) else { return try await render(req, session: session, form: form, errors: errors) }
        switch try await SessionBookings.book(session, booker, now: Date(), on: req.db) {
        case .success(let made):
            return req.redirect(to: SiteURL.sessionBooking(.value(made.token)).path, redirectType: .normal)
        case .failure(let refusal):
            errors.add(SessionRefusals.field(refusal), SessionRefusals.message(refusal))
            // Full: the form comes back offering the waiting list, with what they typed.
            if refusal == .full { form.waitlist = "yes" }
            return try await render(req, session: session, form: form, errors: errors)
        }
    }

    /// The booking whose secret is in the path.
    private func ownBooking(_ req: Request) async throws -> (SessionBooking, SkillSession, String) {
        guard let secret = req.parameters.get(SiteURL.bookingTokenKey), secret.count >= 16,
              let booking = try await SessionBooking.query(on: req.db).filter(\.$tokenHash == SecretToken.hash(secret)).first(),
              let session = try await SkillSession.find(booking.sessionID, on: req.db)
        else { throw Abort(.notFound) }
        return (booking, session, secret)
    }

    func booking(req: Request) async throws -> Response {
        let (booking, session, secret) = try await ownBooking(req)
        let listed = try await SessionSearch.listed([session.id!], on: req.db)[0]
        let runners = try await SkillSessionRunner.query(on: req.db).filter(\.$sessionID == session.id!).all()
        let ahead = booking.status == .waitlisted
            ? try await SessionBooking.query(on: req.db).filter(\.$sessionID == session.id!).filter(\.$status == .waitlisted).filter(\.$position < booking.position).count() : 0
        let link = Invitations.baseURL(for: req) + SiteURL.sessionBooking(.value(secret)).path
        return req.render(SessionPages.booking(booking, listed: listed, runners: runners, secret: secret, link: link, token: req.csrfToken ?? "", waitingAhead: ahead))
            .keepingAddressSecret()
    }

    func cancel(req: Request) async throws -> Response {
        let (booking, session, secret) = try await ownBooking(req)
        try await SessionBookings.cancel(booking, session: session, now: Date(), on: req.db)
        return req.redirect(to: SiteURL.sessionBooking(.value(secret)).path, redirectType: .normal)
    }

    func sessionCalendar(req: Request) async throws -> Response {
        let session = try await Self.publicSession(req)
        return try await calendar(req, name: session.title, sessions: [session])
    }

    /// Sessions at a place in the directory, from a week ago on.
    func placeCalendar(req: Request) async throws -> Response {
        guard let id = req.parameters.get(SiteURL.locationKey, as: UUID.self), let place = try await DirectoryLocation.find(id, on: req.db) else { throw Abort(.notFound) }
        let sessions = try await SkillSession.query(on: req.db).filter(\.$locationID == id).filter(\.$startsAt >= Date().addingTimeInterval(-7 * 86_400))
            .sort(\.$startsAt).limit(1000).all()
        return try await calendar(req, name: "Skills sessions at \(place.name)", sessions: sessions)
    }

    private func calendar(_ req: Request, name: String, sessions: [SkillSession]) async throws -> Response {
        let base = Invitations.baseURL(for: req)
        var events: [ICalendarEvent] = []
        for session in sessions {
            let place = try await SessionWording.place(session, on: req.db)
            events.append(ICalendarEvent(uid: "\(session.id!.uuidString.lowercased())@onramp", start: session.startsAt, end: session.endsAt, summary: session.title,
                                         description: [session.summary, "Book or see places: " + base + SiteURL.session(.value(session.id!)).path].filter { !$0.isEmpty }.joined(separator: "\n"),
                                         location: place.hasPrefix("at ") ? String(place.dropFirst(3)) : place.prefix(1).uppercased() + place.dropFirst(),
                                         weeklyCount: session.kind == .course ? session.meetings : 1, cancelled: session.cancelled))
        }
        let response = Response(status: .ok, body: .init(string: ICalendar.document(name: name, events: events, stamp: Date())))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "calendar", parameters: ["charset": "utf-8"])
        return response
    }
}
