import Foundation

/// Words for search: case and accents folded ("Café" finds "cafe"), split on anything that is
/// not a letter or digit, and English plurals reduced ("libraries" finds "library", "classes"
/// finds "class"), so what a resident types meets what an editor wrote.
public enum SearchText {
    /// The most words a search looks for: enough for any question a person types, and few
    /// enough that the query stays small (each word is a lookup in the word index).
    public static let maxTerms = 20
    /// Longer than any word in the index, so a longer one could never match.
    public static let maxTermLength = 60

    /// What a visitor typed into a search box, as terms: at most `maxTerms`, and whether words
    /// were left out, so the page can say so.
    public struct Typed: Sendable, Equatable {
        public let terms: [String]
        /// More words were typed than `maxTerms`; those after them were not searched for.
        public let isCut: Bool
    }

    public static func typed(_ text: String) -> Typed {
        // A search box never needs more than this; reading a long paste stops here.
        let read = text.prefix(2_000)
        let all = terms(String(read))
        return Typed(terms: Array(all.prefix(maxTerms)), isCut: all.count > maxTerms || read.endIndex != text.endIndex)
    }

    public static func terms(_ text: String) -> [String] {
        var text = text
        // Most texts are ASCII: folding and splitting them by Character was most of the time
        // an import of 100,000 services spent finding words.
        return text.withUTF8 { asciiTerms($0) } ?? foldedTerms(text)
    }

    /// The terms of any text: case, accents and widths folded, then split by Character.
    static func foldedTerms(_ text: String) -> [String] {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: Locale(identifier: "en_GB"))
        var terms = Terms()
        for chunk in folded.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "-") }) {
            terms.add(chunk.split(separator: "-").map(String.init))
        }
        return terms.found
    }

    /// The terms of a text all in ASCII, read byte by byte, as `foldedTerms` finds them: folding
    /// ASCII only lowers its case, and its letters and digits are A to Z and 0 to 9. Nil for
    /// a text with any other character.
    static func asciiTerms(_ bytes: UnsafeBufferPointer<UInt8>) -> [String]? {
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        var terms = Terms()
        var chunk: [UInt8] = []
        func endChunk() {
            guard !chunk.isEmpty else { return }
            terms.add(chunk.split(separator: UInt8(ascii: "-")).map { String(decoding: $0, as: UTF8.self) })
            chunk.removeAll(keepingCapacity: true)
        }
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"): chunk.append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): chunk.append(byte + 32)
            default: endChunk()
            }
        }
        endChunk()
        return terms.found
    }

    /// Terms in the order found, each once.
    private struct Terms {
        private(set) var found: [String] = []
        private var seen: Set<String> = []

        /// The words of a chunk between hyphens: "Wi-Fi" is found by "wifi" as well as by "wi-fi".
        mutating func add(_ parts: [String]) {
            for word in (parts.count > 1 ? [parts.joined()] : []) + parts {
                let term = stem(String(word.prefix(maxTermLength)))
                if !term.isEmpty, seen.insert(term).inserted { found.append(term) }
            }
        }
    }

    /// A light plural stemmer: enough for "libraries", "classes", "laptops", "boxes", not a
    /// full Porter stemmer (which would also make "computing" and "computer" one word).
    public static func stem(_ word: String) -> String {
        guard word.count > 3 else { return word }
        if word.hasSuffix("ies") { return String(word.dropLast(3)) + "y" }
        for ending in ["sses", "shes", "ches", "xes", "zes"] where word.hasSuffix(ending) { return String(word.dropLast(2)) }
        if word.hasSuffix("s"), !word.hasSuffix("ss"), !word.hasSuffix("us"), !word.hasSuffix("is") { return String(word.dropLast()) }
        return word
    }

    /// The stored form of a text: its terms between spaces, so " term " matches a whole word.
    public static func indexed(_ texts: String?...) -> String {
        " " + terms(texts.compactMap { $0 }.joined(separator: " ")).joined(separator: " ") + " "
    }
}
