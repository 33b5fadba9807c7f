import Foundation

/// How long a council keeps each kind of personal data before Onramp removes it. Each council
/// sets its own; these defaults are what a data protection officer is likely to accept.
public struct RetentionPolicy: Sendable, Equatable {
    /// A resident whose every case has been closed this long is anonymised.
    public var closedCaseMonths: Int
    /// A follow-up nobody answered, and a triage nobody finished, is removed after this long.
    public var unansweredDays: Int
    /// A message's words are removed this long after it was sent.
    public var messageBodyDays: Int
    /// A champion who left is anonymised after this long.
    public var championLeftMonths: Int

    public static let standard = RetentionPolicy(closedCaseMonths: 24, unansweredDays: 30, messageBodyDays: 90, championLeftMonths: 12)

    public init(closedCaseMonths: Int, unansweredDays: Int, messageBodyDays: Int, championLeftMonths: Int) {
        self.closedCaseMonths = closedCaseMonths
        self.unansweredDays = unansweredDays
        self.messageBodyDays = messageBodyDays
        self.championLeftMonths = championLeftMonths
    }

    /// The limits a setting must keep within: long enough for the work to finish (a loan runs
    /// for months, a follow-up is asked weeks after help), short enough to mean something.
    public enum Field: String, CaseIterable, Sendable {
        case closedCaseMonths = "closed_case_months"
        case unansweredDays = "unanswered_days"
        case messageBodyDays = "message_body_days"
        case championLeftMonths = "champion_left_months"

        public var range: ClosedRange<Int> {
            switch self {
            case .closedCaseMonths: 6...120
            case .unansweredDays: 7...365
            case .messageBodyDays: 7...730
            case .championLeftMonths: 1...120
            }
        }

        public var unit: String {
            switch self {
            case .closedCaseMonths, .championLeftMonths: "months"
            case .unansweredDays, .messageBodyDays: "days"
            }
        }
    }

    public subscript(field: Field) -> Int {
        get {
            switch field {
            case .closedCaseMonths: closedCaseMonths
            case .unansweredDays: unansweredDays
            case .messageBodyDays: messageBodyDays
            case .championLeftMonths: championLeftMonths
            }
        }
        set {
            switch field {
            case .closedCaseMonths: closedCaseMonths = newValue
            case .unansweredDays: unansweredDays = newValue
            case .messageBodyDays: messageBodyDays = newValue
            case .championLeftMonths: championLeftMonths = newValue
            }
        }
    }

    /// Reads each setting as a whole number within its range; what is wrong goes into `errors`
    /// under the field's name, with `label` naming it in the message.
    public static func validate(_ typed: [Field: String], label: (Field) -> String, into errors: inout FormErrors) -> RetentionPolicy? {
        var policy = RetentionPolicy.standard
        for field in Field.allCases {
            let text = (typed[field] ?? "").trimmingCharacters(in: .whitespaces)
            guard let value = Int(text), field.range.contains(value) else {
                errors.add(field.rawValue, "Enter \(label(field)) as a whole number of \(field.unit) from \(field.range.lowerBound) to \(field.range.upperBound)")
                continue
            }
            policy[field] = value
        }
        return errors.isEmpty ? policy : nil
    }
}
