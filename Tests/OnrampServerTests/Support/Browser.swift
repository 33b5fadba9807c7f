import Foundation
import Testing
import Vapor
@testable import OnrampServer

/// A browser for tests: real HTTP to the running app, cookies kept between requests, redirects
/// not followed (so a test sees each one), and the CSRF token sent with forms as a page would.
final class Browser: @unchecked Sendable {
    let app: Application
    let base: String
    private(set) var cookies: [String: String] = [:]

    init(_ app: Application) {
        self.app = app
        let port = app.http.server.shared.localAddress?.port ?? 0
        base = "http://127.0.0.1:\(port)"
        // Only takes effect if nothing has made the app's client yet: withTestApp sets it first.
        app.http.client.configuration.redirectConfiguration = .disallow
    }

    struct Page {
        let status: HTTPStatus
        let headers: HTTPHeaders
        let body: String

        var location: String? { headers.first(name: .location) }
        func contains(_ text: String) -> Bool { body.contains(text) }
        func json<T: Decodable>(_ type: T.Type) throws -> T { try JSONDecoder().decode(T.self, from: Data(body.utf8)) }
    }

    @discardableResult
    func get(_ path: String, headers: HTTPHeaders = [:]) async throws -> Page {
        try await send(.GET, path, headers: headers, body: nil)
    }

    enum CSRFField { case fromCookie, omitted, value(String) }

    /// The token a page would hold in its hidden field: derived from the session when signed
    /// in, else the double-submit cookie.
    var formToken: String {
        if let session = cookies[StaffSessions.cookieName] { return CSRFMiddleware.token(forSession: session) }
        return cookies[CSRFMiddleware.cookieName] ?? ""
    }

    /// Posts a form. By default the CSRF token is the one the page's hidden field would hold.
    @discardableResult
    func post(_ path: String, form: [(String, String)], csrf: CSRFField = .fromCookie) async throws -> Page {
        var fields = form
        switch csrf {
        case .fromCookie: fields.append(("_csrf", formToken))
        case .value(let token): fields.append(("_csrf", token))
        case .omitted: break
        }
        let body = fields.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        var headers = HTTPHeaders()
        headers.contentType = .urlEncodedForm
        return try await send(.POST, path, headers: headers, body: body)
    }

    @discardableResult
    func postJSON(_ path: String, _ json: String, csrf: Bool = true) async throws -> Page {
        var headers = HTTPHeaders()
        headers.contentType = .json
        if csrf { headers.add(name: CSRFMiddleware.headerName, value: formToken) }
        return try await send(.POST, path, headers: headers, body: json)
    }

    /// Posts a form with a file, as a browser does for `enctype="multipart/form-data"`.
    @discardableResult
    /// Posts a form with a file, as a browser sends a file input.
    func postMultipart(_ path: String, fields: [(String, String)], file: (field: String, name: String, bytes: [UInt8])?) async throws -> Page {
        let boundary = "onramp-test-\(UUID().uuidString)"
        var body: [UInt8] = []
        for (name, value) in fields + [("_csrf", formToken)] {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        if let file {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.name)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8)
            body += file.bytes + Array("\r\n".utf8)
        }
        body += Array("--\(boundary)--\r\n".utf8)
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        return try await send(.POST, path, headers: headers, bytes: body)
    }

    /// Visits the sign-in page (for the CSRF cookie) and signs in.
    @discardableResult
    func signIn(_ email: String, password: String = Fixture.password) async throws -> Page {
        try await get(SiteURL.signIn.path)
        return try await post(SiteURL.signIn.path, form: [("email", email), ("password", password)])
    }

    func send(_ method: HTTPMethod, _ path: String, headers: HTTPHeaders, body: String?) async throws -> Page {
        try await send(method, path, headers: headers, bytes: body.map { Array($0.utf8) })
    }

    func send(_ method: HTTPMethod, _ path: String, headers: HTTPHeaders, bytes body: [UInt8]?) async throws -> Page {
        var headers = headers
        if !cookies.isEmpty {
            headers.replaceOrAdd(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        }
        let response = try await app.client.send(method, headers: headers, to: URI(string: base + path)) { request in
            if let body { request.body = ByteBuffer(bytes: body) }
        }
        for (name, cookie) in response.headers.setCookie?.all ?? [:] {
            if cookie.string.isEmpty || cookie.maxAge == 0 { cookies[name] = nil } else { cookies[name] = cookie.string }
        }
        return Page(status: response.status, headers: response.headers, body: response.body.map { String(buffer: $0) } ?? "")
    }

    func setCookie(_ name: String, _ value: String?) { cookies[name] = value }

    /// Posts a body exactly as given, for input no browser would send (escapes that are not UTF-8).
    @discardableResult
    func postRaw(_ path: String, body: String, contentType: HTTPMediaType = .urlEncodedForm) async throws -> Page {
        var headers = HTTPHeaders()
        headers.contentType = contentType
        if cookies[StaffSessions.cookieName] != nil, contentType.subType != "x-www-form-urlencoded" { headers.add(name: CSRFMiddleware.headerName, value: formToken) }
        return try await send(.POST, path, headers: headers, body: body)
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._*")
        return text.addingPercentEncoding(withAllowedCharacters: allowed)!.replacingOccurrences(of: "%20", with: "+")
    }
}
