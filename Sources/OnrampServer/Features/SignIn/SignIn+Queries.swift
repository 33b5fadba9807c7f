import Fluent
import OnrampCore
import Vapor

extension SignInAttempt {
    /// Failed tries for `email` that still matter: recent, and since the last success.
    /// The failures that count against a try now: every other try not known to have succeeded,
    /// those still being checked included, so that simultaneous guesses count against each other.
    static func recentFailures(email: String, throttle: SignInThrottle, now: Date, excluding: UUID? = nil, on database: any Database) async throws -> [Date] {
        let since = now.addingTimeInterval(-throttle.lookBack)
        var query = SignInAttempt.query(on: database).filter(\.$email == email)
        if let excluding { query = query.filter(\.$id != excluding) }
        let recent = try await query
            .filter(\.$attemptedAt >= since)
            .sort(\.$attemptedAt)
            .all()
        let lastSuccess = recent.last(where: \.succeeded)?.attemptedAt ?? .distantPast
        return recent.filter { !$0.succeeded && $0.attemptedAt > lastSuccess }.map(\.attemptedAt)
    }
}

extension SignInAttempt {
    /// Attempts older than any throttle decision can use are dropped; the audit log keeps the history.
    static func prune(throttle: SignInThrottle, now: Date, on database: any Database) async throws {
        try await SignInAttempt.query(on: database).filter(\.$attemptedAt < now.addingTimeInterval(-throttle.lookBack)).delete()
    }
}

extension User {
    static func find(email: String, on database: any Database) async throws -> User? {
        try await User.query(on: database).filter(\.$email == email).first()
    }
}
