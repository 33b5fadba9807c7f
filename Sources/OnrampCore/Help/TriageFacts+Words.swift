import Foundation

/// The words of a decision, written only when a resident or an officer reads them, and what is
/// wrong with a condition an officer writes.
extension TriageFacts {
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
            guard let flag = Flag(rawValue: fact) else { return [] }
            return [self.flag(flag) ? flag.phrases.yes : flag.phrases.no]
        }
        if condition.atLeast != nil || condition.atMost != nil {
            guard let value = number(fact) else {
                return [fact == "age" ? "you did not tell us your age" : "you did not tell us what you can do online"]
            }
            return [Self.describe(number: fact, value: value, condition: condition)]
        }
        let wanted = condition.oneOf ?? []
        let chosen = answers(fact)
        if fact == "lives-in-area", flag(.placedByPostcode) {
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
        if Flag(rawValue: fact) != nil {
            return condition.is == nil || tests != 1 ? .init(message: "\u{201C}\(fact)\u{201D} is yes or no: write \"is\": true or \"is\": false") : nil
        }
        if Number(rawValue: fact) != nil {
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

extension TriageFacts.Flag {
    /// How the fact reads when true and when false.
    var phrases: (yes: String, no: String) {
        switch self {
        case .ownDevice: ("you have a device of your own", "you have no device of your own")
        case .suitableDevice: ("you have a laptop, tablet or computer of your own", "you have no laptop, tablet or computer of your own")
        case .lowIncome: ("you are on a low income", "you did not tell us you are on a low income")
        case .children: ("children live with you", "no children live with you")
        case .careLeaver: ("you are a care leaver", "you are not a care leaver")
        case .disability: ("you have a disability or long-term condition", "you did not tell us about a disability")
        case .online: ("you get online", "you do not get online at the moment")
        case .placedByPostcode: ("your postcode shows where you live", "we do not know from a postcode where you live")
        }
    }
}
