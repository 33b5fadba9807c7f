import Fluent
import OnrampCore
import Vapor

extension SignInAttempt {
    /// Failed tries for `email` that still matter: recent, and since the last success.
    static func recentFailures(email: String, throttle: SignInThrottle, now: Date, on database: any Database) async throws -> [Date] {
        let since = now.addingTimeInterval(-throttle.lookBack)
        let recent = try await SignInAttempt.query(on: database)
            .filter(\.$email == email)
            .filter(\.$attemptedAt >= since)
            .sort(\.$attemptedAt)
            .all()
        let lastSuccess = recent.last(where: \.succeeded)?.attemptedAt ?? .distantPast
        return recent.filter { !$0.succeeded && $0.attemptedAt > lastSuccess }.map(\.attemptedAt)
    }
}

extension User {
    static func find(email: String, on database: any Database) async throws -> User? {
        try await User.query(on: database).filter(\.$email == email).first()
    }
}
