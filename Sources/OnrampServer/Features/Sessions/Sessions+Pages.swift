import Foundation
import OnrampCore

/// The public pages: the listing, a session and its booking form, and a resident's booking.
enum SessionPages {
    static func listing(_ form: SessionSearchForm, results: [ListedSession], total: Int, languages: [String], errors: FormErrors) -> Page {
        let paging = Paging(form.pageRequest, totalItems: total)
        let english = Locale(identifier: "en_GB")
        let kinds = [Components.Choice(value: "", label: "Any kind")] + SessionKind.allCases.map { .init(value: $0.rawValue, label: $0.label) }
        let days = [Components.Choice(value: "", label: "Any day")] + SessionSearchForm.days.map { .init(value: $0, label: $0.prefix(1).uppercased() + $0.dropFirst()) }
        let spoken = [Components.Choice(value: "", label: "Any language")] + languages.map { .init(value: $0, label: english.localizedString(forLanguageCode: $0) ?? $0) }
        let list: HTML = results.isEmpty
            ? """
              <h2 class="govuk-heading-m">No sessions found</h2>
              <p class="govuk-body">No upcoming sessions match your search. Try another day or kind of session, or search without a postcode.</p>
              <p class="govuk-body">You can also <a class="govuk-link" href="\(SiteURL.directory.path)">find free Wi-Fi, computers and other help near you</a>, or <a class="govuk-link" href="\(SiteURL.contact.path)">phone or visit your council</a>.</p>
              """
            : """
              <p class="govuk-body">\(total == 1 ? "1 session" : "\(total) sessions")\(form.postcode?.isEmpty == false ? ", nearest first" : ", soonest first")</p>
              <ul class="govuk-list app-results">\(results.map(item))</ul>
              \(Components.pagination(paging) { SiteURL.sessions.path(query: form.query(page: $0)) })
              """
        return Page(title: "Digital skills sessions", errors: errors, content: """
        <h1 class="govuk-heading-l">Digital skills sessions</h1>
        <p class="govuk-body">Free sessions to help you get online: drop in, book one-to-one help, or join a course. You do not need an account to book.</p>
        <form method="get" action="\(SiteURL.sessions.path)" novalidate>
        \(Components.textInput(name: "postcode", label: "Postcode (optional)", value: form.postcode, error: errors["postcode"], hint: "To see sessions near you first, like SE1 7PB", autocomplete: "postal-code", width: "10"))
        \(Components.select(name: "kind", label: "Kind of session", options: kinds, selected: form.kind, error: nil))
        \(Components.select(name: "day", label: "Day", options: days, selected: form.day, error: nil))
        \(Components.select(name: "language", label: "Language", options: spoken, selected: form.language, error: nil))
        \(Components.button("Search"))
        </form>
        \(list)
        """)
    }

    private static func item(_ listed: ListedSession) -> HTML {
        let session = listed.session
        let distance = listed.metres.map { String(format: " (%.1f miles)", $0 / Distance.metresPerMile) } ?? ""
        return """
        <li class="govuk-!-margin-bottom-6">
        <h2 class="govuk-heading-s govuk-!-margin-bottom-1"><a class="govuk-link" href="\(SiteURL.session(.value(session.id!)).path)">\(session.title)</a></h2>
        <p class="govuk-body govuk-!-margin-bottom-1">\(session.kind.label), \(SessionWording.when(session))</p>
        <p class="govuk-body govuk-!-margin-bottom-1">\(listed.place?.name ?? session.mode.label)\(distance)</p>
        <p class="govuk-body">\(availability(listed))</p>
        </li>
        """
    }

    static func availability(_ listed: ListedSession) -> HTML {
        listed.placesLeft > 0 ? "\(listed.placesLeft == 1 ? "1 place" : "\(listed.placesLeft) places") left" : "\(Components.tag("Full", colour: .grey)) You can join the waiting list"
    }

    static func details(_ listed: ListedSession, runners: [SkillSessionRunner]) -> HTML {
        let session = listed.session
        let english = Locale(identifier: "en_GB")
        return Components.summaryList([
            .init(key: "Kind", value: "\(session.kind.label)"),
            .init(key: "When", value: "\(SessionWording.when(session))"),
            .init(key: "Where", value: listed.place.map { "<a class=\"govuk-link\" href=\"\(SiteURL.directoryPlace(.value($0.id!)).path)\">\($0.name)</a>" as HTML } ?? "\(session.mode.label)"),
            .init(key: "Language", value: "\(english.localizedString(forLanguageCode: session.language) ?? session.language)"),
            .init(key: "What it covers", value: "<ul class=\"govuk-list\">\(session.skillsAreas.map { "<li>\($0.label)</li>" as HTML })</ul>"),
            .init(key: "Access", value: "\(session.accessNotes.isEmpty ? "Ask us about anything that would help you take part" : session.accessNotes)"),
            .init(key: "Run by", value: "\(runners.isEmpty ? "Staff" : runners.map(\.name).joined(separator: ", "))"),
        ])
    }

    /// A session's page with its booking form; `full` after a refusal offers the waiting list.
    static func session(_ listed: ListedSession, runners: [SkillSessionRunner], form: BookingForm, errors: FormErrors, token: String, now: Date) -> Page {
        let session = listed.session
        let closed = BookingRule.closed(startsAt: session.startsAt, cancelled: session.cancelled, now: now)
        let waitlist = listed.placesLeft == 0 || form.waitlist == "yes"
        let booking: HTML = closed.map { "<p class=\"govuk-body\">\(SessionRefusals.message($0))</p>" } ?? """
        <h2 class="govuk-heading-m">\(waitlist ? "Join the waiting list" : "Book a place")</h2>
        <p class="govuk-body">\(availability(listed))\(waitlist ? ". If a place comes free, it goes to the first person waiting, and we tell them." as HTML : .empty)</p>
        \(Components.form(action: SiteURL.sessionBook(.value(session.id!)).path, token: token, bookingFields(form, errors: errors, waitlist: waitlist) + Components.button(waitlist ? "Join the waiting list" : "Book a place")))
        """
        return Page(title: session.title, errors: errors, backLink: SiteURL.sessions.path, content: """
        <h1 class="govuk-heading-l">\(session.title)</h1>
        \(session.cancelled ? Components.notificationBanner(heading: "This session is cancelled") : .empty)
        \(session.summary.isEmpty ? .empty : "<p class=\"govuk-body\">\(session.summary)</p>" as HTML)
        \(details(listed, runners: runners))
        <p class="govuk-body"><a class="govuk-link" href="\(SiteURL.sessionCalendar(.value(session.id!)).path)">Add to your calendar</a>\(listed.place.map { " · <a class=\"govuk-link\" href=\"\(SiteURL.placeSessionsCalendar(.value($0.id!)).path)\">Every session at \($0.name) as a calendar</a>" as HTML } ?? .empty)</p>
        \(booking)
        """)
    }

    /// Name, how to reach them and access needs: the resident's form and staff's.
    static func bookingFields(_ form: BookingForm, errors: FormErrors, waitlist: Bool, forStaff: Bool = false) -> HTML {
        let ways = BookingContactWay.allCases.map { Components.Choice(value: $0.rawValue, label: $0.label) }
        return """
        \(Components.textInput(name: "name", label: forStaff ? "Resident\u{2019}s name" : "Your name", value: form.name, error: errors["name"], autocomplete: forStaff ? nil : "name"))
        \(Components.radios(name: "way", legend: forStaff ? "How they would like to be contacted" : "How should we contact you about your booking?", options: ways, selected: form.way, error: errors["way"]))
        \(Components.textInput(name: "email", label: "Email address", value: form.email, error: errors["email"], hint: "If you chose email", type: "email", autocomplete: forStaff ? nil : "email", spellcheck: false))
        \(Components.textInput(name: "mobile", label: "Mobile number", value: form.mobile, error: errors["mobile"], hint: "If you chose text message", type: "tel", autocomplete: forStaff ? nil : "tel", width: "20"))
        \(Components.textInput(name: "phone", label: "Phone number", value: form.phone, error: errors["phone"], hint: "If you chose a phone call", type: "tel", autocomplete: forStaff ? nil : "tel", width: "20"))
        \(Components.textarea(name: "access_needs", label: "Anything that would help \(forStaff ? "them" : "you") take part (optional)", value: form.accessNeeds, error: errors["access_needs"], hint: "For example, step-free access, large print or a hearing loop", rows: 3))
        \(waitlist ? "<input type=\"hidden\" name=\"waitlist\" value=\"yes\">" as HTML : .empty)
        """
    }

    /// The resident's own booking, reached by the secret link.
    static func booking(_ booking: SessionBooking, listed: ListedSession, runners: [SkillSessionRunner], secret: String, link: String, token: String, waitingAhead: Int) -> Page {
        let heading: String = switch booking.status {
        case .booked, .attended, .noShow: "Your place is booked"
        case .waitlisted: "You are on the waiting list"
        case .cancelled: "Your booking is cancelled"
        }
        let waiting: HTML = booking.status == .waitlisted
            ? "<p class=\"govuk-body\">\(waitingAhead == 0 ? "You are first on the waiting list." : "\(waitingAhead) \(waitingAhead == 1 ? "person is" : "people are") ahead of you.") If a place comes free, it is yours and we will tell you by \(booking.contactWay.label.lowercased()).</p>"
            : .empty
        let cancel: HTML = booking.status.isOpen ? Components.form(action: SiteURL.sessionBookingCancel(.value(secret)).path, token: token,
                                                                     Components.button("Cancel my booking", style: .warning)) : .empty
        return Page(title: heading, content: """
        \(booking.status == .cancelled ? .empty : Components.notificationBanner(heading: heading, success: booking.status != .waitlisted))
        <h1 class="govuk-heading-l">\(heading)</h1>
        \(waiting)
        <h2 class="govuk-heading-m">\(listed.session.title)</h2>
        \(details(listed, runners: runners))
        <h2 class="govuk-heading-m">Keep this link</h2>
        <p class="govuk-body">This page is yours alone. Keep its address to see or cancel your booking: <span class="app-break-words">\(link)</span></p>
        \(cancel)
        """)
    }
}

/// What residents and staff are told when a booking or a change is refused.
enum SessionRefusals {
    static func message(_ refusal: BookingRule.Refusal) -> String {
        switch refusal {
        case .started: "This session has already started, so it cannot be booked. Choose another session."
        case .cancelled: "This session is cancelled, so it cannot be booked. Choose another session."
        case .full: "This session is now full. You can join the waiting list: if a place comes free, it goes to the first person waiting."
        case .alreadyBooked: "There is already a booking for this session with these contact details. One place per person."
        case .capacityBelowBooked(let booked): "\(booked == 1 ? "1 place is" : "\(booked) places are") already booked, so the session needs at least \(booked) \(booked == 1 ? "place" : "places")"
        case .championNotActive(let name): "\(name) is not an active champion, so they cannot run a session until their checks are done"
        }
    }

    /// The field the message belongs to.
    static func field(_ refusal: BookingRule.Refusal) -> String {
        switch refusal {
        case .capacityBelowBooked: "capacity"
        case .championNotActive: "champions"
        default: "name"
        }
    }
}
