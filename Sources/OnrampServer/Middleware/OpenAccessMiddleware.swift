import Vapor

/// `Access-Control-Allow-Origin: *` on every answer under the open API's path, refusals and
/// unknown addresses included, so a browser client can always read why.
struct OpenAccessMiddleware: Middleware {
    static func isOpen(_ request: Request) -> Bool {
        let prefix = "/" + request.application.onramp.settings.orukPath
        return request.url.path == prefix || request.url.path.hasPrefix(prefix + "/")
    }

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        next.respond(to: request).map { response in
            if Self.isOpen(request) { response.headers.replaceOrAdd(name: .accessControlAllowOrigin, value: "*") }
            return response
        }
    }
}
