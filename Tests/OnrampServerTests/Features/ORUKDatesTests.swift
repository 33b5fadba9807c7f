import Foundation
@testable import OnrampServer
import Testing

/// A service's last_modified and assured_date, written by shared format styles, read as the
/// ISO8601DateFormatter made for each call wrote them, so stored documents do not change.
@Suite struct ORUKDatesTests {
    static let times: [Date] = [
        Date(timeIntervalSince1970: 0),
        Date(timeIntervalSince1970: 1_796_541_000.75),    // 2026-12-06 07:10:00.75 UTC
        Date(timeIntervalSince1970: 1_796_601_599.999),   // a millisecond before midnight UTC
        Date(timeIntervalSince1970: 1_782_863_999.5),     // British Summer Time: still the day before in UTC
        Date(timeIntervalSince1970: 1_796_541_000.123456),
    ]

    @Test(arguments: times) func writtenAsTheFormatterWroteThem(time: Date) {
        let timeFormatter = ISO8601DateFormatter()
        timeFormatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let dayFormatter = ISO8601DateFormatter()
        dayFormatter.formatOptions = [.withFullDate]
        #expect(ORUKDates.dateTime(time) == timeFormatter.string(from: time))
        #expect(ORUKDates.day(time) == dayFormatter.string(from: time))
    }

    @Test func theWrittenForm() {
        #expect(ORUKDates.dateTime(Date(timeIntervalSince1970: 1_796_541_000.75)) == "2026-12-06T07:10:00.750Z")
        #expect(ORUKDates.day(Date(timeIntervalSince1970: 1_796_541_000.75)) == "2026-12-06")
    }
}
