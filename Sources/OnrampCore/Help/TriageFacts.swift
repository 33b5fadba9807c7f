import Foundation

/// What rules can ask about a resident: each question's answers, and facts worked out from them
/// (age, low income, owning a device, how many everyday tasks they need help with). A class, so
/// that each of a package's outcomes can keep it, for its reasons, without copying it.
public final class TriageFacts: Sendable {
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
        age = answers.first("age").flatMap { band in band == "under-18" ? 0 : Self.leadingNumber(band) }
        var answered = 0, needHelp = 0
        for key in Self.skillKeys {
            guard let level = answers.first(key) else { continue }
            answered += 1
            if level != "alone" { needHelp += 1 }
        }
        skillsGap = answered == 0 ? nil : needHelp
        schoolChildren = answers["about-you"].contains("children") ? answers.first("school-children").flatMap { Int($0) } ?? 0 : 0
        placedByPostcode = given.first("postcode.inside") != nil
    }

    private let schoolChildren: Int
    private let placedByPostcode: Bool

    /// The number an age band starts with, "65" of "65-74": nil when it starts with no digit,
    /// or with more than an Int holds.
    static func leadingNumber(_ band: String) -> Int? {
        Int(String(decoding: band.utf8.prefix { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }, as: UTF8.self))
    }

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

    /// Whether a rule holds, and why. The decision is made now; the words only when read, since a
    /// package decides every offer in the catalogue but a resident reads the reasons of a few.
    public func evaluate(_ rule: EligibilityRule) -> RuleOutcome {
        RuleOutcome(passes: holds(rule), explaining: rule, for: self)
    }

    /// Whether a rule holds, without the words.
    public func holds(_ rule: EligibilityRule) -> Bool {
        switch rule {
        case .all(let rules): rules.allSatisfy { holds($0) }
        case .any(let rules): rules.contains { holds($0) }
        case .not(let inner): !holds(inner)
        case .condition(let condition): holds(condition)
        }
    }

    private func holds(_ condition: EligibilityRule.Condition) -> Bool {
        let fact = condition.fact
        if let wanted = condition.is { return flag(fact).map { $0 == wanted } ?? false }
        if condition.atLeast != nil || condition.atMost != nil {
            guard let value = number(fact) else { return false }
            return (condition.atLeast.map { value >= $0 } ?? true) && (condition.atMost.map { value <= $0 } ?? true)
        }
        let wanted = condition.oneOf ?? []
        if fact == "lives-in-area", placedByPostcode { return wanted.contains(answers[fact].contains("yes") ? "yes" : "no") }
        return answers[fact].contains(where: wanted.contains)
    }

    /// Why a rule holds or not: when all must hold, the ones that failed (or every one, when all
    /// held); when any may, the first that held (or every one, when none did).
    func reasons(for rule: EligibilityRule) -> [String] {
        switch rule {
        case .all(let rules):
            let failing = rules.filter { !holds($0) }
            return (failing.isEmpty ? rules : failing).flatMap { reasons(for: $0) }
        case .any(let rules):
            if let passing = rules.first(where: { holds($0) }) { return reasons(for: passing) }
            return rules.flatMap { reasons(for: $0) }
        case .not(let inner):
            // The reasons describe facts, which read true either way round.
            return reasons(for: inner)
        case .condition(let condition):
            return reasons(for: condition)
        }
    }

    private func reasons(for condition: EligibilityRule.Condition) -> [String] {
        let fact = condition.fact
        if condition.is != nil {
            guard let value = flag(fact), let phrases = Self.flagPhrases[fact] else { return [] }
            return [value ? phrases.yes : phrases.no]
        }
        if condition.atLeast != nil || condition.atMost != nil {
            guard let value = number(fact) else {
                return [fact == "age" ? "you did not tell us your age" : "you did not tell us what you can do online"]
            }
            return [Self.describe(number: fact, value: value, condition: condition)]
        }
        let wanted = condition.oneOf ?? []
        let chosen = answers[fact]
        if fact == "lives-in-area", placedByPostcode {
            return [chosen.contains("yes") ? "your postcode is in the council\u{2019}s area" : "your postcode is outside the council\u{2019}s area"]
        }
        let question = TriageQuestions.question(fact)
        let labels = { (values: [String]) in values.map { question?.option($0)?.label ?? $0 } }
        let matched = chosen.filter(wanted.contains)
        return [Self.describe(choice: fact, labels: labels(matched.isEmpty ? wanted : matched), matched: !matched.isEmpty)]
    }

    private static func describe(number fact: String, value: Int, condition: EligibilityRule.Condition) -> String {
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
