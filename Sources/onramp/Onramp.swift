import OnrampServer
import Vapor

/// The `onramp` command: serve, demo, migrate, users. See `onramp --help`.
@main
enum Onramp {
    static func main() async throws {
        var arguments = CommandLine.arguments
        let settings = Settings.read(arguments: &arguments, environment: ProcessInfo.processInfo.environment)
        var environment = try Environment.detect(arguments: arguments)
        try bootstrapLogging(settings.logFormat, environment: &environment)

        let app = try await Application.make(environment)
        do {
            try await configure(app, settings: settings)
            try await app.execute()
        } catch {
            app.logger.report(error: error)
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}
