import NIOConcurrencyHelpers
import OnrampCore
import Prometheus
import Vapor

/// A setting Onramp cannot start with, said in words at start-up.
struct ConfigurationProblem: Error, CustomStringConvertible {
    let description: String
}

/// What the application holds for its whole life, reached through `app.onramp`.
final class OnrampState: Sendable {
    let settings: Settings
    let metrics = PrometheusCollectorRegistry()

    private let decoyHash = NIOLockedValueBox<String?>(nil)
    /// Drawn maps, by what they show; see `RunMap.cached`.
    let maps = NIOLockedValueBox<[String: RunMap]>([:])

    /// Working days for service standards: the shipped bank holidays, plus any the council adds.
    let workingDays: WorkingDays
    /// Seals data codes; nil when `ONRAMP_DATA_KEY` is not set.
    let dataVault: DataVault?

    init(settings: Settings) throws {
        self.settings = settings
        dataVault = try settings.dataKey.map { text in
            guard let vault = DataVault(key: text) else { throw ConfigurationProblem(description: "ONRAMP_DATA_KEY must be 32 bytes, written in base64 or as 64 hex digits") }
            return vault
        }
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
