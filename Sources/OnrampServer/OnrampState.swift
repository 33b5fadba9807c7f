import NIOConcurrencyHelpers
import OnrampCore
import Prometheus
import Vapor

/// A setting Onramp cannot start with, said in words at start-up.
public struct ConfigurationProblem: Error, CustomStringConvertible {
    public let description: String

    public init(description: String) { self.description = description }
}

/// What the application holds for its whole life, reached through `app.onramp`.
final class OnrampState: Sendable {
    let settings: Settings
    let metrics = PrometheusCollectorRegistry()
    /// One `SELECT 1` for the health checks that arrive together.
    let health = HealthProbe()
    /// The requests being answered, which stopping waits for.
    let requestsInFlight = RequestsInFlight()
    /// Looks at residents' data, written to the audit log many requests at a time.
    let auditViews = AuditViewWriter()

    private let decoyHash = NIOLockedValueBox<String?>(nil)
    /// Drawn maps, by what they show; see `RunMap.cached`.
    let maps = Kept<RunMap>(limit: 64)
    /// Whole pages that are the same for everyone who may see them until their data changes
    /// (the London map), by a key that names that data.
    let pages = Kept<Page>(limit: 16)
    /// Runs' pages, the same way (see `PlacesController.run`): kept apart, so that clicking
    /// through one run's sorts and layers does not let go of the London map, the costliest.
    let runPages = Kept<Page>(limit: 32)
    /// The insight pages' figures, kept for `Settings.insightMaxAge`.
    let insight: InsightCache

    /// Working days for service standards: the shipped bank holidays, plus any the council adds.
    let workingDays: WorkingDays
    /// Seals data codes; nil when `ONRAMP_DATA_KEY` is not set.
    let dataVault: DataVault?
    /// Whose forwarding headers are believed.
    let proxies: TrustedProxies
    /// Where links in messages and pages point: `ONRAMP_PUBLIC_URL`, which `onramp serve`
    /// cannot start without; only commands that send no links run without it.
    let siteAddress: String

    init(settings: Settings) throws {
        self.settings = settings
        insight = InsightCache(maxAge: settings.insightMaxAge)
        dataVault = try settings.dataKey.map { text in
            guard let vault = DataVault(key: text) else { throw ConfigurationProblem(description: "ONRAMP_DATA_KEY must be 32 bytes, written in base64 or as 64 hex digits") }
            return vault
        }
        guard !settings.usesRetiredTrustProxy else {
            throw ConfigurationProblem(description: "ONRAMP_TRUST_PROXY believed any client's X-Forwarded-For and is no longer read: set ONRAMP_TRUSTED_PROXIES to your proxies' addresses or ranges (like 10.0.0.0/8) instead")
        }
        guard let proxies = TrustedProxies(settings.trustedProxies) else {
            throw ConfigurationProblem(description: "ONRAMP_TRUSTED_PROXIES must list addresses or CIDR ranges, like 10.0.0.0/8, 192.168.1.5")
        }
        self.proxies = proxies
        siteAddress = settings.siteAddress ?? "http://localhost:8080"
        var days = WorkingDays()
        if let file = settings.bankHolidaysFile {
            days = try days.adding(govUKJSON: try Data(contentsOf: URL(fileURLWithPath: file)))
        }
        workingDays = days
    }

    /// A hash to check a password against when the account does not exist, so that an unknown
    /// email takes as long to refuse as a wrong password. Made once, at the configured cost.
    func decoyPasswordHash() throws -> String {
        try decoyHash.withLockedValue { hash in
            if let hash { return hash }
            let made = try Bcrypt.hash(SecretToken.make(), cost: settings.passwordCost)
            hash = made
            return made
        }
    }
}

/// Values made once and kept by a key that names everything they were made from, so that a
/// stale one is never asked for again. At most `limit`: when full, the oldest are as likely to
/// be stale as any, so all are let go.
final class Kept<Value: Sendable>: Sendable {
    let limit: Int
    private let values = NIOLockedValueBox<[String: Value]>([:])

    init(limit: Int) { self.limit = limit }

    subscript(key: String) -> Value? { values.withLockedValue { $0[key] } }

    var count: Int { values.withLockedValue { $0.count } }

    func keep(_ value: Value, as key: String) {
        values.withLockedValue { values in
            if values.count >= limit { values.removeAll() }
            values[key] = value
        }
    }
}

extension Application {
    private struct OnrampStateKey: StorageKey { typealias Value = OnrampState }

    var onramp: OnrampState {
        get {
            guard let state = storage[OnrampStateKey.self] else { fatalError("configure(_:settings:) was not called") }
            return state
        }
        set { storage[OnrampStateKey.self] = newValue }
    }
}
