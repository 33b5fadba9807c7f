import Foundation

/// What rules can ask about a resident: each question's answers, and facts worked out from them
/// (age, low income, owning a device, how many everyday tasks they need help with).
public struct TriageFacts: Sendable {
    public let answers: TriageAnswers

    // Worked out once, so a catalogue of rules reads them without recomputing.
    private let ownDevice: Bool, suitableDevice: Bool, lowIncome: Bool, online: Bool
    private let age: Int?, skillsGap: Int?

    public init(_ given: TriageAnswers) {
        // A postcode placed by Onramp says where someone lives, whatever else was answered.
        var answers = given
        if let inside = given.first("postcode.inside") { answers["lives-in-area"] = [inside == "yes" ? "yes" : "no"] }
        self.answers = answers
        let devices = answers["devices"]
        let owns = answers.first("device-ownership") == "own"
        ownDevice = owns && devices.contains(where: TriageQuestions.internetDevices.contains)
        suitableDevice = owns && devices.contains { $0 == "tablet" || $0 == "laptop" || $0 == "desktop" }
        lowIncome = answers["benefits"].contains(where: Self.meansTestedBenefits.contains) || answers.first("income") == "under-16k"
        let connection = answers["connection"]
        online = !connection.isEmpty && !connection.contains("none")
        age = answers.first("age").flatMap { band in band == "under-18" ? 0 : Int(band.prefix { $0.isNumber }) }
        let levels = Self.skillKeys.compactMap { answers.first($0) }
        skillsGap = levels.isEmpty ? nil : levels.filter { $0 != "alone" }.count
        schoolChildren = answers["about-you"].contains("children") ? answers.first("school-children").flatMap { Int($0) } ?? 0 : 0
        placedByPostcode = given.first("postcode.inside") != nil
    }

    private let schoolChildren: Int
    private let placedByPostcode: Bool

    /// Devices a household needs: one if nobody has a laptop, tablet or computer of their own,
    /// and one for each child who needs one for schoolwork.
    public var devicesNeeded: Int { (suitableDevice ? 0 : 1) + schoolChildren }

    static let skillKeys = TriageQuestions.skillTasks.map { "skills.\($0.value)" }

    /// Facts that are yes or no, with how each reads when true and when false.
    static let flagPhrases: [String: (yes: String, no: String)] = [
        "own-device": ("you have a device of your own", "you have no device of your own"),
        "suitable-device": ("you have a laptop, tablet or computer of your own", "you have no laptop, tablet or computer of your own"),
        "low-income": ("you are on a low income", "you did not tell us you are on a low income"),
        "children": ("children live with you", "no children live with you"),
        "care-leaver": ("you are a care leaver", "you are not a care leaver"),
        "disability": ("you have a disability or long-term condition", "you did not tell us about a disability"),
        "online": ("you get online", "you do not get online at the moment"),
        "placed-by-postcode": ("your postcode shows where you live", "we do not know from a postcode where you live"),
    ]

    /// Facts that are numbers, with their unit in words.
    static let numberFacts: Set<String> = ["age", "skills-gap", "school-children"]

    /// Benefits that show a low income, for the "low-income" fact.
    public static let meansTestedBenefits: Set<String> = [
        "universal-credit", "pension-credit", "jsa", "esa", "income-support", "housing-benefit", "council-tax-reduction",
    ]

    public func flag(_ fact: String) -> Bool? {
        switch fact {
        case "own-device": ownDevice
        case "suitable-device": suitableDevice
        case "low-income": lowIncome
        case "children", "care-leaver", "disability": answers["about-you"].contains(fact)
        case "online": online
        case "placed-by-postcode": placedByPostcode
        default: nil
        }
    }

    public func number(_ fact: String) -> Int? {
        switch fact {
        case "age": age
        case "skills-gap": skillsGap
        case "school-children": schoolChildren
        default: nil
        }
    }

    public func evaluate(_ rule: EligibilityRule) -> RuleOutcome {
        switch rule {
        case .all(let rules):
            let outcomes = rules.map(evaluate)
            let failing = outcomes.filter { !$0.passes }
            return failing.isEmpty
                ? RuleOutcome(passes: true, reasons: outcomes.flatMap(\.reasons))
                : RuleOutcome(passes: false, reasons: failing.flatMap(\.reasons))
        case .any(let rules):
            let outcomes = rules.map(evaluate)
            if let passing = outcomes.first(where: \.passes) { return RuleOutcome(passes: true, reasons: passing.reasons) }
            return RuleOutcome(passes: false, reasons: outcomes.flatMap(\.reasons))
        case .not(let inner):
            // The reasons describe facts, which read true either way round.
            let outcome = evaluate(inner)
            return RuleOutcome(passes: !outcome.passes, reasons: outcome.reasons)
        case .condition(let condition):
            return evaluate(condition)
        }
    }

    private func evaluate(_ condition: EligibilityRule.Condition) -> RuleOutcome {
        let fact = condition.fact
        if let wanted = condition.is {
            guard let value = flag(fact), let phrases = Self.flagPhrases[fact] else { return RuleOutcome(passes: false, reasons: []) }
            return RuleOutcome(passes: value == wanted, reasons: [value ? phrases.yes : phrases.no])
        }
        if condition.atLeast != nil || condition.atMost != nil {
            guard let value = number(fact) else {
                return RuleOutcome(passes: false, reasons: [fact == "age" ? "you did not tell us your age" : "you did not tell us what you can do online"])
            }
            let passes = (condition.atLeast.map { value >= $0 } ?? true) && (condition.atMost.map { value <= $0 } ?? true)
            return RuleOutcome(passes: passes, reasons: [Self.describe(number: fact, value: value, condition: condition, passes: passes)])
        }
        let wanted = condition.oneOf ?? []
        let question = TriageQuestions.question(fact)
        let chosen = answers[fact]
        let matched = chosen.filter(wanted.contains)
        let labels = { (values: [String]) in values.map { question?.option($0)?.label ?? $0 } }
        if fact == "lives-in-area", placedByPostcode {
            let inside = chosen.contains("yes")
            return RuleOutcome(passes: wanted.contains(inside ? "yes" : "no"), reasons: [inside ? "your postcode is in the council\u{2019}s area" : "your postcode is outside the council\u{2019}s area"])
        }
        if !matched.isEmpty {
            return RuleOutcome(passes: true, reasons: [Self.describe(choice: fact, labels: labels(matched), matched: true)])
        }
        return RuleOutcome(passes: false, reasons: [Self.describe(choice: fact, labels: labels(wanted), matched: false)])
    }

    private static func describe(number fact: String, value: Int, condition: EligibilityRule.Condition, passes: Bool) -> String {
        if fact == "age" {
            if let least = condition.atLeast, value < least { return "you are under \(least)" }
            if let most = condition.atMost, value > most { return "you are over \(most)" }
            return condition.atLeast.map { "you are \($0) or over" } ?? "you are \(condition.atMost ?? 0) or under"
        }
        if fact == "school-children" {
            switch value {
            case 0: return "no child of yours needs a device for schoolwork"
            case 1: return "a child of yours needs a device for schoolwork"
            default: return "\(value) children of yours need a device for schoolwork"
            }
        }
        switch value {
        case 0: return "you can do the everyday tasks on your own"
        case 1: return "there is 1 everyday task you cannot yet do on your own"
        default: return "there are \(value) everyday tasks you cannot yet do on your own"
        }
    }

    private static func describe(choice fact: String, labels: [String], matched: Bool) -> String {
        // Benefits are names and keep their capitals; other answers read on in lower case.
        let list = fact == "benefits" ? labels : labels.map { $0.prefix(1).lowercased() + $0.dropFirst() }
        let joined = list.count <= 1 ? list.first ?? "" : list.dropLast().joined(separator: ", ") + (matched ? " and " : " or ") + list.last!
        switch fact {
        case "benefits": return matched ? "you get \(joined)" : "you did not say you get \(joined)"
        case "connection" where labels.contains("I do not get online"): return matched ? "you do not get online at the moment" : "you get online"
        case "connection": return matched ? "you use \(joined)" : "you do not have \(joined)"
        case "enough-internet": return matched ? "you do not always have enough internet" : "you have enough internet for what you need"
        case "struggling": return matched ? "you have struggled to pay a bill" : "you have not struggled to pay a bill"
        case "lives-in-area": return matched ? "you live in the council\u{2019}s area" : "you did not tell us you live in the council\u{2019}s area"
        case "safety": return matched ? "you are not confident about staying safe online" : "you are confident about staying safe online"
        default: return matched ? "you told us: \(joined)" : "you did not tell us: \(joined)"
        }
    }

    /// Why a condition cannot be evaluated: an unknown fact, or a value no question offers.
    static func problem(with condition: EligibilityRule.Condition) -> EligibilityRule.RuleProblem? {
        let fact = condition.fact
        let tests = [condition.oneOf != nil, condition.atLeast != nil || condition.atMost != nil, condition.is != nil].filter { $0 }.count
        if flagPhrases[fact] != nil {
            return condition.is == nil || tests != 1 ? .init(message: "\u{201C}\(fact)\u{201D} is yes or no: write \"is\": true or \"is\": false") : nil
        }
        if numberFacts.contains(fact) {
            return tests != 1 || condition.atLeast == nil && condition.atMost == nil ? .init(message: "\u{201C}\(fact)\u{201D} is a number: use \"atLeast\" or \"atMost\"") : nil
        }
        guard let question = TriageQuestions.question(fact), question.kind == .single || question.kind == .multiple else {
            return .init(message: "There is no fact called \u{201C}\(fact)\u{201D}")
        }
        guard let values = condition.oneOf, tests == 1, !values.isEmpty else {
            return .init(message: "\u{201C}\(fact)\u{201D} is a question: list the answers that count in \"oneOf\"")
        }
        if let unknown = values.first(where: { question.option($0) == nil }) {
            return .init(message: "\u{201C}\(unknown)\u{201D} is not an answer to \u{201C}\(fact)\u{201D}; the answers are \(question.options.map(\.value).joined(separator: ", "))")
        }
        return nil
    }
}
