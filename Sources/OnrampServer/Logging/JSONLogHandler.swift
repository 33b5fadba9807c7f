import Foundation
import Logging

/// One JSON object per line on standard error, for log collectors. Chosen with LOG_FORMAT=json.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level
    let label: String

    public init(label: String, level: Logger.Level) {
        self.label = label
        self.logLevel = level
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        guard let line = line(event, at: Date()) else { return }
        FileHandle.standardError.write(line)
    }

    /// UTC to the second, as ISO8601DateFormatter writes by default.
    private static let timeStyle = Date.ISO8601FormatStyle()

    /// The event as a line of JSON. The time is written by a format style rather than an
    /// ISO8601DateFormatter, which costs more to make than the rest of a request: one was made
    /// for every line, and every request writes one.
    func line(_ event: LogEvent, at time: Date) -> Data? {
        var fields: [String: String] = [
            "time": Self.timeStyle.format(time),
            "level": event.level.rawValue,
            "logger": label,
            "message": event.message.description,
        ]
        for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 }) {
            fields[key] = value.description
        }
        guard var line = try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys]) else { return nil }
        line.append(0x0A)
        return line
    }
}
