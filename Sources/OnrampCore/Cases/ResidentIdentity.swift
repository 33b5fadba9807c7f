import Foundation

/// UK phone numbers as we store and compare them: +44 and the national number.
public enum PhoneNumber {
    public static func normalise(_ raw: String) -> String? {
        var digits = raw.filter { $0.isNumber || $0 == "+" }
        if digits.hasPrefix("+44") { digits = "0" + digits.dropFirst(3) }
        else if digits.hasPrefix("0044") { digits = "0" + digits.dropFirst(4) }
        else if digits.hasPrefix("44"), digits.count == 12 { digits = "0" + digits.dropFirst(2) }
        guard digits.count == 11, digits.hasPrefix("0"), digits.allSatisfy(\.isNumber), !digits.hasPrefix("00") else { return nil }
        return "+44" + digits.dropFirst()
    }

    public static func isMobile(_ normalised: String) -> Bool { normalised.hasPrefix("+447") }

    /// "07700 900123", "020 7525 5000", "0300 123 4567", for reading out: grouped as people
    /// write each kind of number.
    public static func display(_ normalised: String) -> String {
        let national = Array("0" + normalised.dropFirst(3))
        func grouped(_ sizes: [Int]) -> String {
            var parts: [String] = [], start = 0
            for size in sizes {
                let from = min(start, national.count)
                parts.append(String(national[from..<min(national.count, start + size)]))
                start += size
            }
            return parts.filter { !$0.isEmpty }.joined(separator: " ")
        }
        let text = String(national)
        if text.hasPrefix("02") { return grouped([3, 4, 4]) }
        if text.hasPrefix("03") || text.hasPrefix("08") || text.hasPrefix("09") { return grouped([4, 3, 4]) }
        return grouped([5, 6])
    }
}

/// The keys that say two resident records may be the same person: the same name, date of birth
/// and postcode; the same phone; or the same email.
public struct ResidentIdentity: Sendable, Equatable {
    public let nameKey: String?
    public let phone: String?
    public let email: String?

    public init(name: String, dateOfBirth: CalendarDay?, postcode: String?, phone: String?, email: String?) {
        let name = Self.normaliseName(name)
        if let dateOfBirth, let postcode, !postcode.isEmpty, !name.isEmpty {
            nameKey = "\(name)|\(dateOfBirth.iso)|\(postcode.replacingOccurrences(of: " ", with: ""))"
        } else {
            nameKey = nil
        }
        self.phone = phone.flatMap { $0.isEmpty ? nil : $0 }
        self.email = email.flatMap { $0.isEmpty ? nil : EmailAddress.normalise($0) }
    }

    /// Lower case, letters only, single spaces: "Mary-Jane  O'Neil" and "mary jane oneil" match.
    public static func normaliseName(_ name: String) -> String {
        let folded = name.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        let words = folded.map { $0.isLetter ? $0 : ($0 == "'" || $0 == "\u{2019}" ? "\u{0}" : " ") }
        return String(words.filter { $0 != "\u{0}" }).split(separator: " ").joined(separator: " ")
    }

    /// What two records share, in words for the officer: "name, date of birth and postcode".
    public func matches(_ other: ResidentIdentity) -> [String] {
        var shared: [String] = []
        if let key = nameKey, key == other.nameKey { shared.append("name, date of birth and postcode") }
        if let phone, phone == other.phone { shared.append("phone number") }
        if let email, email == other.email { shared.append("email address") }
        return shared
    }
}
