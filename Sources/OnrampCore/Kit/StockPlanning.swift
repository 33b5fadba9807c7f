import Foundation

/// How long the ready devices will last at the rate they have been going out.
public struct StockForecast: Sendable, Equatable {
    public let ready: Int
    public let perWeek: Double
    /// nil when nothing has gone out lately: no rate to divide by.
    public var weeksLeft: Double? { perWeek > 0 ? Double(ready) / perWeek : nil }

    /// `allocated` devices went out over the last `weeks` weeks.
    public init(ready: Int, allocated: Int, weeks: Int) {
        self.ready = ready
        perWeek = weeks > 0 ? Double(allocated) / Double(weeks) : 0
    }

    /// Low when fewer than `threshold` weeks are left, or nothing is ready while there is demand.
    public func isLow(threshold: Double = 4) -> Bool {
        if let weeksLeft { return weeksLeft < threshold }
        return false
    }

    /// "About 3 weeks", "Less than a week", "No devices have gone out in the last 8 weeks".
    public func words(weeks: Int) -> String {
        guard let weeksLeft else { return "No devices have gone out in the last \(weeks) weeks" }
        if weeksLeft < 1 { return "Less than a week" }
        let rounded = Int(weeksLeft.rounded())
        return "About \(rounded) week\(rounded == 1 ? "" : "s")"
    }
}

/// When a loan's reminders go: a week before the due date and on the day.
public enum LoanSchedule {
    public static func reminders(due: CalendarDay) -> [CalendarDay] {
        [due.adding(days: -7), due]
    }

    public static func isOverdue(due: CalendarDay, today: CalendarDay) -> Bool { due < today }

    public enum Reminder: Sendable, Equatable { case weekBefore, onTheDay }

    /// The reminder to send today, if any: on the day (or after) once, else a week before once.
    public static func reminderDue(due: CalendarDay, today: CalendarDay, sentWeekBefore: Bool, sentOnTheDay: Bool) -> Reminder? {
        let days = reminders(due: due)
        if !sentOnTheDay, !(today < days[1]) { return .onTheDay }
        if !sentWeekBefore, !(today < days[0]) { return .weekBefore }
        return nil
    }
}
