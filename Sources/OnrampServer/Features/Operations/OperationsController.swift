import Fluent
import SQLKit
import Vapor

/// What operators and machines ask for: health, metrics and the stylesheet.
struct OperationsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.healthz.pathComponents, use: health)
        routes.get(.metrics, use: metrics)
        routes.get(.stylesheet, use: stylesheet)
    }

    /// 200 when the database answers, 503 when it does not, so a load balancer can act on it.
    /// Future-based, with its two bodies made once: it is asked many times a second.
    func health(req: Request) -> EventLoopFuture<Response> {
        req.application.onramp.health.databaseAnswers(on: req.eventLoop) {
            (req.db as! any SQLDatabase).raw("SELECT 1").run()
        }.map { Self.healthy() }.recover { error in
            req.logger.error("health check: database did not answer: \(String(reflecting: error))")
            return Self.unhealthy()
        }
    }

    private static let jsonHeaders: HTTPHeaders = [
        "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store",
    ]
    private static let healthyBody = ByteBuffer(string: #"{"status":"ok","database":"ok"}"#)
    private static let unhealthyBody = ByteBuffer(string: #"{"status":"unavailable","database":"unreachable"}"#)
    private static func healthy() -> Response { Response(status: .ok, headers: jsonHeaders, body: .init(buffer: healthyBody)) }
    private static func unhealthy() -> Response { Response(status: .serviceUnavailable, headers: jsonHeaders, body: .init(buffer: unhealthyBody)) }

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
