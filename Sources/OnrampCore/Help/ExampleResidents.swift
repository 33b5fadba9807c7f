/// Made-up residents to try a rule on before it is published: "who would qualify?"
public enum ExampleResidents {
    static func answers(_ pairs: [String: [String]], skillsAlone: Int) -> TriageAnswers {
        var values = pairs
        for (index, task) in TriageQuestions.skillTasks.enumerated() { values["skills.\(task.value)"] = [index < skillsAlone ? "alone" : "cannot"] }
        return TriageAnswers(values)
    }

    public static let all: [(name: String, answers: TriageAnswers)] = [
        ("Pensioner on Pension Credit, no device, not online", answers([
            "devices": ["none"], "connection": ["none"], "used-before": ["no"], "age": ["75-plus"], "benefits": ["pension-credit"],
            "income": ["under-16k"], "struggling": ["no"], "about-you": ["none"], "safety": ["not-at-all"], "wants": ["family", "health"], "lives-in-area": ["yes"],
        ], skillsAlone: 0)),
        ("Care leaver, 19, phone only, runs out of data", answers([
            "devices": ["smartphone"], "device-ownership": ["own"], "connection": ["mobile-data"], "enough-internet": ["sometimes"], "age": ["18-24"],
            "benefits": ["universal-credit"], "income": ["under-16k"], "struggling": ["yes"], "about-you": ["care-leaver"], "safety": ["fairly"], "wants": ["work"], "lives-in-area": ["yes"],
        ], skillsAlone: 7)),
        ("Family on Universal Credit with home broadband and a shared laptop", answers([
            "devices": ["smartphone", "laptop"], "device-ownership": ["shared"], "connection": ["home-broadband", "mobile-data"], "enough-internet": ["yes"], "age": ["25-49"],
            "benefits": ["universal-credit", "housing-benefit"], "income": ["16k-25k"], "struggling": ["yes"], "about-you": ["children"], "school-children": ["2"], "safety": ["fairly"], "wants": ["money", "work", "schoolwork"], "lives-in-area": ["yes"],
        ], skillsAlone: 6)),
        ("Disabled adult on PIP, tablet of their own, public Wi-Fi only", answers([
            "devices": ["tablet"], "device-ownership": ["own"], "connection": ["public-wifi"], "enough-internet": ["no"], "age": ["50-64"],
            "benefits": ["pip"], "income": ["16k-25k"], "struggling": ["no"], "about-you": ["disability"], "safety": ["not-very"], "wants": ["health"], "lives-in-area": ["yes"],
        ], skillsAlone: 4)),
        ("Working adult, confident, everything they need", answers([
            "devices": ["smartphone", "laptop"], "device-ownership": ["own"], "connection": ["home-broadband"], "enough-internet": ["yes"], "age": ["25-49"],
            "benefits": ["none"], "income": ["over-25k"], "struggling": ["no"], "about-you": ["none"], "safety": ["very"], "wants": ["shopping"], "lives-in-area": ["yes"],
        ], skillsAlone: 8)),
        ("Lives outside the area, offline, does not want to go online", answers([
            "devices": ["none"], "connection": ["none"], "used-before": ["yes"], "age": ["65-74"], "benefits": ["none"],
            "income": ["prefer-not"], "struggling": ["no"], "about-you": ["none"], "safety": ["not-at-all"], "wants": ["nothing"], "lives-in-area": ["no"],
        ], skillsAlone: 2)),
    ]

    /// Answer sets drawn over every question, the same ones for the same count: for the triage
    /// engine's benchmark, and for the test that its decisions and words stay the same.
    public static func drawn(_ count: Int) -> [TriageAnswers] {
        var state: UInt64 = 0x5eed
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        return (0..<count).map { _ in
            var values: [String: [String]] = [:]
            for question in TriageQuestions.standard {
                switch question.kind {
                case .single: values[question.id] = [question.options[next(question.options.count)].value]
                case .multiple:
                    let plain = question.options.filter { !$0.exclusive }
                    let chosen = plain.filter { _ in next(3) == 0 }.map(\.value)
                    values[question.id] = chosen.isEmpty ? [question.options.last!.value] : chosen
                case .skills:
                    for task in question.options { values["skills.\(task.value)"] = [TriageQuestions.skillLevels[next(3)].value] }
                case .postcode: values[question.id] = [""]
                }
            }
            return TriageAnswers(values).pruned()
        }
    }
}
