import Vapor
import OnrampCore

/// A urlencoded form as field name to every value sent under it. Checkboxes send one value per
/// ticked box under the same name, and the skills page sends "skills.wifi"-style names, which
/// Vapor's form decoder reads as nesting.
struct FormFields: Sendable {
    let values: [String: [String]]

    init(_ values: [String: [String]]) { self.values = values }

    /// Reads `name=value&…`, a space sent as "+". A pair whose escapes are not UTF-8 is left
    /// out (`TextInputMiddleware` refuses such forms before they get here).
    init(body: String) {
        var values: [String: [String]] = [:]
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (text: Substring) in text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding }
            guard let name = decode(parts[0]), let value = parts.count > 1 ? decode(parts[1]) : "" else { continue }
            values[name, default: []].append(value)
        }
        self.values = values
    }

    /// The request's form; a body that is not a urlencoded form is refused, since no page sends one.
    static func read(_ request: Request) async throws -> FormFields {
        let body = try await request.collectBody()
        guard body == nil || request.headers.contentType == .urlEncodedForm else {
            throw Abort(.unsupportedMediaType, reason: "Send this form from its page in Onramp.")
        }
        return FormFields(body: body.map { String(buffer: $0) } ?? "")
    }

    subscript(_ name: String) -> String? { values[name]?.first }
    func all(_ name: String) -> [String] { values[name] ?? [] }
}

extension Request {
    /// The `page` asked for in the address, read as `RequestedPage` reads it: a list's `Paging`
    /// clamps it to the pages there are.
    var pageNumber: Int? {
        RequestedPage.number(fromText: try? query.get(String.self, at: "page"))
    }
}
