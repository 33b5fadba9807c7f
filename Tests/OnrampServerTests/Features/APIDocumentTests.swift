import Foundation
import Testing
import Vapor
@testable import OnrampCore
@testable import OnrampServer

/// The OpenAPI document served at /api/v1/openapi.json against the routes the application
/// registers, so the document cannot drift from the code. No database is needed: the app is
/// configured against a PostgreSQL address nothing listens on, and nothing here touches it.
@Suite struct APIDocumentTests {
    static let methods: Set<String> = ["get", "put", "post", "delete", "patch", "head", "options", "trace"]

    static func document() throws -> [String: Any] {
        let parsed = try JSONSerialization.jsonObject(with: Data(APIDocument.json.utf8))
        return try #require(parsed as? [String: Any], "the document is a JSON object")
    }

    /// "METHOD /path/{param}" → the operation, for every operation in the document.
    static func operations(_ document: [String: Any]) throws -> [String: [String: Any]] {
        let paths = try #require(document["paths"] as? [String: [String: Any]], "paths is an object of objects")
        var operations: [String: [String: Any]] = [:]
        for (path, item) in paths {
            for (method, operation) in item where methods.contains(method) {
                operations["\(method.uppercased()) \(path)"] = try #require(operation as? [String: Any], "\(method) \(path) is an object")
            }
        }
        return operations
    }

    /// Every "$ref" inside `value`.
    static func references(in value: Any) -> [String] {
        if let object = value as? [String: Any] {
            let own = (object["$ref"] as? String).map { [$0] } ?? []
            return own + object.values.flatMap(references(in:))
        }
        if let array = value as? [Any] { return array.flatMap(references(in:)) }
        return []
    }

    /// Follows a local JSON pointer such as "#/components/schemas/Problem".
    static func resolve(_ reference: String, in document: [String: Any]) -> Any? {
        guard reference.hasPrefix("#/") else { return nil }
        var node: Any = document
        for token in reference.dropFirst(2).split(separator: "/", omittingEmptySubsequences: false) {
            let key = token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            guard let object = node as? [String: Any], let next = object[key] else { return nil }
            node = next
        }
        return node
    }

    @Test func isValidOpenAPI31WithEveryReferenceResolved() throws {
        let document = try Self.document()
        #expect(document["openapi"] as? String == "3.1.0")
        let info = try #require(document["info"] as? [String: Any])
        #expect(info["title"] is String && info["version"] is String)
        for reference in Self.references(in: document) {
            #expect(Self.resolve(reference, in: document) != nil, "\(reference) resolves within the document")
        }
        for (name, operation) in try Self.operations(document) {
            let responses = try #require(operation["responses"] as? [String: Any], "\(name) has responses")
            #expect(responses.keys.contains { $0.hasPrefix("2") }, "\(name) documents its success")
            #expect(responses["400"] != nil, "\(name) documents the 400 for input that is not text")
            #expect(!responses.keys.contains { $0.hasPrefix("5") }, "\(name): a 5xx is a fault, never part of the contract")
            #expect(operation["operationId"] is String, "\(name) has an operationId")
        }
    }

    @Test func namesEveryRouteUnderAPIv1WithItsMethod() async throws {
        let document = try Self.document()
        let operations = try Self.operations(document)
        let app = try await Application.make(.testing)
        do {
            try await configure(app, settings: Settings(storage: .postgres(url: "postgres://onramp@127.0.0.1:1/onramp"), passwordCost: 4))
            let routes = app.routes.all.filter { $0.path.starts(with: ["api", "v1"]) }
            #expect(routes.count >= 7)
            var registered: Set<String> = []
            for route in routes {
                let path = "/" + route.path.map { component -> String in
                    if case .parameter(let key) = component { return "{\(key)}" }
                    return component.description
                }.joined(separator: "/")
                let name = "\(route.method.rawValue) \(path)"
                registered.insert(name)
                let operation = try #require(operations[name], "the document describes \(name)")
                let responses = operation["responses"] as? [String: Any] ?? [:]

                // Each {param} of the route is a declared path parameter.
                let parameters = (operation["parameters"] as? [[String: Any]] ?? []).filter { $0["in"] as? String == "path" }.compactMap { $0["name"] as? String }
                let keys = route.path.compactMap { component -> String? in
                    if case .parameter(let key) = component { return key }
                    return nil
                }
                #expect(Set(parameters) == Set(keys), "\(name) declares its path parameters")

                // Behind `Require`: needs the session, and says what nobody signed in gets.
                if let action = route.userInfo["action"] as? Action {
                    #expect(responses["401"] != nil, "\(name) documents 401")
                    #expect(operation["security"] == nil || (operation["security"] as? [[String: Any]])?.first?["session"] != nil, "\(name) needs the session")
                    if Role.allCases.contains(where: { !Permissions.allows($0, action) }) {
                        #expect(responses["403"] != nil, "\(name) documents 403 for the roles it refuses")
                    }
                } else {
                    #expect((operation["security"] as? [Any])?.isEmpty == true, "\(name) is open, and says so")
                }
                if route.method == .POST {
                    for status in ["403", "413", "415"] { #expect(responses[status] != nil, "\(name) documents \(status)") }
                    #expect((operation["security"] as? [[String: Any]])?.first?["csrfToken"] != nil, "\(name) asks for X-CSRF-Token")
                }
            }
            #expect(Set(operations.keys) == registered, "the document describes no route that does not exist")

            // And it is what the route serves.
            try await app.asyncBoot()
            try await app.server.start(address: .hostname("127.0.0.1", port: 0))
            let served = try await Browser(app).get(SiteURL.api(.openAPI).path)
            #expect(served.status == .ok)
            #expect(served.headers.contentType == .json)
            #expect(served.body == APIDocument.json)
        } catch {
            Issue.record(error)
        }
        await app.server.shutdown()
        try await app.asyncShutdown()
    }
}
