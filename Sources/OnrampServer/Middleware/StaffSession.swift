import Fluent
import OnrampCore
import Vapor

/// The signed-in person behind a request.
struct StaffContext: Sendable {
    let user: User
    let organisation: Organisation
    let sessionID: UUID

    var userID: UUID { user.id! }
    var councilID: UUID { user.councilID }
    var role: Role { user.role }
    func may(_ action: Action) -> Bool { Permissions.allows(role, action) }
}

/// Starting, resuming and ending staff sessions.
enum StaffSessions {
    static let cookieName = "onramp_session"

    enum Resumed {
        case active(StaffContext)
        case expired
        case unknown
    }

    /// Creates a session and returns the token for the cookie.
    static func start(for user: User, on database: any Database, now: Date, settings: Settings) async throws -> String {
        let token = SecretToken.make()
        try await UserSession(
            tokenHash: SecretToken.hash(token), userID: user.id!, now: now,
            expiresAt: now.addingTimeInterval(settings.sessionMaxAge)
        ).create(on: database)
        return token
    }

    static func resume(token: String, on database: any Database, now: Date, settings: Settings) async throws -> Resumed {
        guard let found = try await SignedIn.all(binding: [SecretToken.hash(token)], on: database).first else { return .unknown }
        let session = try StoredSession(found)
        let idleFor = now.timeIntervalSince(session.lastSeenAt)
        guard session.user.isActive, now < session.expiresAt, idleFor < settings.sessionIdleTimeout else {
            try await end(sessionID: session.id, on: database)
            return .expired
        }
        // Writing on every request would be wasteful; a minute's precision is plenty for idling.
        if idleFor > 60 {
            try await UserSession.query(on: database).filter(\.$id == session.id).set(\.$lastSeenAt, to: now).update()
        }
        return .active(StaffContext(user: session.user, organisation: session.user.organisation, sessionID: session.id))
    }

    static func end(sessionID: UUID, on database: any Database) async throws {
        try await UserSession.query(on: database).filter(\.$id == sessionID).delete()
    }

    /// Ends every session a person has, but `keeping` one, after a password change or deactivation.
    static func endAll(userID: UUID, keeping: UUID? = nil, on database: any Database) async throws {
        var query = UserSession.query(on: database).filter(\.$user.$id == userID)
        if let keeping { query = query.filter(\.$id != keeping) }
        try await query.delete()
    }

    /// A redirect that sets the session cookie to `token`, or clears it when `token` is nil:
    /// how signing in, accepting an invitation and signing out all end.
    static func redirect(_ request: Request, to path: String, session token: String?) -> Response {
        let response = request.redirect(to: path, redirectType: .normal)
        response.cookies[cookieName] = .init(
            string: token ?? "", expires: token == nil ? Date(timeIntervalSince1970: 0) : nil,
            maxAge: token == nil ? 0 : nil, path: "/",
            isSecure: request.isHTTPS, isHTTPOnly: true, sameSite: .lax
        )
        return response
    }

    /// Removes sessions past their end, so the table holds only live ones.
    static func prune(now: Date, on database: any Database) async throws {
        try await UserSession.query(on: database).filter(\.$expiresAt < now).delete()
    }
}

/// Loads the staff session named by the cookie, if any, before the route runs.
struct StaffSessionMiddleware: Middleware {
    // A future-based middleware: a request without a session needs no task of its own.
    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        guard let token = request.cookies[StaffSessions.cookieName]?.string, !token.isEmpty, !request.target.isForMachines else {
            return next.respond(to: request)
        }
        return request.eventLoop.makeFutureWithTask {
            let settings = request.application.onramp.settings
            switch try await StaffSessions.resume(token: token, on: request.db, now: Date(), settings: settings) {
            case .active(let staff):
                request.staff = staff
                request.logger[metadataKey: "user-id"] = .string(staff.userID.uuidString)
            case .expired:
                request.sessionExpired = true
            case .unknown:
                break
            }
        }.flatMap { next.respond(to: request) }
    }
}

/// Lets a route through only for a signed-in person whose role allows `action`.
struct Require: AsyncMiddleware {
    let action: Action

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let staff = try request.signedIn()
        guard staff.may(action) else {
            request.logger.notice("refused: role may not do this", metadata: ["action": .string(action.rawValue)])
            throw Abort(.forbidden, reason: "Your account does not allow you to do this. Ask an administrator if you need to.")
        }
        return try await next.respond(to: request)
    }
}

extension Request {
    private struct StaffKey: StorageKey { typealias Value = StaffContext }
    private struct ExpiredKey: StorageKey { typealias Value = Bool }

    var staff: StaffContext? {
        get { storage[StaffKey.self] }
        set { storage[StaffKey.self] = newValue }
    }

    var sessionExpired: Bool {
        get { storage[ExpiredKey.self] ?? false }
        set { storage[ExpiredKey.self] = newValue }
    }

    /// The signed-in person, or: for a page, a redirect to sign in that comes back here; for the
    /// API, 401.
    func signedIn() throws -> StaffContext {
        if let staff { return staff }
        if target.isAPI {
            throw Abort(.unauthorized, reason: sessionExpired ? "Your session has expired. Sign in again." : "Sign in to use this API.")
        }
        let back = method == .GET ? url.string : nil
        var query: [(String, String)] = [("next", back ?? "")]
        if sessionExpired { query.append(("expired", "1")) }
        throw Abort.redirect(to: SiteURL.signIn.path(query: query))
    }

    /// The path for logs, with its secrets masked: a logged token would be a usable link.
    var loggablePath: String {
        // Decoded first: the router decodes "%53fn…" to a working token, so the log must see it so too.
        SiteURL.maskingSecrets(in: target.path.removingPercentEncoding ?? target.path)
    }

    /// Whether the person reached us over HTTPS: the configured public address says so, or a
    /// trusted proxy does.
    var isHTTPS: Bool {
        application.onramp.settings.cookiesAreSecure
            || (remoteAddress?.ipAddress.map(application.onramp.proxies.contains) == true && headers.first(name: "X-Forwarded-Proto")?.lowercased() == "https")
    }

    /// Who is asking, for the audit log and the throttles: the connection's address, or behind
    /// a trusted proxy what the proxies saw (see `TrustedProxies`), so nobody can write their
    /// own address into the log or dodge a limit.
    var clientAddress: String? {
        application.onramp.proxies.clientAddress(peer: remoteAddress?.ipAddress, forwardedFor: headers[.xForwardedFor])
    }
}

extension RoutesBuilder {
    /// Registers a staff page behind `Require(action)`, and records the action on the route so
    /// tests can walk every protected route against the permission table.
    @discardableResult
    func get(_ url: SiteURL, requiring action: Action, use handler: @Sendable @escaping (Request) async throws -> some AsyncResponseEncodable) -> Route {
        let route = grouped(Require(action: action)).get(url, use: handler)
        route.userInfo["action"] = action
        return route
    }

    /// `largeBody`: a form that carries a file bigger than the usual limit, like a certificate.
    @discardableResult
    func post(_ url: SiteURL, requiring action: Action, largeBody: ByteCount? = nil, use handler: @Sendable @escaping (Request) async throws -> some AsyncResponseEncodable) -> Route {
        let route = grouped(Require(action: action)).on(.POST, url.pathComponents, body: largeBody.map { .collect(maxSize: $0) } ?? .collect, use: handler)
        route.userInfo["action"] = action
        // Read by `Request.bodyLimit`, so middleware that reads the body first keeps to it.
        if let largeBody { route.userInfo["bodyLimit"] = largeBody }
        return route
    }
}
