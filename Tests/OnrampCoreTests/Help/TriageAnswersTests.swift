import Testing
@testable import OnrampCore

@Suite struct TriageAnswersTests {
    @Test func branchingAsksOnlyWhatApplies() {
        var answers = TriageAnswers(["devices": ["none"], "connection": ["none"]])
        let asked = answers.questions().map(\.id)
        #expect(!asked.contains("device-ownership"))
        #expect(!asked.contains("enough-internet"))
        #expect(asked.contains("used-before"))
        answers["connection"] = ["mobile-data"]
        #expect(answers.questions().map(\.id).contains("enough-internet"))
        #expect(!answers.questions().map(\.id).contains("used-before"))
    }

    @Test func leavingABranchDropsItsAnswers() {
        let answers = TriageAnswers(["connection": ["mobile-data"], "enough-internet": ["no"]])
        var changed = answers
        changed["connection"] = ["none"]
        #expect(changed.pruned()["enough-internet"].isEmpty)
        #expect(answers.pruned()["enough-internet"] == ["no"])
    }

    @Test func nextUnansweredWalksInOrder() {
        var answers = TriageAnswers()
        #expect(answers.nextUnanswered()?.id == "devices")
        answers["devices"] = ["laptop"]
        #expect(answers.nextUnanswered()?.id == "device-ownership")
        #expect(answers.question(before: "device-ownership")?.id == "devices")
        #expect(answers.question(after: "devices")?.id == "device-ownership")
    }

    @Test func validationRefusesWithGovUKMessages() {
        let devices = TriageQuestions.question("devices")!
        #expect(devices.validate([:]) == .failure(.init(field: "devices", message: "Select all that apply, or \u{201C}None of these\u{201D}")))
        #expect(devices.validate(["devices": ["laptop", "none"]]) == .failure(.init(field: "devices", message: "Select \u{201C}None of these\u{201D} on its own, or the others without it")))
        #expect(devices.validate(["devices": ["laptop", "spaceship"]]) == .success(["devices": ["laptop"]]))
        let age = TriageQuestions.question("age")!
        #expect(age.validate(["age": ["18-24", "25-49"]]) == .failure(.init(field: "age", message: "Select an answer")))
        let postcode = TriageQuestions.question("postcode")!
        #expect(postcode.validate(["postcode": ["se17pb"]]) == .success(["postcode": ["SE1 7PB"]]))
        #expect(postcode.validate(["postcode": [""]]) == .success(["postcode": [""]]))
        guard case .failure(let problem) = postcode.validate(["postcode": ["not a postcode"]]) else { Issue.record("accepted"); return }
        #expect(problem.problems.map(\.field) == ["postcode"])
        let skills = TriageQuestions.question("skills")!
        var all = Dictionary(uniqueKeysWithValues: TriageQuestions.skillTasks.map { ("skills.\($0.value)", ["alone"]) })
        #expect((try? skills.validate(all).get())?.count == 8)
        all["skills.wifi"] = nil
        #expect(skills.validate(all) == .failure(.init(field: "skills.wifi", message: "Select how well you can connect to Wi-Fi")))
        // Every task not answered is named at once, in the order of the page.
        all["skills.turn-on"] = nil
        all["skills.passwords-update"] = nil
        guard case .failure(let missing) = skills.validate(all) else { Issue.record("accepted"); return }
        #expect(missing.problems.map(\.field) == ["skills.turn-on", "skills.wifi", "skills.passwords-update"])
    }

    @Test func everyQuestionReadsBackOnCheckAnswers() {
        let answers = ExampleResidents.all[1].answers
        for question in answers.questions() where question.kind != .postcode && answers.isAnswered(question) {
            #expect(!answers.summary(of: question).isEmpty, "\(question.id)")
        }
        #expect(answers.summary(of: TriageQuestions.question("benefits")!) == ["Universal Credit"])
    }

    @Test func theSkillsSummaryReadsAsASentence() {
        let skills = TriageQuestions.standard.first { $0.kind == .skills }!
        var answers = TriageAnswers()
        (answers["skills.turn-on"], answers["skills.wifi"]) = (["alone"], ["cannot"])
        let lines = answers.summary(of: skills)
        #expect(lines.contains("Turn on a device and log in: on my own") && lines.contains("Connect to Wi-Fi: not yet"))
        #expect(lines.contains("Keep passwords safe: not answered"))
    }
}
