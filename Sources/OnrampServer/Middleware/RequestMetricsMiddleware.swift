import NIOConcurrencyHelpers
import Prometheus
import Vapor

/// Counts and times every request by route, logs one structured line for it, and hands the
/// request id back to the caller so a report can be matched to the log.
struct RequestMetricsMiddleware: Middleware {
    let registry: PrometheusCollectorRegistry
    /// The registry checks names and labels on every lookup; a route's handles are looked up once.
    private let handles = NIOLockedValueBox<[String: (Counter, DurationHistogram)]>([:])

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
        let route = Self.routeLabel(request)
        let method = request.method.rawValue
        let status = String(response.status.code)

        let (counter, histogram) = handles(method: method, route: route, status: status)
        counter.increment()
        histogram.record(elapsed)

        response.headers.replaceOrAdd(name: "X-Request-Id", value: id)
        let milliseconds = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
        request.logger.info("request", metadata: [
            "method": .string(method), "route": .string(route), "path": .string(request.loggablePath),
            "status": .string(status), "duration_ms": .string(String(format: "%.1f", milliseconds)),
        ])
    }

    private func handles(method: String, route: String, status: String) -> (Counter, DurationHistogram) {
        let key = "\(method) \(route) \(status)"
        if let found = handles.withLockedValue({ $0[key] }) { return found }
        let made = (
            registry.makeCounter(
                descriptor: .init(metricName: "http_requests", unitName: "total", helpText: "HTTP requests by route and status"),
                labels: [("method", method), ("route", route), ("status", status)]
            ),
            registry.makeDurationHistogram(
                descriptor: .init(metricName: "http_request_duration", unitName: "seconds", helpText: "Time to answer, by route"),
                labels: [("method", method), ("route", route)],
                buckets: Self.buckets
            )
        )
        handles.withLockedValue { $0[key] = made }
        return made
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
