import Foundation
import NIOConcurrencyHelpers
import Testing
import Vapor
@testable import OnrampCore
@testable import OnrampServer

/// The insight figures are kept for a while and worked out again in the background; a page
/// says when its figures were worked out.
@Suite struct InsightCacheTests {
    /// Counts the times figures were worked out, and gives that count as the figures.
    final class Worker: Sendable {
        let made = NIOLockedValueBox(0)
        let failing = NIOLockedValueBox(false)
        struct Failed: Error {}

        func make() async throws -> Int {
            try await Task.sleep(for: .milliseconds(50))
            if failing.withLockedValue({ $0 }) { throw Failed() }
            return made.withLockedValue { $0 += 1; return $0 }
        }
    }

    @Test func figuresAreKeptThenWorkedOutAgainWhileTheOldOnesAreShown() async throws {
        let cache = InsightCache(maxAge: 60), worker = Worker()
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        // Five requests at once for figures nobody has: worked out once, and all five wait for it.
        let first = try await withThrowingTaskGroup(of: InsightCache.Made<Int>.self) { group in
            for _ in 0..<5 { group.addTask { try await cache.figures("a", now: start) { try await worker.make() } } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(first.map(\.value) == [1, 1, 1, 1, 1] && first.allSatisfy { $0.at == start })
        // Within a minute: the same figures, not worked out again.
        let kept = try await cache.figures("a", now: start.addingTimeInterval(59)) { try await worker.make() }
        #expect(kept.value == 1 && kept.at == start && worker.made.withLockedValue { $0 } == 1)
        // Older than a minute: the old figures at once, and new ones worked out meanwhile.
        let stale = try await cache.figures("a", now: start.addingTimeInterval(61)) { try await worker.make() }
        #expect(stale.value == 1 && stale.at == start)
        await cache.settled()
        let fresh = try await cache.figures("a", now: start.addingTimeInterval(62)) { try await worker.make() }
        #expect(fresh.value == 2 && fresh.at == start.addingTimeInterval(61))
        // Twice as old as promised (nobody asked meanwhile): the request waits for new ones.
        let waited = try await cache.figures("a", now: start.addingTimeInterval(61 + 120)) { try await worker.make() }
        #expect(waited.value == 3 && waited.at == start.addingTimeInterval(181))
        // Other figures are their own.
        #expect(try await cache.figures("b", now: start) { try await worker.make() }.value == 4)
        #expect(fresh.workedOut.description.contains("worked out again once they are a minute old"))
        #expect([30, 90, 300, 3600].map { InsightCache.Made<Int>.words($0) } == ["30 seconds", "90 seconds", "5 minutes", "60 minutes"])
    }

    @Test func figuresThatFailAreNotKept() async throws {
        let cache = InsightCache(maxAge: 300), worker = Worker()
        worker.failing.withLockedValue { $0 = true }
        await #expect(throws: Worker.Failed.self) { try await cache.figures("a", now: Date()) { try await worker.make() } }
        worker.failing.withLockedValue { $0 = false }
        #expect(try await cache.figures("a", now: Date()) { try await worker.make() }.value == 1)
    }

    @Test func withNoMaxAgeEveryRequestWorksThemOut() async throws {
        let cache = InsightCache(maxAge: 0), worker = Worker()
        for expected in 1...3 { #expect(try await cache.figures("a", now: Date()) { try await worker.make() }.value == expected) }
    }

    /// Over HTTP, kept for five minutes: a new request for help shows on the dashboard's figures
    /// only when they are worked out again, and the page says when that will be.
    @Test(arguments: TestDatabase.available)
    func theDashboardSaysWhenItsFiguresWereWorkedOut(db: TestDatabase) async throws {
        try await withTestApp(db, adjust: { $0.insightMaxAge = 300 }) { app in
            let place = try await Fixture.council(on: app.db)
            _ = try await Fixture.helpCase(place, on: app.db)
            let officer = Browser(app)
            try await officer.signIn(try await Fixture.user(.officer, in: place.council, on: app.db).email)
            let before = try await officer.get(SiteURL.home.path)
            #expect(before.contains("Figures worked out at") && before.contains("worked out again once they are 5 minutes old"))
            #expect(before.contains("Residents who asked for help</dt>") && before.body.contains(Self.residents(1)))
            _ = try await Fixture.helpCase(place, on: app.db)
            let after = try await officer.get(SiteURL.home.path)
            #expect(after.body.contains(Self.residents(1)), "the kept figures, until they are five minutes old")
        }
    }

    static func residents(_ count: Int) -> String {
        "Residents who asked for help</dt><dd class=\"govuk-summary-list__value\">\(count)</dd>"
    }
}
