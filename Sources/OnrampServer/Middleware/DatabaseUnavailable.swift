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
                // Class 57 (operator intervention: shutting down, starting up) and 08 (connection).
                let state = postgres.serverInfo?[.sqlState] ?? ""
                return state.hasPrefix("57P") || state.hasPrefix("08")
            default:
                return false
            }
        }
        // Waiting for a connection from the pool timed out, or it could not open one.
        return error is ConnectionPoolTimeoutError || error is ConnectionPoolError || error is NIOConnectionError
    }
}
