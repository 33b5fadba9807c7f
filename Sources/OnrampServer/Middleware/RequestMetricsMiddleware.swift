import NIOConcurrencyHelpers
import Prometheus
import Vapor

/// Counts and times every request by route, logs one structured line for it (at debug level
/// for polled addresses), and hands the request id back to the caller so a report can be
/// matched to the log.
struct RequestMetricsMiddleware: Middleware {
    let registry: PrometheusCollectorRegistry
    /// The registry checks names and labels on every lookup; a route's handles are looked up once.
    private let handles = NIOLockedValueBox<[RouteKey: RouteMetrics]>([:])

    init(registry: PrometheusCollectorRegistry) { self.registry = registry }

    static let buckets: [Duration] = [
        .milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
        .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5),
    ]

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        // Vapor takes a client's X-Request-Id as the request's id, so a client could forge log
        // lines; ours is always made here, and the client's is kept apart, cut to a safe length.
        let id = UUID().uuidString
        request.logger[metadataKey: "request-id"] = .string(id)
        if let sent = request.headers.first(name: .xRequestId) {
            request.logger[metadataKey: "client-request-id"] = .string(Self.loggable(sent))
        }
        let start = ContinuousClock.now
        return next.respond(to: request).map { response in
            record(response, for: request, id: id, after: ContinuousClock.now - start)
            return response
        }
    }

    private func record(_ response: Response, for request: Request, id: String, after elapsed: Duration) {
        let route = self.route(request, answered: response.status.code)
        route.counter.increment()
        route.histogram.record(elapsed)

        response.headers.replaceOrAdd(name: "X-Request-Id", value: id)
        // Polled addresses are asked many times a second: their lines would drown the rest.
        request.logger.log(level: request.target.isPolled ? .debug : .info, "request", metadata: [
            "method": .string(request.method.rawValue), "route": .string(route.label), "path": .string(request.loggablePath),
            "status": .string(String(response.status.code)), "duration_ms": .string(Self.milliseconds(elapsed)),
        ])
    }

    /// A route's label and its metrics, by the route itself (the same object for every request
    /// it answers), its method and the status it answered with.
    private struct RouteKey: Hashable {
        let route: ObjectIdentifier?
        let method: String
        let status: UInt
    }

    private struct RouteMetrics {
        let label: String
        let counter: Counter
        let histogram: DurationHistogram
    }

    private func route(_ request: Request, answered status: UInt) -> RouteMetrics {
        let key = RouteKey(route: request.route.map(ObjectIdentifier.init), method: request.method.rawValue, status: status)
        if let found = handles.withLockedValue({ $0[key] }) { return found }
        let label = Self.routeLabel(request)
        let made = RouteMetrics(
            label: label,
            counter: registry.makeCounter(
                descriptor: .init(metricName: "http_requests", unitName: "total", helpText: "HTTP requests by route and status"),
                labels: [("method", key.method), ("route", label), ("status", String(status))]
            ),
            histogram: registry.makeDurationHistogram(
                descriptor: .init(metricName: "http_request_duration", unitName: "seconds", helpText: "Time to answer, by route"),
                labels: [("method", key.method), ("route", label)],
                buckets: Self.buckets
            )
        )
        handles.withLockedValue { $0[key] = made }
        return made
    }

    /// Milliseconds to the nearest tenth, as "12.3".
    static func milliseconds(_ elapsed: Duration) -> String {
        let tenths = elapsed.components.seconds * 10_000 + (elapsed.components.attoseconds + 50_000_000_000_000) / 100_000_000_000_000
        return "\(tenths / 10).\(tenths % 10)"
    }

    /// A client's own request id as a log may hold it: letters, digits and `-_.:` only, at
    /// most 64 of them.
    static func loggable(_ sent: String) -> String {
        String(sent.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) && $0.isASCII || "-_.:".unicodeScalars.contains($0) }.prefix(64).map(Character.init))
    }

    /// The route's pattern ("/admin/users/:userID"), never the raw path, so labels stay few.
    static func routeLabel(_ request: Request) -> String {
        guard let route = request.route else { return "unmatched" }
        return "/" + route.path.map(\.description).joined(separator: "/")
    }
}
