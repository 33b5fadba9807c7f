import Foundation
import Testing
@testable import OnrampCore

@Suite struct CalendarDayTests {
    func parse(_ d: String, _ m: String, _ y: String) -> (CalendarDay?, String?) {
        var errors = FormErrors()
        let day = CalendarDay.parse(day: d, month: m, year: y, field: "from", label: "Date from", into: &errors)
        return (day, errors["from"])
    }

    @Test func realDates() {
        #expect(parse("29", "2", "2024").0 == CalendarDay(year: 2024, month: 2, day: 29))
        #expect(parse(" 1 ", "11", "2026").0 == CalendarDay(year: 2026, month: 11, day: 1))
    }

    @Test func emptyIsNoDateAndNoError() {
        let (day, error) = parse("", "", "")
        #expect(day == nil && error == nil)
    }

    @Test func problemsGetGOVUKMessages() {
        #expect(parse("29", "2", "2023").1 == "Date from must be a real date, like 27 3 2026")
        #expect(parse("1", "", "2026").1 == "Date from must include a month")
        #expect(parse("", "", "2026").1 == "Date from must include a day and month")
        #expect(parse("1", "1", "26").1 == "Date from must be a real date, like 27 3 2026")
        #expect(parse("x", "1", "2026").1 == "Date from must be a real date, like 27 3 2026")
    }

    @Test func startOfDayIsInTheGivenZone() {
        let london = TimeZone(identifier: "Europe/London")!
        let summer = CalendarDay(year: 2026, month: 7, day: 1)!.start(in: london)
        #expect(summer == ISO8601DateFormatter().date(from: "2026-06-30T23:00:00Z"))
    }
}

/// Days are counted with integer arithmetic (the figures count them for every referral): the
/// answers are Foundation's calendar's, and walking day by day's, for every day tried.
@Suite struct CalendarArithmeticTests {
    static let london = TimeZone(identifier: "Europe/London")!

    /// The day a moment falls on, as Foundation's calendar says.
    static func calendarDay(_ date: Date, in timeZone: TimeZone) -> CalendarDay {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return CalendarDay(year: parts.year!, month: parts.month!, day: parts.day!)!
    }

    @Test func eachMomentFallsOnTheDayTheCalendarSays() {
        // Every 7 hours 13 minutes from 1900 to 2100 (both sides of every clock change), in London, UTC and Kiritimati.
        let zones = [Self.london, TimeZone(identifier: "UTC")!, TimeZone(identifier: "Pacific/Kiritimati")!, TimeZone(identifier: "America/St_Johns")!]
        var moment = -2_208_988_800.0
        while moment < 4_102_444_800 {
            let date = Date(timeIntervalSince1970: moment)
            for zone in zones where CalendarDay(date, in: zone) != Self.calendarDay(date, in: zone) {
                Issue.record("\(date) in \(zone.identifier): \(CalendarDay(date, in: zone).iso), the calendar says \(Self.calendarDay(date, in: zone).iso)")
            }
            moment += 7 * 3600 + 13 * 60
        }
    }

    @Test func ordinalsCountDaysFrom1970() throws {
        #expect(CalendarDay(year: 1970, month: 1, day: 1)!.ordinal == 0)
        #expect(CalendarDay(year: 2000, month: 3, day: 1)!.ordinal == 11_017)
        #expect(CalendarDay(year: 1600, month: 1, day: 1)!.ordinal == -135_140)
        #expect(CalendarDay(year: 1599, month: 12, day: 31)!.ordinal == nil)
        var day = try #require(CalendarDay(year: 1890, month: 1, day: 1))
        for ordinal in day.ordinal!...(day.ordinal! + 100_000) {
            #expect(CalendarDay(ordinal: ordinal) == day && day.ordinal == ordinal)
            let next = Self.calendarDay(day.start(in: TimeZone(identifier: "UTC")!).addingTimeInterval(86_400), in: TimeZone(identifier: "UTC")!)
            #expect(day.adding(days: 1) == next)
            day = next
        }
    }

    @Test func workingDaysCountedAsWalking() throws {
        let days = WorkingDays()
        /// Walking day by day, as the count was first written.
        func walked(_ start: CalendarDay, _ end: CalendarDay) -> Int {
            var day = start, count = 0
            while day < end {
                day = day.adding(days: 1)
                let weekday = Calendar(identifier: .gregorian).component(.weekday, from: day.start(in: TimeZone(identifier: "UTC")!))
                if weekday != 1 && weekday != 7 && !days.holidays.contains(day.iso) { count += 1 }
            }
            return count
        }
        let first = try #require(CalendarDay(year: 2023, month: 12, day: 20))
        for offset in stride(from: 0, to: 1_500, by: 11) {
            let start = first.adding(days: offset)
            for length in [-3, 0, 1, 2, 5, 6, 7, 13, 40, 200, 800] {
                #expect(days.count(from: start, to: start.adding(days: length)) == walked(start, start.adding(days: length)), "\(start.iso) + \(length)")
            }
        }
        // Christmas 2026 and the 28th (Boxing Day's substitute) are not counted; the weekend either.
        #expect(days.count(from: CalendarDay(year: 2026, month: 12, day: 24)!, to: CalendarDay(year: 2026, month: 12, day: 29)!) == 1)
    }
}
