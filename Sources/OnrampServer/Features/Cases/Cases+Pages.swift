import Foundation
import OnrampCore

enum CasePages {
    static func dashboard(summary: CaseQueries.Summary, recent: [HelpCase], residents: [Resident], paging: Paging, search: String) -> Page {
        let counts = ReferralStatus.allCases.map { status -> [HTML] in ["\(status.label)", "\(summary.byStatus[status] ?? 0)"] }
        let rows = recent.map { helpCase -> [HTML] in
            [
                "<a class=\"govuk-link\" href=\"\(SiteURL.helpCase(.value(helpCase.id!)).path)\">\(helpCase.referenceNumber.description)</a>",
                "\(residents.first { $0.id == helpCase.residentID }?.name ?? "")", "\(helpCase.channel.label)", "\(Components.date(helpCase.createdAt))",
            ]
        }
        var errors = FormErrors()
        if !search.isEmpty { errors.add("reference", "No case has the reference \(search). Check it and try again") }
        return Page(title: "Cases", errors: errors, content: """
        <h1 class="govuk-heading-l">Cases</h1>
        <ul class="govuk-list">
        <li><a class="govuk-link" href="\(SiteURL.referrals.path(query: [("overdue", "yes")]))">\(summary.overdue) referrals overdue for first contact</a></li>
        <li><a class="govuk-link" href="\(SiteURL.caseTasks.path)">\(summary.tasks) letters, calls and messages for staff to send</a></li>
        <li><a class="govuk-link" href="\(SiteURL.duplicates.path)">\(summary.duplicates) possible duplicate residents to check</a></li>
        </ul>
        <form method="get" action="\(SiteURL.cases.path)" class="app-filter">
        \(Components.textInput(name: "reference", label: "Find a case by reference", value: search, error: errors["reference"], width: "10", spellcheck: false))
        \(Components.button("Find", style: .secondary))
        </form>
        \(Components.table(caption: "Referrals by status", head: ["Status", "Referrals"], rows: counts, numericColumns: [1]))
        \(recent.isEmpty ? "<p class=\"govuk-body\">No cases yet.</p>" as HTML : Components.table(caption: "Latest cases", head: ["Reference", "Resident", "How", "Made"], rows: rows))
        \(Components.pagination(paging) { SiteURL.cases.path(query: [("page", String($0))]) })
        """)
    }

    static func helpCase(
        _ helpCase: HelpCase, resident: Resident, referrals: [QueueRow], events: [CaseEvent], messages: [OutboxMessage],
        equality: ResidentEquality?, showsEquality: Bool, looks: [CaseQueries.Look]?
    ) -> Page {
        let reference = helpCase.referenceNumber.description
        let answers = helpCase.triageAnswers
        let answerRows = answers.questions().map { Components.SummaryRow(key: $0.summaryLabel, value: answers.summary(of: $0).map { "\($0)" as HTML }.joined(separator: "<br>")) }
        let referralRows = referrals.map { row -> [HTML] in
            ["<a class=\"govuk-link\" href=\"\(SiteURL.referral(.value(row.referral.id!)).path)\">\(row.offerName)</a>", "\(row.partnerName)", ReferralPages.statusTag(row.referral.status), "\(CalendarDay.spoken(row.referral.contactDue))"]
        }
        let messageRows = messages.map { message -> [HTML] in
            let failed = HTML.when(message.status == MessageStatus.failed.rawValue, ". Try another way: phone the resident or send a letter.")
            return ["\(message.subject)", "\(MessageChannel(rawValue: message.channel)?.label ?? message.channel)", OutboxController.statusTag(message) + failed]
        }
        let equalityBlock: HTML = showsEquality ? """
        <h2 class="govuk-heading-m">Equality monitoring</h2>
        \(equality.map { row in Components.summaryList(EqualityMonitoring.questions.map { question in
            .init(key: question.legend, value: "\(EqualityMonitoring.label(question.field, EqualityMonitoring.value(question.field, of: row)))")
        }) } ?? "<p class=\"govuk-body\">Not answered.</p>")
        """ : .empty
        return Page(title: "Case \(reference)", backLink: SiteURL.cases.path, content: """
        <span class="govuk-caption-l">Case \(reference)</span>
        <h1 class="govuk-heading-l">\(resident.name)</h1>
        \(Components.summaryList([
            .init(key: "How they asked", value: "\(helpCase.channel.label)"),
            .init(key: "Made", value: "\(Components.date(helpCase.createdAt))"),
            .init(key: "Date of birth", value: "\(resident.dateOfBirth.map(CalendarDay.spoken) ?? "Not given")"),
            .init(key: "Contact by", value: "\(HelpResultPages.contactWords(resident.contactBy))"),
            .init(key: "Phone", value: "\(resident.phone.map(PhoneNumber.display) ?? "Not given")"),
            .init(key: "Email", value: "\(resident.email ?? "Not given")"),
            .init(key: "Consent", value: "Agreed to wording \(helpCase.consentVersion)"),
        ]))
        \(Components.table(caption: "Referrals", head: ["Help", "Partner", "Status", "First contact due"], rows: referralRows))
        \(messages.isEmpty ? .empty : Components.table(caption: "Messages to the resident", head: ["Message", "Channel", "Status"], rows: messageRows))
        <h2 class="govuk-heading-m">Timeline</h2>
        \(timeline(events))
        <h2 class="govuk-heading-m">Answers</h2>
        \(Components.summaryList(answerRows))
        \(equalityBlock)
        \(looks.map(lookedAt) ?? .empty)
        """)
    }

    /// For administrators: who has been shown this resident's details, from the audit log.
    static func lookedAt(_ looks: [CaseQueries.Look]) -> HTML {
        let rows = looks.map { ["\(Components.date($0.at))", "\($0.who)", "\($0.what)"] as [HTML] }
        return """
        <h2 class="govuk-heading-m">Who has looked at this resident</h2>
        \(looks.isEmpty ? "<p class=\"govuk-body\">Nobody yet.</p>" : Components.table(caption: "The most recent first, from the audit log", head: ["When", "Who", "What they saw"], rows: rows))
        """
    }

    /// A case's or a referral's timeline: who did what, when, oldest first.
    static func timeline(_ events: [CaseEvent]) -> HTML {
        "<ol class=\"govuk-list\">\(events.map { "<li><strong>\(Components.date($0.at))</strong>, \($0.actor): \($0.text)</li>" as HTML })</ol>"
    }

    static func tasks(_ messages: [OutboxMessage], paging: Paging, token: String) -> Page {
        let items = messages.map { message -> HTML in
            let channel = MessageChannel(rawValue: message.channel)
            let what = channel == .phone ? "Phone \(message.recipient)" : channel == .letter ? "Post a letter" : "Send by \(channel?.label.lowercased() ?? message.channel) to \(message.recipient)"
            return """
            <div class="govuk-summary-card">
            <h2 class="govuk-heading-s">\(what)</h2>
            \(Components.summaryList([
                .init(key: "About", value: "\(message.subject)"),
                .init(key: "Say or write", value: "<div class=\"app-message-body\">\(message.body)</div>"),
                .init(key: "Address", value: channel == .letter ? "<div class=\"app-message-body\">\(message.recipient)</div>" : "Not needed"),
                .init(key: "Case", value: message.caseID.map { "<a class=\"govuk-link\" href=\"\(SiteURL.helpCase(.value($0)).path)\">Open the case</a>" } ?? .empty),
            ]))
            \(Components.form(action: SiteURL.taskDone(.value(message.id!)).path, token: token, Components.button("Mark as done", style: .secondary)))
            </div>
            """
        }
        return Page(title: "Letters and calls", backLink: SiteURL.cases.path, content: """
        <h1 class="govuk-heading-l">Letters and calls</h1>
        <p class="govuk-body">Residents who asked for a phone call or a letter, and messages waiting while no sender is set up. Nobody is left waiting because they are offline.</p>
        \(messages.isEmpty ? "<p class=\"govuk-body\">Nothing to send.</p>" as HTML : items.joined())
        \(Components.pagination(paging) { SiteURL.caseTasks.path(query: [("page", String($0))]) })
        """)
    }

    static func equality(_ rows: [ResidentEquality], residents: Int) -> Page {
        let tables = EqualityMonitoring.questions.map { question -> HTML in
            let values = rows.map { EqualityMonitoring.value(question.field, of: $0) }
            let counts = question.options.map { option -> [HTML] in ["\(option.1)", "\(values.filter { $0 == option.0 }.count)"] }
                + [["Not answered", "\(values.filter { $0 == nil }.count + residents - rows.count)"]]
            return Components.table(caption: question.legend, head: ["Answer", "Residents"], rows: counts, numericColumns: [1])
        }
        return Page(title: "Equality monitoring", backLink: SiteURL.cases.path, content: """
        <h1 class="govuk-heading-l">Equality monitoring</h1>
        <p class="govuk-body">\(rows.count) of \(residents) residents answered the optional questions. Counts only: answers are never shown beside a name here.</p>
        \(tables)
        """)
    }

    static func duplicates(_ open: [PossibleDuplicate], residents: [Resident], token: String) -> Page {
        let describe = { (id: UUID) -> HTML in
            guard let resident = residents.first(where: { $0.id == id }) else { return .empty }
            return "\(resident.name), born \(resident.dateOfBirth ?? "?"), \(resident.postcode ?? "no postcode"), \(resident.phone.map(PhoneNumber.display) ?? "no phone"), \(resident.email ?? "no email")"
        }
        let items = open.map { duplicate -> HTML in
            """
            <div class="govuk-summary-card">
            <h2 class="govuk-heading-s">Same \(duplicate.matchedOn)?</h2>
            \(Components.summaryList([.init(key: "Earlier record", value: describe(duplicate.existingID)), .init(key: "New record", value: describe(duplicate.residentID))]))
            \(Components.form(action: SiteURL.duplicateDecision(.value(duplicate.id!)).path, token: token, """
            <button type="submit" name="decision" value="merge" class="govuk-button">Same person: merge, keeping every case</button>
            <button type="submit" name="decision" value="keep-apart" class="govuk-button govuk-button--secondary">Different people: keep apart</button>
            """))
            </div>
            """
        }
        return Page(title: "Possible duplicates", backLink: SiteURL.cases.path, content: """
        <h1 class="govuk-heading-l">Possible duplicate residents</h1>
        \(open.isEmpty ? "<p class=\"govuk-body\">None to check.</p>" as HTML : items.joined())
        """)
    }
}
