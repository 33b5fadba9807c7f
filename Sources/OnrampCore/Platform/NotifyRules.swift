import Foundation

/// What GOV.UK Notify accepts, checked where people type it, so that a message Onramp queues is
/// not refused by Notify later. The rules are Notify's own (notifications-utils' recipient
/// validation), as its documentation and error messages give them.
public enum NotifyRules {
    /// Notify's email rule. The part before the @ is ASCII letters, digits and
    /// `.!#$%&'*+/=?^_`{|}~-` (so josé@example.com is refused); no two dots together; after the
    /// @, two or more labels of letters, digits and single or double inner hyphens (a label in
    /// another alphabet counts as Notify writes it, in punycode); the last label is letters.
    public static func acceptsEmail(_ address: String) -> Bool {
        guard address.count <= 320, !address.contains(".."), let at = address.lastIndex(of: "@") else { return false }
        let local = address[..<at], host = address[address.index(after: at)...]
        let localCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.!#$%&'*+/=?^_`{|}~-")
        guard !local.isEmpty, local.allSatisfy(localCharacters.contains) else { return false }
        guard let first = host.first, first != ".", host.count >= 2, !host.contains(where: { $0 == "@" || $0.isWhitespace }) else { return false }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, host.utf8.count <= 253 else { return false }
        for label in labels {
            guard !label.isEmpty, label.count <= 63, hostLabel(label) else { return false }
        }
        let top = labels.last!
        return top.allSatisfy { !$0.isASCII && ($0.isLetter || $0.isNumber) || $0.isASCII && $0.isLetter } && top.count >= 2
    }

    /// `^(xn|[a-z0-9]+)(-?-[a-z0-9]+)*$`: letters and digits, with runs of one or two hyphens
    /// only between them; letters of other alphabets as punycode would write them.
    static func hostLabel(_ label: Substring) -> Bool {
        guard let first = label.first, let last = label.last, first != "-", last != "-" else { return false }
        guard label.allSatisfy({ $0 == "-" || $0.isLetter || $0.isNumber }), label.allSatisfy({ $0.isASCII ? ($0 == "-" || $0.isLetter || $0.isNumber) : true }) else { return false }
        return !label.contains("---")
    }

    /// Why Notify would refuse to post a letter to this address, or nil.
    public enum AddressProblem: Sendable, Equatable {
        /// With the name, fewer than 3 lines.
        case tooFewLines
        /// With the name, more than 7 lines.
        case tooManyLines
        /// The last line is not a UK postcode.
        case noPostcode
        /// A line starts with a character Notify refuses there.
        case firstCharacter
        /// "NFA", or "no fixed abode": there is nowhere to post it.
        case noFixedAbode
    }

    /// Notify refuses an address line starting with one of these.
    public static let refusedFirstCharacters: [Character] = ["@", "(", ")", "=", "[", "]", "\"", "\\", "/", ",", "<", ">"]

    /// The lines of an address as typed, as Notify reads them: each trimmed of spaces and of
    /// commas at its end, empty lines left out.
    public static func addressLines(_ text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).map { line in
            var line = line.trimmingCharacters(in: .whitespaces)
            while line.hasSuffix(",") { line = String(line.dropLast()).trimmingCharacters(in: .whitespaces) }
            return line
        }.filter { !$0.isEmpty }
    }

    /// The address with `postcode` (the one the person already gave) as its last line when its
    /// last line is no postcode.
    public static func completing(_ lines: [String], postcode: String?) -> [String] {
        guard let postcode = postcode.flatMap(Postcode.normalise), lines.last.flatMap(Postcode.normalise) == nil else { return lines }
        return lines + [postcode]
    }

    /// Notify's rules for a letter's address, the name its first line.
    public static func addressProblem(name: String, lines: [String]) -> AddressProblem? {
        let all = [name.trimmingCharacters(in: .whitespaces)].filter { !$0.isEmpty } + lines
        let words = lines.map { $0.lowercased().filter { $0.isLetter || $0 == " " }.split(separator: " ").joined(separator: " ") }
        if words.contains(where: { ["nfa", "no fixed abode", "no fixed address"].contains($0) }) { return .noFixedAbode }
        if all.contains(where: { refusedFirstCharacters.contains($0.first!) }) { return .firstCharacter }
        if all.count < 3 { return .tooFewLines }
        if all.count > 7 { return .tooManyLines }
        if Postcode.normalise(all.last!) == nil { return .noPostcode }
        return nil
    }
}
