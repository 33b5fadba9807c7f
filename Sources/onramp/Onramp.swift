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
            // A first start needs nothing but this: the database is created and brought up to date.
            if [nil, "serve"].contains(arguments.dropFirst().first) {
                try await app.autoMigrate()
                startNotificationWorker(app)
                if settings.publicURL == nil {
                    app.logger.warning("ONRAMP_PUBLIC_URL is not set: invitation links will be built from each request's Host header")
                }
            }
            try await app.execute()
        } catch let code as ExitCode {
            try? await app.asyncShutdown()
            exit(code.rawValue)
        } catch {
            // A clear line and a failing exit code, not a crash with a backtrace.
            app.logger.critical("onramp stopped: \(error)")
            try? await app.asyncShutdown()
            exit(1)
        }
        try await app.asyncShutdown()
    }
}
