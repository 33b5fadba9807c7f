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
            let again = keptFor > 0 ? " They are worked out again once they are \(Self.words(keptFor)) old." : ""
            return "<p class=\"govuk-body-s\">Figures worked out at \(when).\(again)</p>"
        }

        /// "a minute", "5 minutes", "90 seconds".
        static func words(_ seconds: TimeInterval) -> String {
            let whole = Int(seconds.rounded())
            if whole % 60 != 0 { return whole == 1 ? "a second" : "\(whole) seconds" }
            return whole == 60 ? "a minute" : "\(whole / 60) minutes"
        }
    }

    private struct Entry {
        var made: (value: any Sendable, at: Date)?
        var working: Task<any Sendable, any Error>?
    }

    let maxAge: TimeInterval
    /// Figures for this many pages at most; past it, the ones worked out longest ago are dropped.
    static let capacity = 500
    private let entries = NIOLockedValueBox<[String: Entry]>([:])

    init(maxAge: TimeInterval) { self.maxAge = maxAge }

    /// The figures under `key`, kept as above; `now` is the request's moment.
    func figures<Value: Sendable>(_ key: String, now: Date, make: @escaping @Sendable () async throws -> Value) async throws -> Made<Value> {
        guard maxAge > 0 else { return Made(value: try await make(), at: now, keptFor: maxAge) }
        let (ready, working) = entries.withLockedValue { entries -> (Made<Value>?, Task<any Sendable, any Error>?) in
            if entries[key] == nil, entries.count >= Self.capacity { Self.dropOldest(&entries) }
            var entry = entries[key] ?? Entry()
            if let made = entry.made, let value = made.value as? Value {
                let age = now.timeIntervalSince(made.at)
                if age < maxAge { return (Made(value: value, at: made.at, keptFor: maxAge), nil) }
                if entry.working == nil {
                    entry.working = work(key, now: now, make: make)
                    entries[key] = entry
                }
                // Kept figures are shown while new ones are worked out, but not once they are
                // twice as old as the page promises (nobody asked meanwhile): then it waits.
                if age < 2 * maxAge { return (Made(value: value, at: made.at, keptFor: maxAge), nil) }
                return (nil, entry.working)
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

    /// Makes room: the figures worked out longest ago go, not any being worked out.
    private static func dropOldest(_ entries: inout [String: Entry]) {
        let idle = entries.filter { $0.value.working == nil }
        if let oldest = idle.min(by: { ($0.value.made?.at ?? .distantPast) < ($1.value.made?.at ?? .distantPast) }) { entries[oldest.key] = nil }
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
