import Foundation

/// An address as a person writes it on an envelope: its lines one under another, each part once,
/// the postcode last. ORUK splits an address into `address_1`, `city`, `region` and
/// `state_province`, and feeds fill them unevenly: a town typed into the first line and again as
/// the city ("147 Walworth Road, London " and "London"), a county that only repeats the town
/// ("Greater London"), or empty parts from a spreadsheet. Every page that shows an address
/// writes it with this.
extension ORUK.Address {
    /// "147 Walworth Road", "London", "SE17 1RW": no empty part, no stray space, nothing twice.
    public var writtenLines: [String] {
        let postcode = Self.tidy(postal_code)
        let code = Postcode.normalise(postcode) ?? postcode
        var lines: [String] = []
        var seen: Set<String> = []
        func add(_ part: String, unlessWithin: Bool = false) {
            var part = Self.tidy(part)
            // A postcode typed at the end of a line ("London SE17 1RW") is written once, last.
            if !code.isEmpty, Self.key(part).hasSuffix(Self.key(code)) {
                var rest = part, left = Self.key(code).count
                while left > 0, let last = rest.last {
                    if last != ".", !last.isWhitespace { left -= 1 }
                    rest.removeLast()
                }
                // Only a whole postcode: "SE1 1AA" is not "E1 1AA" with an S before it.
                if rest.last.map({ $0.isWhitespace || $0 == "," }) ?? true {
                    part = Self.tidy(rest)
                    while part.hasSuffix(",") { part = Self.tidy(String(part.dropLast())) }
                }
            }
            let key = Self.key(part)
            guard !key.isEmpty, !seen.contains(key) else { return }
            // A county or region that only widens the town ("Greater London" after "London") says nothing more.
            if unlessWithin, lines.contains(where: { Self.words(part).contains(words: Self.words($0)) }) { return }
            seen.insert(key)
            lines.append(part)
        }
        for part in address_1.split(whereSeparator: { $0 == "," || $0 == "\n" || $0 == "\r" }) { add(String(part)) }
        add(city)
        add(region ?? "", unlessWithin: true)
        add(state_province, unlessWithin: true)
        if !code.isEmpty, !seen.contains(Self.key(code)) { lines.append(code) }
        return lines
    }

    /// The lines on one line: "147 Walworth Road, London, SE17 1RW".
    public var writtenOnOneLine: String { writtenLines.joined(separator: ", ") }

    /// Spaces trimmed and runs of them made one.
    static func tidy(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// What two parts are compared by: case, spaces and full stops aside.
    static func key(_ text: String) -> String {
        tidy(text).lowercased().filter { $0 != "." && !$0.isWhitespace }
    }

    static func words(_ text: String) -> [String] {
        text.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
    }
}

extension Array where Element == String {
    /// Whether `words` appear in this array one after another.
    fileprivate func contains(words: [String]) -> Bool {
        guard !words.isEmpty, words.count <= count else { return false }
        return (0...(count - words.count)).contains { Array(self[$0..<($0 + words.count)]) == words }
    }
}

extension ORUK.Location {
    /// The address to go to: the physical one when there are several.
    public var visitingAddress: ORUK.Address? {
        addresses?.first { $0.address_type == "physical" } ?? addresses?.first
    }
}
