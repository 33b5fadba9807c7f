import Foundation

/// How Onramp reads GOV.UK Notify's answers, and what it says about them: to an administrator
/// when Onramp's own set-up is at fault, to staff when a message did not arrive.
enum NotifySetupWords {
    static func unset(_ setting: String, channel: MessageChannel) -> String {
        "\(setting) is not set: set it to the id of the \(channel.label.lowercased()) template in GOV.UK Notify"
    }

    static func keyRefused(_ notifySaid: String?) -> String {
        "GOV.UK Notify refused Onramp's API key (ONRAMP_NOTIFY_API_KEY)\(notifySaid.map { ": \($0)" } ?? ""). Check the key is a live key for this service, and the server's clock"
    }

    static func templateRefused(_ id: String, _ setting: String, _ notifySaid: String) -> String {
        "GOV.UK Notify could not use the template \(id) named by \(setting): \(notifySaid)"
    }

    /// Notify answers 400 both for a recipient it refuses and for faults in the service's own
    /// set-up; only the second names a template, personalisation, an API key or the service.
    static func isSetupFault(_ notifySaid: String) -> Bool {
        let words = notifySaid.lowercased()
        return ["template", "personalisation", "api key", "trial mode", "not allowed to send", "service id"].contains { words.contains($0) }
    }

    /// Notify's name for each kind of template.
    static func notifyType(_ channel: MessageChannel) -> String {
        switch channel {
        case .email: "email"
        case .sms: "sms"
        case .letter, .phone: "letter"
        }
    }

    /// What a channel sends, in the plural: "emails", "text messages", "letters".
    static func plural(_ channel: MessageChannel) -> String {
        switch channel {
        case .email: "emails"
        case .sms: "text messages"
        case .letter: "letters"
        case .phone: "phone calls"
        }
    }

    /// What is wrong with a template Notify has, or nil when Onramp can fill it in.
    static func templateProblem(type: String, body: String, subject: String?, id: String, setting: String, channel: MessageChannel) -> String? {
        let named = "The template \(id) named by \(setting)"
        guard type == notifyType(channel) else {
            let kind = MessageChannel.allCases.first { notifyType($0) == type }.map(plural) ?? "\(type) messages"
            return "\(named) is for \(kind), not \(plural(channel))"
        }
        let fields = placeholders(body), subjectFields = placeholders(subject ?? "")
        guard fields.contains("body") else { return "\(named) has no ((body)) in its message: Onramp puts each message's words there" }
        guard channel == .sms || subjectFields.contains("subject") else { return "\(named) has no ((subject)) in its subject line: Onramp puts each message's subject there" }
        // Notify refuses a message that leaves any of the template's fields empty.
        let filled = Set(["body", "subject"] + (channel == .letter ? (1...7).map { "address_line_\($0)" } : []))
        if let other = (fields + subjectFields).first(where: { !filled.contains($0) }) {
            return "\(named) has ((\(other))), which Onramp does not fill in: its message should be ((body))\(channel == .sms ? "" : " and its subject ((subject))")"
        }
        return nil
    }

    /// The ((fields)) in a template's text, as Notify reads them: without case or spaces, and
    /// without a conditional's ?? part.
    static func placeholders(_ text: String) -> [String] {
        text.components(separatedBy: "((").dropFirst().compactMap { part in
            guard let name = part.components(separatedBy: "))").first, part.contains("))") else { return nil }
            return name.components(separatedBy: "??")[0].lowercased().replacingOccurrences(of: " ", with: "")
        }
    }

    /// A letter's status from Notify (GET /v2/notifications/{id}).
    static func letterProgress(_ status: String) -> LetterProgress {
        switch status {
        case "received": .posted
        case "technical-failure": .retry("GOV.UK Notify had a technical fault with the letter")
        case "cancelled": .failed("the letter was cancelled in GOV.UK Notify")
        case "validation-failed": .failed("GOV.UK Notify could not print it: something in it is outside the printable area")
        case "virus-scan-failed": .failed("GOV.UK Notify could not print it: the letter failed its virus check")
        case "permanent-failure": .failed("the printing company could not print or post it")
        default: .waiting
        }
    }

    /// Why a message did not arrive, from Notify's delivery receipt, in words that fit how it
    /// was sent (a phone that was off is no reason for an email).
    static func undelivered(_ status: String, channel: MessageChannel) -> String {
        switch (status, channel) {
        case ("permanent-failure", .email): "the email address does not exist, or its provider refused the email"
        case ("permanent-failure", .sms): "the phone number does not exist, or the network refused the text"
        case ("permanent-failure", _): "the printing company could not print or post it"
        case ("temporary-failure", .email): "the inbox was full, or a spam filter refused the email, for 72 hours"
        case ("temporary-failure", .sms): "the phone was off, out of signal or its inbox full for 72 hours"
        case ("temporary-failure", _): "it could not be delivered for 72 hours"
        case ("validation-failed", _): "GOV.UK Notify could not print it: something in it is outside the printable area"
        case ("technical-failure", _): "GOV.UK Notify had a technical fault sending it"
        default: "the provider could not deliver it"
        }
    }
}
