import Foundation

/// What a resident has answered so far: question id to the chosen values. The skills question
/// keeps one value per task, under "skills.<task>".
public struct TriageAnswers: Sendable, Equatable, Codable {
    public var values: [String: [String]]

    public init(_ values: [String: [String]] = [:]) { self.values = values }

    public subscript(_ id: String) -> [String] {
        get { values[id] ?? [] }
        set { values[id] = newValue.isEmpty ? nil : newValue }
    }

    public func first(_ id: String) -> String? { values[id]?.first }

    /// The questions this resident is asked, given what they have answered: branching applied.
    public func questions(in all: [TriageQuestion] = TriageQuestions.standard) -> [TriageQuestion] {
        let facts = TriageFacts(self)
        return all.filter { $0.askedWhen.map { facts.holds($0) } ?? true }
    }

    public func isAnswered(_ question: TriageQuestion) -> Bool {
        switch question.kind {
        case .skills: question.options.allSatisfy { values["skills.\($0.value)"] != nil }
        case .postcode: values[question.id] != nil
        default: !self[question.id].isEmpty
        }
    }

    /// The first question still to answer, or nil when the triage is complete.
    public func nextUnanswered(in all: [TriageQuestion] = TriageQuestions.standard) -> TriageQuestion? {
        questions(in: all).first { !isAnswered($0) }
    }

    public func question(after id: String, in all: [TriageQuestion] = TriageQuestions.standard) -> TriageQuestion? {
        let asked = questions(in: all)
        guard let index = asked.firstIndex(where: { $0.id == id }) else { return nil }
        return asked.dropFirst(index + 1).first
    }

    public func question(before id: String, in all: [TriageQuestion] = TriageQuestions.standard) -> TriageQuestion? {
        let asked = questions(in: all)
        guard let index = asked.firstIndex(where: { $0.id == id }), index > 0 else { return nil }
        return asked[index - 1]
    }

    /// Answers no longer asked (a branch the resident left) are dropped, so they cannot sway a rule.
    public func pruned(in all: [TriageQuestion] = TriageQuestions.standard) -> TriageAnswers {
        let asked = Set(questions(in: all).map(\.id))
        return TriageAnswers(values.filter { key, _ in asked.contains(Self.questionID(of: key)) })
    }

    /// The question an answer's key belongs to: "skills.email" is the skills question's.
    static func questionID(of key: String) -> String {
        key.utf8.firstIndex(of: UInt8(ascii: ".")).map { String(key[..<$0]) } ?? key
    }

    /// The answer in words, for check-your-answers and the case page.
    public func summary(of question: TriageQuestion) -> [String] {
        switch question.kind {
        case .skills:
            question.options.map { task in
                "\(task.label): \(first("skills.\(task.value)").flatMap(SkillLevel.init(rawValue:))?.label.lowercased() ?? "not answered")"
            }
        case .postcode:
            [first(question.id).flatMap { $0.isEmpty ? nil : $0 } ?? "Not given"]
        default:
            self[question.id].map { question.option($0)?.label ?? $0 }
        }
    }
}

/// A refused answer, in GOV.UK's words: one problem a field, every field at once.
public struct TriageAnswerProblem: Error, Sendable, Equatable {
    public let problems: [FormErrors.Problem]

    public init(field: String, message: String) { problems = [.init(field: field, message: message)] }
    public init(_ problems: [FormErrors.Problem]) { self.problems = problems }

    public var errors: FormErrors {
        var errors = FormErrors()
        for problem in problems { errors.add(problem.field, problem.message) }
        return errors
    }
}

extension TriageQuestion {
    /// Checks what was submitted for this question and returns the values to store.
    /// `submitted` maps a field name to its values (the skills page has one field per task).
    public func validate(_ submitted: [String: [String]]) -> Result<[String: [String]], TriageAnswerProblem> {
        switch kind {
        case .single:
            let chosen = (submitted[id] ?? []).filter { option($0) != nil }
            guard chosen.count == 1 else { return .failure(.init(field: id, message: "Select an answer")) }
            return .success([id: chosen])
        case .multiple:
            let chosen = (submitted[id] ?? []).filter { option($0) != nil }
            if chosen.isEmpty { return .failure(.init(field: id, message: "Select all that apply, or \u{201C}\(options.last { $0.exclusive }?.label ?? "none")\u{201D}")) }
            if chosen.count > 1, let exclusive = chosen.compactMap(option).first(where: \.exclusive) {
                return .failure(.init(field: id, message: "Select \u{201C}\(exclusive.label)\u{201D} on its own, or the others without it"))
            }
            return .success([id: chosen])
        case .skills:
            // Every task not answered is listed at once: a resident should not find them one by one.
            var stored: [String: [String]] = [:], missing: [FormErrors.Problem] = []
            for task in options {
                let field = "skills.\(task.value)"
                if let value = submitted[field]?.first, TriageQuestions.skillLevels.contains(where: { $0.value == value }) {
                    stored[field] = [value]
                } else {
                    missing.append(.init(field: field, message: "Select how well you can \(task.label.prefix(1).lowercased() + task.label.dropFirst())"))
                }
            }
            return missing.isEmpty ? .success(stored) : .failure(.init(missing))
        case .postcode:
            let text = (submitted[id]?.first ?? "").trimmingCharacters(in: .whitespaces)
            if text.isEmpty { return .success([id: [""]]) }
            guard let postcode = Postcode.normalise(text) else {
                return .failure(.init(field: id, message: "Enter a real postcode, like SE1 7PB, or leave it empty"))
            }
            return .success([id: [postcode]])
        }
    }
}

/// How long a triage's address keeps working. The address is the only key to a draft: an
/// unfinished one stops 30 days after its last answer; once help is asked for, the reference
/// shows only in the browser that asked, for a short while after asking.
public enum ResumeLink {
    public static let unfinishedDays = 30
    /// How long after asking the asking browser still sees the reference and the optional questions.
    public static let afterAsking: TimeInterval = 2 * 60 * 60

    public static func isOpen(lastAnswer: Date, now: Date) -> Bool {
        now.timeIntervalSince(lastAnswer) < TimeInterval(unfinishedDays) * 24 * 60 * 60
    }

    public static func showsReference(askedAt: Date, now: Date) -> Bool {
        now.timeIntervalSince(askedAt) < afterAsking
    }
}
