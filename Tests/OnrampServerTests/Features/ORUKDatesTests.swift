import Foundation
@testable import OnrampServer
import Testing

/// A service's last_modified and assured_date, written by shared format styles and our own
/// milliseconds, read as the ISO8601DateFormatter made for each call wrote them (to the nearest
/// millisecond), so that stored documents do not change.
@Suite struct ORUKDatesTests {
    static let times: [Date] = [
        Date(timeIntervalSince1970: 0),
        Date(timeIntervalSince1970: 1_796_541_000.75),    // 2026-12-06 07:10:00.75 UTC
        Date(timeIntervalSince1970: 1_796_601_599.999),   // a millisecond before midnight UTC
        Date(timeIntervalSince1970: 1_796_601_599.9996),  // rounds up into the next day
        Date(timeIntervalSince1970: 1_782_863_999.5),     // British Summer Time: still the day before in UTC
        Date(timeIntervalSince1970: 1_796_541_000.123456),
        Date(timeIntervalSince1970: 1_674_036_251.123),   // a format style would cut it to .122
        Date(timeIntervalSince1970: 1_796_541_000.0016),  // rounds up to .002
    ]

    static func formatters() -> (time: ISO8601DateFormatter, day: ISO8601DateFormatter) {
        let time = ISO8601DateFormatter(), day = ISO8601DateFormatter()
        time.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        day.formatOptions = [.withFullDate]
        return (time, day)
    }

    @Test(arguments: times) func writtenAsTheFormatterWroteThem(time: Date) {
        let (timeFormatter, dayFormatter) = Self.formatters()
        #expect(ORUKDates.dateTime(time) == timeFormatter.string(from: time))
        #expect(ORUKDates.day(time) == dayFormatter.string(from: time))
    }

    /// 20,000 times in 2020 to 2040, at any fraction of a second, the same every run.
    @Test func manyTimesAreWrittenAsTheFormatterWroteThem() {
        let (timeFormatter, dayFormatter) = Self.formatters()
        var seed: UInt64 = 17
        var differing: [Date] = []
        for _ in 0..<20_000 {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            let time = Date(timeIntervalSince1970: 1_577_836_800 + Double(seed >> 11) / Double(1 << 53) * 631_152_000)
            if ORUKDates.dateTime(time) != timeFormatter.string(from: time) || ORUKDates.day(time) != dayFormatter.string(from: time) { differing.append(time) }
        }
        #expect(differing.isEmpty, "\(differing.prefix(5).map(\.timeIntervalSince1970))")
    }

    @Test func theWrittenForm() {
        #expect(ORUKDates.dateTime(Date(timeIntervalSince1970: 1_796_541_000.75)) == "2026-12-06T07:10:00.750Z")
        #expect(ORUKDates.dateTime(Date(timeIntervalSince1970: 1_796_541_000.0016)) == "2026-12-06T07:10:00.002Z")
        #expect(ORUKDates.day(Date(timeIntervalSince1970: 1_796_541_000.75)) == "2026-12-06")
    }
}
