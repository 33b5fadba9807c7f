import Foundation

/// Letters go out once a day: every change to a resident's request on one day is written into
/// that day's letter, which is posted (or handed to staff to post) at the end of the day.
public enum LetterPost {
    /// The hour, London time, the day's letters go.
    public static let hour = 17

    static let london: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/London")!
        return calendar
    }()

    /// When a letter written at `now` goes: at 5pm today, or tomorrow at 5pm once today's have gone.
    public static func goes(writtenAt now: Date) -> Date {
        let today = london.date(bySettingHour: hour, minute: 0, second: 0, of: now)!
        return now < today ? today : london.date(byAdding: .day, value: 1, to: today)!
    }

    /// Whether two letters written at these moments go as one.
    public static func goTogether(_ a: Date, _ b: Date) -> Bool {
        goes(writtenAt: a) == goes(writtenAt: b)
    }
}
