import Vapor

/// Sets up logging for the process: Vapor's console format by default, JSON lines with
/// LOG_FORMAT=json. Either way each request's lines carry its `request-id`.
public func bootstrapLogging(_ format: Settings.LogFormat, environment: inout Environment) throws {
    switch format {
    case .text:
        try LoggingSystem.bootstrap(from: &environment)
    case .json:
        let level = try Logger.Level.detect(from: &environment)
        LoggingSystem.bootstrap { JSONLogHandler(label: $0, level: level) }
    }
}
