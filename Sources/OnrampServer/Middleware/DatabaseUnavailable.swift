import FluentPostgresDriver
import Vapor

/// Errors that mean the database cannot be reached just now (restarting, or the network to it
/// down), rather than a fault in what was asked: the answer is 503 with a time to come back,
/// and the request can be made again once it is up, since nothing of it was saved.
enum DatabaseUnavailable {
    static let retryAfterSeconds = 30

    static func matches(_ error: any Error) -> Bool {
        if let postgres = error as? PSQLError {
            switch postgres.code {
            case .serverClosedConnection, .clientClosedConnection, .connectionError, .uncleanShutdown, .poolClosed:
                return true
            case .server:
                // Shutting down or starting up (57P01–57P03), a connection refused or lost (08001,
                // 08004, 08006), too many connections (53300).
                let state = postgres.serverInfo?[.sqlState] ?? ""
                return ["57P01", "57P02", "57P03", "08001", "08004", "08006", "53300"].contains(state)
            default:
                return false
            }
        }
        // Waiting for a connection from the pool timed out, or it could not open one.
        return error is ConnectionPoolTimeoutError || error is ConnectionPoolError || error is NIOConnectionError
    }
}
