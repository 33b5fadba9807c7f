import Fluent
import SQLKit
import Vapor

/// What operators and machines ask for: health, metrics and the stylesheet.
struct OperationsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.healthz, use: health)
        routes.get(.metrics, use: metrics)
        routes.get(.stylesheet, use: stylesheet)
    }

    struct Health: Content {
        let status: String
        let database: String
    }

    /// 200 when the database answers, 503 when it does not, so a load balancer can act on it.
    func health(req: Request) async throws -> Response {
        let healthy: Bool
        do {
            try await (req.db as! any SQLDatabase).raw("SELECT 1").run()
            healthy = true
        } catch {
            req.logger.error("health check: database did not answer: \(String(reflecting: error))")
            healthy = false
        }
        let response = Response(status: healthy ? .ok : .serviceUnavailable)
        try response.content.encode(Health(status: healthy ? "ok" : "unavailable", database: healthy ? "ok" : "unreachable"))
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    func metrics(req: Request) async throws -> Response {
        let response = Response(status: .ok, body: .init(string: req.application.onramp.metrics.emitToString()))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "plain", parameters: ["version": "0.0.4", "charset": "utf-8"])
        return response
    }

    static let stylesheetETag = "\"\(SecretToken.hash(Stylesheet.css).prefix(16))\""

    func stylesheet(req: Request) async throws -> Response {
        if req.headers.first(name: .ifNoneMatch) == Self.stylesheetETag {
            return Response(status: .notModified)
        }
        let response = Response(status: .ok, body: .init(string: Stylesheet.css))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "css", parameters: ["charset": "utf-8"])
        response.headers.replaceOrAdd(name: .eTag, value: Self.stylesheetETag)
        response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=3600")
        return response
    }
}
