import Foundation

/// Who an offer is for, as data a council can edit: conditions over a resident's answers
/// combined with all / any / not. Stored and edited as JSON, for example
/// `{"all": [{"fact": "age", "atLeast": 18}, {"fact": "benefits", "oneOf": ["pension-credit"]}]}`.
public indirect enum EligibilityRule: Sendable, Equatable, Codable {
    case all([EligibilityRule])
    case any([EligibilityRule])
    case not(EligibilityRule)
    case condition(Condition)

    public struct Condition: Sendable, Equatable, Codable {
        public var fact: String
        public var oneOf: [String]?
        public var atLeast: Int?
        public var atMost: Int?
        public var `is`: Bool?

        public init(fact: String, oneOf: [String]? = nil, atLeast: Int? = nil, atMost: Int? = nil, is flag: Bool? = nil) {
            self.fact = fact
            self.oneOf = oneOf
            self.atLeast = atLeast
            self.atMost = atMost
            self.is = flag
        }
    }

    /// Everyone qualifies.
    public static let everyone = EligibilityRule.all([])

    private enum Keys: String, CodingKey { case all, any, not }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        if let rules = try container.decodeIfPresent([EligibilityRule].self, forKey: .all) {
            self = .all(rules)
        } else if let rules = try container.decodeIfPresent([EligibilityRule].self, forKey: .any) {
            self = .any(rules)
        } else if let rule = try container.decodeIfPresent(EligibilityRule.self, forKey: .not) {
            self = .not(rule)
        } else {
            self = .condition(try Condition(from: decoder))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        switch self {
        case .all(let rules): try container.encode(rules, forKey: .all)
        case .any(let rules): try container.encode(rules, forKey: .any)
        case .not(let rule): try container.encode(rule, forKey: .not)
        case .condition(let condition): try condition.encode(to: encoder)
        }
    }

    /// The rule as readable JSON, for the edit box.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
    }

    /// Reads a rule typed by an officer, naming the first thing wrong with it.
    public static func parse(_ text: String) -> Result<EligibilityRule, RuleProblem> {
        let rule: EligibilityRule
        do {
            rule = try JSONDecoder().decode(EligibilityRule.self, from: Data(text.utf8))
        } catch DecodingError.dataCorrupted(let context) where context.codingPath.isEmpty {
            return .failure(RuleProblem(message: "The rule is not valid JSON: check the brackets, commas and quotation marks"))
        } catch {
            return .failure(RuleProblem(message: "Each part of the rule must be \u{201C}all\u{201D}, \u{201C}any\u{201D}, \u{201C}not\u{201D} or a condition with a \u{201C}fact\u{201D}"))
        }
        if let problem = rule.problem() { return .failure(problem) }
        return .success(rule)
    }

    public struct RuleProblem: Error, Sendable, Equatable { public let message: String }

    func problem() -> RuleProblem? {
        switch self {
        case .all(let rules), .any(let rules): return rules.lazy.compactMap { $0.problem() }.first
        case .not(let rule): return rule.problem()
        case .condition(let condition): return TriageFacts.problem(with: condition)
        }
    }
}

extension EligibilityRule {
    /// A rule with each condition's fact found once, when its offer is made, rather than by its
    /// name every time the rule is tried: a package tries every offer's rule on each resident.
    /// A condition says yes or no, a number or answers, in that order, as an officer's rule is
    /// checked; a name no fact has never holds.
    indirect enum Resolved: Sendable {
        case all([Resolved])
        case any([Resolved])
        case not(Resolved)
        case flag(TriageFacts.Flag?, is: Bool)
        case number(TriageFacts.Number?, atLeast: Int?, atMost: Int?)
        /// Answers under a question's key, in its place among `AnswerSlots`; a key no question has is read from
        /// the answers as given.
        case answer(slot: Int?, key: String, oneOf: [String])

        init(_ rule: EligibilityRule) {
            switch rule {
            case .all(let rules): self = .all(rules.map(Resolved.init))
            case .any(let rules): self = .any(rules.map(Resolved.init))
            case .not(let inner): self = .not(Resolved(inner))
            case .condition(let condition):
                if let wanted = condition.is {
                    self = .flag(TriageFacts.Flag(rawValue: condition.fact), is: wanted)
                } else if condition.atLeast != nil || condition.atMost != nil {
                    self = .number(TriageFacts.Number(rawValue: condition.fact), atLeast: condition.atLeast, atMost: condition.atMost)
                } else {
                    self = .answer(slot: AnswerSlots.standard.of(condition.fact), key: condition.fact, oneOf: condition.oneOf ?? [])
                }
            }
        }
    }
}

/// Whether a rule holds, and why, in plain English: "you get Pension Credit".
public struct RuleOutcome: Sendable, Equatable {
    public let passes: Bool
    private let rule: EligibilityRule
    private let facts: TriageFacts

    init(passes: Bool, explaining rule: EligibilityRule, for facts: TriageFacts) {
        self.passes = passes
        self.rule = rule
        self.facts = facts
    }

    /// The facts that decided it, worked out each time they are read.
    public var reasons: [String] { facts.reasons(for: rule) }

    /// "you get Pension Credit and you have no device of your own"
    public var because: String {
        let reasons = reasons
        switch reasons.count {
        case 0: return ""
        case 1: return reasons[0]
        default: return reasons.dropLast().joined(separator: ", ") + " and " + reasons.last!
        }
    }

    public static func == (a: RuleOutcome, b: RuleOutcome) -> Bool { a.passes == b.passes && a.reasons == b.reasons }
}
