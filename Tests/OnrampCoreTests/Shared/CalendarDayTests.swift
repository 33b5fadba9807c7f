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
