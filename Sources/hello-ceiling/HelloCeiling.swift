import Vapor

/// The ceiling that scripts/load-test.sh measures /healthz against: Vapor answering "hello"
/// with no middleware and no database, built the same way as onramp.
@main
enum HelloCeiling {
    static func main() async throws {
        var environment = try Environment.detect()
        try LoggingSystem.bootstrap(from: &environment)
        let app = try await Application.make(environment)
        app.middleware = Middlewares()
        app.get("hello") { _ in "hello" }
        do {
            try await app.execute()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}
