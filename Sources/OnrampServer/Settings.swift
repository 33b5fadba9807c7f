import Foundation

/// Everything that differs between one Onramp process and another, read once at start-up and
/// passed in, so tests build the same application with their own values.
public struct Settings: Sendable {
    public enum Storage: Sendable, Equatable {
        case sqlite(path: String)
        case postgres(url: String)
    }

    public var storage: Storage
    /// Where people reach Onramp. When it starts with https, cookies are marked Secure.
    public var publicURL: String?
    /// bcrypt cost: 12 in service, lower in tests where hashing speed is not the point.
    public var passwordCost: Int
    /// A session ends after this long without a request…
    public var sessionIdleTimeout: TimeInterval
    /// …and in any case this long after sign-in.
    public var sessionMaxAge: TimeInterval
    public var invitationLifetime: TimeInterval
    public var maxBodySize: Int
    public var logFormat: LogFormat
    /// The proxies in front of Onramp whose `X-Forwarded-For` and `X-Forwarded-Proto` are
    /// believed (`ONRAMP_TRUSTED_PROXIES`: addresses or CIDR ranges); none by default.
    public var trustedProxies: String
    /// `ONRAMP_TRUST_PROXY` was set: it believed any client, and Onramp now refuses to start with it.
    public var usesRetiredTrustProxy = false
    /// Where the open ORUK 3.0 API is mounted (`ONRAMP_ORUK_PATH`), without slashes.
    public var orukPath: String
    /// The folder holding `oruk-3.0/openapi.json` (`ONRAMP_SPECS_DIR`), served as the API's document.
    public var specsDirectory: String
    /// GOV.UK Notify, when set up; otherwise messages wait in the outbox for staff.
    public var notify: NotifySettings?
    /// Extra England and Wales bank holidays, as GOV.UK's bank-holidays.json (`ONRAMP_BANK_HOLIDAYS`).
    public var bankHolidaysFile: String?
    /// The key that seals SIM and voucher codes (`ONRAMP_DATA_KEY`, 32 bytes in base64 or hex).
    /// Without it the data bank takes no codes.
    public var dataKey: String?
    /// How long the insight pages' figures are kept before they are worked out again
    /// (`ONRAMP_INSIGHT_MAX_AGE`, seconds up to a day; 300 when serving, 0 in tests: afresh every time).
    public var insightMaxAge: TimeInterval

    public enum LogFormat: String, Sendable { case text, json }

    public init(
        storage: Storage,
        publicURL: String? = nil,
        passwordCost: Int = 12,
        sessionIdleTimeout: TimeInterval = 2 * 60 * 60,
        sessionMaxAge: TimeInterval = 12 * 60 * 60,
        invitationLifetime: TimeInterval = 7 * 24 * 60 * 60,
        maxBodySize: Int = 1_048_576,
        logFormat: LogFormat = .text,
        trustedProxies: String = "",
        orukPath: String = "openreferral",
        specsDirectory: String = "../shared/specs",
        notify: NotifySettings? = nil,
        bankHolidaysFile: String? = nil,
        dataKey: String? = nil,
        insightMaxAge: TimeInterval = 0
    ) {
        self.insightMaxAge = insightMaxAge
        self.dataKey = dataKey
        self.notify = notify
        self.bankHolidaysFile = bankHolidaysFile
        self.storage = storage
        self.publicURL = publicURL
        self.passwordCost = passwordCost
        self.sessionIdleTimeout = sessionIdleTimeout
        self.sessionMaxAge = sessionMaxAge
        self.invitationLifetime = invitationLifetime
        self.maxBodySize = maxBodySize
        self.logFormat = logFormat
        self.trustedProxies = trustedProxies
        self.orukPath = orukPath
        self.specsDirectory = specsDirectory
    }

    /// Reads the settings: `--database PATH` (removed from `arguments`), then the environment
    /// (`DATABASE_URL`, `DATABASE_PATH`, `ONRAMP_PUBLIC_URL`, `LOG_FORMAT`, `ONRAMP_ORUK_PATH`, `ONRAMP_SPECS_DIR`).
    public static func read(arguments: inout [String], environment: [String: String]) -> Settings {
        var databasePath = environment["DATABASE_PATH"] ?? "./onramp.sqlite"
        if let flag = arguments.firstIndex(of: "--database"), flag + 1 < arguments.count {
            databasePath = arguments[flag + 1]
            arguments.removeSubrange(flag...(flag + 1))
        }
        let storage: Storage = environment["DATABASE_URL"].map { .postgres(url: $0) } ?? .sqlite(path: databasePath)
        var settings = Settings(
            storage: storage,
            publicURL: environment["ONRAMP_PUBLIC_URL"] ?? demoAddress(arguments),
            logFormat: LogFormat(rawValue: environment["LOG_FORMAT"] ?? "") ?? .text,
            trustedProxies: environment["ONRAMP_TRUSTED_PROXIES"] ?? "",
            // Empty would put the API at "/", the home page's address: the default instead.
            orukPath: environment["ONRAMP_ORUK_PATH"].map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "/")) }.flatMap { $0.isEmpty ? nil : $0 } ?? "openreferral",
            specsDirectory: environment["ONRAMP_SPECS_DIR"] ?? "../shared/specs",
            notify: NotifySettings.read(environment),
            bankHolidaysFile: environment["ONRAMP_BANK_HOLIDAYS"],
            // The demo's codes are not real: it seals them with a published key, like its passwords.
            dataKey: environment["ONRAMP_DATA_KEY"] ?? (arguments.dropFirst().first == "demo" ? DataVault.demoKey : nil),
            insightMaxAge: environment["ONRAMP_INSIGHT_MAX_AGE"].flatMap(TimeInterval.init).flatMap { $0.isFinite ? min(max(0, $0), 86_400) : nil } ?? 300
        )
        settings.usesRetiredTrustProxy = environment["ONRAMP_TRUST_PROXY"] != nil
        return settings
    }

    /// `onramp demo` is its own public address: where it listens (`--hostname`, `--port`).
    static func demoAddress(_ arguments: [String]) -> String? {
        guard arguments.dropFirst().first == "demo" else { return nil }
        func option(_ name: String) -> String? {
            arguments.firstIndex(of: name).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
        }
        return "http://\(option("--hostname") ?? "127.0.0.1"):\(option("--port") ?? "8080")"
    }

    /// The public address without a trailing slash, for links in messages; nil when not set.
    var siteAddress: String? {
        publicURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
    }

    var cookiesAreSecure: Bool { publicURL?.lowercased().hasPrefix("https://") ?? false }
}
