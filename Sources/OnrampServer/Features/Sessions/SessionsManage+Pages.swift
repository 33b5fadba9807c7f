import Fluent
import Foundation
import OnrampCore

/// What the session form offers: who can run it, where, and which champions and staff.
struct SessionFormChoices: Sendable {
    var organisations: [Organisation]
    var places: [DirectoryLocation]
    var champions: [Champion]
    var staff: [User]

    /// Partners put sessions on for their own organisation, with its champions and staff.
    static func load(_ person: StaffContext, on database: any Database) async throws -> SessionFormChoices {
        let scope = Scope(person)
        let organisations = try await scope.query(Organisation.self, on: database).sort(\.$name).all().filter { scope.organisationID == nil || $0.id == scope.organisationID }
        let places = try await DirectoryLocation.query(on: database).filter(\.$councilID == person.councilID).sort(\.$name).all()
        var champions = Champion.query(on: database).filter(\.$councilID == person.councilID)
        var staff = User.query(on: database).filter(\.$councilID == person.councilID).filter(\.$isActive == true).filter(\.$role ~~ [.admin, .officer, .partner])
        if let organisation = scope.organisationID {
            champions = champions.filter(\.$organisationID == organisation)
            staff = staff.filter(\.$organisation.$id == organisation)
        }
        return SessionFormChoices(organisations: organisations, places: places, champions: try await champions.sort(\.$name).all(), staff: try await staff.sort(\.$name).all())
    }

    /// How to reach a resident from their case, for a booking from their referral: their
    /// chosen written way when it has an address or number, else a phone call.
    static func booker(for resident: Resident) -> SessionBookings.Booker? {
        let ways = ContactWays(stored: resident.contactBy)
        let choices: [(BookingContactWay, String?)] = [(.sms, ways.includes("sms") ? resident.phone : nil), (.email, ways.includes("email") ? resident.email : nil),
                                                       (.phone, resident.phone), (.email, resident.email)]
        for (way, raw) in choices {
            if let raw, let contact = way.normalise(raw) {
                return SessionBookings.Booker(name: resident.name, way: way, contact: contact, accessNeeds: resident.accessNeeds.replacingOccurrences(of: ",", with: ", "))
            }
        }
        return nil
    }
}

/// Staff's pages: the list, the form, and a session with its bookings and register.
enum SessionManagePages {
    struct View: Sendable {
        /// Sees full names and manages the session; champions see first names only.
        let mayManage: Bool
        let mayBook: Bool
        let registerOpen: Bool
        /// Back from recording a learner's skills.
        let skillsSaved: Bool
    }

    /// On a skills referral's page: book the resident onto a session, linked to their case.
    static func referralLink(_ referral: Referral, kind: OfferKind) -> HTML {
        guard kind == .skillsCourse || kind == .championHelp, referral.status.isOpen else { return .empty }
        return "<p class=\"govuk-inset-text\"><a class=\"govuk-link\" href=\"\(SiteURL.manageSessions.path(query: [("referral", referral.id!.uuidString)]))\">Book them onto a session</a>: the booking is linked to their case, and they are told by their chosen way.</p>"
    }

    static func list(_ sessions: [ListedSession], paging: Paging, past: Bool, mayManage: Bool, booking: (Referral, Resident)?, errors: FormErrors, token: String) -> Page {
        let rows = sessions.map { listed -> [HTML] in
            let session = listed.session
            var cells: [HTML] = [
                "<a class=\"govuk-link\" href=\"\(SiteURL.manageSession(.value(session.id!)).path)\">\(session.title)</a>" + HTML.when(session.cancelled, " \(Components.tag("Cancelled", colour: .grey))"),
                "\(SessionWording.when(session))", "\(listed.place?.name ?? session.mode.label)", "\(listed.taken) of \(session.capacity)", "\(listed.waiting)",
            ]
            if let (referral, resident) = booking {
                cells.append(session.cancelled ? .empty : Components.form(action: SiteURL.referralSessionBooking(.value(referral.id!)).path, token: token,
                    "<input type=\"hidden\" name=\"session\" value=\"\(session.id!.uuidString)\">" + hiddenNamed("Book", "\(resident.name) onto \(session.title)")))
            }
            return cells
        }
        let head = ["Session", "When", "Where", "Booked", "Waiting"] + (booking == nil ? [] : ["Book"])
        let intro: HTML = booking.map { "<p class=\"govuk-inset-text\">Choose a session for \($0.1.name). They are told by their chosen way, and the booking is linked to their case.</p>" as HTML } ?? .empty
        return Page(title: past ? "Past sessions" : "Sessions", errors: errors, content: """
        <h1 class="govuk-heading-l">\(past ? "Past sessions" : "Sessions")</h1>
        \(intro)
        \(HTML.when(mayManage, "<p class=\"govuk-body\"><a class=\"govuk-button\" href=\"\(SiteURL.newSession.path)\">Put on a session</a></p>"))
        <p class="govuk-body"><a class="govuk-link" href="\(past ? SiteURL.manageSessions.path : SiteURL.manageSessions.path(query: [("when", "past")]))">\(past ? "Upcoming sessions" : "Past sessions")</a> · <a class="govuk-link" href="\(SiteURL.sessions.path)">The public listing</a></p>
        \(rows.isEmpty ? "<p class=\"govuk-body\">No sessions yet.</p>" as HTML : Components.table(caption: "\(paging.totalItems) sessions", head: head, rows: rows, numericColumns: [3, 4]))
        \(Components.pagination(paging) { SiteURL.manageSessions.path(query: [("when", past ? "past" : ""), ("page", String($0))]) })
        """)
    }

    static func form(_ session: SkillSession?, form: SessionForm, choices: SessionFormChoices, errors: FormErrors, token: String) -> Page {
        let action = session.map { SiteURL.editSession(.value($0.id!)).path } ?? SiteURL.newSession.path
        let kinds = SessionKind.allCases.map { Components.Choice(value: $0.rawValue, label: $0.label) }
        let modes = SessionMode.allCases.map { Components.Choice(value: $0.rawValue, label: $0.label) }
        let places = [Components.Choice(value: "", label: "Choose a place")] + choices.places.map { .init(value: $0.id!.uuidString.lowercased(), label: $0.name) }
        let organisations = choices.organisations.map { Components.Choice(value: $0.id!.uuidString.lowercased(), label: $0.name) }
        let areas = SkillsArea.allCases.map { Components.Choice(value: $0.rawValue, label: $0.label) }
        let champions = choices.champions.map { Components.Choice(value: $0.id!.uuidString.lowercased(), label: $0.name, hint: $0.status == .active ? nil : "Not active: cannot run a session") }
        let staff = choices.staff.map { Components.Choice(value: $0.id!.uuidString.lowercased(), label: $0.name) }
        let title = session == nil ? "Put on a session" : "Change \(session!.title)"
        return Page(title: title, errors: errors, backLink: session.map { SiteURL.manageSession(.value($0.id!)).path } ?? SiteURL.manageSessions.path, content: """
        <h1 class="govuk-heading-l">\(title)</h1>
        \(Components.form(action: action, token: token, """
        \(Components.textInput(name: "title", label: "Title", value: form.title, error: errors["title"], hint: "Like Getting started with a tablet"))
        \(Components.textarea(name: "description", label: "What it is about (optional)", value: form.summary, error: errors["description"], rows: 3))
        \(Components.radios(name: "kind", legend: "Kind of session", options: kinds, selected: form.kind, error: errors["kind"]))
        \(Components.select(name: "organisation", label: "Run by", options: organisations, selected: form.organisation.lowercased(), error: errors["organisation"]))
        \(Components.radios(name: "mode", legend: "Where it happens", options: modes, selected: form.mode, error: errors["mode"]))
        \(Components.select(name: "location", label: "Place (for a session in person)", options: places, selected: form.location.lowercased(), error: errors["location"], hint: "Places in the directory"))
        \(Components.dateInput(name: "date", legend: "Date (of the first meeting, for a course)", value: form.date, error: errors["date"]))
        \(Components.textInput(name: "starts", label: "Start time", value: form.starts, error: errors["starts"], hint: "24-hour clock, like 10:00", width: "5"))
        \(Components.textInput(name: "ends", label: "End time", value: form.ends, error: errors["ends"], hint: "24-hour clock, like 12:00", width: "5"))
        \(Components.textInput(name: "meetings", label: "Number of weekly meetings (courses only)", value: form.meetings, error: errors["meetings"], width: "3"))
        \(Components.textInput(name: "capacity", label: "Places", value: form.capacity, error: errors["capacity"], width: "3"))
        \(Components.textInput(name: "language", label: "Language", value: form.language, error: errors["language"], hint: "A two-letter code: en for English, pl for Polish", width: "3"))
        \(Components.textarea(name: "access_notes", label: "Access notes (optional)", value: form.accessNotes, error: errors["access_notes"], hint: "Like step-free entrance, hearing loop, large-print handouts", rows: 2))
        \(Components.checkboxes(name: "areas", legend: "Skills areas it covers", options: areas, selected: Set(form.areas), error: errors["areas"]))
        \(champions.isEmpty ? "<p class=\"govuk-body\" id=\"champions\">No champions to choose from yet.</p>" as HTML : Components.checkboxes(name: "champions", legend: "Champions running it", options: champions, selected: Set(form.champions.map { $0.lowercased() }), error: errors["champions"]))
        \(staff.isEmpty ? .empty : Components.checkboxes(name: "staff", legend: "Staff running it", options: staff, selected: Set(form.staff.map { $0.lowercased() }), error: errors["staff"]))
        \(Components.button(session == nil ? "Put on session" : "Save changes"))
        """))
        """)
    }

    static func session(_ listed: ListedSession, runners: [SkillSessionRunner], bookings: [SessionBooking], view: View, form: BookingForm, errors: FormErrors, token: String, now: Date) -> Page {
        let session = listed.session
        let placed = bookings.filter { $0.status.holdsPlace }, waiting = bookings.filter { $0.status == .waitlisted }
        let manage: HTML = view.mayManage && !session.cancelled ? """
        <p class="govuk-body"><a class="govuk-link" href="\(SiteURL.editSession(.value(session.id!)).path)">Change the session</a></p>
        """ : .empty
        let cancel: HTML = view.mayManage && !session.cancelled && session.startsAt > now ? """
        <h2 class="govuk-heading-m">Cancel the session</h2>
        <p class="govuk-body">Everyone booked or waiting is told by their chosen way.</p>
        \(Components.form(action: SiteURL.cancelSession(.value(session.id!)).path, token: token, Components.button("Cancel the session", style: .warning)))
        """ : .empty
        let bookForm: HTML = view.mayBook && BookingRule.closed(startsAt: session.startsAt, cancelled: session.cancelled, now: now) == nil ? """
        <h2 class="govuk-heading-m">Book for a resident</h2>
        <p class="govuk-body">On the phone or face to face. When the session is full they go on the waiting list. To book a resident who has a skills referral, start from their referral, so the booking is linked to their case.</p>
        \(Components.form(action: SiteURL.staffBooking(.value(session.id!)).path, token: token, SessionPages.bookingFields(form, errors: errors, waitlist: false, forStaff: true) + Components.button("Book")))
        """ : .empty
        return Page(title: session.title, errors: errors, backLink: SiteURL.manageSessions.path,
                    notice: view.skillsSaved ? Components.notificationBanner(heading: "Skills saved", success: true) : .empty, content: """
        <span class="govuk-caption-l">\(session.kind.label)</span>
        <h1 class="govuk-heading-l">\(session.title)</h1>
        \(session.cancelled ? Components.notificationBanner(heading: "This session is cancelled") : .empty)
        \(SessionPages.details(listed, runners: runners))
        <p class="govuk-body">\(listed.taken) of \(session.capacity) places taken, \(waiting.count) waiting. <a class="govuk-link" href="\(SiteURL.session(.value(session.id!)).path)">Public page</a></p>
        \(manage)
        \(register(session, placed, runners: runners, view: view, errors: errors, token: token, now: now))
        \(learners(placed, view: view))
        \(people("Waiting list", waiting, session: session, view: view, token: token))
        \(HTML.when(view.registerOpen && session.kind.takesWalkIns && !session.cancelled, walkInForm(session, errors: errors, token: token)))
        \(bookForm)
        \(cancel)
        """)
    }

    /// Who is booked; from the session's day, the register to mark each one.
    private static func register(_ session: SkillSession, _ placed: [SessionBooking], runners: [SkillSessionRunner], view: View, errors: FormErrors, token: String, now: Date) -> HTML {
        guard view.registerOpen, !placed.isEmpty else { return people("Booked", placed, session: session, view: view, token: token) }
        let champions = runners.filter { $0.championID != nil }.map(\.name)
        let given = ChampionHours.givenAtMeeting(startsAt: session.startsAt, endsAt: session.endsAt, meetings: session.meetings, today: CalendarDay(now, in: SessionReminder.london))
        let hours: HTML = champions.isEmpty || given == nil ? .empty : """
        <p class="govuk-body">Saving the register also records \(ChampionHours.words(given!.hours)) on \(given!.day.spoken) for \(champions.joined(separator: " and ")), unless their time for that day is already recorded.</p>
        """
        let marks = placed.map { booking -> HTML in
            Components.radios(name: "attendance-\(booking.id!.uuidString)", legend: name(booking, view: view) + (booking.walkIn ? " (walked in)" : ""),
                              options: [.init(value: BookingStatus.attended.rawValue, label: "Attended"), .init(value: BookingStatus.noShow.rawValue, label: "Did not come")],
                              selected: booking.status == .booked ? nil : booking.status.rawValue, error: nil, inline: true)
        }
        return """
        <h2 class="govuk-heading-m" id="register">Register</h2>
        \(errors["register"].map { "<p class=\"govuk-error-message\">\($0)</p>" as HTML } ?? .empty)
        \(hours)
        \(Components.form(action: SiteURL.sessionRegister(.value(session.id!)).path, token: token, marks.joined() + Components.button("Save the register")))
        """
    }

    /// Links to record what each person can do, at the start and at the end of their help.
    private static func learners(_ placed: [SessionBooking], view: View) -> HTML {
        let learning = placed.filter { $0.status == .booked || $0.status == .attended }
        guard !learning.isEmpty else { return .empty }
        let items = learning.map { booking -> HTML in
            let who = name(booking, view: view)
            let links = ReviewStage.allCases.map { stage -> HTML in
                "<a class=\"govuk-link\" href=\"\(SiteURL.bookingSkills(.value(booking.id!), .value(stage.rawValue)).path)\">\(stage.label)<span class=\"govuk-visually-hidden\"> for \(who)</span></a>"
            }.joined(separator: " \u{00B7} ")
            return "<li>\(who): \(links)</li>"
        }
        return """
        <h2 class="govuk-heading-m">Skills</h2>
        <p class="govuk-body">Record what each person can do at the start of their help and at the end. An end review for someone who came from a skills referral marks the referral as done.</p>
        <ul class="govuk-list">\(items.joined())</ul>
        """
    }

    private static func walkInForm(_ session: SkillSession, errors: FormErrors, token: String) -> HTML {
        """
        <h2 class="govuk-heading-m">Add a walk-in</h2>
        \(Components.form(action: SiteURL.sessionWalkIn(.value(session.id!)).path, token: token, """
        \(Components.textInput(name: "walk_in_name", label: "Name", value: nil, error: errors["walk_in_name"], hint: "Someone who came without booking: they are marked as attended"))
        \(Components.button("Add walk-in", style: .secondary))
        """))
        """
    }

    /// A secondary button in a table row, whose spoken name says which row it is for.
    private static func hiddenNamed(_ text: String, _ which: String) -> HTML {
        "<button type=\"submit\" class=\"govuk-button govuk-button--secondary\" data-module=\"govuk-button\">\(text)<span class=\"govuk-visually-hidden\"> \(which)</span></button>"
    }

    /// Champions see only a first name, how to reach them and their access needs.
    private static func name(_ booking: SessionBooking, view: View) -> String { view.mayManage ? booking.name : booking.firstName }

    private static func people(_ heading: String, _ bookings: [SessionBooking], session: SkillSession, view: View, token: String) -> HTML {
        guard !bookings.isEmpty else { return "<h2 class=\"govuk-heading-m\">\(heading)</h2><p class=\"govuk-body\">Nobody yet.</p>" }
        let rows = bookings.map { booking -> [HTML] in
            let contact = booking.contact.isEmpty ? "" : "\(booking.contactWay.label): \(booking.contactWay == .email ? booking.contact : PhoneNumber.display(booking.contact))"
            var cells: [HTML] = ["\(name(booking, view: view))", "\(contact)", "\(booking.accessNeeds.isEmpty ? "None given" : booking.accessNeeds)", "\(booking.status.label)"]
            if view.mayManage {
                cells.append(booking.caseID.map { "<a class=\"govuk-link\" href=\"\(SiteURL.helpCase(.value($0)).path)\">Case</a>" as HTML } ?? "\(booking.walkIn ? "Walk-in" : booking.bookedBy == "online" ? "Booked online" : "Booked by staff")")
            }
            if view.mayBook, booking.status.isOpen {
                cells.append(Components.form(action: SiteURL.cancelSessionBooking(.value(booking.id!)).path, token: token,
                                             hiddenNamed("Cancel", "\(name(booking, view: view))\u{2019}s booking")))
            } else if view.mayBook {
                cells.append(.empty)
            }
            return cells
        }
        let head = ["Name", "Contact", "Access needs", "Status"] + (view.mayManage ? ["From"] : []) + (view.mayBook ? ["Cancel"] : [])
        return Components.table(caption: "\(heading): \(bookings.count)", head: head, rows: rows)
    }
}
