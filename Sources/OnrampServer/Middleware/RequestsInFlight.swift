import NIOConcurrencyHelpers
import Vapor

/// The requests being answered, so that stopping waits for them. As Vapor stops, the lifecycle
/// handlers run first (Fluent's closes the databases) and the HTTP server stops last, with the
/// application's storage; and a handler whose client has gone keeps running after its
/// connection closes. A handler still running then found the databases gone, its `req.db`
/// trapped, and `onramp serve` stopped with SIGILL whenever it was stopped under load.
final class RequestsInFlight: Sendable {
    private let count = NIOLockedValueBox(0)

    var current: Int { count.withLockedValue { $0 } }

    /// Counts each request from the first middleware until its response is made.
    struct Counting: Middleware {
        let requests: RequestsInFlight

        func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
            requests.count.withLockedValue { $0 += 1 }
            return next.respond(to: request).always { _ in requests.count.withLockedValue { $0 -= 1 } }
        }
    }

    /// Counts `body` as a request in flight: for a response's body written after its handler
    /// has returned (a stream), which reads the databases until it ends.
    func holding<T: Sendable>(_ body: () async throws -> T) async rethrows -> T {
        count.withLockedValue { $0 += 1 }
        defer { count.withLockedValue { $0 -= 1 } }
        return try await body()
    }

    /// Returns once no request is in flight, or once `limit` has passed.
    func drained(within limit: Duration) async {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: limit)
        while current > 0, clock.now < deadline {
            try? await Task.sleep(for: .milliseconds(10))
        }
    }

    /// As the application stops: stops the HTTP server taking requests (it waits for open
    /// connections, up to its own limit), then waits for the handlers still running. It must
    /// be registered after the databases are (`useStorage`), since handlers stop in reverse.
    struct Draining: LifecycleHandler {
        let requests: RequestsInFlight

        func shutdownAsync(_ application: Application) async {
            await application.server.shutdown()
            await requests.drained(within: .seconds(10))
        }
    }
}
