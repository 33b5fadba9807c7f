import Foundation
import NIOConcurrencyHelpers
import Testing
import Vapor
@testable import OnrampServer

/// Stopping waits for the requests still being answered, whose clients may have gone, before
/// the databases close under them; and stops waiting at its limit.
@Suite struct RequestsInFlightTests {
    struct Held: Responder {
        let response: EventLoopFuture<Response>
        func respond(to request: Request) -> EventLoopFuture<Response> { response }
    }

    @Test func stoppingWaitsForARequestInFlight() async throws {
        let app = try await Application.make(.testing)
        let requests = RequestsInFlight()
        let loop = app.eventLoopGroup.next()
        let answer = loop.makePromise(of: Response.self)
        let answered = RequestsInFlight.Counting(requests: requests).respond(to: Request(application: app, on: loop), chainingTo: Held(response: answer.futureResult))
        #expect(requests.current == 1)

        let finished = NIOLockedValueBox(false)
        let draining = Task {
            await RequestsInFlight.Draining(requests: requests).shutdownAsync(app)
            finished.withLockedValue { $0 = true }
        }
        try await Task.sleep(for: .milliseconds(300))
        #expect(!finished.withLockedValue { $0 }, "still waiting for the request")
        answer.succeed(Response(status: .ok))
        _ = try await answered.get()
        await draining.value
        #expect(requests.current == 0 && finished.withLockedValue { $0 })

        // A request never answered holds the stop only until the limit.
        let never = loop.makePromise(of: Response.self)
        let held = RequestsInFlight.Counting(requests: requests).respond(to: Request(application: app, on: loop), chainingTo: Held(response: never.futureResult))
        let started = ContinuousClock.now
        await requests.drained(within: .milliseconds(100))
        let waited = ContinuousClock.now - started
        #expect(requests.current == 1 && waited >= .milliseconds(100) && waited < .seconds(5))
        never.succeed(Response(status: .ok))
        _ = try await held.get()
        try await app.asyncShutdown()
    }

    /// A body written after its handler returned (the ndjson export) counts until it ends,
    /// or fails.
    @Test func aStreamedBodyIsInFlightUntilItEnds() async throws {
        struct Failed: Error {}
        let requests = RequestsInFlight()
        let inside = try await requests.holding { requests.current }
        #expect(inside == 1 && requests.current == 0)
        await #expect(throws: Failed.self) { try await requests.holding { () async throws -> Int in throw Failed() } }
        #expect(requests.current == 0)
    }
}
