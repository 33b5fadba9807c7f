import NIOConcurrencyHelpers
import NIOCore

/// Whether the database answers, asked once for all the health checks that arrive together on
/// an event loop. A load balancer or monitor may ask many times a second; a check that arrives
/// while a `SELECT 1` is running takes that query's answer, which is at most one query old, and
/// the first check after it starts a new one.
final class HealthProbe: Sendable {
    private let running = NIOLockedValueBox<[ObjectIdentifier: EventLoopFuture<Void>]>([:])

    /// `ask` sends the query from `loop`; it is called only when no query is running there.
    func databaseAnswers(on loop: any EventLoop, ask: () -> EventLoopFuture<Void>) -> EventLoopFuture<Void> {
        let key = ObjectIdentifier(loop)
        var started: EventLoopPromise<Void>?
        let answer = running.withLockedValue { running -> EventLoopFuture<Void> in
            if let answer = running[key] { return answer }
            let promise = loop.makePromise(of: Void.self)
            running[key] = promise.futureResult
            started = promise
            return promise.futureResult
        }
        if let started {
            ask().hop(to: loop).whenComplete { result in
                self.running.withLockedValue { _ = $0.removeValue(forKey: key) }
                started.completeWith(result)
            }
        }
        return answer
    }
}
