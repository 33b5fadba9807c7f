import Foundation

/// A resident's details in the form search compares them: case and accents folded ("José" is
/// "jose"), phone numbers as their national digits ("07700900123"), postcodes in lower case with
/// their one space ("se1 7pb"). Stored beside the record when it is written, so that a partial,
/// accent-insensitive search is a plain `LIKE` on SQLite and PostgreSQL alike.
public struct ResidentSearchKeys: Sendable, Equatable {
    public let name: String
    public let phone: String?
    public let email: String?
    public let postcode: String?

    public init(name: String, phone: String?, email: String?, postcode: String?) {
        self.name = Self.words(name).joined(separator: " ")
        self.phone = phone.flatMap { Self.phoneDigits($0) }.flatMap { $0.isEmpty ? nil : $0 }
        self.email = email.map { Self.fold($0).filter { !$0.isWhitespace } }.flatMap { $0.isEmpty ? nil : $0 }
        self.postcode = postcode.flatMap { text in
            let folded = Postcode.normalise(text)?.lowercased() ?? Self.fold(text).split(whereSeparator: \.isWhitespace).joined(separator: " ")
            return folded.isEmpty ? nil : folded
        }
    }

    /// Letters whose accent-free form is not a base letter with a mark, so folding alone keeps them.
    static let letters: [Character: String] = [
        "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ß": "ss", "ı": "i", "ħ": "h", "ŧ": "t",
    ]

    /// Lower case, without accents or width variants: "ÉLODIE Søren" is "elodie soren".
    public static func fold(_ text: String) -> String {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil).lowercased()
        guard folded.contains(where: { letters[$0] != nil }) else { return folded }
        return String(folded.flatMap { letters[$0].map(Array.init) ?? [$0] })
    }

    /// A name as words of letters: apostrophes dropped ("O'Neil" is "oneil"), anything else
    /// between letters a space ("Mary-Jane" is "mary jane").
    public static func words(_ text: String) -> [String] {
        let apostrophes: Set<Character> = ["'", "\u{2019}", "\u{2018}", "\u{02BC}", "`"]
        let spaced = fold(text).compactMap { character -> Character? in
            if apostrophes.contains(character) { return nil }
            return character.isLetter ? character : " "
        }
        return String(spaced).split(separator: " ").map(String.init)
    }

    /// The national digits of a UK phone number as typed or stored: "+44 7700 900123" and
    /// "07700 900123" are both "07700900123"; a part of one is its digits.
    public static func phoneDigits(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var digits = String(trimmed.filter(\.isASCIIDigit))
        if trimmed.hasPrefix("+44") { digits = "0" + digits.dropFirst(2) }
        else if digits.hasPrefix("0044") { digits = "0" + digits.dropFirst(4) }
        else if digits.hasPrefix("44"), digits.count == 12 { digits = "0" + digits.dropFirst(2) }
        return digits
    }

    /// Whether a record with these keys and this date of birth is found by `query`: the rule
    /// the database applies with `LIKE`, written out for tests.
    public func matches(_ query: ResidentQuery, dateOfBirth: CalendarDay?) -> Bool {
        query.conditions.allSatisfy { anyOf in
            anyOf.contains { condition in
                let stored: String? = switch condition.field {
                case .name: name
                case .phone: phone
                case .email: email
                case .postcode: postcode
                case .dateOfBirth: dateOfBirth?.iso
                }
                guard let stored else { return false }
                switch condition.match {
                case .contains: return stored.contains(condition.text)
                case .startsWith: return stored.hasPrefix(condition.text)
                case .equals: return stored == condition.text
                }
            }
        }
    }
}

/// What an officer typed into the cases search, read as the one detail it can be: a case
/// reference, a date of birth, an email address, a postcode or the start of one, part of a
/// phone number, or a name.
public enum ResidentQuery: Sendable, Equatable {
    case reference(ReferenceNumber)
    case dateOfBirth(CalendarDay)
    case email(String)
    /// Postcodes that start with any of these: "SE17" may be the district SE17 or SE1 7.
    case postcode([String])
    case phone(String)
    /// Every word must be in the name.
    case name([String])

    /// Why a text cannot be searched for.
    public enum Refusal: Error, Sendable, Equatable {
        case tooLong
        /// Shaped like a date that does not exist: "31/02/1950".
        case notARealDate
        /// "17/12/50": which century?
        case yearNotInFull
        case tooFewDigits
        case tooFewLetters
        /// Letters, digits and signs that are none of the details above.
        case unrecognised
    }

    public static let maxLength = 100
    /// Fewer digits than this find too many numbers to be useful.
    public static let minPhoneDigits = 4

    /// The detail a text searches for; nil when nothing was typed.
    public static func parse(_ raw: String, references: Bool = true) -> Result<ResidentQuery, Refusal>? {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty { return nil }
        if text.count > maxLength { return .failure(.tooLong) }
        if references, let reference = ReferenceNumber(typed: text) { return .success(.reference(reference)) }
        if let date = date(text) { return date.map { .dateOfBirth($0) } }
        if text.contains("@") {
            let email = ResidentSearchKeys.fold(text)
            guard !email.contains(where: \.isWhitespace) else { return .failure(.unrecognised) }
            return email.count < 3 ? .failure(.tooFewLetters) : .success(.email(email))
        }
        if let prefixes = postcodePrefixes(text) { return .success(.postcode(prefixes)) }
        let phoneSigns: Set<Character> = [" ", "+", "(", ")", "-", "."]
        if text.contains(where: \.isASCIIDigit), text.allSatisfy({ $0.isASCIIDigit || phoneSigns.contains($0) }) {
            let digits = ResidentSearchKeys.phoneDigits(text)
            return digits.count < minPhoneDigits ? .failure(.tooFewDigits) : .success(.phone(digits))
        }
        let nameSigns: Set<Character> = [" ", "-", "'", "\u{2019}", "\u{2018}", "\u{02BC}", ".", ","]
        guard text.allSatisfy({ $0.isLetter || nameSigns.contains($0) }) else { return .failure(.unrecognised) }
        let words = ResidentSearchKeys.words(text)
        return words.joined().count < 2 ? .failure(.tooFewLetters) : .success(.name(words))
    }

    // MARK: Dates of birth

    static let months = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]

    /// A date typed as 17/12/1950, 17 12 1950, 17-12-1950, 17.12.1950, 1950-12-17,
    /// 17 December 1950, 17th Dec 1950 or December 17, 1950; nil when the text is not shaped like
    /// a date at all, a refusal when it is but the date does not exist.
    static func date(_ text: String) -> Result<CalendarDay, Refusal>? {
        let separators: Set<Character> = [" ", "/", ".", "-", ","]
        guard text.allSatisfy({ $0.isLetter || $0.isASCIIDigit || separators.contains($0) }) else { return nil }
        let parts = text.split(whereSeparator: { separators.contains($0) }).map { String($0).lowercased() }
        guard parts.count == 3 else { return nil }
        let isNumber = { (part: String) in part.allSatisfy(\.isASCIIDigit) }
        func day(_ part: String) -> String? {
            for suffix in ["st", "nd", "rd", "th"] where part.hasSuffix(suffix) && part.count > suffix.count {
                let digits = String(part.dropLast(suffix.count))
                return isNumber(digits) && digits.count <= 2 ? digits : nil
            }
            return isNumber(part) && part.count <= 2 ? part : nil
        }
        func month(_ part: String) -> Int? {
            guard part.count >= 3, part.allSatisfy(\.isLetter) else { return nil }
            return months.firstIndex { $0.hasPrefix(part) || (part == "sept" && $0 == "september") }.map { $0 + 1 }
        }
        let shape: (day: String, month: Int?, year: String)
        if let d = day(parts[0]), isNumber(parts[1]), parts[1].count <= 2, isNumber(parts[2]) {
            shape = (d, Int(parts[1]), parts[2])
        } else if isNumber(parts[0]), parts[0].count == 4, isNumber(parts[1]), parts[1].count <= 2, let d = day(parts[2]) {
            shape = (d, Int(parts[1]), parts[0])
        } else if let d = day(parts[0]), let m = month(parts[1]), isNumber(parts[2]) {
            shape = (d, m, parts[2])
        } else if let m = month(parts[0]), let d = day(parts[1]), isNumber(parts[2]) {
            shape = (d, m, parts[2])
        } else {
            return nil
        }
        guard shape.year.count == 4 else { return .failure(shape.year.count == 2 ? .yearNotInFull : .notARealDate) }
        guard let d = Int(shape.day), let m = shape.month, let y = Int(shape.year), let found = CalendarDay(year: y, month: m, day: d) else {
            return .failure(.notARealDate)
        }
        return .success(found)
    }

    // MARK: Postcodes

    /// The starts of postcodes a text can mean: "SE1" is "se1 " (the district, not SE10),
    /// "SE1 7" is "se1 7", "SE17" is the district SE17 or SE1 7; nil for what is no postcode.
    static func postcodePrefixes(_ text: String) -> [String]? {
        let parts = text.uppercased().split(whereSeparator: \.isWhitespace).map(String.init)
        guard (1...2).contains(parts.count), parts.allSatisfy({ $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }) else { return nil }
        let isInwardStart = { (part: String) -> Bool in
            let characters = Array(part)
            return (1...3).contains(characters.count) && characters[0].isNumber && characters.dropFirst().allSatisfy(\.isLetter)
        }
        var prefixes: [String] = []
        if parts.count == 2 {
            guard Postcode.isOutward(parts[0]), isInwardStart(parts[1]) else { return nil }
            prefixes = [parts[0] + " " + parts[1]]
        } else {
            let compact = parts[0]
            for cut in stride(from: min(4, compact.count), through: 2, by: -1) {
                let outward = String(compact.prefix(cut)), rest = String(compact.dropFirst(cut))
                guard Postcode.isOutward(outward) else { continue }
                if rest.isEmpty { prefixes.append(outward + " ") } else if isInwardStart(rest) { prefixes.append(outward + " " + rest) }
            }
        }
        return prefixes.isEmpty ? nil : prefixes.map { $0.lowercased() }
    }

    // MARK: What the database compares

    public enum Field: String, Sendable { case name, phone, email, postcode, dateOfBirth }
    public enum Match: Sendable { case contains, startsWith, equals }
    public struct Condition: Sendable, Equatable {
        public let field: Field
        public let match: Match
        /// Already in the form of the stored keys.
        public let text: String
    }

    /// What a record must have to be found: every group holds, each by any one of its conditions.
    /// A reference is found by its case, not here: no conditions, nothing found.
    public var conditions: [[Condition]] {
        switch self {
        case .reference: [[]]
        case .dateOfBirth(let day): [[Condition(field: .dateOfBirth, match: .equals, text: day.iso)]]
        case .email(let text): [[Condition(field: .email, match: .contains, text: text)]]
        case .postcode(let prefixes): [prefixes.map { Condition(field: .postcode, match: .startsWith, text: $0) }]
        case .phone(let digits): [[Condition(field: .phone, match: .contains, text: digits)]]
        case .name(let words): words.map { [Condition(field: .name, match: .contains, text: $0)] }
        }
    }
}
