import OnrampCore

/// The triage's pages: start, one question per page, check your answers, the paper form.
enum HelpPages {
    static func start(councils: [Organisation], contacts: [CouncilContact], token: String, errors: FormErrors = FormErrors()) -> Page {
        let choose: HTML = councils.count > 1
            ? Components.radios(name: "council", legend: "Which council do you live in?", options: councils.map { .init(value: $0.id!.uuidString.lowercased(), label: $0.name) }, selected: nil, error: errors["council"])
            : .empty
        return Page(title: "Get help to get online", errors: errors, content: """
        <h1 class="govuk-heading-xl">Get help to get online</h1>
        <p class="govuk-body-l">Answer some questions about what you have and what you can do. It takes about 3 minutes.</p>
        <p class="govuk-body">We will show you every kind of help you can get, like a free device, free mobile data, cheaper broadband or someone to show you how. You can then ask for it in one go.</p>
        <p class="govuk-body">You do not need an account. Each page has its own web address: keep it to come back later.</p>
        \(Components.form(action: SiteURL.helpStart.path, token: token, "\(choose)\(Components.button("Start now"))"))
        <h2 class="govuk-heading-m">Other ways to get help</h2>
        <p class="govuk-body">\(CouncilPages.phoneOrVisit(contacts)) Ask for the digital inclusion team: they can go through the questions with you. You can also <a class="govuk-link" href="\(SiteURL.helpPaperForm.path)">print a paper form</a> and hand it in at a library.</p>
        <p class="govuk-body">Already asked for help? <a class="govuk-link" href="\(SiteURL.track.path)">Check on your request</a>.</p>
        """)
    }

    static func assistStart(token: String, errors: FormErrors = FormErrors()) -> Page {
        let channels = CaseChannel.allCases.filter { $0 != .online }.map { Components.Choice(value: $0.rawValue, label: $0.label) }
        return Page(title: "Help a resident", errors: errors, content: """
        <h1 class="govuk-heading-l">Help a resident</h1>
        <p class="govuk-body">Go through the same questions a resident answers online, with them or from their paper form. Read each question out as it is written.</p>
        \(Components.form(action: SiteURL.assistResident.path, token: token, """
        \(Components.radios(name: "channel", legend: "How are you helping them?", options: channels, selected: nil, error: errors["channel"]))
        \(Components.button("Start the questions"))
        """))
        """)
    }

    static func question(
        _ question: TriageQuestion, draft: TriageDraft, submitted: [String: [String]], errors: FormErrors, fromCheck: Bool, token: String
    ) -> Page {
        let answers = draft.triageAnswers
        let back = fromCheck ? SiteURL.helpCheck(.value(draft.token)).path
            : answers.question(before: question.id).map { SiteURL.helpQuestion(.value(draft.token), .value($0.id)).path } ?? SiteURL.help.path
        let options = question.options.map { Components.Choice(value: $0.value, label: $0.label) }
        let field: HTML
        switch question.kind {
        case .single:
            field = Components.radios(name: question.id, legend: question.title, options: options, selected: submitted[question.id]?.first,
                                      error: errors[question.id], hint: question.hint, legendIsHeading: true)
        case .multiple:
            field = Components.checkboxes(name: question.id, legend: question.title, options: options, selected: Set(submitted[question.id] ?? []),
                                          error: errors[question.id], hint: question.hint, legendIsHeading: true)
        case .skills:
            let levels = TriageQuestions.skillLevels.map { Components.Choice(value: $0.value, label: $0.label) }
            let tasks = question.options.map { task -> HTML in
                let name = "skills.\(task.value)"
                return Components.radios(name: name, legend: task.label, options: levels, selected: submitted[name]?.first, error: errors[name], inline: true)
            }
            field = """
            <h1 class="govuk-heading-l">\(question.title)</h1>
            \(Components.hintText(question.hint, id: "skills"))
            \(tasks)
            """
        case .postcode:
            field = Components.textInput(name: question.id, label: question.title, value: submitted[question.id]?.first, error: errors[question.id], hint: question.hint,
                                         autocomplete: "postal-code", width: "10", spellcheck: false, labelIsHeading: true)
        }
        let asked = answers.questions()
        let number = (asked.firstIndex { $0.id == question.id } ?? 0) + 1
        return Page(title: question.title, errors: errors, backLink: back, notice: assisting(draft), content: """
        <span class="govuk-caption-m">Question \(number) of about \(asked.count)</span>
        \(Components.form(action: SiteURL.helpQuestion(.value(draft.token), .value(question.id)).path, token: token, """
        \(HTML.when(fromCheck, "<input type=\"hidden\" name=\"from\" value=\"check\">"))
        \(field)
        \(Components.button("Continue"))
        """))
        <details class="govuk-details">
        <summary class="govuk-details__summary"><span class="govuk-details__summary-text">Finish later</span></summary>
        <div class="govuk-details__text">Your answers are saved each time you press Continue. Bookmark this page or write down its address to come back to it, even on another day.</div>
        </details>
        """)
    }

    /// A reminder, on every page of an assisted triage, that the answers are the resident's.
    static func assisting(_ draft: TriageDraft) -> HTML {
        guard draft.staffUserID != nil else { return .empty }
        return "<div class=\"govuk-inset-text\">You are answering for a resident (\(draft.channel.label.lowercased())). Read each question out and record their answer.</div>"
    }

    static func check(draft: TriageDraft) -> Page {
        let answers = draft.triageAnswers
        let rows = answers.questions().map { question -> Components.SummaryRow in
            let lines = answers.summary(of: question).map { "\($0)" as HTML }.joined(separator: "<br>")
            return .init(key: question.summaryLabel, value: lines, action: (SiteURL.helpQuestion(.value(draft.token), .value(question.id)).path(query: [("from", "check")]), "Change"))
        }
        let last = answers.questions().last.map { SiteURL.helpQuestion(.value(draft.token), .value($0.id)).path } ?? SiteURL.help.path
        return Page(title: "Check your answers", backLink: last, notice: assisting(draft), content: """
        <h1 class="govuk-heading-l">Check your answers</h1>
        \(Components.summaryList(rows))
        <h2 class="govuk-heading-m">Now see the help you can get</h2>
        <p class="govuk-body">Nothing is sent yet. On the next page you can choose what to ask for.</p>
        <a class="govuk-button" href="\(SiteURL.helpResult(.value(draft.token)).path)">See the help you can get</a>
        """)
    }

    /// Every question on paper, with boxes to tick, for people who cannot or would rather not go online.
    static func paperForm() -> Page {
        let sections = TriageQuestions.standard.enumerated().map { index, question -> HTML in
            let boxes: HTML
            switch question.kind {
            case .skills:
                let header = TriageQuestions.skillLevels.map { "<th scope=\"col\" class=\"govuk-table__header\">\($0.label)</th>" as HTML }
                let rows = question.options.map { task -> HTML in
                    "<tr class=\"govuk-table__row\"><th scope=\"row\" class=\"govuk-table__header\">\(task.label)</th>\(TriageQuestions.skillLevels.map { _ in "<td class=\"govuk-table__cell\">\u{2610}</td>" as HTML })</tr>"
                }
                boxes = "<table class=\"govuk-table\"><thead><tr class=\"govuk-table__row\"><td class=\"govuk-table__cell\"></td>\(header)</tr></thead><tbody>\(rows)</tbody></table>"
            case .postcode:
                boxes = "<p class=\"govuk-body app-paper-line\">Postcode: ______________</p>"
            default:
                boxes = "<ul class=\"govuk-list\">\(question.options.map { "<li>\u{2610} \($0.label)</li>" as HTML })</ul>"
            }
            let note: HTML = question.askedWhen == nil ? .empty : "<p class=\"govuk-hint\">Only if it applies to you.</p>"
            return "<h2 class=\"govuk-heading-s\">\(index + 1). \(question.title)</h2>\(Components.hintText(question.hint, id: "q\(index)"))\(note)\(boxes)"
        }
        return Page(title: "Paper form: get help to get online", backLink: SiteURL.help.path, content: """
        <h1 class="govuk-heading-l">Get help to get online: paper form</h1>
        <p class="govuk-body">Tick the boxes that fit you, write your name and how to reach you at the end, and hand it in at a library or council office. Someone will type it in and contact you.</p>
        \(sections)
        <h2 class="govuk-heading-s">Your details</h2>
        <p class="govuk-body app-paper-line">Full name: ______________________________</p>
        <p class="govuk-body app-paper-line">Date of birth: ____ / ____ / ________</p>
        <p class="govuk-body app-paper-line">Phone or email: ______________________________</p>
        <p class="govuk-body app-paper-line">Address: ______________________________</p>
        <p class="govuk-body">\u{2610} \(Consent.wording)</p>
        """)
    }
}
