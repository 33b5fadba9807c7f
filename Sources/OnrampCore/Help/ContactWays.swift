/// The ways a resident chose to be contacted: one or more of a text message, an email, a letter
/// and a phone call, stored as "letter,phone".
public struct ContactWays: Sendable, Equatable {
    public static let all = ["sms", "email", "letter", "phone"]

    /// In the order above, whatever order they were given in.
    public let ways: [String]

    public init(_ chosen: [String]) {
        let known = Self.all.filter(chosen.contains)
        ways = known.isEmpty ? ["phone"] : known
    }

    public init(stored: String) { self.init(stored.split(separator: ",").map(String.init)) }

    public var stored: String { ways.joined(separator: ",") }

    public func includes(_ way: String) -> Bool { ways.contains(way) }

    /// How messages about a request go: the first written way chosen (a text, an email, then a
    /// letter), so there is something to keep; a phone call only when nothing written was chosen.
    public var forMessages: String { ways.first { $0 != "phone" } ?? "phone" }

    /// "a text message", "a letter or a phone call".
    public var words: String {
        let named = ways.map { way in
            switch way {
            case "sms": "a text message"
            case "email": "an email"
            case "letter": "a letter"
            default: "a phone call"
            }
        }
        return named.count == 1 ? named[0] : named.dropLast().joined(separator: ", ") + " or " + named.last!
    }
}
