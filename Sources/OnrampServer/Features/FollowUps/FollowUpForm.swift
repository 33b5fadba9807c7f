import OnrampCore

/// The follow-up's questions, the same whether the resident answers from a link or a member of
/// staff reads them out on the phone. Every missing answer is listed at once.
struct FollowUpForm: Sendable {
    var online = "", onlineBy: Set<String> = [], stillUsing = "", tasks: [String: String] = [:], confidence = "", uses: Set<String> = [], other = ""
    var consent = false

    static func taskField(_ task: String) -> String { "task-\(task)" }

    init() {}

    init(_ fields: FormFields) {
        (online, onlineBy, stillUsing) = (fields["online"] ?? "", Set(fields.all("online_by")), fields["still_using"] ?? "")
        tasks = Dictionary(uniqueKeysWithValues: FoundationTasks.all.compactMap { task in fields[Self.taskField(task.value)].map { (task.value, $0) } })
        (confidence, uses, other, consent) = (fields["confidence"] ?? "", Set(fields.all("uses")), fields["other"] ?? "", fields["consent"] == "yes")
    }

    func validated(into errors: inout FormErrors) -> FollowUpAnswers? {
        let online: Bool? = ["yes": true, "no": false][self.online]
        if online == nil { errors.add("online", "Select whether you can get online now") }
        let how = OnlineBy.allCases.filter { onlineBy.contains($0.rawValue) }
        if online == true, how.isEmpty { errors.add("online_by", "Select how you get online") }
        let stillChoices: [String: Bool?] = ["yes": true, "no": false, "not-given": nil]
        let stillUsing = stillChoices[self.stillUsing]
        if stillUsing == nil { errors.add("still_using", "Select whether you still have and use what you were given") }
        var levels: [String: SkillLevel] = [:]
        for task in FoundationTasks.all {
            if let level = tasks[task.value].flatMap(SkillLevel.init(rawValue:)) { levels[task.value] = level }
            else { errors.add(Self.taskField(task.value), "Select how well you can \(task.label.prefix(1).lowercased() + task.label.dropFirst())") }
        }
        let confidence = Int(self.confidence).flatMap { FollowUpAnswers.confidenceScale.contains($0) ? $0 : nil }
        if confidence == nil { errors.add("confidence", "Select how confident you feel online, from 1 to 5") }
        let other = errors.text("other", other, label: "anything else", required: false, maxLength: 1000)
        guard errors.isEmpty, let online, let stillUsing, let confidence else { return nil }
        return FollowUpAnswers(online: online, onlineBy: online ? how : [], stillUsing: stillUsing, tasks: levels, confidence: confidence,
                               uses: OnlineUse.allCases.filter { uses.contains($0.rawValue) }, other: other, consent: consent)
    }

    /// The questions, for a page or a call.
    func fields(errors: FormErrors) -> HTML {
        let levels = SkillLevel.allCases.map { Components.Choice(value: $0.rawValue, label: $0.label) }
        let tasks = FoundationTasks.all.map { task in
            Components.radios(name: Self.taskField(task.value), legend: task.label, options: levels, selected: self.tasks[task.value], error: errors[Self.taskField(task.value)], inline: true)
        }
        return """
        \(Components.radios(name: "online", legend: "Can you get online now?", options: [.init(value: "yes", label: "Yes"), .init(value: "no", label: "No")],
                            selected: online, error: errors["online"], inline: true))
        \(Components.checkboxes(name: "online_by", legend: "If you can, how do you get online?", options: OnlineBy.allCases.map { .init(value: $0.rawValue, label: $0.label) },
                                selected: onlineBy, error: errors["online_by"], hint: "Select all that apply."))
        \(Components.radios(name: "still_using", legend: "Do you still have and use the device or SIM card you were given?",
                            options: [.init(value: "yes", label: "Yes"), .init(value: "no", label: "No"), .init(value: "not-given", label: "I was not given a device or SIM card")],
                            selected: stillUsing, error: errors["still_using"]))
        <fieldset class="govuk-fieldset"><legend class="govuk-fieldset__legend govuk-fieldset__legend--m">Everyday tasks: how well can you do each now?</legend>
        \(tasks.joined())
        </fieldset>
        \(Components.radios(name: "confidence", legend: "How confident do you feel online?", options: FollowUpAnswers.confidenceScale.map {
            .init(value: String($0), label: $0 == 1 ? "1: not at all" : $0 == 5 ? "5: very confident" : String($0))
        }, selected: confidence, error: errors["confidence"], inline: true))
        \(Components.checkboxes(name: "uses", legend: "What do you now do online?", options: OnlineUse.allCases.map { .init(value: $0.rawValue, label: $0.label) },
                                selected: uses, error: errors["uses"], hint: "Select all that apply."))
        \(Components.textarea(name: "other", label: "Anything else you would like to tell us (optional)", value: other, error: errors["other"], rows: 3))
        \(Components.checkboxes(name: "consent", legend: "Using your answers", options: [.init(value: "yes", label: "You can use my answers, without my name, in reports about what works")],
                                selected: consent ? ["yes"] : [], error: nil))
        """
    }
}

extension OnlineBy {
    var label: String {
        switch self {
        case .homeBroadband: "Home broadband"
        case .mobileData: "Mobile data on a phone or tablet"
        case .publicWiFi: "Free Wi-Fi in a library or other public place"
        }
    }
}

extension OnlineUse {
    var label: String {
        switch self {
        case .nhs: "The NHS App or my GP online"
        case .benefits: "Universal Credit or other benefits"
        case .banking: "Banking"
        case .shopping: "Shopping"
        case .videoCalls: "Video calls with family or friends"
        case .work: "Looking for work"
        case .learning: "Learning"
        }
    }
}
