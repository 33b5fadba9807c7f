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
    if case .sqlite = settings.storage {
        try await useWriteAheadLog(app)
        try await useLargerPageCache(app)
    }
    app.migrations.add(Migrations.all)
    app.passwords.use(.bcrypt(cost: settings.passwordCost))
    app.routes.defaultMaxBodySize = ByteCount(value: settings.maxBodySize)
    app.http.server.configuration.serverName = nil

    app.middleware = Middlewares()
    // After useStorage: the requests drain before Fluent's handler closes the databases.
    app.middleware.use(RequestsInFlight.Counting(requests: app.onramp.requestsInFlight))
    app.lifecycle.use(RequestsInFlight.Draining(requests: app.onramp.requestsInFlight))
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

/// SQLite writes ahead to a log (kept in the file), so that a reader and a writer on the two
/// connections (one an event loop) do not wait for each other, as they do with its rollback
/// journal. `synchronous` stays FULL: every commit is on the disk before Onramp answers, so a
/// power cut cannot undo a data SIM code already shown or a message already sent. Reads are not
/// memory-mapped, so that the server's memory does not grow with the file.
func useWriteAheadLog(_ app: Application) async throws {
    try await (app.db as! any SQLDatabase).raw("PRAGMA journal_mode = WAL").run()
}

/// How many kibibytes of pages each SQLite connection keeps; SQLite's own default is 2,000.
let sqlitePageCacheKiB = 8_192

/// A search near a postcode in a national directory reads more pages than SQLite's default
/// 2 MB holds, so each search read most of them from the file again: the box of a 1 km search
/// at 100,000 services took 1.6 ms against 0.75 with 8 MB, and reading pages was a sixth of
/// the open API's search near a postcode. The setting is a connection's; the server has one
/// connection an event loop, kept open while it runs. At most 8 MB each, held once read.
func useLargerPageCache(_ app: Application) async throws {
    for eventLoop in app.eventLoopGroup.makeIterator() {
        guard let database = app.databases.database(.sqlite, logger: app.logger, on: eventLoop) as? any SQLDatabase else { continue }
        try await database.raw("PRAGMA cache_size = \(unsafeRaw: String(-sqlitePageCacheKiB))").run()
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
