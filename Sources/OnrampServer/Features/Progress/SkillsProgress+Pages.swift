import OnrampCore
import Vapor

/// The skills review form and the table of a learner's progress.
enum SkillsProgressPages {
    private static var levelChoices: [Components.Choice] { SkillLevel.allCases.map { .init(value: $0.rawValue, label: $0.label) } }

    /// `learner` is how the page names them: a full name for council staff, a first name for champions.
    static func form(
        learner: String, stage: ReviewStage, form: SkillsReviewForm, errors: FormErrors, action: String, back: String,
        fulfils: String?, token: String
    ) -> Page {
        let title = "Skills \(stage.label.lowercased())"
        let tasks = FoundationTasks.all.map { task in
            Components.radios(name: SkillsReviewForm.taskField(task.value), legend: task.label, options: levelChoices, selected: form.tasks[task.value],
                              error: errors[SkillsReviewForm.taskField(task.value)], inline: true)
        }.joined()
        let areas = SkillsArea.allCases.map { area in
            Components.radios(name: SkillsReviewForm.areaField(area), legend: area.label, options: levelChoices, selected: form.areas[area.rawValue],
                              error: errors[SkillsReviewForm.areaField(area)], inline: true)
        }.joined()
        let goals = Components.checkboxes(name: SkillsReviewForm.goalsField, legend: "What they want to do online",
                                          options: SkillsReviewForm.goalOptions.map { .init(value: $0.value, label: $0.label) },
                                          selected: form.goals, error: errors[SkillsReviewForm.goalsField], hint: "Select all that apply.")
        return Page(title: title, errors: errors, backLink: back, content: """
        <span class="govuk-caption-l">\(learner)</span>
        <h1 class="govuk-heading-l">\(title)</h1>
        <p class="govuk-body">Ask them, and record what they say they can do: on their own, with help, or not yet. \
        \(stage == .start ? "Answers they gave when they asked for help are filled in already: check them with them." : "Their last answers are filled in: change what has changed.")</p>
        \(fulfils.map { "<div class=\"govuk-inset-text\">Saving this also marks their referral for \($0) as done.</div>" } ?? "")
        \(Components.form(action: action, token: token, """
        <h2 class="govuk-heading-m">The eight everyday tasks</h2>
        \(tasks)
        <h2 class="govuk-heading-m">The five skills areas</h2>
        \(areas)
        \(goals)
        \(Components.button("Save skills \(stage.label.lowercased())"))
        """))
        """)
    }

    /// Each task and area at the start and at the latest end review, with links to record them.
    static func progress(_ reviews: [SkillsReview], start startLink: String?, end endLink: String?) -> HTML {
        let start = reviews.last { $0.stage == .start }?.snapshot
        let end = reviews.last { $0.stage == .end }?.snapshot
        let links: [HTML] = [startLink.map { "<li><a class=\"govuk-link\" href=\"\($0)\">Record skills at the start</a></li>" },
                             endLink.map { "<li><a class=\"govuk-link\" href=\"\($0)\">Record skills at the end</a></li>" }].compactMap { $0 }
        let linkList: HTML = links.isEmpty ? .empty : "<ul class=\"govuk-list\">\(links.joined())</ul>"
        guard start != nil || end != nil else {
            return "<h2 class=\"govuk-heading-m\">Skills</h2><p class=\"govuk-body\">No skills recorded yet.</p>\(linkList)"
        }
        func level(_ value: SkillLevel?) -> HTML { "\(value?.label ?? "Not recorded")" }
        let rows: [[HTML]] = FoundationTasks.all.map { task in ["\(task.label)", level(start?.level(of: task.value)), level(end?.level(of: task.value))] }
            + SkillsArea.allCases.map { area in ["\(area.shortLabel)", level(start?.level(of: area)), level(end?.level(of: area))] }
        let gained: HTML = if let start, let end {
            "<p class=\"govuk-body\">\(SkillsSnapshot.tasksGained(from: start, to: end)) of the eight everyday tasks newly done on their own.</p>"
        } else { .empty }
        return """
        <h2 class="govuk-heading-m">Skills</h2>
        \(gained)
        \(Components.table(caption: "What they can do", head: ["Task or area", "At the start", "At the end"], rows: rows))
        \(linkList)
        """
    }
}
