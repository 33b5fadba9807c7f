import Foundation

/// Decides whether a sign-in may be tried, from the account's recent failures.
///
/// After `maxFailures` failures inside `window`, further tries are refused for `lockout`
/// counted from the failure that tipped it. Refused tries are not failures, so waiting out the
/// lockout is always enough.
public struct SignInThrottle: Sendable, Equatable {
    public var maxFailures: Int
    public var window: TimeInterval
    public var lockout: TimeInterval

    public static let standard = SignInThrottle(maxFailures: 5, window: 15 * 60, lockout: 15 * 60)

    public init(maxFailures: Int, window: TimeInterval, lockout: TimeInterval) {
        self.maxFailures = maxFailures
        self.window = window
        self.lockout = lockout
    }

    public enum Decision: Equatable, Sendable {
        case allowed
        case refused(until: Date)
    }

    /// How far back failures can matter to a decision made now.
    public var lookBack: TimeInterval { window + lockout }

    /// `failures` are the times of failed tries since the last successful sign-in.
    public func decision(failures: [Date], now: Date) -> Decision {
        let times = failures.sorted()
        guard maxFailures > 0, times.count >= maxFailures else { return .allowed }
        var lockedUntil: Date?
        for last in (maxFailures - 1)..<times.count {
            let first = times[last - maxFailures + 1]
            if times[last].timeIntervalSince(first) <= window {
                let until = times[last].addingTimeInterval(lockout)
                if until > (lockedUntil ?? .distantPast) { lockedUntil = until }
            }
        }
        if let lockedUntil, now < lockedUntil { return .refused(until: lockedUntil) }
        return .allowed
    }
}
