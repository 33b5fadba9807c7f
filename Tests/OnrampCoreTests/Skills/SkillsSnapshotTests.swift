import Testing
@testable import OnrampCore

@Suite struct SkillsSnapshotTests {
    static func snapshot(tasks level: SkillLevel, areas areaLevel: SkillLevel, goals: [String] = ["family"]) -> SkillsSnapshot {
        SkillsSnapshot(tasks: Dictionary(uniqueKeysWithValues: FoundationTasks.all.map { ($0.value, level) }),
                       areas: Dictionary(uniqueKeysWithValues: SkillsArea.allCases.map { ($0, areaLevel) }), goals: goals)
    }

    @Test func theTriagesAnswersAreTheStartingPoint() {
        var answers = TriageAnswers()
        answers["skills.turn-on"] = ["alone"]
        answers["skills.wifi"] = ["with-help"]
        answers["skills.browser"] = ["cannot"]
        answers["wants"] = ["family", "health"]
        let start = SkillsSnapshot.fromTriage(answers)
        #expect(start.level(of: "turn-on") == .alone && start.level(of: "wifi") == .withHelp && start.level(of: "browser") == .notYet)
        #expect(start.level(of: "controls") == nil && start.areas.isEmpty)
        #expect(start.goals == ["family", "health"] && !start.isComplete)
        #expect(SkillsSnapshot.fromTriage(TriageAnswers(["wants": ["nothing"]])).goals.isEmpty)
    }

    @Test func tasksGainedCountOnlyWhatTheyNowDoOnTheirOwn() {
        var start = Self.snapshot(tasks: .notYet, areas: .notYet)
        start.tasks["turn-on"] = .alone
        var end = Self.snapshot(tasks: .withHelp, areas: .withHelp)
        (end.tasks["turn-on"], end.tasks["wifi"], end.tasks["browser"]) = (.alone, .alone, .alone)
        #expect(SkillsSnapshot.tasksGained(from: start, to: end) == 2)
        let better = SkillsSnapshot.improvements(from: start, to: end)
        #expect(better.tasks == 7 && better.areas == 5)
        // Forgetting a task is not a negative gain.
        #expect(SkillsSnapshot.tasksGained(from: end, to: start) == 0)
    }

    @Test func theSummaryCountsTasksAndAreasOnTheirOwn() {
        var snapshot = Self.snapshot(tasks: .alone, areas: .withHelp)
        snapshot.tasks["passwords-update"] = .withHelp
        snapshot.areas[SkillsArea.communicating.rawValue] = .alone
        #expect(snapshot.summary == "7 of 8 everyday tasks and 1 of 5 skills areas on their own")
        #expect(snapshot.isComplete)
    }

    @Test func levelsAreOrdered() {
        #expect(SkillLevel.notYet < .withHelp && SkillLevel.withHelp < .alone)
        #expect(SkillLevel(rawValue: "cannot") == .notYet, "the triage's own value for 'not yet'")
    }
}
