import Foundation
import Testing
@testable import OnrampCore

@Suite struct SignInThrottleTests {
    let throttle = SignInThrottle.standard
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    func minutes(_ values: Double...) -> [Date] { values.map { t0.addingTimeInterval($0 * 60) } }

    @Test func fourFailuresAreAllowed() {
        #expect(throttle.decision(failures: minutes(0, 1, 2, 3), now: t0.addingTimeInterval(4 * 60)) == .allowed)
    }

    @Test func theFifthFailureLocksForFifteenMinutesFromIt() {
        let failures = minutes(0, 1, 2, 3, 4)
        let until = t0.addingTimeInterval(19 * 60)
        #expect(throttle.decision(failures: failures, now: t0.addingTimeInterval(5 * 60)) == .refused(until: until))
        #expect(throttle.decision(failures: failures, now: until.addingTimeInterval(-1)) == .refused(until: until))
        #expect(throttle.decision(failures: failures, now: until) == .allowed)
    }

    @Test func failuresSpreadWiderThanTheWindowDoNotLock() {
        // Five failures, but never five within 15 minutes of each other.
        let failures = minutes(0, 4, 8, 12, 16)
        #expect(throttle.decision(failures: failures, now: t0.addingTimeInterval(17 * 60)) == .allowed)
    }

    @Test func theLatestBurstDecides() {
        let failures = minutes(0, 1, 2, 3, 4, 30, 31, 32, 33, 34)
        #expect(throttle.decision(failures: failures, now: t0.addingTimeInterval(35 * 60)) == .refused(until: t0.addingTimeInterval(49 * 60)))
    }

    @Test func orderOfInputDoesNotMatter() {
        let failures = minutes(4, 0, 3, 1, 2)
        #expect(throttle.decision(failures: failures, now: t0.addingTimeInterval(5 * 60)) == .refused(until: t0.addingTimeInterval(19 * 60)))
    }
}
