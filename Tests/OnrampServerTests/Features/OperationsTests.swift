import Fluent
import Testing
import Vapor
@testable import OnrampServer

@Suite struct OperationsTests {
    struct Boom: Error {}

    @Test(arguments: TestDatabase.available)
    func healthMetricsAndHeaders(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let browser = Browser(app)
            let health = try await browser.get(SiteURL.healthz.path)
            #expect(health.status == .ok)
            #expect(health.body.contains("\"database\":\"ok\""))
            #expect(health.headers.setCookie == nil)

            for path in ["/", SiteURL.signIn.path, "/no/such/page", SiteURL.stylesheet.path, SiteURL.healthz.path] {
                let page = try await browser.get(path)
                let csp = page.headers.first(name: "Content-Security-Policy") ?? ""
                #expect(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), "\(path)")
                #expect(csp.contains("frame-ancestors 'none'"), "\(path)")
                #expect(page.headers.first(name: "X-Content-Type-Options") == "nosniff", "\(path)")
                #expect(page.headers.first(name: "Referrer-Policy") == "no-referrer", "\(path)")
                #expect(page.headers.first(name: "X-Request-Id") != nil, "\(path)")
            }

            let metrics = try await browser.get(SiteURL.metrics.path)
            #expect(metrics.headers.contentType?.subType == "plain")
            #expect(metrics.contains(#"http_requests_total{method="GET",route="/sign-in",status="200"} 1"#))
            #expect(metrics.contains(#"http_requests_total{method="GET",route="unmatched",status="404"} 1"#))
            #expect(metrics.contains("http_request_duration_seconds_bucket{"))
        }
    }

    @Test func healthChecksThatArriveTogetherShareOneQuery() async throws {
        let loop = MultiThreadedEventLoopGroup.singleton.next()
        let probe = HealthProbe()
        var asked = 0
        let query = loop.makePromise(of: Void.self)
        let together = (0..<5).map { _ in probe.databaseAnswers(on: loop) { asked += 1; return query.futureResult } }
        #expect(asked == 1)
        query.succeed(())
        for answer in together { try await answer.get() }

        // The next check, after that answer, asks again; a failure reaches every check waiting on it.
        let failing = loop.makePromise(of: Void.self)
        let waiting = (0..<2).map { _ in probe.databaseAnswers(on: loop) { asked += 1; return failing.futureResult } }
        #expect(asked == 2)
        failing.fail(Boom())
        for answer in waiting { await #expect(throws: Boom.self) { try await answer.get() } }
    }

    @Test func aRequestsDurationIsLoggedToTheNearestTenthOfAMillisecond() {
        #expect(RequestMetricsMiddleware.milliseconds(.zero) == "0.0")
        #expect(RequestMetricsMiddleware.milliseconds(.microseconds(1_960)) == "2.0")
        #expect(RequestMetricsMiddleware.milliseconds(.microseconds(12_340)) == "12.3")
        #expect(RequestMetricsMiddleware.milliseconds(.seconds(3) + .microseconds(49)) == "3000.0")
    }

    @Test func aQueryThatNeverAnswersCountsAsDownAndDoesNotHoldLaterChecks() async throws {
        let loop = MultiThreadedEventLoopGroup.singleton.next()
        let probe = HealthProbe(timeLimit: .milliseconds(50))
        let stuck = loop.makePromise(of: Void.self)
        await #expect(throws: HealthProbe.NoAnswer.self) { try await probe.databaseAnswers(on: loop) { stuck.futureResult }.get() }
        // The next check asks afresh and is answered; the stuck query's late answer changes nothing.
        try await probe.databaseAnswers(on: loop) { loop.makeSucceededVoidFuture() }.get()
        stuck.fail(Boom())
        try await probe.databaseAnswers(on: loop) { loop.makeSucceededVoidFuture() }.get()
    }

    @Test(arguments: TestDatabase.available)
    func notFoundAndServerErrorPagesUseTheLayout(db: TestDatabase) async throws {
        let failing: (Application) -> Void = { app in
            app.get("test-failure") { _ -> String in throw Boom() }
            app.get("api", "v1", "test-failure") { _ -> String in throw Boom() }
        }
        try await withTestApp(db, extraRoutes: failing) { app in
            let browser = Browser(app)

            let missing = try await browser.get("/no/such/page")
            #expect(missing.status == .notFound)
            #expect(missing.contains("<title>Page not found – Onramp</title>"))
            #expect(missing.contains("Skip to main content"))
            #expect(missing.contains("Contains OS data © Crown copyright and database right 2025"))

            let failure = try await browser.get("/test-failure")
            #expect(failure.status == .internalServerError)
            #expect(failure.contains("Sorry, there is a problem with the service"))
            #expect(!failure.contains("Boom"))
            #expect(failure.body.range(of: #"ONR-[2-9A-Z]{8}"#, options: .regularExpression) != nil)

            let apiFailure = try await browser.get("/api/v1/test-failure")
            #expect(apiFailure.headers.contentType?.subType == "problem+json")
            #expect(try apiFailure.json(Problem.self).incident?.hasPrefix("ONR-") == true)
        }
    }

    @Test(arguments: TestDatabase.available)
    func anOversizedBodyIsRefusedAndChangesNothing(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db)
            let admin = try await Fixture.user(.admin, in: place.council, on: app.db)
            let browser = Browser(app)
            try await browser.signIn(admin.email)
            let huge = String(repeating: "a", count: 1_100_000)
            let page = try await browser.post(SiteURL.newOrganisation.path, form: [("name", huge), ("type", "library")])
            #expect(page.status == .payloadTooLarge)
            #expect(page.contains("larger than 1 MB"))
            #expect(try await Organisation.query(on: app.db).count() == 2)
        }
    }

    @Test(arguments: TestDatabase.available)
    func anOverLongFieldGetsAMessage(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db)
            let admin = try await Fixture.user(.admin, in: place.council, on: app.db)
            let browser = Browser(app)
            try await browser.signIn(admin.email)
            let page = try await browser.post(SiteURL.newOrganisation.path, form: [("name", String(repeating: "n", count: 151)), ("type", "library")])
            #expect(page.status == .unprocessableEntity)
            #expect(page.contains("The organisation&#39;s name must be 150 characters or fewer"))
        }
    }

    @Test func healthAndEveryPageSayWhenTheDatabaseCannotBeReached() async throws {
        // Nothing listens on port 1: the database is "down" from the start.
        let app = try await Application.make(.testing)
        do {
            try await configure(app, settings: Settings(storage: .postgres(url: "postgres://onramp@127.0.0.1:1/onramp"), passwordCost: 4))
            try await app.asyncBoot()
            try await app.server.start(address: .hostname("127.0.0.1", port: 0))
            let health = try await Browser(app).get(SiteURL.healthz.path)
            #expect(health.status == .serviceUnavailable)
            #expect(health.body.contains("unreachable"))
            // Every other page says so too, and when to come back: not a fault with a reference.
            for path in [SiteURL.contact.path, "/openreferral/services"] {
                let page = try await Browser(app).get(path)
                #expect(page.status == .serviceUnavailable && page.headers.first(name: .retryAfter) == "30", "\(path)")
                #expect(page.body.contains("cannot reach its database just now") && !page.body.contains("ONR-"), "\(path)")
            }
        } catch {
            Issue.record(error)
        }
        await app.server.shutdown()
        try await app.asyncShutdown()
    }
}
