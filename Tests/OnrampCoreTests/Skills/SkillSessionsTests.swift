import Foundation
import Testing
@testable import OnrampCore

/// The booking rule, reminders the day before in London, a course's weeks, and iCalendar text.
@Suite struct SkillSessionsTests {
    static let now = Date(timeIntervalSince1970: 1_796_000_000)

    @Test func aPlaceWhileThereIsRoomThenTheWaitingListIfAskedFor() {
        let later = Self.now.addingTimeInterval(3600)
        #expect(BookingRule.place(startsAt: later, cancelled: false, capacity: 2, placesTaken: 1, now: Self.now, waitlist: false) == .place)
        #expect(BookingRule.place(startsAt: later, cancelled: false, capacity: 2, placesTaken: 2, now: Self.now, waitlist: true) == .waitlist)
        #expect(BookingRule.place(startsAt: later, cancelled: false, capacity: 2, placesTaken: 2, now: Self.now, waitlist: false) == .refused(.full))
    }

    @Test func noBookingForAStartedOrCancelledSession() {
        #expect(BookingRule.place(startsAt: Self.now, cancelled: false, capacity: 9, placesTaken: 0, now: Self.now, waitlist: true) == .refused(.started))
        #expect(BookingRule.place(startsAt: Self.now.addingTimeInterval(60), cancelled: true, capacity: 9, placesTaken: 0, now: Self.now, waitlist: true) == .refused(.cancelled))
    }

    @Test func capacityCannotGoBelowThePlacesBooked() {
        #expect(BookingRule.checkCapacity(3, placesTaken: 4) == .capacityBelowBooked(booked: 4))
        #expect(BookingRule.checkCapacity(4, placesTaken: 4) == nil)
    }

    @Test func freedPlacesGoToTheFirstWaiting() {
        #expect(BookingRule.promoted(["first", "second", "third"], free: 2) == ["first", "second"])
        #expect(BookingRule.promoted(["first"], free: -1).isEmpty)
    }

    @Test func oneContactIsOnePersonWhicheverWayItIsWritten() {
        #expect(BookingContactWay.sms.normalise("07700 900123") == BookingContactWay.phone.normalise("+44 7700 900123"))
        #expect(BookingContactWay.sms.normalise("020 7946 0000") == nil, "a landline cannot take texts")
        #expect(BookingContactWay.email.normalise(" Sam@Example.COM ") == "sam@example.com")
        #expect(BookingContactWay.email.normalise("not an address") == nil)
    }

    @Test func remindersGoTheDayBeforeInLondonTime() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = SessionReminder.london
        // 00:30 on Sunday 29 March 2026, the night the clocks go forward: reminded on the Saturday.
        let earlySunday = try #require(calendar.date(from: DateComponents(year: 2026, month: 3, day: 29, hour: 0, minute: 30)))
        #expect(SessionReminder.day(for: earlySunday) == CalendarDay(year: 2026, month: 3, day: 28))
        let summerMidnight = try #require(calendar.date(from: DateComponents(year: 2026, month: 7, day: 1, hour: 0, minute: 15)))
        // 23:15 UTC on 30 June: London's 1 July, so reminded on 30 June.
        #expect(SessionReminder.isDue(startsAt: summerMidnight, today: CalendarDay(year: 2026, month: 6, day: 30)!))
        #expect(!SessionReminder.isDue(startsAt: summerMidnight, today: CalendarDay(year: 2026, month: 6, day: 29)!))
    }

    @Test func aCourseMeetsAtTheSameLondonTimeEachWeekAcrossTheClockChange() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = SessionReminder.london
        let first = try #require(calendar.date(from: DateComponents(year: 2026, month: 10, day: 15, hour: 10)))
        let meetings = CourseMeetings.starts(first: first, count: 3)
        #expect(meetings.count == 3)
        #expect(meetings.allSatisfy { calendar.component(.hour, from: $0) == 10 })
        #expect(meetings[2].timeIntervalSince(first) == 14 * 86_400 + 3600, "the clocks went back on 25 October")
    }

    @Test func iCalendarLinesAreEscapedFoldedAndEndInCRLF() {
        let event = ICalendarEvent(uid: "abc@onramp", start: Self.now, end: Self.now.addingTimeInterval(3600), summary: "Tablets; phones, and more\\",
                                   description: String(repeating: "é", count: 60) + "\nline two", location: "Canada Water Library", weeklyCount: 6)
        let text = ICalendar.document(name: "Test", events: [event], stamp: Self.now)
        #expect(text.hasPrefix("BEGIN:VCALENDAR\r\n") && text.hasSuffix("END:VCALENDAR\r\n"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "no bare line feeds")
        for line in text.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 75, "\(line)") }
        let unfolded = text.replacingOccurrences(of: "\r\n ", with: "")
        #expect(unfolded.contains("SUMMARY:Tablets\\; phones\\, and more\\\\\r\n"))
        #expect(unfolded.contains("\\nline two"))
        #expect(unfolded.contains("RRULE:FREQ=WEEKLY;COUNT=6") && unfolded.contains("UID:abc@onramp") && unfolded.contains("DTSTAMP:"))
        #expect(ICalendar.utc(Date(timeIntervalSince1970: 0)) == "19700101T000000Z")
    }
}
