import Foundation

/// A UK postcode as people type it ("se1 7pb", "SE17PB", " se1  7pb ") made canonical
/// ("SE1 7PB"), or nil when it cannot be one.
public enum Postcode {
    public static func normalise(_ text: String) -> String? {
        let compact = text.uppercased().filter { !$0.isWhitespace }
        guard (5...7).contains(compact.count), compact.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { return nil }
        let outward = String(compact.dropLast(3)), inward = String(compact.suffix(3))
        guard isInward(inward), isOutward(outward) || compact == "GIR0AA" else { return nil }
        return outward + " " + inward
    }

    /// "SE1", "SE17", "W1A", "EC1V", "M1": one or two letters, a digit, then a digit or letter.
    static func isOutward(_ text: String) -> Bool {
        let chars = Array(text)
        let letters = chars.prefix { $0.isLetter }.count
        guard (1...2).contains(letters), chars.count > letters, chars.count <= letters + 2, chars[letters].isNumber else { return false }
        return chars.count == letters + 1 || chars[letters + 1].isNumber || chars[letters + 1].isLetter
    }

    /// A digit and two letters.
    static func isInward(_ text: String) -> Bool {
        let chars = Array(text)
        return chars.count == 3 && chars[0].isNumber && chars[1].isLetter && chars[2].isLetter
    }
}
