import Foundation

/// An iCalendar (RFC 5545) event: times in UTC, so no time-zone definition is needed.
public struct ICalendarEvent: Sendable, Equatable {
    public var uid: String
    public var start: Date
    public var end: Date
    public var summary: String
    public var description: String
    public var location: String
    /// Weekly meetings of a course: `RRULE:FREQ=WEEKLY;COUNT=n` when more than one.
    public var weeklyCount: Int
    public var cancelled: Bool

    public init(uid: String, start: Date, end: Date, summary: String, description: String, location: String, weeklyCount: Int = 1, cancelled: Bool = false) {
        (self.uid, self.start, self.end, self.summary, self.description, self.location) = (uid, start, end, summary, description, location)
        (self.weeklyCount, self.cancelled) = (weeklyCount, cancelled)
    }
}

/// Writes an iCalendar feed: CRLF line ends, content lines folded at 75 octets (never inside a
/// UTF-8 character), text values escaped.
public enum ICalendar {
    public static func document(name: String, events: [ICalendarEvent], stamp: Date) -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Onramp//Skills sessions//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-CALNAME:" + escape(name)]
        for event in events {
            lines += ["BEGIN:VEVENT", "UID:" + event.uid, "DTSTAMP:" + utc(stamp), "DTSTART:" + utc(event.start), "DTEND:" + utc(event.end),
                      "SUMMARY:" + escape(event.summary)]
            if !event.description.isEmpty { lines.append("DESCRIPTION:" + escape(event.description)) }
            if !event.location.isEmpty { lines.append("LOCATION:" + escape(event.location)) }
            if event.weeklyCount > 1 { lines.append("RRULE:FREQ=WEEKLY;COUNT=\(event.weeklyCount)") }
            lines += ["STATUS:" + (event.cancelled ? "CANCELLED" : "CONFIRMED"), "END:VEVENT"]
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// Backslash, semicolon and comma escaped; line breaks as `\n`.
    public static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "\\": escaped += "\\\\"
            case ";": escaped += "\\;"
            case ",": escaped += "\\,"
            case "\n", "\r\n", "\r": escaped += "\\n"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// Lines longer than 75 octets continue on the next line after a CRLF and one space.
    public static func fold(_ line: String) -> String {
        var output = "", count = 0
        for scalar in line.unicodeScalars {
            let size = String(scalar).utf8.count
            if count + size > 75 {
                output += "\r\n "
                count = 1
            }
            output.unicodeScalars.append(scalar)
            count += size
        }
        return output
    }

    static let utcFormat: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter
    }()

    public static func utc(_ date: Date) -> String { utcFormat.string(from: date) }
}
