import NIOConcurrencyHelpers
import Vapor

/// The requests being answered, so that stopping waits for them. A handler whose client has
/// gone away keeps running after its connection closes, and Vapor's server counts itself
/// stopped once its connections have; the databases, closed next, were then gone from under
/// the handler, whose `req.db` trapped, so `onramp serve` stopped with SIGILL after any load.
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

    /// Returns once no request is in flight, or once `limit` has passed.
    func drained(within limit: Duration) async {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: limit)
        while current > 0, clock.now < deadline {
            try? await Task.sleep(for: .milliseconds(10))
        }
    }

    /// Waits for the requests as the application stops: its lifecycle handlers stop before its
    /// storage, which holds the databases.
    struct Draining: LifecycleHandler {
        let requests: RequestsInFlight

        func shutdownAsync(_ application: Application) async {
            await requests.drained(within: .seconds(10))
        }
    }
}
