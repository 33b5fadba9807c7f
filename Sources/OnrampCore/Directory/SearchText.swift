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
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: Locale(identifier: "en_GB"))
        var seen: Set<String> = []
        var terms: [String] = []
        for chunk in folded.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "-") }) {
            // "Wi-Fi" is found by "wifi" as well as by "wi-fi".
            let parts = chunk.split(separator: "-").map(String.init)
            for word in (parts.count > 1 ? [parts.joined()] : []) + parts {
                let term = stem(String(word.prefix(maxTermLength)))
                if !term.isEmpty, seen.insert(term).inserted { terms.append(term) }
            }
        }
        return terms
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
