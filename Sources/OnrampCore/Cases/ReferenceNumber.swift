/// A case's reference, read out over the phone and typed from a letter: eight characters from
/// an alphabet without look-alikes (no 0/O, 1/I/L, U, 5/S, 2/Z, 8/B), then a check character
/// (Luhn mod N) that catches any single wrong character and most swapped pairs. Shown as
/// "K7QM-4T9C-R".
public struct ReferenceNumber: Sendable, Equatable, CustomStringConvertible {
    public static let alphabet = Array("34679ACDEFGHJKMNPQRTVWXY")
    public let value: String

    /// A new reference from random numbers in 0..<alphabet.count.
    public init(random: (Int) -> Int) {
        let body = String((0..<8).map { _ in Self.alphabet[random(Self.alphabet.count)] })
        value = body + String(Self.checkCharacter(for: body))
    }

    /// Reads a typed reference: case, spaces and dashes do not matter; the check must hold.
    public init?(typed text: String) {
        let cleaned = String(text.uppercased().filter { !$0.isWhitespace && $0 != "-" })
        guard cleaned.count == 9, cleaned.allSatisfy(Self.alphabet.contains) else { return nil }
        let body = String(cleaned.prefix(8))
        guard Self.checkCharacter(for: body) == cleaned.last else { return nil }
        value = cleaned
    }

    /// A reference as stored, shown as it is if it is not one Onramp made (an import's, or a
    /// load test's): a record that reads oddly is better than a page that cannot be shown.
    public init(stored text: String) {
        value = Self(typed: text)?.value ?? text
    }

    public var description: String {
        let characters = Array(value)
        guard characters.count == 9 else { return value }
        return String(characters[0..<4]) + "-" + String(characters[4..<8]) + "-" + String(characters[8])
    }

    static func checkCharacter(for body: String) -> Character {
        let n = alphabet.count
        var factor = 2
        var sum = 0
        for character in body.reversed() {
            var addend = factor * alphabet.firstIndex(of: character)!
            factor = factor == 2 ? 1 : 2
            addend = addend / n + addend % n
            sum += addend
        }
        return alphabet[(n - sum % n) % n]
    }
}
