import Foundation

/// What kind of session: people drop in, book a one-to-one slot, or join a course that meets
/// a number of times, a week apart.
public enum SessionKind: String, CaseIterable, Sendable, Codable {
    case dropIn = "drop-in"
    case oneToOne = "one-to-one"
    case course

    public var label: String {
        switch self {
        case .dropIn: "Drop-in"
        case .oneToOne: "One-to-one appointment"
        case .course: "Course"
        }
    }

    /// Only a drop-in takes people who turn up without booking.
    public var takesWalkIns: Bool { self == .dropIn }
}

/// Where a session happens: at a place in the directory, on the phone or online.
public enum SessionMode: String, CaseIterable, Sendable, Codable {
    case inPerson = "in-person"
    case phone
    case online

    public var label: String {
        switch self {
        case .inPerson: "In person"
        case .phone: "By phone"
        case .online: "Online"
        }
    }
}

/// A booking's state. Booked places count against capacity; the waiting list is in `position`
/// order; attended and did-not-come are the register's.
public enum BookingStatus: String, CaseIterable, Sendable, Codable {
    case booked
    case waitlisted
    case cancelled
    case attended
    case noShow = "did-not-come"

    public var label: String {
        switch self {
        case .booked: "Booked"
        case .waitlisted: "On the waiting list"
        case .cancelled: "Cancelled"
        case .attended: "Attended"
        case .noShow: "Did not come"
        }
    }

    /// Holds one of the session's places.
    public var holdsPlace: Bool { self == .booked || self == .attended || self == .noShow }
    /// Still going to happen, so it can be cancelled.
    public var isOpen: Bool { self == .booked || self == .waitlisted }
}

/// How a resident asked to be reached about their booking.
public enum BookingContactWay: String, CaseIterable, Sendable, Codable {
    case email
    case sms
    case phone

    public var label: String {
        switch self {
        case .email: "Email"
        case .sms: "Text message"
        case .phone: "Phone call"
        }
    }

    /// The address or number as stored and compared: one person booking twice with "07700 900123"
    /// and "+44 7700 900123" is the same person. Nil when it is not an address or number.
    public func normalise(_ raw: String) -> String? {
        switch self {
        case .email:
            let address = EmailAddress.normalise(raw)
            return EmailAddress.isPlausible(address) ? address : nil
        case .sms:
            return PhoneNumber.normalise(raw).flatMap { PhoneNumber.isMobile($0) ? $0 : nil }
        case .phone:
            return PhoneNumber.normalise(raw)
        }
    }

    /// The key that keeps one person to one place in a session, whichever way they chose: the
    /// same phone number for texts and calls is one person.
    public static func key(_ normalised: String) -> String { normalised.lowercased() }
}

/// The booking rule: one place per person per session, capacity, then the waiting list; none
/// for a session that has started or is cancelled.
public enum BookingRule {
    public enum Placement: Equatable, Sendable {
        case place
        case waitlist
        case refused(Refusal)
    }

    public enum Refusal: Equatable, Sendable, Error {
        case started
        case cancelled
        /// Full, and the person did not ask for the waiting list.
        case full
        case alreadyBooked
        /// Capacity cannot go below the places already booked.
        case capacityBelowBooked(booked: Int)
        /// A non-active champion cannot run a session.
        case championNotActive(name: String)
    }

    /// Where a new booking goes, given the session and its places now taken. `waitlist`: the
    /// person accepts a place on the waiting list if the session is full.
    public static func place(startsAt: Date, cancelled: Bool, capacity: Int, placesTaken: Int, now: Date, waitlist: Bool) -> Placement {
        if let refusal = closed(startsAt: startsAt, cancelled: cancelled, now: now) { return .refused(refusal) }
        if placesTaken < capacity { return .place }
        return waitlist ? .waitlist : .refused(.full)
    }

    /// Why nobody can book a session any more, if so: it is cancelled, or has started.
    public static func closed(startsAt: Date, cancelled: Bool, now: Date) -> Refusal? {
        if cancelled { return .cancelled }
        return startsAt <= now ? .started : nil
    }

    /// Whether capacity can change to `capacity` with `placesTaken` places booked.
    public static func checkCapacity(_ capacity: Int, placesTaken: Int) -> Refusal? {
        capacity < placesTaken ? .capacityBelowBooked(booked: placesTaken) : nil
    }

    /// How many people on the waiting list get a place when `free` places open: the first ones,
    /// in the order they joined.
    public static func promoted<T>(_ waiting: [T], free: Int) -> [T] {
        Array(waiting.prefix(max(0, free)))
    }
}

/// When reminders go: the day before the session, London time, so a session on Saturday at
/// 10am is reminded on Friday whatever the clocks did overnight.
public enum SessionReminder {
    public static let london = TimeZone(identifier: "Europe/London")!

    public static func day(for startsAt: Date) -> CalendarDay {
        CalendarDay(startsAt, in: london).adding(days: -1)
    }

    public static func isDue(startsAt: Date, today: CalendarDay) -> Bool {
        day(for: startsAt) == today
    }
}

/// A course's meetings: the first one's day and time, then the same London time each week,
/// across a change of the clocks.
public enum CourseMeetings {
    public static let maxMeetings = 52

    public static func starts(first: Date, count: Int) -> [Date] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = SessionReminder.london
        return (0..<max(1, min(count, maxMeetings))).map { calendar.date(byAdding: .weekOfYear, value: $0, to: first)! }
    }
}
