import Foundation
import OnrampCore

enum CasePages {
    static func dashboard(summary: CaseQueries.Summary, recent: [HelpCase], residents: [Resident], paging: Paging, search: String, errors: FormErrors) -> Page {
        let counts = ReferralStatus.allCases.map { status -> [HTML] in ["\(status.label)", "\(summary.byStatus[status] ?? 0)"] }
        let rows = recent.map { helpCase -> [HTML] in
            [
                "<a class=\"govuk-link\" href=\"\(SiteURL.helpCase(.value(helpCase.id!)).path)\">\(helpCase.referenceNumber.description)</a>",
                "\(residents.first { $0.id == helpCase.residentID }?.name ?? "")", "\(helpCase.channel.label)", "\(Components.date(helpCase.createdAt))",
            ]
        }
        return Page(title: "Cases", errors: errors, content: """
        <h1 class="govuk-heading-l">Cases</h1>
        <ul class="govuk-list">
        <li><a class="govuk-link" href="\(SiteURL.referrals.path(query: [("overdue", "yes")]))">\(summary.overdue) referrals overdue for first contact</a></li>
        <li><a class="govuk-link" href="\(SiteURL.caseTasks.path)">\(summary.tasks) letters, calls and messages for staff to send</a></li>
        <li><a class="govuk-link" href="\(SiteURL.duplicates.path)">\(summary.duplicates) possible duplicate residents to check</a></li>
        </ul>
        \(searchForm(search, error: errors["q"]))
        \(Components.table(caption: "Referrals by status", head: ["Status", "Referrals"], rows: counts, numericColumns: [1]))
        \(recent.isEmpty ? "<p class=\"govuk-body\">No cases yet.</p>" as HTML : Components.table(caption: "Latest cases", head: ["Reference", "Resident", "How", "Made"], rows: rows))
        \(Components.pagination(paging) { SiteURL.cases.path(query: [("page", String($0))]) })
        """)
    }

    /// The one search box for residents and cases.
    static func searchForm(_ typed: String, error: String?) -> HTML {
        """
        <form method="get" action="\(SiteURL.cases.path)" class="app-filter" role="search" aria-label="Residents and cases">
        \(Components.textInput(name: "q", label: "Find a resident or a case", value: typed, error: error,
                              hint: "A name, date of birth (like 17/12/1950), postcode, phone number, email address or a whole case reference. Part of a name, postcode, phone number or email address is enough.",
                              width: "20", spellcheck: false))
        \(Components.button("Search", style: .secondary))
        </form>
        """
    }

    /// Why a search cannot be made, for the error summary and the search box.
    static func message(_ refusal: ResidentQuery.Refusal) -> String {
        switch refusal {
        case .tooLong: "Search for \(ResidentQuery.maxLength) characters or fewer"
        case .notARealDate: "Date of birth must be a real date, like 17/12/1950"
        case .yearNotInFull: "Enter the year of birth in full, like 17/12/1950"
        case .tooFewDigits: "Enter at least \(ResidentQuery.minPhoneDigits) digits of a phone number"
        case .tooFewLetters: "Enter at least 2 letters of a name or email address"
        case .unrecognised: "Enter a name, a date of birth like 17/12/1950, a postcode, a phone number, an email address or a case reference"
        }
    }

    /// What a search looked for, in words: officers see how their typing was read.
    static func searchedFor(_ query: ResidentQuery) -> String {
        switch query {
        case .reference(let reference): "the case \(reference.description)"
        case .dateOfBirth(let day): "residents born on \(day.spoken)"
        case .email(let text): "email addresses containing \u{201C}\(text)\u{201D}"
        case .postcode(let prefixes):
            "postcodes starting \(prefixes.map { "\u{201C}\($0.trimmingCharacters(in: .whitespaces).uppercased())\u{201D}" }.joined(separator: " or "))"
        case .phone(let digits): "phone numbers containing \(digits)"
        case .name(let words): "names containing \(words.map { "\u{201C}\($0)\u{201D}" }.joined(separator: " and "))"
        }
    }

    static func searchResults(_ found: ResidentSearches.Found, query: ResidentQuery, typed: String) -> Page {
        let rows = found.residents.map { resident -> [HTML] in
            let cases = (found.cases[resident.id!] ?? []).map { helpCase -> HTML in
                "<a class=\"govuk-link\" href=\"\(SiteURL.helpCase(.value(helpCase.id!)).path)\">\(helpCase.referenceNumber.description)<span class=\"govuk-visually-hidden\"> for \(resident.name)</span></a>"
            }
            return [
                "\(resident.name)", "\(resident.dateOfBirth.map(CalendarDay.spoken) ?? "Not given")", "\(resident.postcode ?? "Not given")",
                "\(resident.phone.map(PhoneNumber.display) ?? "Not given")", "\(resident.email ?? "Not given")",
                cases.isEmpty ? "None" : cases.joined(separator: "<br>"),
            ]
        }
        let total = found.paging.totalItems
        let list: HTML = found.residents.isEmpty ? """
            <p class="govuk-body">No residents match. We looked for \(searchedFor(query)) among your council\u{2019}s residents.</p>
            <p class="govuk-body">Check the spelling, or search for another detail, like a phone number or a date of birth.</p>
            """ : """
            <p class="govuk-body">\(total == 1 ? "1 resident" : "\(total) residents") found: we looked for \(searchedFor(query)).</p>
            \(Components.table(caption: "Residents found, by name", head: ["Name", "Date of birth", "Postcode", "Phone", "Email", "Cases"], rows: rows))
            """
        return Page(title: "Search results", backLink: SiteURL.cases.path, content: """
        <span class="govuk-caption-l">Cases</span>
        <h1 class="govuk-heading-l">Search results</h1>
        \(searchForm(typed, error: nil))
        \(list)
        \(Components.pagination(found.paging) { SiteURL.cases.path(query: [("q", typed), ("page", String($0))]) })
        <p class="govuk-body"><a class="govuk-link" href="\(SiteURL.cases.path)">Back to all cases</a></p>
        """)
    }

    /// The scale is for staff: it places the resident from the same facts as the table they saw,
    /// in words residents never read.
    static func inclusionScale(_ answers: TriageAnswers) -> HTML {
        guard !answers.values.isEmpty else { return .empty }
        let profile = NeedsProfile(answers)
        return "<p class=\"govuk-body\">On the digital inclusion scale (1 to 9) they are at <strong>\(profile.scale): \(profile.scaleLabel)</strong>.</p>"
    }

    static func helpCase(
        _ helpCase: HelpCase, resident: Resident, referrals: [QueueRow], events: [CaseEvent], messages: [OutboxMessage],
        equality: ResidentEquality?, showsEquality: Bool, looks: [CaseQueries.Look]?, skills: HTML, skillsSaved: Bool, personalData: String? = nil
    ) -> Page {
        let reference = helpCase.referenceNumber.description
        let answers = helpCase.triageAnswers
        let answerRows = answers.questions().map { Components.SummaryRow(key: $0.summaryLabel, value: answers.summary(of: $0).map { "\($0)" as HTML }.joined(separator: "<br>")) }
        let referralRows = referrals.map { row -> [HTML] in
            ["<a class=\"govuk-link\" href=\"\(SiteURL.referral(.value(row.referral.id)).path)\">\(row.offerName)</a>", "\(row.partnerName)", ReferralPages.statusTag(row.referral.status), "\(CalendarDay.spoken(row.referral.contactDue))"]
        }
        let messageRows = messages.map { message -> [HTML] in
            let failed = HTML.when(message.status == MessageStatus.failed.rawValue, ". Try another way: phone the resident or send a letter.")
                + HTML.when(message.status == MessageStatus.returned.rawValue, ". Check the address with the resident, or phone them.")
            return ["\(message.subject)", "\(MessageChannel(rawValue: message.channel)?.label ?? message.channel)", OutboxController.statusTag(message) + failed]
        }
        let equalityBlock: HTML = showsEquality ? """
        <h2 class="govuk-heading-m">Equality monitoring</h2>
        \(equality.map { row in Components.summaryList(EqualityMonitoring.questions.map { question in
            .init(key: question.legend, value: "\(EqualityMonitoring.label(question.field, EqualityMonitoring.value(question.field, of: row)))")
        }) } ?? "<p class=\"govuk-body\">Not answered.</p>")
        """ : .empty
        return Page(title: "Case \(reference)", backLink: SiteURL.cases.path,
                    notice: skillsSaved ? Components.notificationBanner(heading: "Skills saved", success: true) : .empty, content: """
        <span class="govuk-caption-l">Case \(reference)</span>
        <h1 class="govuk-heading-l">\(resident.name)</h1>
        \(Components.summaryList([
            .init(key: "How they asked", value: "\(helpCase.channel.label)"),
            .init(key: "Made", value: "\(Components.date(helpCase.createdAt))"),
            .init(key: "Date of birth", value: "\(resident.dateOfBirth.map(CalendarDay.spoken) ?? "Not given")"),
            .init(key: "Contact by", value: "\(HelpResultPages.contactWords(resident.contactBy))"),
            .init(key: "Best time to contact", value: "\(words("contact-when", resident.contactWhen) ?? "Not given")"),
            .init(key: "Phone", value: "\(resident.phone.map(PhoneNumber.display) ?? "Not given")"),
            .init(key: "Email", value: "\(resident.email ?? "Not given")"),
            .init(key: "Address", value: resident.address.map { "<span class=\"app-message-body\">\($0)</span>" } ?? "Not given"),
            .init(key: "Postcode", value: "\(resident.postcode ?? "Not given")"),
            .init(key: "Language", value: "\(words("language", resident.language) ?? "Not given")"),
            .init(key: "Help to take part", value: "\(words("access-needs", resident.accessNeeds) ?? "Nothing extra")"),
            .init(key: "Consent", value: "Agreed to wording \(helpCase.consentVersion)"),
        ]))
        \(Components.table(caption: "Referrals", head: ["Help", "Partner", "Status", "First contact due"], rows: referralRows))
        \(messages.isEmpty ? .empty : Components.table(caption: "Messages to the resident", head: ["Message", "Channel", "Status"], rows: messageRows))
        \(skills)
        <h2 class="govuk-heading-m">Timeline</h2>
        \(timeline(events))
        <h2 class="govuk-heading-m">Answers</h2>
        \(inclusionScale(answers))
        \(Components.summaryList(answerRows))
        \(equalityBlock)
        \(looks.map(lookedAt) ?? .empty)
        \(personalData.map { "<h2 class=\"govuk-heading-m\">Personal data</h2><p class=\"govuk-body\"><a class=\"govuk-link\" href=\"\($0)\">Give the resident a copy of everything held about them, or erase it</a></p>" as HTML } ?? .empty)
        """)
    }

    /// A stored answer in the question's words; nil when there is none ("none" is no access need).
    static func words(_ question: String, _ stored: String) -> String? {
        let answers = stored.split(separator: ",").filter { !$0.isEmpty && $0 != "none" }
        return answers.isEmpty ? nil : ReferralPages.words(question, answers.joined(separator: ","))
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

    /// `residents`: each message's resident by case, for the best time to phone them.
    static func tasks(_ messages: [OutboxMessage], residents: [UUID: Resident], paging: Paging, token: String) -> Page {
        let items = messages.map { message -> HTML in
            let channel = MessageChannel(rawValue: message.channel)
            let resident = message.caseID.flatMap { residents[$0] }
            let howRow: Components.SummaryRow = channel == .phone
                ? .init(key: "Best time to phone", value: "\(resident.flatMap { words("contact-when", $0.contactWhen) } ?? "Any time")")
                : .init(key: "Print", value: message.largePrint ? "Print it in large print: at least 16 point, as they asked" : "As usual")
            let what = channel == .phone ? "Phone \(message.recipient)" : channel == .letter ? "Post a letter" : "Send by \(channel?.label.lowercased() ?? message.channel) to \(message.recipient)"
            return """
            <div class="govuk-summary-card">
            <h2 class="govuk-heading-s">\(what)</h2>
            \(Components.summaryList([
                .init(key: "About", value: "\(message.subject)"),
                .init(key: "Say or write", value: "<div class=\"app-message-body\">\(message.body)</div>"),
                .init(key: "Address", value: channel == .letter ? "<div class=\"app-message-body\">\(message.recipient)</div>" : "Not needed"),
                howRow,
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

    /// What the list of possible duplicates says after a decision.
    enum DuplicateNotice: String, Sendable {
        case merged, keptApart = "kept-apart", decided

        var banner: HTML {
            switch self {
            case .merged: Components.notificationBanner(heading: "The records have been merged",
                                                        body: "<p class=\"govuk-body\">Every case is on one record, with the most recent contact details. Both references still work at /track.</p>", success: true)
            case .keptApart: Components.notificationBanner(heading: "The records have been kept apart", success: true)
            case .decided: Components.notificationBanner(heading: "Someone had already decided about those records", body: "<p class=\"govuk-body\">Nothing was changed.</p>")
            }
        }
    }

    static func duplicates(_ open: [PossibleDuplicate], residents: [Resident], done: DuplicateNotice?, token: String) -> Page {
        let describe = { (id: UUID) -> HTML in
            guard let resident = residents.first(where: { $0.id == id }) else { return .empty }
            return "\(resident.name), born \(resident.dateOfBirth.map(CalendarDay.spoken) ?? "?"), \(resident.postcode ?? "no postcode"), \(resident.phone.map(PhoneNumber.display) ?? "no phone"), \(resident.email ?? "no email")"
        }
        let items = open.map { duplicate -> HTML in
            let names = [duplicate.existingID, duplicate.residentID].compactMap { id in residents.first { $0.id == id }?.name }.joined(separator: " and ")
            return """
            <div class="govuk-summary-card">
            <h2 class="govuk-heading-s">Same \(duplicate.matchedOn)?</h2>
            \(Components.summaryList([.init(key: "Earlier record", value: describe(duplicate.existingID)), .init(key: "New record", value: describe(duplicate.residentID))]))
            \(Components.form(action: SiteURL.duplicateDecision(.value(duplicate.id!)).path, token: token, """
            <div class="govuk-button-group">
            <a href="\(SiteURL.duplicateDecision(.value(duplicate.id!)).path)" role="button" draggable="false" class="govuk-button">Same person: check and merge<span class="govuk-visually-hidden"> \(names)</span></a>
            <button type="submit" name="decision" value="keep-apart" class="govuk-button govuk-button--secondary">Different people: keep apart<span class="govuk-visually-hidden"> \(names)</span></button>
            </div>
            """))
            </div>
            """
        }
        return Page(title: "Possible duplicates", backLink: SiteURL.cases.path, notice: done?.banner ?? .empty, content: """
        <h1 class="govuk-heading-l">Possible duplicate residents</h1>
        <p class="govuk-body">Records that share a name, date of birth and postcode, a phone number or an email address. Merging shows you what will happen before anything changes.</p>
        \(open.isEmpty ? "<p class=\"govuk-body\">None to check.</p>" as HTML : items.joined())
        """)
    }

    /// The form field the error summary names when a merge's plan is out of date: the heading
    /// of what will happen.
    static let planField = "what-will-happen"

    /// Everything merging two records will do, before it does it.
    static func merge(_ preview: ResidentMerges.Preview, errors: FormErrors, token: String) -> Page {
        let (earlier, newer, plan) = (preview.earlier, preview.newer, preview.plan)
        let references = { (resident: Resident) -> HTML in
            let cases = preview.cases(of: resident)
            return cases.isEmpty ? "None" : cases.map { helpCase -> HTML in
                "<a class=\"govuk-link\" href=\"\(SiteURL.helpCase(.value(helpCase.id!)).path)\">\(helpCase.referenceNumber.description)</a>"
            }.joined(separator: "<br>")
        }
        let both = { (label: String, value: (Resident) -> HTML) -> [HTML] in ["\(label)", value(earlier), value(newer)] }
        let text = { (value: String?) -> HTML in value.map { "<span class=\"app-message-body\">\($0)</span>" } ?? "Not given" }
        let records: [[HTML]] = [
            both("Name") { "\($0.name)" },
            both("Date of birth") { "\($0.dateOfBirth.map(CalendarDay.spoken) ?? "Not given")" },
            both("Made") { "\(Components.date($0.createdAt))" },
            both("Details given") { "\(Components.date($0.detailsGivenAt ?? $0.createdAt))" },
        ] + ContactDetails.Field.allCases.map { field in both(label(field)) { text(value(field, $0.contactDetails)) } }
            + [both("Cases", references)]
        let kept = ContactDetails.Field.allCases.map { field -> [HTML] in
            let from: String = switch plan.sources[field] {
            case .newer?: "Newer record"
            case .earlier?: "Earlier record"
            case nil: "Neither record has one"
            }
            return ["\(label(field))", text(value(field, plan.details)), "\(from)"]
        }
        let reference = { (request: ResidentMergePlan.Request) -> String in
            preview.row(request).map { row in preview.cases.first { $0.id == row.referral.caseID }?.referenceNumber.description ?? "" } ?? ""
        }
        let combined = plan.combinations.map { combination -> [HTML] in
            let row = preview.row(combination.kept)
            return [
                "\(row?.offerName ?? "") (\(row?.partnerName ?? ""))",
                "Case \(reference(combination.kept)): \(ReferralPages.statusTag(combination.kept.status))",
                combination.closed.map { "Case \(reference($0)): \(ReferralPages.statusTag($0.status))" as HTML }.joined(separator: "<br>"),
            ]
        }
        let combinations: HTML = combined.isEmpty
            ? "<p class=\"govuk-body\">None: no help was asked for twice and left open, so every request stays as it is.</p>"
            : """
            \(Components.table(caption: "Requests combined", head: ["Help", "Stays open", "Closed as a duplicate"], rows: combined))
            <p class="govuk-body">Each closed request says on its timeline that it was combined, its partner sees the request once, and its place or item goes back into stock.</p>
            """
        return Page(title: "Merge two records", errors: errors, backLink: SiteURL.duplicates.path, content: """
        <span class="govuk-caption-l">Possible duplicate: same \(preview.duplicate.matchedOn)</span>
        <h1 class="govuk-heading-l">Check before you merge these records</h1>
        <p class="govuk-body">Nothing changes until you confirm.</p>
        \(Components.table(caption: "The two records", head: ["", "Earlier record", "Newer record"], rows: records))
        <h2 class="govuk-heading-m" id="\(planField)" tabindex="-1">What will happen</h2>
        <ul class="govuk-list govuk-list--bullet">
        <li>Every case is kept, on the earlier record. Both references still work at /track, with the details the resident gave.</li>
        <li>The name and date of birth stay as on the earlier record: \(earlier.name), born \(earlier.dateOfBirth.map(CalendarDay.spoken) ?? "not given").</li>
        <li>The most recent contact details and preferences are kept, as below.</li>
        </ul>
        \(Components.table(caption: "Contact details and preferences kept", head: ["Detail", "Kept", "From"], rows: kept))
        \(combinations)
        \(Components.form(action: SiteURL.duplicateDecision(.value(preview.duplicate.id!)).path, token: token, """
        <input type="hidden" name="plan" value="\(plan.fingerprint)">
        <div class="govuk-button-group">
        <button type="submit" name="decision" value="merge" class="govuk-button">Merge records</button>
        <button type="submit" name="decision" value="keep-apart" class="govuk-button govuk-button--secondary">Different people: keep apart</button>
        <a class="govuk-link" href="\(SiteURL.duplicates.path)">Cancel</a>
        </div>
        """))
        """)
    }

    static func label(_ field: ContactDetails.Field) -> String {
        switch field {
        case .contactBy: "Contact by"
        case .contactWhen: "Best time to contact"
        case .phone: "Phone"
        case .email: "Email"
        case .address: "Address"
        case .postcode: "Postcode"
        case .language: "Language"
        case .accessNeeds: "Help to take part"
        }
    }

    /// A detail as a person reads it.
    static func value(_ field: ContactDetails.Field, _ details: ContactDetails) -> String? {
        guard let stored = details[field] else { return nil }
        return switch field {
        case .contactBy: HelpResultPages.contactWords(stored)
        case .contactWhen: words("contact-when", stored)
        case .phone: PhoneNumber.display(stored)
        case .language: words("language", stored)
        case .accessNeeds: words("access-needs", stored) ?? "Nothing extra"
        case .email, .address, .postcode: stored
        }
    }

    /// Both entries of a check lead to one record: nothing to merge.
    static func alreadyOne(_ duplicate: PossibleDuplicate, resident: Resident?, token: String) -> Page {
        Page(title: "Already one record", backLink: SiteURL.duplicates.path, content: """
        <h1 class="govuk-heading-l">These are already one record</h1>
        <p class="govuk-body">Both entries of this check lead to the record of \(resident?.name ?? "one resident"): there is nothing to merge.</p>
        \(Components.form(action: SiteURL.duplicateDecision(.value(duplicate.id!)).path, token: token, """
        <input type="hidden" name="plan" value="">
        <button type="submit" name="decision" value="merge" class="govuk-button">Close this check</button>
        """))
        """)
    }

    /// A check someone has already decided.
    static func decided(_ duplicate: PossibleDuplicate) -> Page {
        let what = duplicate.decision == .merged ? "merged" : "kept apart"
        return Page(title: "Already decided", backLink: SiteURL.duplicates.path, content: """
        <h1 class="govuk-heading-l">These records have been \(what)</h1>
        <p class="govuk-body">\(duplicate.decidedBy.map { "Decided by \($0)." } ?? "")</p>
        <p class="govuk-body"><a class="govuk-link" href="\(SiteURL.duplicates.path)">Back to possible duplicates</a></p>
        """)
    }
}
