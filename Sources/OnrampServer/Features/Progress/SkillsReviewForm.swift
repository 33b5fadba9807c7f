import OnrampCore

/// The skills review form: a level for each of the eight foundation tasks and the five areas,
/// and the learner's goals. Every missing answer is listed at once, in one error summary.
struct SkillsReviewForm: Sendable {
    var tasks: [String: String]
    var areas: [String: String]
    var goals: Set<String>

    static func taskField(_ task: String) -> String { "task-\(task)" }
    static func areaField(_ area: SkillsArea) -> String { "area-\(area.rawValue)" }
    static let goalsField = "goals"

    /// Goals are what the triage calls "what would you like to do online", without "nothing".
    static var goalOptions: [TriageQuestion.Option] {
        (TriageQuestions.standard.first { $0.id == "wants" }?.options ?? []).filter { $0.value != "nothing" }
    }

    init(_ fields: FormFields) {
        tasks = Dictionary(uniqueKeysWithValues: FoundationTasks.all.compactMap { task in fields[Self.taskField(task.value)].map { (task.value, $0) } })
        areas = Dictionary(uniqueKeysWithValues: SkillsArea.allCases.compactMap { area in fields[Self.areaField(area)].map { (area.rawValue, $0) } })
        goals = Set(fields.all(Self.goalsField))
    }

    /// Filled in from what is already known: the last review, or else the triage's answers.
    init(_ snapshot: SkillsSnapshot) {
        tasks = snapshot.tasks.mapValues(\.rawValue)
        areas = snapshot.areas.mapValues(\.rawValue)
        goals = Set(snapshot.goals)
    }

    func validate(into errors: inout FormErrors) -> SkillsSnapshot? {
        var taskLevels: [String: SkillLevel] = [:]
        for task in FoundationTasks.all {
            if let level = tasks[task.value].flatMap(SkillLevel.init(rawValue:)) { taskLevels[task.value] = level }
            else { errors.add(Self.taskField(task.value), "Select how well they can \(task.label.prefix(1).lowercased() + task.label.dropFirst())") }
        }
        var areaLevels: [SkillsArea: SkillLevel] = [:]
        for area in SkillsArea.allCases {
            if let level = areas[area.rawValue].flatMap(SkillLevel.init(rawValue:)) { areaLevels[area] = level }
            else { errors.add(Self.areaField(area), "Select how well they manage \(area.shortLabel.lowercased())") }
        }
        let known = Set(Self.goalOptions.map(\.value))
        if !goals.isSubset(of: known) { errors.add(Self.goalsField, "Select goals from the list") }
        guard errors.isEmpty else { return nil }
        return SkillsSnapshot(tasks: taskLevels, areas: areaLevels, goals: Self.goalOptions.map(\.value).filter(goals.contains))
    }
}
