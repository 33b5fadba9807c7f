import Foundation

/// Time a champion gave: how it is checked, and how it adds up for the council's reports.
public enum ChampionHours {
    public static let maxHours = 24.0

    /// Hours as typed ("2", "1.5") and the day they were given: more than 0 and at most a day's
    /// 24, on a day today or before.
    public static func validate(hours: String?, day: DateParts, today: CalendarDay, into errors: inout FormErrors) -> (hours: Double, day: CalendarDay)? {
        let text = (hours ?? "").trimmingCharacters(in: .whitespaces)
        let value = Double(text).flatMap { $0.isFinite ? $0 : nil }
        if text.isEmpty {
            errors.add("hours", "Enter the hours given, like 2 or 1.5")
        } else if let value, value > 0, value <= maxHours {
            // A quarter of an hour is as fine as anyone records.
        } else {
            errors.add("hours", value == nil ? "Enter the hours as a number, like 2 or 1.5" : "Hours must be more than 0 and no more than 24")
        }
        let given = CalendarDay.parse(day, field: "day", label: "The day", required: "Enter the day the time was given", into: &errors)
        if let given, today < given { errors.add("day", "The day must be today or in the past") }
        guard errors.isEmpty, let value, let given else { return nil }
        return ((value * 4).rounded() / 4, given)
    }

    /// The time each champion running a session gave at the meeting a register is taken for:
    /// the latest meeting on or before `today` (a course meets weekly), as long as one meeting,
    /// to the quarter hour. Nil before the first meeting.
    public static func givenAtMeeting(startsAt: Date, endsAt: Date, meetings: Int, today: CalendarDay) -> (day: CalendarDay, hours: Double)? {
        let days = CourseMeetings.starts(first: startsAt, count: meetings).map { CalendarDay($0, in: SessionReminder.london) }
        guard let day = days.last(where: { !(today < $0) }) else { return nil }
        let hours = min(maxHours, (endsAt.timeIntervalSince(startsAt) / 900).rounded() / 4)
        return hours > 0 ? (day, hours) : nil
    }

    /// "2 hours", "1.5 hours", "1 hour".
    public static func words(_ hours: Double) -> String {
        let rounded = (hours * 100).rounded() / 100
        let number = rounded == rounded.rounded() ? String(Int(rounded)) : String(format: "%g", rounded)
        return number + (rounded == 1 ? " hour" : " hours")
    }

    /// A champion's time on a day, for the report.
    public struct Entry: Sendable, Equatable {
        public let championID: UUID
        /// The partner the champion volunteers with; nil for the council itself.
        public let organisationID: UUID?
        public let day: CalendarDay
        public let hours: Double

        public init(championID: UUID, organisationID: UUID?, day: CalendarDay, hours: Double) {
            (self.championID, self.organisationID, self.day, self.hours) = (championID, organisationID, day, hours)
        }
    }
}

/// A quarter of the financial year councils report by: April to June is the first.
public struct FinancialQuarter: Sendable, Hashable, Comparable {
    /// When the quarter starts and when it ends (the next one's start), by London's clock: the
    /// bounds of "made in the quarter" for a moment stored in UTC.
    public var londonBounds: (start: Date, end: Date) {
        (firstDay.start(in: SessionReminder.london), lastDay.adding(days: 1).start(in: SessionReminder.london))
    }

    /// The calendar year the financial year starts in: 2026 for 2026/27.
    public let year: Int
    /// 1 to 4.
    public let number: Int

    public init(containing day: CalendarDay) {
        let shifted = day.month - 4
        (year, number) = shifted < 0 ? (day.year - 1, (shifted + 12) / 3 + 1) : (day.year, shifted / 3 + 1)
    }

    /// "2026-q1", as an address carries it.
    public init?(key: String) {
        let parts = key.split(separator: "-q")
        guard parts.count == 2, let year = Int(parts[0]), let number = Int(parts[1]), (2000...2999).contains(year), (1...4).contains(number) else { return nil }
        (self.year, self.number) = (year, number)
    }

    public var key: String { "\(year)-q\(number)" }

    public var firstDay: CalendarDay {
        let month = (number - 1) * 3 + 4
        return CalendarDay(year: month > 12 ? year + 1 : year, month: month > 12 ? month - 12 : month, day: 1)!
    }

    public var lastDay: CalendarDay { firstDay.adding(months: 3).adding(days: -1) }

    /// "April to June 2026", "January to March 2027".
    public var label: String {
        let first = firstDay, last = lastDay
        return "\(CalendarDay.monthNames[first.month - 1]) to \(CalendarDay.monthNames[last.month - 1]) \(last.year)"
    }

    public func contains(_ day: CalendarDay) -> Bool { !(day < firstDay) && !(lastDay < day) }

    /// "Q1 2026/27", short enough to label a chart's column.
    public var shortLabel: String { "Q\(number) \(year)/\(String(format: "%02d", (year + 1) % 100))" }

    public var previous: FinancialQuarter { FinancialQuarter(containing: firstDay.adding(days: -1)) }

    /// The quarter holding `day` and the `count - 1` before it, newest first.
    public static func recent(_ count: Int, to day: CalendarDay) -> [FinancialQuarter] {
        var quarters = [FinancialQuarter(containing: day)]
        while quarters.count < count { quarters.append(quarters.last!.previous) }
        return quarters
    }

    public static func < (a: FinancialQuarter, b: FinancialQuarter) -> Bool { (a.year, a.number) < (b.year, b.number) }
}

/// Hours by champion, by organisation and by quarter, and how many champions gave time in each
/// quarter (a champion who gave any time in a quarter was active in it).
public struct ChampionHoursReport: Sendable {
    public struct Line: Sendable, Equatable {
        public let hours: Double
        public let champions: Int
    }

    /// Within the period asked for.
    public let byChampion: [UUID: Double]
    /// Within the period asked for; the council's own champions under nil.
    public let byOrganisation: [UUID?: Line]
    /// Every quarter with time recorded, latest first: the report's history.
    public let byQuarter: [(quarter: FinancialQuarter, line: Line)]
    public let total: Line

    /// `period`: one quarter, or nil for all the time recorded.
    public init(_ entries: [ChampionHours.Entry], period: FinancialQuarter?) {
        func line(_ entries: [ChampionHours.Entry]) -> Line {
            Line(hours: entries.map(\.hours).reduce(0, +), champions: Set(entries.map(\.championID)).count)
        }
        let within = entries.filter { period?.contains($0.day) ?? true }
        byChampion = Dictionary(grouping: within, by: \.championID).mapValues { $0.map(\.hours).reduce(0, +) }
        byOrganisation = Dictionary(grouping: within, by: \.organisationID).mapValues(line)
        byQuarter = Dictionary(grouping: entries) { FinancialQuarter(containing: $0.day) }.map { ($0.key, line($0.value)) }.sorted { $0.quarter > $1.quarter }
        total = line(within)
    }
}
