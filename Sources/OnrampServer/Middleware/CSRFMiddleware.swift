import Vapor

/// Refuses any request that changes something unless it carries the form token, as a `_csrf`
/// form field or an `X-CSRF-Token` header. With a session, the token is derived from the
/// session's secret, so a cookie planted from elsewhere cannot forge it; before sign-in it is the
/// random `onramp_csrf` cookie (double submit). A request to the JSON API with no session
/// cookie has no ambient authority to abuse, so it is not checked here.
struct CSRFMiddleware: Middleware {
    static let cookieName = "onramp_csrf"
    static let fieldName = "_csrf"
    static let headerName = "X-CSRF-Token"

    // A future-based middleware: only a form's token needs a task (to read the body).
    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        if request.target.isForMachines { return next.respond(to: request) }
        let sentCookie = request.cookies[Self.cookieName]?.string
        let sessionCookie = request.cookies[StaffSessions.cookieName]?.string
        let session = sessionCookie?.isEmpty == false ? sessionCookie : nil
        let expected = session.map(Self.token(forSession:)) ?? (sentCookie?.count == 43 ? sentCookie : nil)
        request.csrfToken = expected ?? SecretToken.make()

        let checked = !Self.needsCheck(request) ? request.eventLoop.makeSucceededVoidFuture() : request.eventLoop.makeFutureWithTask {
            let sent = try await Self.sentToken(request)
            guard let expected, let sent, SecretToken.equal(expected, sent) else {
                request.logger.notice("refused: missing or wrong CSRF token", metadata: ["path": .string(request.loggablePath)])
                throw Abort(.forbidden, reason: CSRFMiddleware.refusal)
            }
        }
        return checked.flatMap { next.respond(to: request) }.map { response in
            Self.attachCookie(to: response, for: request)
            return response
        }
    }

    /// The form token of a signed-in browser: a one-way function of its session token.
    static func token(forSession sessionToken: String) -> String {
        String(SecretToken.hash("csrf:" + sessionToken).prefix(43))
    }

    static let refusal = "This form could not be accepted because it was out of date or did not come from Onramp. Go back, reload the page and try again."

    static func needsCheck(_ request: Request) -> Bool {
        guard ![.GET, .HEAD, .OPTIONS].contains(request.method) else { return false }
        return !(request.target.isAPI && request.cookies[StaffSessions.cookieName] == nil)
    }

    private static func sentToken(_ request: Request) async throws -> String? {
        if let header = request.headers.first(name: headerName) { return header }
        // Forms post urlencoded, or multipart when they carry a file.
        guard request.headers.contentType == .urlEncodedForm || request.headers.contentType?.type == "multipart" else { return nil }
        _ = try await request.collectBody()
        return try? request.content.get(String.self, at: fieldName)
    }

    /// Sets the double-submit cookie for a browser that is not signed in and has none yet.
    /// Called for error pages too, since they can hold forms.
    static func attachCookie(to response: Response, for request: Request) {
        guard let token = request.csrfToken, !request.target.isForMachines,
              request.cookies[StaffSessions.cookieName] == nil, response.cookies[StaffSessions.cookieName] == nil,
              request.cookies[cookieName]?.string != token
        else { return }
        response.cookies[cookieName] = .init(
            string: token, expires: nil, path: "/",
            isSecure: request.isHTTPS, isHTTPOnly: true, sameSite: .lax
        )
    }
}

extension Request {
    private struct CSRFTokenKey: StorageKey { typealias Value = String }

    /// The token forms on this page must carry.
    var csrfToken: String? {
        get { storage[CSRFTokenKey.self] }
        set { storage[CSRFTokenKey.self] = newValue }
    }
}

/// Random tokens for cookies and one-time links, and their stored hashes.
enum SecretToken {
    /// 32 random bytes, base64url without padding: 43 characters.
    static func make() -> String {
        // Four 64-bit draws rather than 32 single bytes: each draw is a system call.
        var generator = SystemRandomNumberGenerator()
        var bytes = [UInt8]()
        bytes.reserveCapacity(32)
        for _ in 0..<4 {
            withUnsafeBytes(of: generator.next() as UInt64) { bytes.append(contentsOf: $0) }
        }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).hexDigits
    }

    /// Compares without stopping at the first difference, so timing tells an attacker nothing.
    static func equal(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
