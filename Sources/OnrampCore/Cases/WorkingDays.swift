import Foundation

/// Working days in England and Wales: Monday to Friday, less bank holidays. Service standards
/// ("first contact within 5 working days") are counted with it.
public struct WorkingDays: Sendable {
    public let holidays: Set<String>
    /// The holidays that fall on a weekday, as ordinals (`CalendarDay.ordinal`), ascending.
    private let weekdayHolidays: [Int]

    public init(holidays: Set<String> = WorkingDays.englandAndWales) {
        self.holidays = holidays
        weekdayHolidays = holidays.compactMap { text in CalendarDay(iso: text).flatMap { $0.iso == text ? $0 : nil } }.filter { ($0.weekday ?? 0) < 5 }.compactMap(\.ordinal).sorted()
    }

    /// England and Wales bank holidays, from GOV.UK. Add later years with `adding(govUKJSON:)`.
    public static let englandAndWales: Set<String> = [
        "2024-01-01", "2024-03-29", "2024-04-01", "2024-05-06", "2024-05-27", "2024-08-26", "2024-12-25", "2024-12-26",
        "2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26", "2025-08-25", "2025-12-25", "2025-12-26",
        "2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28",
        "2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28",
    ]

    /// Adds the England and Wales dates from GOV.UK's bank-holidays.json
    /// (https://www.gov.uk/bank-holidays.json), so a council can extend the list without a release.
    public func adding(govUKJSON data: Data) throws -> WorkingDays {
        struct Feed: Decodable {
            struct Division: Decodable { struct Event: Decodable { let date: String }; let events: [Event] }
            let englandAndWales: Division
            enum CodingKeys: String, CodingKey { case englandAndWales = "england-and-wales" }
        }
        let feed = try JSONDecoder().decode(Feed.self, from: data)
        return WorkingDays(holidays: holidays.union(feed.englandAndWales.events.map(\.date).filter { CalendarDay(iso: $0) != nil }))
    }

    public func isWorkingDay(_ day: CalendarDay) -> Bool {
        if let weekday = day.weekday { return weekday < 5 && !holidays.contains(day.iso) }
        let weekday = CalendarDay.utc.component(.weekday, from: day.start(in: CalendarDay.utc.timeZone))
        return weekday != 1 && weekday != 7 && !holidays.contains(day.iso)
    }

    /// The day `count` working days after `day`: the deadline of a standard starting that day.
    public func adding(_ count: Int, to day: CalendarDay) -> CalendarDay {
        var day = day
        var left = count
        while left > 0 {
            day = day.adding(days: 1)
            if isWorkingDay(day) { left -= 1 }
        }
        return day
    }

    /// Working days from `start` up to `end`, not counting `start`: how late something is.
    public func count(from start: CalendarDay, to end: CalendarDay) -> Int {
        // Counted, not walked: what works counts this for every referral of a council's history.
        if let first = start.ordinal, let last = end.ordinal {
            guard last > first else { return 0 }
            let weekdays = Self.weekdays(through: last) - Self.weekdays(through: first)
            return weekdays - weekdayHolidays.filter { $0 > first && $0 <= last }.count
        }
        var day = start
        var count = 0
        while day < end {
            day = day.adding(days: 1)
            if isWorkingDay(day) { count += 1 }
        }
        return count
    }

    /// Weekdays from a Monday long before 1600 up to and including the day `ordinal`.
    private static func weekdays(through ordinal: Int) -> Int {
        // Day 0 (1 January 1970) is a Thursday; 146,097 days (400 years) are a whole number of weeks.
        let days = ordinal + 3 + 146_097 * 4 + 1
        return days / 7 * 5 + min(days % 7, 5)
    }

    /// Today in London, where the standards are kept.
    public static func today(_ now: Date) -> CalendarDay {
        CalendarDay(now, in: SessionReminder.london)
    }
}
