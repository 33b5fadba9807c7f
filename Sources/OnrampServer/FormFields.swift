import Vapor

/// A urlencoded form as field name to every value sent under it. Checkboxes send one value per
/// ticked box under the same name, and the skills page sends "skills.wifi"-style names, which
/// Vapor's form decoder reads as nesting.
struct FormFields: Sendable {
    let values: [String: [String]]

    init(_ values: [String: [String]]) { self.values = values }

    /// Reads `name=value&…`, a space sent as "+".
    init(body: String) {
        var components = URLComponents()
        components.percentEncodedQuery = body.replacingOccurrences(of: "+", with: "%20")
        var values: [String: [String]] = [:]
        for item in components.queryItems ?? [] { values[item.name, default: []].append(item.value ?? "") }
        self.values = values
    }

    static func read(_ request: Request) async throws -> FormFields {
        let body = try await request.body.collect(max: request.application.onramp.settings.maxBodySize).get()
        return FormFields(body: body.map { String(buffer: $0) } ?? "")
    }

    subscript(_ name: String) -> String? { values[name]?.first }
    func all(_ name: String) -> [String] { values[name] ?? [] }
}
