import Foundation
import Logging
@testable import OnrampServer
import Testing

/// LOG_FORMAT=json: a line of JSON for each event, its time in UTC to the second, as before the
/// time was written by a format style rather than an ISO8601DateFormatter made for each line.
@Suite struct JSONLogHandlerTests {
    @Test func aLineHasTheTimeLevelMessageAndMetadata() throws {
        var handler = JSONLogHandler(label: "onramp", level: .info)
        handler.metadata["request-id"] = "abc"
        let event = LogEvent(level: .info, message: "request", metadata: ["status": "200"], source: nil, file: #file, function: #function, line: #line)
        let time = Date(timeIntervalSince1970: 1_796_541_000.75)   // 2026-12-06 07:10:00.75 UTC
        let line = try #require(handler.line(event, at: time))
        #expect(line.last == 0x0A)
        let fields = try #require(try JSONSerialization.jsonObject(with: line) as? [String: String])
        #expect(fields == ["time": "2026-12-06T07:10:00Z", "level": "info", "logger": "onramp", "message": "request", "request-id": "abc", "status": "200"])
        #expect(fields["time"] == ISO8601DateFormatter().string(from: time))
    }
}
