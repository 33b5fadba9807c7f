import Foundation
import OnrampCore
import Vapor

/// A session as staff type it, kept as typed so a form with errors shows it again.
struct SessionForm: Sendable {
    var title = "", summary = "", kind = "", mode = "", location = "", organisation = ""
    var date = DateParts(), starts = "", ends = "", meetings = "", capacity = "", language = "en", accessNotes = ""
    var areas: [String] = [], champions: [String] = [], staff: [String] = []

    init() {}

    init(_ fields: FormFields) {
        (title, summary, kind, mode) = (fields["title"] ?? "", fields["description"] ?? "", fields["kind"] ?? "", fields["mode"] ?? "")
        (location, organisation) = (fields["location"] ?? "", fields["organisation"] ?? "")
        date = DateParts(day: fields["date-day"] ?? "", month: fields["date-month"] ?? "", year: fields["date-year"] ?? "")
        (starts, ends, meetings, capacity) = (fields["starts"] ?? "", fields["ends"] ?? "", fields["meetings"] ?? "", fields["capacity"] ?? "")
        (language, accessNotes) = (fields["language"] ?? "", fields["access_notes"] ?? "")
        (areas, champions, staff) = (fields.all("areas"), fields.all("champions"), fields.all("staff"))
    }

    init(_ session: SkillSession, runners: [SkillSessionRunner]) {
        let day = CalendarDay(session.startsAt, in: SessionReminder.london)
        (title, summary, kind, mode) = (session.title, session.summary, session.kind.rawValue, session.mode.rawValue)
        (location, organisation) = (session.locationID?.uuidString.lowercased() ?? "", session.organisationID.uuidString.lowercased())
        date = DateParts(day: String(day.day), month: String(day.month), year: String(day.year))
        (starts, ends) = (Self.clock.string(from: session.startsAt), Self.clock.string(from: session.endsAt))
        (meetings, capacity, language, accessNotes) = (String(session.meetings), String(session.capacity), session.language, session.accessNotes)
        areas = session.skillsAreas.map(\.rawValue)
        champions = runners.compactMap { $0.championID?.uuidString.lowercased() }
        staff = runners.compactMap { $0.userID?.uuidString.lowercased() }
    }

    static let clock: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB_POSIX")
        formatter.timeZone = SessionReminder.london
        formatter.dateFormat = "HH:mm"
        return formatter
    }()

    /// The checked session; the place, organisation and runners are checked against the
    /// database by the controller.
    struct Valid: Sendable {
        var title: String, summary: String, kind: SessionKind, mode: SessionMode
        var startsAt: Date, endsAt: Date, meetings: Int, capacity: Int, language: String, accessNotes: String, areas: [SkillsArea]
    }

    func validated(now: Date, into errors: inout FormErrors) -> Valid? {
        let title = errors.text("title", title, label: "a title", maxLength: 120)
        let summary = errors.text("description", summary, label: "what the session is about", required: false, maxLength: 1000)
        let kind = errors.choice("kind", kind, as: SessionKind.self, message: "Select the kind of session")
        let mode = errors.choice("mode", mode, as: SessionMode.self, message: "Select where the session happens")
        if mode == .inPerson, location.isEmpty { errors.add("location", "Select the place where the session happens") }
        let day = CalendarDay.parse(date, field: "date", label: "The date", required: "Enter the date of the session", into: &errors)
        let startsAt = day.flatMap { Self.moment(on: $0, starts) }, endsAt = day.flatMap { Self.moment(on: $0, ends) }
        if day != nil, startsAt == nil { errors.add("starts", "Enter the start time like 10:00") }
        if day != nil, endsAt == nil { errors.add("ends", "Enter the end time like 12:00") }
        if let startsAt, let endsAt, endsAt <= startsAt { errors.add("ends", "The end time must be after the start time") }
        if let startsAt, startsAt <= now { errors.add("date", "The session must start in the future") }
        let meetings = kind == .course ? Self.whole("meetings", meetings, in: 1...CourseMeetings.maxMeetings, label: "The number of meetings", into: &errors) : 1
        let capacity = Self.whole("capacity", capacity, in: 1...500, label: "The number of places", into: &errors)
        let language = language.trimmingCharacters(in: .whitespaces).lowercased()
        if !(language.count == 2 && language.allSatisfy { $0.isASCII && $0.isLetter }) { errors.add("language", "Enter the language as a two-letter code, like en or pl") }
        let notes = errors.text("access_notes", accessNotes, label: "access notes", required: false, maxLength: 500)
        let areas = self.areas.compactMap(SkillsArea.init(rawValue:))
        if areas.isEmpty { errors.add("areas", "Select at least one skills area the session covers") }
        guard errors.isEmpty, let kind, let mode, let startsAt, let endsAt, let meetings, let capacity else { return nil }
        return Valid(title: title, summary: summary, kind: kind, mode: mode, startsAt: startsAt, endsAt: endsAt, meetings: meetings, capacity: capacity,
                     language: language, accessNotes: notes, areas: areas)
    }

    static func whole(_ field: String, _ text: String, in range: ClosedRange<Int>, label: String, into errors: inout FormErrors) -> Int? {
        guard let value = Int(text.trimmingCharacters(in: .whitespaces)), range.contains(value) else {
            errors.add(field, "\(label) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return value
    }

    /// "10:00" or "9:30" on `day`, London time.
    static func moment(on day: CalendarDay, _ text: String) -> Date? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ":").map { Int($0) }
        guard parts.count == 2, let hour = parts[0], let minute = parts[1], (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = SessionReminder.london
        return calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day, hour: hour, minute: minute))
    }
}

/// A booking as typed: by a resident on the session's page, or by staff for a resident.
struct BookingForm: Sendable {
    var name = "", way = "", email = "", mobile = "", phone = "", accessNeeds = "", waitlist = ""

    init() {}

    init(_ fields: FormFields) {
        (name, way, email, mobile, phone) = (fields["name"] ?? "", fields["way"] ?? "", fields["email"] ?? "", fields["mobile"] ?? "", fields["phone"] ?? "")
        (accessNeeds, waitlist) = (fields["access_needs"] ?? "", fields["waitlist"] ?? "")
    }

    func validated(into errors: inout FormErrors) -> SessionBookings.Booker? {
        let name = errors.text("name", name, label: "your name", maxLength: 100)
        let way = errors.choice("way", way, as: BookingContactWay.self, message: "Select how we should contact you")
        var contact: String?
        if let way {
            let (field, typed, missing, wrong) = switch way {
            case .email: ("email", email, "Enter your email address", "Enter an email address like name@example.com")
            case .sms: ("mobile", mobile, "Enter your mobile number", "Enter a UK mobile number, like 07700 900123")
            case .phone: ("phone", phone, "Enter your phone number", "Enter a UK phone number, like 020 7946 0000")
            }
            let trimmed = errors.text(field, typed, label: missing.replacingOccurrences(of: "Enter ", with: ""), maxLength: EmailAddress.maxLength)
            if !trimmed.isEmpty, errors[field] == nil {
                contact = way.normalise(trimmed)
                if contact == nil { errors.add(field, wrong) }
            }
        }
        let needs = errors.text("access_needs", accessNeeds, label: "access needs", required: false, maxLength: 500)
        guard errors.isEmpty, let way, let contact else { return nil }
        return SessionBookings.Booker(name: name, way: way, contact: contact, accessNeeds: needs, waitlist: waitlist == "yes")
    }
}

/// The public listing's filters, as typed in the address.
struct SessionSearchForm: Decodable, Sendable {
    var postcode: String?
    var kind: String?
    var day: String?
    var language: String?
    var page: String?

    static let pageSize = 20
    static let days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

    var pageRequest: RequestedPage { RequestedPage(number: RequestedPage.number(fromText: page), defaultSize: Self.pageSize) }

    func query(page: Int? = nil) -> [(String, String)] {
        [("postcode", postcode ?? ""), ("kind", kind ?? ""), ("day", day ?? ""), ("language", language ?? ""), ("page", page.map(String.init) ?? "")]
    }

    /// Gregorian weekday (Sunday 1) of `day`, when one was chosen.
    var weekday: Int? { Self.days.firstIndex(of: day ?? "").map { ($0 + 1) % 7 + 1 } }
}
