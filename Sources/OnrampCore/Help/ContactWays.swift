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

extension ContactWays {
    /// The details the chosen ways need: a mobile to text, a number to phone, an email address,
    /// a postal address to write to. Anything given is checked, chosen or not.
    public struct Details: Sendable, Equatable {
        /// As `PhoneNumber.normalise` writes it.
        public let phone: String?
        public let email: String?
        public let address: String?
    }

    /// `name` heads a letter's address and `postcode`, the one the person already gave, ends it
    /// when they leave it off: Notify posts only to an address it accepts (`NotifyRules`).
    public func validate(name: String, phone: String, email: String, address: String, postcode: String?, into errors: inout FormErrors) -> Details {
        var phoneNumber: String?
        let phoneText = phone.trimmingCharacters(in: .whitespaces)
        if phoneText.isEmpty {
            if includes("sms") || includes("phone") { errors.add("phone", "Enter a phone number, as you asked us to \(includes("sms") ? "text" : "phone") you") }
        } else if let normalised = PhoneNumber.normalise(phoneText) {
            if includes("sms"), !PhoneNumber.isMobile(normalised) { errors.add("phone", "Enter a mobile number, like 07700 900123, so we can text you") }
            phoneNumber = normalised
        } else {
            errors.add("phone", "Enter a UK phone number, like 07700 900123 or 020 7946 0000")
        }
        var emailAddress: String?
        if !email.trimmingCharacters(in: .whitespaces).isEmpty || includes("email") {
            emailAddress = EmailAddress.validateForMessages(email, field: "email", into: &errors)
        }
        let addressText = address.trimmingCharacters(in: .whitespacesAndNewlines)
        let lines = NotifyRules.completing(NotifyRules.addressLines(addressText), postcode: postcode)
        if addressText.isEmpty {
            if includes("letter") { errors.add("address", "Enter your address, as you asked us to write to you") }
        } else if addressText.count > 300 {
            errors.add("address", "Address must be 300 characters or fewer")
        } else if let problem = NotifyRules.addressProblem(name: name, lines: lines) {
            errors.add("address", Self.words(problem))
        }
        return Details(phone: phoneNumber, email: emailAddress, address: addressText.isEmpty ? nil : lines.joined(separator: "\n"))
    }

    static func words(_ problem: NotifyRules.AddressProblem) -> String {
        switch problem {
        case .tooFewLines: "Enter the address on at least 2 lines, with the postcode on the last line"
        case .tooManyLines: "The address must be 6 lines or fewer, with the postcode on the last line"
        case .noPostcode: "Put the postcode on the last line of the address, like SE1 7PB"
        case .firstCharacter: "Address lines must not start with any of these: @ ( ) = [ ] \" \\ / , < >"
        case .noFixedAbode: "We cannot post letters without an address. Choose another way to be contacted, or give an address where post arrives"
        }
    }
}
