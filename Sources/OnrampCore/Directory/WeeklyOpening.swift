import Foundation

/// Opening hours from ORUK weekly schedules (`byday` "MO,TU", `opens_at` "09:00"), and what a
/// resident wants to know: open now, and when it next opens.
public struct WeeklyOpening: Sendable, Equatable {
    public struct Session: Sendable, Equatable {
        /// 1 is Monday … 7 is Sunday.
        public let weekday: Int
        /// Minutes after midnight.
        public let opens: Int
        public let closes: Int

        public init(weekday: Int, opens: Int, closes: Int) {
            self.weekday = weekday
            self.opens = opens
            self.closes = closes
        }
    }

    /// Hours as ORUK writes a weekly schedule: the days that share them ("MO,TU,TH") and the times.
    public struct Hours: Sendable, Equatable {
        public fileprivate(set) var days: String
        public let opens: String
        public let closes: String

        public init(days: String, opens: String, closes: String) {
            self.days = days
            self.opens = opens
            self.closes = closes
        }

        public func schedule(id: String) -> ORUK.Schedule {
            ORUK.Schedule(id: id, byday: days, opens_at: opens, closes_at: closes)
        }
    }

    /// Sessions as weekly schedules, days with the same times together, Monday first.
    public static func grouped(_ sessions: [Session]) -> [Hours] {
        var grouped: [Hours] = []
        for session in sessions.sorted(by: { ($0.weekday, $0.opens) < ($1.weekday, $1.opens) }) {
            let (code, opens, closes) = (dayCodes[session.weekday - 1], time(session.opens), time(session.closes))
            if let index = grouped.firstIndex(where: { $0.opens == opens && $0.closes == closes }) {
                grouped[index].days += "," + code
            } else {
                grouped.append(Hours(days: code, opens: opens, closes: closes))
            }
        }
        return grouped
    }

    public let sessions: [Session]

    public static let dayCodes = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
    public static let dayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    /// Weekly schedules only; a schedule without days or times says nothing about hours.
    public init(schedules: [ORUK.Schedule]) {
        var sessions: [Session] = []
        for schedule in schedules where (schedule.freq ?? "WEEKLY") == "WEEKLY" {
            guard let days = schedule.byday, let opens = schedule.opens_at.flatMap(Self.minutes), let closes = schedule.closes_at.flatMap(Self.minutes), closes > opens
            else { continue }
            for code in days.split(separator: ",") {
                if let index = Self.dayCodes.firstIndex(of: code.trimmingCharacters(in: .whitespaces).uppercased()) {
                    sessions.append(Session(weekday: index + 1, opens: opens, closes: closes))
                }
            }
        }
        self.sessions = sessions.sorted { ($0.weekday, $0.opens) < ($1.weekday, $1.opens) }
    }

    /// "09:00" or "09:00:00" to minutes after midnight.
    static func minutes(_ text: String) -> Int? {
        let parts = text.split(separator: ":").map { Int($0) }
        guard parts.count >= 2, let hour = parts[0], let minute = parts[1], (0...24).contains(hour), (0..<60).contains(minute) else { return nil }
        return hour * 60 + minute
    }

    /// "09:00-17:00" (spaces allowed) as minutes after midnight, or nil unless it closes after it opens.
    public static func range(_ text: String) -> (opens: Int, closes: Int)? {
        let ends = text.split(separator: "-").map { $0.trimmingCharacters(in: .whitespaces) }
        guard ends.count == 2, let opens = minutes(ends[0]), let closes = minutes(ends[1]), closes > opens else { return nil }
        return (opens, closes)
    }

    /// Minutes after midnight as ORUK writes a time: "09:00".
    public static func time(_ minutes: Int) -> String { String(format: "%02d:%02d", minutes / 60, minutes % 60) }

    /// "9am", "12:30pm", "midnight".
    public static func clock(_ minutes: Int) -> String {
        if minutes == 0 || minutes == 24 * 60 { return "midnight" }
        if minutes == 12 * 60 { return "midday" }
        let hour = minutes / 60, minute = minutes % 60
        let twelve = hour % 12 == 0 ? 12 : hour % 12
        return (minute == 0 ? "\(twelve)" : String(format: "%d:%02d", twelve, minute)) + (hour < 12 ? "am" : "pm")
    }

    /// Monday-first weekday and minutes after midnight of `date` in `calendar`'s time zone.
    static func position(of date: Date, in calendar: Calendar) -> (weekday: Int, minutes: Int) {
        let parts = calendar.dateComponents([.weekday, .hour, .minute], from: date)
        return ((parts.weekday! + 5) % 7 + 1, parts.hour! * 60 + parts.minute!)
    }

    public func isOpen(at date: Date, calendar: Calendar) -> Bool {
        let now = Self.position(of: date, in: calendar)
        return sessions.contains { $0.weekday == now.weekday && (($0.opens)..<($0.closes)).contains(now.minutes) }
    }

    /// "Open now, until 7pm", "Opens today at 2pm", "Opens tomorrow at 9am", "Opens Friday at 10am";
    /// nil when no hours are known.
    public func status(at date: Date, calendar: Calendar) -> String? {
        guard !sessions.isEmpty else { return nil }
        let now = Self.position(of: date, in: calendar)
        if let current = sessions.first(where: { $0.weekday == now.weekday && ($0.opens..<$0.closes).contains(now.minutes) }) {
            return "Open now, until \(Self.clock(current.closes))"
        }
        for ahead in 0...7 {
            let weekday = (now.weekday - 1 + ahead) % 7 + 1
            let later = sessions.filter { $0.weekday == weekday && (ahead > 0 || $0.opens > now.minutes) }
            guard let next = later.first else { continue }
            let day = ahead == 0 ? "today" : ahead == 1 ? "tomorrow" : Self.dayNames[weekday - 1]
            return "Opens \(day) at \(Self.clock(next.opens))"
        }
        return nil
    }

    public init(sessions: [Session]) {
        self.sessions = sessions.sorted { ($0.weekday, $0.opens, $0.closes) < ($1.weekday, $1.opens, $1.closes) }
    }

    /// The hours when any of `openings` is open, sessions that overlap or meet made one: a
    /// place's hours from the hours of the services there.
    public static func union(_ openings: [WeeklyOpening]) -> WeeklyOpening {
        var merged: [Session] = []
        for session in openings.flatMap(\.sessions).sorted(by: { ($0.weekday, $0.opens) < ($1.weekday, $1.opens) }) {
            if let last = merged.last, last.weekday == session.weekday, session.opens <= last.closes {
                merged[merged.count - 1] = Session(weekday: last.weekday, opens: last.opens, closes: max(last.closes, session.closes))
            } else {
                merged.append(session)
            }
        }
        return WeeklyOpening(sessions: merged)
    }

    /// The days it opens, days with the same hours together, Monday first: "Monday to Friday,
    /// 10am to 5pm", "Tuesday and Thursday, 10am to midday and 2pm to 4pm". Empty when no hours
    /// are known.
    public var summaryLines: [String] {
        var groups: [(days: [Int], hours: String)] = []
        for weekday in 1...7 {
            let today = sessions.filter { $0.weekday == weekday }
            guard !today.isEmpty else { continue }
            let hours = today.map { "\(Self.clock($0.opens)) to \(Self.clock($0.closes))" }.joined(separator: " and ")
            if let index = groups.firstIndex(where: { $0.hours == hours }) {
                groups[index].days.append(weekday)
            } else {
                groups.append(([weekday], hours))
            }
        }
        return groups.map { Self.days($0.days) + ", " + $0.hours }
    }

    /// "Closed on Wednesday and Sunday", to follow `summaryLines`; nil when it opens every day or
    /// no hours are known.
    public var closedDays: String? {
        let closed = (1...7).filter { weekday in !sessions.contains { $0.weekday == weekday } }
        guard !sessions.isEmpty, !closed.isEmpty else { return nil }
        return "closed on " + Self.days(closed)
    }

    /// The week in a sentence, for paper: "Monday to Friday, 9am to 7pm; Saturday, 9am to 5pm;
    /// closed on Sunday". Nil when no hours are known.
    public var weekInOneLine: String? {
        sessions.isEmpty ? nil : (summaryLines + [closedDays].compactMap { $0 }).joined(separator: "; ")
    }

    /// "Monday to Friday" for three or more days in a row, otherwise "Monday, Wednesday and Friday".
    static func days(_ weekdays: [Int]) -> String {
        let names = weekdays.map { dayNames[$0 - 1] }
        if weekdays.count >= 3, weekdays.last! - weekdays.first! == weekdays.count - 1 { return "\(names.first!) to \(names.last!)" }
        return names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " and " + names.last!
    }

    /// One line a day, Monday first: "Monday: 9am to 7pm", "Wednesday: closed".
    public var lines: [String] {
        (1...7).map { weekday in
            let today = sessions.filter { $0.weekday == weekday }
            let hours = today.isEmpty ? "closed" : today.map { "\(Self.clock($0.opens)) to \(Self.clock($0.closes))" }.joined(separator: ", ")
            return "\(Self.dayNames[weekday - 1]): \(hours)"
        }
    }
}
