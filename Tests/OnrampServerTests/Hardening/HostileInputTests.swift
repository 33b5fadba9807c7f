import Fluent
import Foundation
import Testing
import Vapor
@testable import OnrampCore
@testable import OnrampServer

/// Every registered route, GET and POST, as the public and as a person of every role, with
/// hostile values in every query parameter and form field it reads: no answer is a 5xx, and
/// the server is still there at the end. The fields a route reads are found the way a person
/// finds them, from the forms and links of every page, and from the names the sources read.
@Suite struct HostileInputTests {
    /// Sent in every field at once.
    static let everywhere: [String] = [
        "9223372036854775807", "-9223372036854775808", "99999999999999999999999", "", "a\u{0}b", "%FF%FE%00",
        (1...1000).map { "word\($0)" }.joined(separator: " "), "Z\u{0324}\u{0354}a\u{0308}\u{0356} \u{202E}tfel\u{202C} \u{FEFF}\u{1F469}\u{200D}\u{1F469}\u{200D}\u{1F467} \u{D7FF}\u{10FFFF}",
        "1e309", "2026-02-30", "<script>alert(1)</script>", "' OR 1=1 --", "../../etc/passwd",
    ]
    /// Sent in one field at a time, the rest of the form as the page fills it.
    static let oneByOne: [String] = ["9223372036854775807", "-1", String(repeating: "x", count: 100_000), "\u{1F469}\u{200D}\u{1F469}\u{200D}\u{1F467}\u{0301}"]

    /// The names the sources read from queries and forms, beside those the pages show.
    static func namesInSources() throws -> Set<String> {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/OnrampServer")
        var names: Set<String> = []
        let patterns = [#/query\.get\([^,]+, at: "([^"]+)"\)/#, #/query\[[^,]+, at: "([^"]+)"\]/#, #/fields\["([^"]+)"\]/#, #/fields\.all\("([^"]+)"\)/#,
                        #/value\("([^"]+)"\)/#, #/ORUKQuery\.(?:flag|uuid|integer)\(req, "([^"]+)"\)/#]
        for case let file as URL in FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)! where file.pathExtension == "swift" {
            let text = try String(contentsOf: file, encoding: .utf8)
            for pattern in patterns { for match in text.matches(of: pattern) { names.insert(String(match.output.1)) } }
        }
        return names
    }

    @Test(arguments: TestDatabase.available)
    func noRouteAnswers5xxWhateverItIsSent(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            // The real libraries first: the demo's directory loads only into an empty one.
            try await DirectoryTests.loadDirectory(on: app.db)
            var world = try await World.make(on: app.db, settings: app.onramp.settings)
            world.values[SiteURL.locationKey] = try #require(try await DirectoryLocation.query(on: app.db).first()?.id).uuidString
            let routes = app.routes.all.filter { [.GET, .POST].contains($0.method) }
            let sourceNames = try Self.namesInSources()
            #expect(sourceNames.count > 30)

            var actors: [(String, Browser)] = [("the public", Browser(app))]
            for role in Role.allCases {
                let browser = Browser(app)
                try await browser.signIn(world.people[role]!.email)
                actors.append((role.rawValue, browser))
            }

            // What each route reads, found from every page as every person sees it.
            var forms = FormsSeen(routes: routes)
            for (_, browser) in actors {
                for route in routes where route.method == .GET {
                    let page = try await browser.get(world.path(route))
                    forms.read(page.body)
                }
            }
            #expect(forms.names.count >= 30, "the walk found the forms")

            var fieldByField: Set<String> = []
            var requests = 0, refusedAtTheDoor = 0
            var failures: [String] = []
            /// Sends, and notes a 5xx or a connection the server dropped. An address longer than
            /// HTTP's header limit (80 KB in SwiftNIO's parser) is refused by closing the
            /// connection before Onramp sees it: that is counted, and the server must live on.
            func check(_ send: @autoclosure () async throws -> Browser.Page, _ what: @autoclosure () -> String, addressLength: Int = 0) async -> Browser.Page? {
                requests += 1
                do {
                    let page = try await send()
                    if page.status.code >= 500 { failures.append("\(page.status.code) \(what())") }
                    return page
                } catch where addressLength > 80 * 1024 {
                    refusedAtTheDoor += 1
                    return nil
                } catch {
                    failures.append("\(error) \(what())")
                    return nil
                }
            }
            for (who, browser) in actors {
                // Public routes answer everyone alike: the public and one person are enough.
                for route in routes.sorted(by: { ($0.method == .POST ? 1 : 0, $0.description) < ($1.method == .POST ? 1 : 0, $1.description) })
                where route.userInfo["action"] != nil || who == "the public" || who == Role.admin.rawValue {
                    let key = FormsSeen.key(route)
                    let path = world.path(route)
                    let own = forms.names[key] ?? []
                    let names = Array(own.union(sourceNames).union(["page", "q", "search"])).sorted()
                    var reachable = true
                    for value in Self.everywhere {
                        let encoded = value.hasPrefix("%") ? value : Browser.encode(value)
                        // An address carries as many of the names as fit under HTTP's limit; a body all of them.
                        let perRequest = route.method == .GET ? max(1, 60_000 / max(1, encoded.count + 20)) : names.count
                        for start in stride(from: 0, to: names.count, by: perRequest) {
                            let query = names[start..<min(names.count, start + perRequest)].map { "\($0)=\(encoded)" }.joined(separator: "&")
                            let page = await check(route.method == .GET
                                ? try await browser.get(path + "?" + query)
                                : try await browser.postRaw(path, body: query + "&_csrf=" + browser.formToken), "\(who) \(route.method) \(path) with \(value.prefix(30)) in every field")
                            if let page, [.forbidden, .seeOther, .unauthorized].contains(page.status), value == Self.everywhere[0] { reachable = false }
                            if !reachable { break }
                        }
                        if !reachable { break }
                    }
                    // One field at a time, as the first person the route lets in: every role runs the same code.
                    guard reachable, !fieldByField.contains(key) else { continue }
                    fieldByField.insert(key)
                    let defaults = forms.defaults[key] ?? [:]
                    for name in own.sorted() {
                        for value in Self.oneByOne {
                            var fields = defaults
                            fields[name] = value
                            let pairs = fields.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
                            let query = pairs.map { "\($0.0)=\(Browser.encode($0.1))" }.joined(separator: "&")
                            _ = await check(route.method == .GET ? try await browser.get(path + "?" + query) : try await browser.post(path, form: pairs),
                                            "\(who) \(route.method) \(path) with \(value.prefix(12))… in \(name)", addressLength: route.method == .GET ? query.count : 0)
                        }
                    }
                    if route.method == .POST {
                        // The same as JSON, and as a multipart form, for the routes that read those.
                        let json = "{" + names.map { "\"\($0)\": \"\\u0000\(String(repeating: "x", count: 1000))\"" }.joined(separator: ",") + "}"
                        _ = await check(try await browser.postRaw(path, body: json, contentType: .json), "\(who) POST \(path) as JSON")
                        let fields = names.map { ($0, Self.oneByOne[0]) }
                        _ = await check(try await browser.postMultipart(path, fields: fields, file: ("file", "x.csv", Array("a,b\n\u{0},\"\n".utf8))), "\(who) POST \(path) as multipart")
                    }
                    // Signing out, or a password changed, ends the session: sign in again.
                    if who != "the public", browser.cookies[StaffSessions.cookieName] == nil {
                        try await browser.signIn(world.people[Role(rawValue: who)!]!.email)
                    }
                }
            }
            #expect(failures.isEmpty, "\(failures.count) answers were 5xx: \(failures.prefix(20))")
            #expect(requests > 5_000)
            #expect(try await Browser(app).get(SiteURL.healthz.path).status == .ok, "the server is still there")
            print("HostileInputTests on \(db): \(requests) requests (\(refusedAtTheDoor) addresses over 80 KB refused at the connection), \(routes.count) routes, \(forms.names.values.reduce(0) { $0 + $1.count }) fields seen on pages, \(sourceNames.count) names in the sources")
        }
    }
}

/// The forms and links of pages, by the route they go to: the fields each route reads, and the
/// values a page fills them with.
struct FormsSeen {
    let routes: [Route]
    var names: [String: Set<String>] = [:]
    var defaults: [String: [String: String]] = [:]

    init(routes: [Route]) { self.routes = routes }

    static func key(_ route: Route) -> String { "\(route.method.rawValue) /" + route.path.map(\.description).joined(separator: "/") }

    /// The route a path of a page goes to.
    func route(_ method: HTTPMethod, _ target: String) -> Route? {
        let path = String(target.split(separator: "?", maxSplits: 1).first ?? "")
        let segments = path.split(separator: "/").map(String.init)
        return routes.first { route in
            route.method == method && route.path.count == segments.count && zip(route.path, segments).allSatisfy { component, segment in
                if case .parameter = component { return true }
                return component.description == segment
            }
        }
    }

    mutating func read(_ html: String) {
        for form in html.matches(of: #/(?s)<form\b([^>]*)>(.*?)</form>/#) {
            let attributes = String(form.output.1)
            let method: HTTPMethod = attributes.lowercased().contains("method=\"get\"") ? .GET : .POST
            guard let action = Self.attribute("action", in: attributes), let route = route(method, action) else { continue }
            let key = Self.key(route)
            for field in String(form.output.2).matches(of: #/<(input|select|textarea)\b([^>]*)>/#) {
                let fieldAttributes = String(field.output.2)
                guard let name = Self.attribute("name", in: fieldAttributes), name != CSRFMiddleware.fieldName else { continue }
                names[key, default: []].insert(name)
                let type = Self.attribute("type", in: fieldAttributes) ?? ""
                if defaults[key]?[name] == nil || fieldAttributes.contains("checked") {
                    let value = Self.attribute("value", in: fieldAttributes) ?? ""
                    if type != "radio" && type != "checkbox" || defaults[key]?[name] == nil || fieldAttributes.contains("checked") { defaults[key, default: [:]][name] = value }
                }
            }
        }
        for link in html.matches(of: #/href="(/[^"?]*)\?([^"]*)"/#) {
            guard let route = route(.GET, String(link.output.1)) else { continue }
            for pair in String(link.output.2).replacingOccurrences(of: "&amp;", with: "&").split(separator: "&") {
                if let name = pair.split(separator: "=").first { names[Self.key(route), default: []].insert(String(name)) }
            }
        }
    }

    static func attribute(_ name: String, in attributes: String) -> String? {
        let pattern = try! Regex("\\b\(name)=\"([^\"]*)\"", as: (Substring, Substring).self)
        guard let match = attributes.firstMatch(of: pattern) else { return nil }
        return String(match.output.1).replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
    }
}
