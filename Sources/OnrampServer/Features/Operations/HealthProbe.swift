import NIOConcurrencyHelpers
import NIOCore

/// Whether the database answers, asked once for all the health checks that arrive together on
/// an event loop. A load balancer or monitor may ask many times a second; a check that arrives
/// while a `SELECT 1` is running takes that query's answer, and the first check after it starts
/// a new one. A query with no answer within `timeLimit` counts as "no", so that one stuck
/// connection cannot hold every later check on its loop.
final class HealthProbe: Sendable {
    struct NoAnswer: Error, CustomStringConvertible {
        let timeLimit: TimeAmount
        var description: String { "no answer within \(timeLimit.nanoseconds / 1_000_000) ms" }
    }

    let timeLimit: TimeAmount
    private let running = NIOLockedValueBox<[ObjectIdentifier: EventLoopFuture<Void>]>([:])

    init(timeLimit: TimeAmount = .seconds(5)) { self.timeLimit = timeLimit }

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
        guard let started else { return answer }
        // The answer or the time limit, whichever comes first, settles every waiting check; both
        // run on `loop`, one after the other, and the second finds the query no longer running.
        let settle: @Sendable (Result<Void, any Error>) -> Void = { result in
            let first = self.running.withLockedValue { running -> Bool in
                guard running[key] === started.futureResult else { return false }
                running[key] = nil
                return true
            }
            if first { started.completeWith(result) }
        }
        let limit = loop.scheduleTask(in: timeLimit) { settle(.failure(NoAnswer(timeLimit: self.timeLimit))) }
        ask().hop(to: loop).whenComplete { result in
            limit.cancel()
            settle(result)
        }
        return answer
    }
}
