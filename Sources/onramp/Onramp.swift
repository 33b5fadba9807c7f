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
                // Links in messages to residents come from this setting alone, never from a
                // request's Host header, which anyone can write.
                guard settings.publicURL != nil else {
                    throw ConfigurationProblem(description: "ONRAMP_PUBLIC_URL is not set: set it to the address people use to reach Onramp, like https://onramp.example.gov.uk, so that links in messages point there")
                }
                try await app.autoMigrate()
                startNotificationWorker(app)
                startScheduler(app)
                // Said in the log while the server starts, not waited for: Notify may be slow.
                Task { await checkNotifySetup(app) }
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

