import Foundation
import Fluent
import NIOConcurrencyHelpers
import OnrampCore
import Vapor

/// The insight pages' figures, kept for a while: worked out from a council's whole history they
/// take seconds with millions of referrals, and they change by a few a minute. A page shows when
/// its figures were worked out. Once they are older than `maxAge` the next request starts
/// working them out again and is shown the ones it has meanwhile, so no one waits for figures
/// that exist; the first request for figures nobody has asked for waits for them, and requests
/// arriving meanwhile wait for the same work rather than repeat it. With a `maxAge` of 0 (tests,
/// and any council that wants it) every request works them out afresh.
final class InsightCache: Sendable {
    struct Made<Value: Sendable>: Sendable {
        let value: Value
        /// When the figures were worked out: the moment of the request that asked for them.
        let at: Date
        /// How long they are kept (0: worked out for this request).
        let keptFor: TimeInterval

        /// "Figures worked out at 7:32pm on Friday 4 December 2026…", for the page to say.
        var workedOut: HTML {
            let when = "\(SessionWording.clock(at)) on \(SessionWording.day.string(from: at))"
            let again = keptFor > 0 ? " They are worked out again when they are more than \(Int(keptFor / 60) == 1 ? "a minute" : "\(max(1, Int(keptFor / 60))) minutes") old." : ""
            return "<p class=\"govuk-body-s\">Figures worked out at \(when).\(again)</p>"
        }
    }

    private struct Entry {
        var made: (value: any Sendable, at: Date)?
        var working: Task<any Sendable, any Error>?
    }

    let maxAge: TimeInterval
    /// Figures for this many pages at most; past it, those not being worked out are dropped.
    static let capacity = 500
    private let entries = NIOLockedValueBox<[String: Entry]>([:])

    init(maxAge: TimeInterval) { self.maxAge = maxAge }

    /// The figures under `key`, kept as above; `now` is the request's moment.
    func figures<Value: Sendable>(_ key: String, now: Date, make: @escaping @Sendable () async throws -> Value) async throws -> Made<Value> {
        guard maxAge > 0 else { return Made(value: try await make(), at: now, keptFor: maxAge) }
        let (ready, working) = entries.withLockedValue { entries -> (Made<Value>?, Task<any Sendable, any Error>?) in
            var entry = entries[key] ?? Entry()
            if entries[key] == nil, entries.count >= Self.capacity { entries = entries.filter { $0.value.working != nil } }
            if let made = entry.made, let value = made.value as? Value {
                if now.timeIntervalSince(made.at) >= maxAge, entry.working == nil {
                    entry.working = work(key, now: now, make: make)
                    entries[key] = entry
                }
                return (Made(value: value, at: made.at, keptFor: maxAge), nil)
            }
            let working = entry.working ?? work(key, now: now, make: make)
            entry.working = working
            entries[key] = entry
            return (nil, working)
        }
        if let ready { return ready }
        guard let value = try await working!.value as? Value else { return Made(value: try await make(), at: now, keptFor: maxAge) }
        return Made(value: value, at: entries.withLockedValue { $0[key]?.made?.at } ?? now, keptFor: maxAge)
    }

    /// Waits for every piece of work under way, as a test does before it looks.
    func settled() async {
        for task in entries.withLockedValue({ $0.values.compactMap(\.working) }) { _ = try? await task.value }
    }

    private func work<Value: Sendable>(_ key: String, now: Date, make: @escaping @Sendable () async throws -> Value) -> Task<any Sendable, any Error> {
        Task {
            do {
                let value = try await make()
                entries.withLockedValue { $0[key, default: Entry()].made = (value, now); $0[key]?.working = nil }
                return value
            } catch {
                entries.withLockedValue { $0[key]?.working = nil }
                throw error
            }
        }
    }
}

extension Request {
    /// Figures for the signed-in person's scope, kept as `InsightCache` says: `name` and `parts`
    /// say which (a page and its choices), and `make` works them out.
    func insight<Value: Sendable>(_ name: String, _ parts: String..., make: @escaping @Sendable (Scope, any Database) async throws -> Value) async throws -> InsightCache.Made<Value> {
        let scope = try scope
        let key = ([name, scope.councilID.uuidString, scope.organisationID?.uuidString ?? "all"] + parts).joined(separator: "|")
        let database = application.db
        return try await application.onramp.insight.figures(key, now: Date()) { try await make(scope, database) }
    }
}
