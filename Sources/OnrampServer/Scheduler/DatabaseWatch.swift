import Fluent
import FluentPostgresDriver
import Foundation
import Vapor

/// After PostgreSQL restarts, AsyncKit's connection pool on one event loop can stop handing out
/// connections for good (vapor/async-kit#101): every request on that loop waits out the pool's
/// timeout and answers 503 although the database is back. Every few seconds each event loop's
/// pool is asked for a connection; a pool that times out three times running (30 s and more
/// waiting for a connection, while the database itself may well answer) is made afresh.
enum DatabaseWatch {
    static func start(_ app: Application, every interval: TimeInterval = 5) {
        guard case .postgres = app.onramp.settings.storage else { return }
        let task = Task {
            var timeouts: [ObjectIdentifier: Int] = [:]
            while !Task.isCancelled {
                for loop in app.eventLoopGroup.makeIterator() {
                    guard let database = app.databases.database(logger: app.logger, on: loop) as? any SQLDatabase else { continue }
                    let key = ObjectIdentifier(loop)
                    do {
                        try await database.raw("SELECT 1").run()
                        timeouts[key] = 0
                    } catch is ConnectionPoolTimeoutError {
                        timeouts[key, default: 0] += 1
                        guard timeouts[key, default: 0] >= 3 else { continue }
                        app.logger.warning("the database connection pool stopped handing out connections: it is made afresh")
                        // A driver's shutdown waits, so it runs off the event loops and this task.
                        await withCheckedContinuation { done in DispatchQueue.global().async { app.databases.reinitialize(); done.resume() } }
                        timeouts = [:]
                        break
                    } catch {
                        // The database is down or refusing: the pool will reconnect once it is up.
                        timeouts[key] = 0
                    }
                }
                try? await Task.sleep(nanoseconds: UInt64(interval * 1_000_000_000))
            }
        }
        app.lifecycle.use(Stopper(task: task))
    }

    private struct Stopper: LifecycleHandler {
        let task: Task<Void, Never>
        func shutdown(_ application: Application) { task.cancel() }
    }
}
