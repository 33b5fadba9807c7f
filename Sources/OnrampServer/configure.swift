import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import SQLKit
import Vapor

/// Builds the whole application: storage, middleware, routes and commands. `onramp` and the
/// tests both call this, so what is tested is what runs.
public func configure(_ app: Application, settings: Settings) async throws {
    app.onramp = try OnrampState(settings: settings)
    try useStorage(settings.storage, on: app)
    if case .sqlite = settings.storage { try await tuneSQLite(app) }
    app.migrations.add(Migrations.all)
    app.passwords.use(.bcrypt(cost: settings.passwordCost))
    app.routes.defaultMaxBodySize = ByteCount(value: settings.maxBodySize)
    app.http.server.configuration.serverName = nil

    app.middleware = Middlewares()
    app.middleware.use(RequestMetricsMiddleware(registry: app.onramp.metrics))
    app.middleware.use(SecurityHeadersMiddleware())
    app.middleware.use(ErrorPagesMiddleware())
    app.middleware.use(TextInputMiddleware())
    // CSRF first: a refused request must not even refresh or end a session.
    app.middleware.use(CSRFMiddleware())
    app.middleware.use(StaffSessionMiddleware())

    try routes(app)
    registerCommands(app)
}

func useStorage(_ storage: Settings.Storage, on app: Application) throws {
    switch storage {
    case .sqlite(let path):
        app.databases.use(.sqlite(.file(path), sqlLogLevel: .debug), as: .sqlite)
    case .postgres(let url):
        app.databases.use(try .postgres(url: url, sqlLogLevel: .debug), as: .psql)
    }
}

/// Settings SQLite keeps for as long as a connection is open, made on each event loop's one
/// connection, since Fluent's SQLite driver keeps one a loop and has no hook for its opening:
/// - the write-ahead log (kept in the file), so that readers and a writer do not wait for each
///   other;
/// - `synchronous = NORMAL`, the setting SQLite advises with that log: a commit survives Onramp
///   stopping, and waits for the disk at checkpoints rather than at every commit (each list of
///   residents records who saw them, so every such page commits).
/// A connection opened again later runs with SQLite's defaults: slower, and safer on power loss.
/// (Reading the file through memory, `mmap_size`, served the queue 10% faster at 1,000,000
/// residents but counted the mapped file in the server's memory: 318 MB against 64 MB.)
func tuneSQLite(_ app: Application) async throws {
    for eventLoop in app.eventLoopGroup.makeIterator() {
        guard let database = app.databases.database(.sqlite, logger: app.logger, on: eventLoop) as? any SQLDatabase else { return }
        for pragma in ["journal_mode = WAL", "synchronous = NORMAL"] {
            try await database.raw(SQLQueryString("PRAGMA \(unsafeRaw: pragma)")).run()
        }
    }
}

func registerCommands(_ app: Application) {
    var users = AsyncCommands()
    users.use(CreateAdminCommand(), as: "create-admin")
    app.asyncCommands.use(users.group(help: "Manage accounts"), as: "users")
    app.asyncCommands.use(DemoCommand(), as: "demo")
    app.asyncCommands.use(ImportCommand(), as: "import")
    app.asyncCommands.use(IndexCommand(), as: "index")
    app.asyncCommands.use(IndexInputsCommand(), as: "index-inputs")
    app.asyncCommands.use(DirectoryRemindersCommand(), as: "directory-reminders")
    app.asyncCommands.use(ImportDevicesCommand(), as: "import-devices")
    app.asyncCommands.use(KitRemindersCommand(), as: "kit-reminders")
    app.asyncCommands.use(KitRecountCommand(), as: "kit-recount")
    app.asyncCommands.use(ChampionChecksCommand(), as: "champion-checks")
    app.asyncCommands.use(FollowUpsCommand(), as: "follow-ups")
}

/// Starts sending queued messages every few seconds; `onramp serve` and `onramp demo` call it.
public func startNotificationWorker(_ app: Application) {
    NotificationWorker.start(app, every: 5)
}

/// Timed work (follow-ups, reminders, champions' checks, directory reminders, retention) inside
/// the server, and the watch that mends PostgreSQL's connection pool after a restart.
public func startScheduler(_ app: Application) {
    Scheduler.start(app, baseURL: app.onramp.settings.siteAddress ?? "")
    DatabaseWatch.start(app)
}
