import Foundation

/// When in a learner's help a snapshot of their skills was taken.
public enum ReviewStage: String, CaseIterable, Sendable, Codable {
    case start, end

    public var label: String {
        switch self {
        case .start: "At the start"
        case .end: "At the end"
        }
    }
}

/// What a learner can do at one point in their help: each of the eight foundation tasks and
/// each of the five skills areas, and what they want to do online. Progress is the difference
/// between the snapshot at the start and the one at the end.
public struct SkillsSnapshot: Sendable, Equatable, Codable {
    /// Foundation task value (as in `FoundationTasks.all`) to level.
    public var tasks: [String: SkillLevel]
    /// Skills area raw value to level.
    public var areas: [String: SkillLevel]
    /// Values of the triage's "wants" question.
    public var goals: [String]

    public init(tasks: [String: SkillLevel], areas: [SkillsArea: SkillLevel], goals: [String]) {
        self.tasks = tasks
        self.areas = Dictionary(uniqueKeysWithValues: areas.map { ($0.key.rawValue, $0.value) })
        self.goals = goals
    }

    public func level(of task: String) -> SkillLevel? { tasks[task] }
    public func level(of area: SkillsArea) -> SkillLevel? { areas[area.rawValue] }

    /// A resident who came through the triage starts from their own answers: the tasks as they
    /// told us, the goals they chose. The triage does not ask about the five areas, so those are
    /// left for the first review.
    public static func fromTriage(_ answers: TriageAnswers) -> SkillsSnapshot {
        var tasks: [String: SkillLevel] = [:]
        for task in FoundationTasks.all {
            if let level = answers.first("skills.\(task.value)").flatMap(SkillLevel.init(rawValue:)) { tasks[task.value] = level }
        }
        return SkillsSnapshot(tasks: tasks, areas: [:], goals: answers["wants"].filter { $0 != "nothing" })
    }

    /// Foundation tasks done on their own.
    public var tasksOnTheirOwn: Int { FoundationTasks.all.filter { tasks[$0.value] == .alone }.count }
    public var areasOnTheirOwn: Int { SkillsArea.allCases.filter { areas[$0.rawValue] == .alone }.count }

    /// Foundation tasks they can do on their own now and could not before: what outcome
    /// figures count as "tasks gained". A task forgotten is not subtracted.
    public static func tasksGained(from start: SkillsSnapshot, to end: SkillsSnapshot) -> Int {
        FoundationTasks.all.filter { end.tasks[$0.value] == .alone && start.tasks[$0.value] != .alone }.count
    }

    /// Tasks and areas whose level went up, for the line on the case timeline.
    public static func improvements(from start: SkillsSnapshot, to end: SkillsSnapshot) -> (tasks: Int, areas: Int) {
        let tasks = FoundationTasks.all.filter { task in
            guard let after = end.tasks[task.value] else { return false }
            return start.tasks[task.value].map { after > $0 } ?? false
        }.count
        let areas = SkillsArea.allCases.filter { area in
            guard let after = end.areas[area.rawValue] else { return false }
            return start.areas[area.rawValue].map { after > $0 } ?? false
        }.count
        return (tasks, areas)
    }

    /// "4 of 8 everyday tasks and 1 of 5 skills areas on their own".
    public var summary: String {
        "\(tasksOnTheirOwn) of \(FoundationTasks.all.count) everyday tasks and \(areasOnTheirOwn) of \(SkillsArea.allCases.count) skills areas on their own"
    }

    /// Every task and area has a level.
    public var isComplete: Bool {
        FoundationTasks.all.allSatisfy { tasks[$0.value] != nil } && SkillsArea.allCases.allSatisfy { areas[$0.rawValue] != nil }
    }
}
