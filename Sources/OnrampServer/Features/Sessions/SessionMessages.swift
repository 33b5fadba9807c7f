import Fluent
import Foundation
import OnrampCore

/// What a resident is told about their booking, by the way they chose, through the outbox in
/// the same transaction as the change.
enum SessionMessages {
    enum Kind {
        /// Staff booked them (on the phone, face to face, from a referral).
        case booked
        /// A place came free and is now theirs.
        case placeFreed
        /// The day before.
        case reminder
        /// The session will not happen.
        case sessionCancelled
    }

    /// `link`: the address of their booking, for an email or a text (never in a phone call:
    /// someone offline is given the council's number).
    static func text(_ kind: Kind, booking: SessionBooking, session: SkillSession, place: String, link: String?, contact: CouncilContact?) -> (subject: String, body: String) {
        let when = SessionWording.when(session)
        let phone = contact.map { "phone \($0.councilName) on \(PhoneNumber.display($0.phone)) (\($0.openingHours))" } ?? "phone the council"
        let change = booking.contactWay != .phone && link != nil ? "To see or cancel your booking, go to \(link!) or \(phone)." : "To cancel, or if you have a question, \(phone)."
        let what = "\(session.title), \(when), \(place)"
        switch kind {
        case .booked where booking.status == .waitlisted:
            return ("You are on the waiting list", "Hello \(booking.firstName). \(what) is full, so you are on its waiting list. If a place comes free, it is yours and we will tell you.\n\(change)")
        case .booked:
            return ("Your place is booked", "Hello \(booking.firstName). Your place is booked: \(what).\n\(change)")
        case .placeFreed:
            return ("A place has come free for you", "Hello \(booking.firstName). A place has come free and it is yours: \(what).\n\(change)")
        case .reminder:
            return ("Your session is tomorrow", "Hello \(booking.firstName). A reminder of your session tomorrow: \(what).\n\(change)")
        case .sessionCancelled:
            return ("Your session is cancelled", "Hello \(booking.firstName). We are sorry: \(what) is cancelled. Your booking is cancelled too. If you have a question, \(phone).")
        }
    }

    static func queue(_ kind: Kind, booking: SessionBooking, session: SkillSession, link: String?, now: Date, on database: any Database) async throws {
        guard !booking.contact.isEmpty else { return }
        let channel: MessageChannel = switch booking.contactWay {
        case .email: .email
        case .sms: .sms
        case .phone: .phone
        }
        let recipient = booking.contactWay == .phone ? "\(booking.name), \(PhoneNumber.display(booking.contact))" : booking.contact
        let (subject, body) = text(kind, booking: booking, session: session, place: try await SessionWording.place(session, on: database), link: link,
                                   contact: try await CouncilContacts.of(councilID: session.councilID, on: database))
        try await Outbox.queue(on: database, councilID: session.councilID, channel: channel, to: recipient, subject: subject, body: body, caseID: booking.caseID, now: now)
    }
}

/// A session's when and where, as residents read them.
enum SessionWording {
    static let time: DateFormatter = formatter("h:mma")
    static let day: DateFormatter = formatter("EEEE d MMMM yyyy")

    private static func formatter(_ format: String) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = SessionReminder.london
        formatter.dateFormat = format
        (formatter.amSymbol, formatter.pmSymbol) = ("am", "pm")
        return formatter
    }

    /// "10am", "1:30pm".
    static func clock(_ date: Date) -> String { time.string(from: date).replacingOccurrences(of: ":00", with: "") }

    /// "Thursday 17 December 2026, 10am to 12pm", and for a course "…, then weekly, 6 meetings".
    static func when(_ session: SkillSession) -> String {
        let first = "\(day.string(from: session.startsAt)), \(clock(session.startsAt)) to \(clock(session.endsAt))"
        return session.kind == .course && session.meetings > 1 ? "\(first), then weekly, \(session.meetings) meetings" : first
    }

    /// The place's name, or "by phone" or "online".
    static func place(_ session: SkillSession, on database: any Database) async throws -> String {
        guard session.mode == .inPerson else { return session.mode.label.lowercased() }
        return try await DirectoryLocation.find(session.locationID, on: database).map { "at \($0.name)" } ?? "in person"
    }
}
