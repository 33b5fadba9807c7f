import Vapor

/// What the middlewares ask of a request's address, worked out once when it arrives. Vapor's
/// `url.path` rebuilds the path through URLComponents at every call, and a request used to ask
/// for it five times or more before its route ran.
struct RequestTarget: Sendable {
    let path: String
    /// Health checks, metrics and anything under /assets/: asked for again and again by load
    /// balancers, monitors and browsers' caches, so their log lines are written only at debug level.
    let isPolled: Bool
    /// The polled addresses, Notify's callbacks and reading the open ORUK API (the same for
    /// everyone): they never need to know who is asking, nor set cookies. Only reading: were
    /// ONRAMP_ORUK_PATH to name a path of Onramp's own forms, their posts are still checked.
    let isForMachines: Bool
    /// Under the JSON API, `/api/`.
    let isAPI: Bool
    /// Under the open ORUK API's path, whose every answer a browser client may read.
    let isOpenAPI: Bool

    private static let polledPaths: Set<String> = [SiteURL.healthz.path, SiteURL.metrics.path]
    private static let notifyCallbackPath = SiteURL.notifyCallback.path

    init(path: String, method: HTTPMethod, orukPath: String) {
        self.path = path
        isPolled = Self.polledPaths.contains(path) || path.hasPrefix("/assets/")
        isAPI = path.hasPrefix("/api/")
        let open = "/" + orukPath
        isOpenAPI = path == open || path.hasPrefix(open + "/")
        isForMachines = isPolled || path == Self.notifyCallbackPath || (isOpenAPI && [.GET, .HEAD, .OPTIONS].contains(method))
    }
}

extension Request {
    private struct TargetKey: StorageKey { typealias Value = RequestTarget }

    /// This request's address, as the middlewares and error pages read it.
    var target: RequestTarget {
        if let known = storage[TargetKey.self] { return known }
        let made = RequestTarget(path: url.path, method: method, orukPath: application.onramp.settings.orukPath)
        storage[TargetKey.self] = made
        return made
    }
}
