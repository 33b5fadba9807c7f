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

    /// Makes an empty database and returns how to reach it and how to remove it.
    func makeFresh() async throws -> (Settings.Storage, @Sendable () async -> Void) {
        let name = "onramp_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        switch self {
        case .sqlite:
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(name).sqlite").path
            return (.sqlite(path: path), {
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            })
        case .postgres:
            let adminURL = Self.postgresURL!
            try await Self.runAdmin("CREATE DATABASE \(name)", url: adminURL)
            var components = URLComponents(string: adminURL)!
            components.path = "/" + name
            return (.postgres(url: components.string!), {
                try? await Self.runAdmin("DROP DATABASE IF EXISTS \(name) WITH (FORCE)", url: adminURL)
            })
        }
    }

    /// Runs one statement against the server's own database, outside any test's database.
    private static func runAdmin(_ statement: String, url: String) async throws {
        let app = try await Application.make(.testing)
        do {
            try useStorage(.postgres(url: url), on: app)
            try await (app.db as! any SQLDatabase).raw(SQLQueryString(statement)).run()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
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
