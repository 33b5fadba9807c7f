import Foundation

/// What an officer writes beside a published map: headings, paragraphs and links, and nothing
/// else. Everything else is removed, tags and all (the text inside a script or style too), so
/// what reaches the public page cannot run, load or restyle anything.
public enum Narrative {
    public static let maxLength = 20_000

    /// Tags kept, with the GOV.UK classes they are given.
    static let kept: [String: String] = ["h2": "govuk-heading-m", "h3": "govuk-heading-s", "p": "govuk-body", "a": "govuk-link"]
    /// Tags whose content goes too.
    static let dropped: Set<String> = ["script", "style", "iframe", "object", "embed", "template", "noscript", "textarea", "svg", "math", "title", "head", "select"]
    static let blocks: Set<String> = ["h2", "h3", "p"]

    /// The narrative as safe HTML: allowed tags with only the attributes Onramp writes (a link's
    /// address when it is https, http or mailto), every tag closed, text escaped.
    public static func clean(_ text: String) -> String {
        var out = ""
        var open: [String] = []
        var rest = Substring(text.prefix(maxLength))
        func close(_ tag: String) {
            while let last = open.popLast() {
                out += "</\(last)>"
                if last == tag { return }
            }
        }
        while let lt = rest.firstIndex(of: "<") {
            out += escapeText(rest[..<lt])
            rest = rest[lt...]
            if rest.hasPrefix("<!--") {
                rest = rest.range(of: "-->").map { rest[$0.upperBound...] } ?? ""
                continue
            }
            // Only "<" then a letter (or "/" and a letter) opens a tag: "1 < 2" is text.
            let after = rest.dropFirst()
            guard let first = after.first, first.isLetter || (first == "/" && after.dropFirst().first?.isLetter == true) else {
                out += "&lt;"
                rest = after
                continue
            }
            guard let gt = rest.firstIndex(of: ">") else {
                out += escapeText(rest)
                rest = ""
                break
            }
            let tag = Tag(rest[rest.index(after: rest.startIndex)..<gt])
            rest = rest[rest.index(after: gt)...]
            guard let tag else { continue }
            if dropped.contains(tag.name), !tag.closing {
                rest = rest.range(of: "</\(tag.name)", options: .caseInsensitive).map { found in
                    rest[found.upperBound...].firstIndex(of: ">").map { rest[rest.index(after: $0)...] } ?? ""
                } ?? ""
                continue
            }
            guard let style = kept[tag.name] else { continue }
            if tag.closing {
                if open.contains(tag.name) { close(tag.name) }
                continue
            }
            if blocks.contains(tag.name) { open.filter(blocks.contains).first.map(close) }
            if tag.name == "a" {
                if open.contains("a") { close("a") }
                guard let href = tag.href else { continue }
                out += "<a class=\"\(style)\" href=\"\(HTML.escape(href))\">"
            } else {
                out += "<\(tag.name) class=\"\(style)\">"
            }
            open.append(tag.name)
        }
        out += escapeText(rest)
        while let last = open.popLast() { out += "</\(last)>" }
        return out
    }

    /// Text as it was typed, except that `<`, `>` and quotes are escaped and a bare `&` that
    /// does not start a character reference becomes `&amp;`.
    static func escapeText(_ text: Substring) -> String {
        var out = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            switch character {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "&":
                let after = text[text.index(after: index)...]
                let reference = after.prefix { $0.isLetter || $0.isNumber || $0 == "#" }
                out += !reference.isEmpty && after.dropFirst(reference.count).first == ";" ? "&" : "&amp;"
            default: out.append(character)
            }
            index = text.index(after: index)
        }
        return out
    }

    struct Tag {
        let name: String
        let closing: Bool
        let href: String?

        /// From what is between `<` and `>`; nil for what is not a tag.
        init?(_ inside: Substring) {
            var body = inside
            closing = body.first == "/"
            if closing { body = body.dropFirst() }
            let name = body.prefix { $0.isLetter || $0.isNumber }.lowercased()
            guard !name.isEmpty else { return nil }
            self.name = name
            href = Self.link(in: body.dropFirst(name.count))
        }

        /// The `href` attribute's value when it is an https, http or mailto address.
        static func link(in attributes: Substring) -> String? {
            guard let found = attributes.range(of: "href", options: .caseInsensitive) else { return nil }
            var value = attributes[found.upperBound...].drop { $0 == " " }
            guard value.first == "=" else { return nil }
            value = value.dropFirst().drop { $0 == " " }
            let raw: Substring
            if let quote = value.first, quote == "\"" || quote == "'" {
                raw = value.dropFirst().prefix { $0 != quote }
            } else {
                raw = value.prefix { !$0.isWhitespace }
            }
            let address = String(raw).trimmingCharacters(in: .whitespaces)
            let lower = address.lowercased()
            guard ["https://", "http://", "mailto:"].contains(where: { lower.hasPrefix($0) }), address.count > 8,
                  !address.contains(where: { $0.isNewline || $0 == "<" || $0 == ">" || $0 == "\"" })
            else { return nil }
            return address
        }
    }
}
