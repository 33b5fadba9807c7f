import Foundation

/// A date without a time, as typed into a GOV.UK date input.
public struct CalendarDay: Sendable, Equatable, Comparable {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(year: Int, month: Int, day: Int) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let components = DateComponents(year: year, month: month, day: day)
        guard (1...9999).contains(year), (1...12).contains(month), (1...31).contains(day),
              components.isValidDate(in: calendar)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// "2026-11-22", as ORUK and ISO 8601 write a date.
    public init?(iso text: String) {
        let parts = text.split(separator: "-").map { Int($0) }
        guard parts.count == 3, let year = parts[0], let month = parts[1], let day = parts[2] else { return nil }
        self.init(year: year, month: month, day: day)
    }

    public var iso: String { String(format: "%04d-%02d-%02d", year, month, day) }

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]

    /// As people write it, and as residents and staff read it: "17 December 2026".
    public var spoken: String { "\(day) \(Self.monthNames[month - 1]) \(year)" }

    /// A stored day ("2026-12-17") as people read it; anything that is not a day, as it is.
    public static func spoken(_ iso: String?) -> String {
        guard let iso else { return "" }
        return CalendarDay(iso: iso)?.spoken ?? iso
    }

    public static func < (a: CalendarDay, b: CalendarDay) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    /// Reads a GOV.UK date input. `required`, when given, is the message for three empty boxes.
    public static func parse(_ parts: DateParts, field: String, label: String, required: String? = nil, into errors: inout FormErrors) -> CalendarDay? {
        let day = parse(day: parts.day, month: parts.month, year: parts.year, field: field, label: label, into: &errors)
        if day == nil, errors[field] == nil, let required { errors.add(field, required) }
        return day
    }

    /// The day after `days` days (before, when negative).
    public func adding(days: Int) -> CalendarDay {
        if let ordinal, let day = CalendarDay(ordinal: ordinal + days) { return day }
        let calendar = Self.utc
        return CalendarDay(calendar.date(byAdding: .day, value: days, to: start(in: calendar.timeZone))!, in: calendar.timeZone)
    }

    /// The day `date` falls on in `timeZone`. Counted from the time zone's offset where the
    /// Gregorian calendar has always held (1600 to 9999), as Foundation's calendar counts it:
    /// the figures read it for every referral, and a calendar costs microseconds each time.
    public init(_ date: Date, in timeZone: TimeZone) {
        let local = date.timeIntervalSince1970 + Double(timeZone.secondsFromGMT(for: date))
        if local.isFinite, abs(local) < 2.5e11, let day = CalendarDay(ordinal: Int((local / 86_400).rounded(.down))) {
            self = day
            return
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        self.init(year: parts.year!, month: parts.month!, day: parts.day!)!
    }

    /// Days since 1 January 1970 (negative before), for days from 1600, where the Gregorian
    /// calendar Foundation uses has always held; nil before.
    public var ordinal: Int? {
        guard year >= 1600 else { return nil }
        // Howard Hinnant's days_from_civil: years start in March, so the leap day ends one.
        let y = month <= 2 ? year - 1 : year
        let era = y / 400, yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The day `ordinal` days after 1 January 1970, from 1600 to 9999; nil outside those years.
    public init?(ordinal: Int) {
        let z = ordinal + 719_468
        guard z >= 0 else { return nil }
        let era = z / 146_097, dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shifted = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shifted + 2) / 5 + 1
        let month = shifted < 10 ? shifted + 3 : shifted - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        guard (1600...9999).contains(year) else { return nil }
        (self.year, self.month, self.day) = (year, month, day)
    }

    /// Monday 0 to Sunday 6, for days from 1600.
    var weekday: Int? { ordinal.map { (($0 % 7) + 7 + 3) % 7 } }

    static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    /// Reads an optional date input, adding GOV.UK's messages for a partly filled or impossible
    /// date. All three boxes empty is no date and no error.
    public static func parse(
        day: String, month: String, year: String, field: String, label: String, into errors: inout FormErrors
    ) -> CalendarDay? {
        let parts = [("day", day), ("month", month), ("year", year)].map { ($0.0, $0.1.trimmingCharacters(in: .whitespaces)) }
        let missing = parts.filter { $0.1.isEmpty }.map(\.0)
        if missing.count == 3 { return nil }
        if !missing.isEmpty {
            errors.add(field, "\(label) must include a \(missing.joined(separator: " and "))")
            return nil
        }
        let numbers = parts.map { Int($0.1) }
        guard let d = numbers[0], let m = numbers[1], let y = numbers[2], parts[2].1.count == 4,
              let date = CalendarDay(year: y, month: m, day: d)
        else {
            errors.add(field, "\(label) must be a real date, like 27 3 2026")
            return nil
        }
        return date
    }

    /// The moment this day starts in `timeZone`.
    public func start(in timeZone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.date(from: DateComponents(year: year, month: month, day: day))!
    }
}

/// Day, month and year as typed into a GOV.UK date input's three boxes, kept as typed so a
/// form with errors shows them again.
public struct DateParts: Sendable, Equatable {
    public var day: String, month: String, year: String

    public init(day: String = "", month: String = "", year: String = "") {
        (self.day, self.month, self.year) = (day, month, year)
    }
}
