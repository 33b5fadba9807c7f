import Foundation

/// The Essential Digital Skills framework (Department for Education, 2018, updated 2019): eight
/// foundation tasks everyone needs first, and five areas of skills for life and work. Sessions
/// say which areas they cover; a learner's progress is recorded against both.
public enum SkillsArea: String, CaseIterable, Sendable, Codable {
    case communicating
    case handlingInformation = "handling-information"
    case transacting
    case problemSolving = "problem-solving"
    case beingSafe = "being-safe-and-legal"

    public var label: String {
        switch self {
        case .communicating: "Communicating: email, messages and video calls"
        case .handlingInformation: "Handling information and content: finding, saving and sharing"
        case .transacting: "Transacting: buying, paying and filling in forms online"
        case .problemSolving: "Problem solving: finding help and fixing things"
        case .beingSafe: "Being safe and legal online"
        }
    }

    /// For tables and lists where the long label will not fit.
    public var shortLabel: String {
        switch self {
        case .communicating: "Communicating"
        case .handlingInformation: "Handling information"
        case .transacting: "Transacting"
        case .problemSolving: "Problem solving"
        case .beingSafe: "Being safe and legal"
        }
    }
}

/// How well someone can do a task or an area. The raw values are the triage's, so a resident's
/// answers to the skills question are the starting point of their progress.
public enum SkillLevel: String, CaseIterable, Sendable, Codable, Comparable {
    case alone
    case withHelp = "with-help"
    case notYet = "cannot"

    public var label: String {
        switch self {
        case .alone: "On my own"
        case .withHelp: "With help"
        case .notYet: "Not yet"
        }
    }

    private var rank: Int {
        switch self {
        case .notYet: 0
        case .withHelp: 1
        case .alone: 2
        }
    }

    public static func < (lhs: SkillLevel, rhs: SkillLevel) -> Bool { lhs.rank < rhs.rank }
}

/// The eight foundation tasks, as the triage asks them.
public enum FoundationTasks {
    public static var all: [TriageQuestion.Option] { TriageQuestions.skillTasks }
}
