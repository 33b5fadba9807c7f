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
        let calendar = Self.utc
        return CalendarDay(calendar.date(byAdding: .day, value: days, to: start(in: calendar.timeZone))!, in: calendar.timeZone)
    }

    /// The day `date` falls on in `timeZone`.
    public init(_ date: Date, in timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        self.init(year: parts.year!, month: parts.month!, day: parts.day!)!
    }

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
