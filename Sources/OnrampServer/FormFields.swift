import Vapor

/// A urlencoded form as field name to every value sent under it. Checkboxes send one value per
/// ticked box under the same name, and the skills page sends "skills.wifi"-style names, which
/// Vapor's form decoder reads as nesting.
struct FormFields: Sendable {
    let values: [String: [String]]

    init(_ values: [String: [String]]) { self.values = values }

    static func read(_ request: Request) async throws -> FormFields {
        let body = try await request.body.collect(max: request.application.onramp.settings.maxBodySize).get()
        let text = body.map { String(buffer: $0) } ?? ""
        var values: [String: [String]] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            values[parts[0], default: []].append(parts.count > 1 ? parts[1] : "")
        }
        return FormFields(values)
    }

    subscript(_ name: String) -> String? { values[name]?.first }
    func all(_ name: String) -> [String] { values[name] ?? [] }
}
