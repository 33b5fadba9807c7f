import Foundation
import SQLKit
import Testing
import Vapor
@testable import OnrampServer

/// The databases each storage test runs on: SQLite always, PostgreSQL when
/// ONRAMP_TEST_DATABASE_URL names a server (`.ci/run` starts one). Each test gets a database of
/// its own, so tests can run in parallel without seeing each other's rows.
enum TestDatabase: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgres

    static let postgresURL = ProcessInfo.processInfo.environment["ONRAMP_TEST_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }

    static var available: [TestDatabase] { postgresURL == nil ? [.sqlite] : [.sqlite, .postgres] }

    var testDescription: String { rawValue }

    /// Makes a database with every migration run, and returns how to reach it and how to remove
    /// it: a copy of this test process's template (`MigratedTemplate`), a file copy on SQLite and
    /// `CREATE DATABASE … TEMPLATE` on PostgreSQL. Migrating a database from nothing takes about
    /// two seconds, and nearly every test needs one.
    func makeMigrated() async throws -> (Settings.Storage, @Sendable () async -> Void) {
        try await makeFresh(copying: try await MigratedTemplate.shared.storage(for: self))
    }

    /// Makes a database, empty or a copy of `template`, and returns how to reach it and how to
    /// remove it.
    func makeFresh(named prefix: String = "onramp_test_", copying template: Settings.Storage? = nil) async throws -> (Settings.Storage, @Sendable () async -> Void) {
        let name = prefix + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        switch (self, template) {
        case (.sqlite, let template):
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(name).sqlite").path
            if case .sqlite(let templatePath) = template { try FileManager.default.copyItem(atPath: templatePath, toPath: path) }
            return (.sqlite(path: path), {
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            })
        case (.postgres, let template):
            let adminURL = Self.postgresURL!
            if case .postgres(let templateURL) = template {
                try await Self.copyDatabase(URLComponents(string: templateURL)!.path.dropFirst(), to: name, url: adminURL)
            } else {
                try await Self.runAdmin("CREATE DATABASE \(name)", url: adminURL)
            }
            var components = URLComponents(string: adminURL)!
            components.path = "/" + name
            return (.postgres(url: components.string!), {
                try? await Self.runAdmin("DROP DATABASE IF EXISTS \(name) WITH (FORCE)", url: adminURL)
            })
        }
    }

    /// PostgreSQL copies a database only while nobody is connected to it, and the connections
    /// that migrated the template may take a moment to close on the server's side.
    private static func copyDatabase(_ template: Substring, to name: String, url: String) async throws {
        for attempt in 1... {
            do {
                return try await runAdmin("CREATE DATABASE \(name) TEMPLATE \(template)", url: url)
            } catch where attempt < 50 && String(reflecting: error).contains("sqlState: 55006") {  // object_in_use
                try await Task.sleep(for: .milliseconds(100))
            }
        }
    }

    /// Runs one statement against the server's own database, outside any test's database.
    private static func runAdmin(_ statement: String, url: String) async throws {
        try await withAdmin(url: url) { try await $0.raw(SQLQueryString(statement)).run() }
    }

    /// Runs `body` on the server's own database, outside any test's database.
    static func withAdmin(url: String, _ body: (any SQLDatabase) async throws -> Void) async throws {
        let app = try await Application.make(.testing)
        do {
            try useStorage(.postgres(url: url), on: app)
            try await body(app.db as! any SQLDatabase)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}

/// A database migrated once a test process, for each test to copy. The SQLite file is removed
/// when the process ends; on PostgreSQL, templates left by runs more than six hours old are
/// dropped when the next is made (CI's server is thrown away with its run).
actor MigratedTemplate {
    static let shared = MigratedTemplate()
    static let prefix = "onramp_template_\(Int(Date().timeIntervalSince1970))_"

    private var made: [TestDatabase: Task<Settings.Storage, any Error>] = [:]

    func storage(for database: TestDatabase) async throws -> Settings.Storage {
        if let making = made[database] { return try await making.value }
        let making = Task { try await Self.make(database) }
        made[database] = making
        return try await making.value
    }

    private static func make(_ database: TestDatabase) async throws -> Settings.Storage {
        // Tidying is not the test's business: a failure here must not fail every test.
        if database == .postgres { try? await dropOldTemplates() }
        if database == .sqlite { atexit { MigratedTemplate.removeSQLiteTemplates() } }
        let (storage, _) = try await database.makeFresh(named: prefix)
        let app = try await Application.make(.testing)
        do {
            try await configure(app, settings: Settings(storage: storage, passwordCost: 4, dataKey: testDataKey))
            try await app.autoMigrate()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
        return storage
    }

    /// Run at exit, so it is given nothing: every SQLite template this process made.
    private static func removeSQLiteTemplates() {
        let directory = FileManager.default.temporaryDirectory
        for file in (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [] where file.hasPrefix(prefix) {
            try? FileManager.default.removeItem(at: directory.appendingPathComponent(file))
        }
    }

    private static func dropOldTemplates() async throws {
        let sixHoursAgo = Int(Date().timeIntervalSince1970) - 6 * 3600
        try await TestDatabase.withAdmin(url: TestDatabase.postgresURL!) { sql in
            for row in try await sql.raw("SELECT datname FROM pg_database WHERE datname LIKE 'onramp_template_%'").all() {
                let name = try row.decode(column: "datname", as: String.self)
                guard let made = Int(name.split(separator: "_").dropFirst(2).first ?? ""), made < sixHoursAgo else { continue }
                try await sql.raw(SQLQueryString("DROP DATABASE IF EXISTS \(unsafeRaw: name) WITH (FORCE)")).run()
            }
        }
    }
}

/// At most a few databases in use at once: each PostgreSQL test holds connections, and the
/// server has a limit.
actor DatabaseGate {
    static let shared = DatabaseGate(limit: 4)

    private let limit: Int
    private var inUse = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(limit: Int) { self.limit = limit }

    func enter() async {
        if inUse < limit {
            inUse += 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func leave() {
        if waiting.isEmpty {
            inUse -= 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}

@Suite("PostgreSQL")
struct PostgreSQLAvailability {
    @Test("Storage tests also run on PostgreSQL", .enabled(if: TestDatabase.postgresURL != nil, "ONRAMP_TEST_DATABASE_URL is not set: every storage test ran on SQLite only"))
    func postgresIsReachable() async throws {
        try await withTestApp(.postgres) { app in
            let health = try await Browser(app).get(SiteURL.healthz.path)
            #expect(health.status == .ok)
        }
    }
}
