/// A fragment of HTML whose text parts were escaped when it was built.
///
/// Interpolating a `String` escapes it; interpolating another `HTML` inserts it as it is.
/// So markup can only come from literals in our own code, never from what a user typed.
public struct HTML: Sendable, Equatable, CustomStringConvertible {
    public private(set) var rendered: String

    public init(unescaped rendered: String) { self.rendered = rendered }
    public static let empty = HTML(unescaped: "")
    public var description: String { rendered }

    public static func escape(_ text: String) -> String {
        // Most text has nothing to escape, and is kept as it is rather than copied a character
        // at a time: a page of the queue escapes some 300 names, dates and labels.
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for ch in text.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    public static func + (lhs: HTML, rhs: HTML) -> HTML { HTML(unescaped: lhs.rendered + rhs.rendered) }
    public static func += (lhs: inout HTML, rhs: HTML) { lhs.rendered += rhs.rendered }
}

extension HTML: ExpressibleByStringInterpolation {
    public init(stringLiteral value: String) { rendered = value }
    public init(stringInterpolation: Interpolation) { rendered = stringInterpolation.output }

    public struct Interpolation: StringInterpolationProtocol {
        var output = ""
        public init(literalCapacity: Int, interpolationCount: Int) { output.reserveCapacity(literalCapacity * 2) }
        public mutating func appendLiteral(_ literal: String) { output += literal }
        public mutating func appendInterpolation(_ text: String) { output += HTML.escape(text) }
        public mutating func appendInterpolation(_ text: String?) { output += HTML.escape(text ?? "") }
        public mutating func appendInterpolation(_ number: Int) { output += String(number) }
        public mutating func appendInterpolation(_ html: HTML) { output += html.rendered }
        public mutating func appendInterpolation(_ html: HTML?) { output += html?.rendered ?? "" }
        public mutating func appendInterpolation(_ parts: [HTML]) { for part in parts { output += part.rendered } }
    }
}

extension Sequence where Element == HTML {
    public func joined(separator: HTML = .empty) -> HTML { HTML(unescaped: map(\.rendered).joined(separator: separator.rendered)) }
}

extension HTML {
    /// `when` is for optional attributes and blocks: `\(HTML.when(isOpen, " open"))`.
    public static func when(_ condition: Bool, _ html: @autoclosure () -> HTML) -> HTML { condition ? html() : .empty }
}
