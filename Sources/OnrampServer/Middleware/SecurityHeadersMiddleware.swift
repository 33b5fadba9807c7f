import Vapor

/// Headers every response carries. The policy forbids inline script and style, so pages must
/// work from /assets alone. Every answer under the open API's path, refusals and unknown
/// addresses included, also carries `Access-Control-Allow-Origin: *`, so a browser client can
/// always read why.
struct SecurityHeadersMiddleware: Middleware {
    static let contentSecurityPolicy = [
        "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
        "object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'",
    ].joined(separator: "; ")

    private static let everyResponse = [
        ("Content-Security-Policy", contentSecurityPolicy),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
        ("X-Frame-Options", "DENY"),
        ("Cross-Origin-Opener-Policy", "same-origin"),
        ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
    ]

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        next.respond(to: request).map { Self.add(to: $0, for: request) }
    }

    private static func add(to response: Response, for request: Request) -> Response {
        for (name, value) in everyResponse { response.headers.replaceOrAdd(name: name, value: value) }
        if request.isHTTPS {
            response.headers.replaceOrAdd(name: "Strict-Transport-Security", value: "max-age=31536000")
        }
        if request.target.isOpenAPI { response.headers.replaceOrAdd(name: .accessControlAllowOrigin, value: "*") }
        // Pages for signed-in staff may hold personal data: keep them out of shared caches.
        if request.staff != nil, response.headers.first(name: .cacheControl) == nil {
            response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        }
        return response
    }
}
