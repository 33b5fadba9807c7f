import Foundation
import OnrampCore

enum PrivacyPages {
    static func personalData(_ helpCase: HelpCase, resident: Resident, reason: String, errors: FormErrors, erased: Bool, token: String) -> Page {
        let id = helpCase.id!
        let reference = helpCase.referenceNumber.description
        let state: HTML = resident.anonymisedAt.map { "<p class=\"govuk-body\">This resident\u{2019}s personal data was erased or anonymised on \(Components.date($0)). What is left counts in the figures and cannot identify them.</p>" } ?? .empty
        let eraseForm: HTML = resident.anonymisedAt != nil ? .empty : """
        <h2 class="govuk-heading-m">Erase this resident</h2>
        <p class="govuk-body">Their name, date of birth, contact details, address and postcode, the notes on their cases, their messages and their bookings\u{2019} details are removed from every record. Their area, age band, the help they were offered and what came of it stay, without anything that identifies them, so the programme\u{2019}s figures do not change. This cannot be undone.</p>
        \(Components.form(action: SiteURL.personalDataErase(.value(id)).path, token: token, """
        \(Components.textarea(name: "reason", label: "Why is their personal data being erased?", value: reason, error: errors["reason"], hint: "For example, \u{201C}The resident asked us to erase it, by phone on 3 December\u{201D}. This goes in the audit log.", rows: 3))
        \(Components.formGroup(error: errors["confirm"], """
        <div class="govuk-checkboxes" data-module="govuk-checkboxes">
        \(Components.errorMessage(errors["confirm"], id: "confirm"))
        <div class="govuk-checkboxes__item">
        <input class="govuk-checkboxes__input" id="confirm" name="confirm" type="checkbox" value="yes">
        <label class="govuk-label govuk-checkboxes__label" for="confirm">I understand that this cannot be undone</label>
        </div>
        </div>
        """))
        \(Components.button("Erase their personal data", style: .warning))
        """))
        """
        return Page(title: "Personal data for case \(reference)", errors: errors, backLink: SiteURL.helpCase(.value(id)).path,
                    notice: erased ? Components.notificationBanner(heading: "Their personal data has been erased", success: true) : .empty, content: """
        <span class="govuk-caption-l">Case \(reference)</span>
        <h1 class="govuk-heading-l">Personal data</h1>
        \(state)
        <h2 class="govuk-heading-m">A copy of everything we hold</h2>
        <p class="govuk-body">For a subject access request: everything Onramp holds about this resident and any record merged into theirs, and who has looked at it. Giving a copy is written in the audit log.</p>
        <ul class="govuk-list">
        <li><a class="govuk-link" href="\(SiteURL.personalDataCopy(.value(id)).path)">Open a copy to print or save as PDF</a></li>
        <li><a class="govuk-link" href="\(SiteURL.personalDataJSON(.value(id)).path)" download>Download a copy as JSON</a> (for another system)</li>
        </ul>
        \(eraseForm)
        """)
    }

    private static func when(_ date: Date?) -> String { date.map { Components.date($0) } ?? "No" }
    private static func text(_ value: String?) -> String { value.flatMap { $0.isEmpty ? nil : $0 } ?? "None" }

    static func copy(_ copy: SubjectAccessCopy, caseID: UUID) -> Page {
        let people = copy.people.map { person -> HTML in
            Components.summaryList([
                .init(key: "Name", value: "\(person.name)"), .init(key: "Date of birth", value: "\(text(person.dateOfBirth))"),
                .init(key: "Postcode", value: "\(text(person.postcode))"), .init(key: "Address", value: "\(text(person.address))"),
                .init(key: "Phone", value: "\(text(person.phone))"), .init(key: "Email", value: "\(text(person.email))"),
                .init(key: "How to contact them", value: "\(person.contactBy)"), .init(key: "Best time", value: "\(text(person.bestTimeToContact))"),
                .init(key: "Language", value: "\(text(person.language))"), .init(key: "Access needs", value: "\(text(person.accessNeeds))"),
                .init(key: "First asked for help", value: "\(Components.date(person.firstAsked))"), .init(key: "Anonymised", value: "\(when(person.anonymisedAt))"),
            ])
        }.joined()
        let cases = copy.cases.map { helpCase -> HTML in
            let answers = helpCase.answers.keys.sorted().map { Components.SummaryRow(key: $0, value: "\(helpCase.answers[$0]?.joined(separator: ", ") ?? "")") }
            let referrals = helpCase.referrals.map { "<li>\($0.offer): \($0.status), made \(Components.date($0.made))\($0.outcome.map { ". \($0)" } ?? "")</li>" as HTML }.joined()
            let events = helpCase.events.map { "<li>\(Components.date($0.at)), \($0.by): \($0.text)</li>" as HTML }.joined()
            let followUps = helpCase.followUps.map { "<li>Due \($0.due): \($0.status)\($0.other.map { ". \($0)" } ?? "")</li>" as HTML }.joined()
            let handovers = helpCase.handovers.map { "<li>\($0.what), handed over \($0.on)</li>" as HTML }.joined()
            let data = helpCase.dataGiven.map { "<li>\($0.what), given \(text($0.givenOn)), code ending \($0.codeEnding)</li>" as HTML }.joined()
            return """
            <h3 class="govuk-heading-s">Case \(helpCase.reference), asked \(helpCase.howTheyAsked.lowercased()) on \(Components.date(helpCase.made))</h3>
            \(Components.summaryList(answers))
            <p class="govuk-body">Referrals:</p><ul class="govuk-list govuk-list--bullet">\(referrals)</ul>
            <p class="govuk-body">What happened:</p><ul class="govuk-list govuk-list--bullet">\(events)</ul>
            \(HTML.when(!helpCase.followUps.isEmpty, "<p class=\"govuk-body\">Follow-ups:</p><ul class=\"govuk-list govuk-list--bullet\">\(followUps)</ul>"))
            \(HTML.when(!helpCase.handovers.isEmpty, "<p class=\"govuk-body\">Devices:</p><ul class=\"govuk-list govuk-list--bullet\">\(handovers)</ul>"))
            \(HTML.when(!helpCase.dataGiven.isEmpty, "<p class=\"govuk-body\">SIMs and data:</p><ul class=\"govuk-list govuk-list--bullet\">\(data)</ul>"))
            """
        }.joined()
        let messages = copy.messages.map { "<li>\(Components.date($0.queued)), \($0.channel.lowercased()) to \($0.to): \u{201C}\($0.subject)\u{201D} (\($0.status)). \($0.body)</li>" as HTML }.joined()
        let bookings = copy.bookings.map { "<li>\($0.session)\($0.starts.map { ", \(Components.date($0))" } ?? ""): \($0.status), booked as \($0.name)</li>" as HTML }.joined()
        let equality = copy.equality.map { "<li>Age band \(text($0.ageBand)), disability \(text($0.disability)), ethnic group \(text($0.ethnicity)), sex \(text($0.sex))</li>" as HTML }.joined()
        let skills = copy.skills.map { review -> HTML in
            let levels = (review.skills?.tasks ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key): \($0.value.label.lowercased())" }
            return "<li>\(review.stage), \(Components.date(review.recordedAt)), recorded by \(review.recordedBy): \(levels.isEmpty ? "no tasks recorded" : levels.joined(separator: "; "))</li>"
        }.joined()
        let looks = copy.looks.map { "<li>\(Components.date($0.at)): \($0.who), \($0.what)</li>" as HTML }.joined()
        func section(_ heading: String, _ items: HTML, empty: String) -> HTML {
            "<h2 class=\"govuk-heading-m\">\(heading)</h2>" + (items == .empty ? "<p class=\"govuk-body\">\(empty)</p>" : "<ul class=\"govuk-list govuk-list--bullet\">\(items)</ul>")
        }
        return Page(title: "Everything held about a resident", backLink: SiteURL.personalData(.value(caseID)).path, content: """
        <h1 class="govuk-heading-l">Everything \(copy.council) holds about you in Onramp</h1>
        <p class="govuk-body">Made on \(Components.date(copy.madeAt)).</p>
        <h2 class="govuk-heading-m">About you</h2>
        \(people)
        <h2 class="govuk-heading-m">Your requests for help</h2>
        \(cases)
        \(section("Messages we sent you", messages, empty: "None."))
        \(section("Sessions you booked", bookings, empty: "None."))
        \(section("Equality monitoring", equality, empty: "Not answered."))
        \(section("What you could do with a computer or phone", skills, empty: "Not recorded."))
        \(section("Who has looked at your record", looks, empty: "Nobody yet."))
        """)
    }

    /// The settings as typed, kept when the form comes back with errors.
    struct RetentionForm: Sendable {
        var typed: [RetentionPolicy.Field: String]

        init(_ policy: RetentionPolicy) {
            typed = Dictionary(uniqueKeysWithValues: RetentionPolicy.Field.allCases.map { ($0, String(policy[$0])) })
        }

        init(_ fields: FormFields) {
            typed = Dictionary(uniqueKeysWithValues: RetentionPolicy.Field.allCases.map { ($0, fields[$0.rawValue] ?? "") })
        }
    }

    static func label(_ field: RetentionPolicy.Field) -> String {
        switch field {
        case .closedCaseMonths: "how long after a resident\u{2019}s cases close they are anonymised"
        case .unansweredDays: "how long unfinished triages and unanswered follow-ups are kept"
        case .messageBodyDays: "how long the words of a message are kept"
        case .championLeftMonths: "how long after a champion leaves they are anonymised"
        }
    }

    static func retention(form: RetentionForm, errors: FormErrors, saved: Bool, dueNow: Retention.Counts, dueSoon: Retention.Counts, lastRun: AuditEvent?, token: String) -> Page {
        let inputs = RetentionPolicy.Field.allCases.map { field -> HTML in
            let standard = RetentionPolicy.standard[field]
            return Components.textInput(name: field.rawValue, label: "\(label(field).prefix(1).uppercased() + label(field).dropFirst()), in \(field.unit)",
                                        value: form.typed[field], error: errors[field.rawValue], hint: "From \(field.range.lowerBound) to \(field.range.upperBound). Usually \(standard).", width: "4")
        }.joined()
        let rows: [(String, KeyPath<Retention.Counts, Int>)] = [
            ("Residents to anonymise", \.residents), ("Unfinished triages to delete", \.drafts), ("Unanswered follow-ups\u{2019} links to remove", \.followUps),
            ("Messages whose words are removed", \.messages), ("Former champions to anonymise", \.champions),
            ("Lines of the audit log whose IP address is cleared", \.addresses),
        ]
        let table = Components.table(caption: "What is due", head: ["What", "At the next daily run", "Within 30 days"],
                                     rows: rows.map { ["\($0.0)", "\(dueNow[keyPath: $0.1])", "\(dueSoon[keyPath: $0.1])"] }, numericColumns: [1, 2])
        let last: HTML = lastRun.map { "<p class=\"govuk-body\">Last run \(Components.date($0.occurredAt)): \($0.summary).</p>" } ?? "<p class=\"govuk-body\">It has not run yet. It runs once a day inside Onramp.</p>"
        return Page(title: "How long personal data is kept", errors: errors,
                    notice: saved ? Components.notificationBanner(heading: "The settings have been saved", success: true) : .empty, content: """
        <h1 class="govuk-heading-l">How long personal data is kept</h1>
        <p class="govuk-body">Once a day Onramp removes what these settings no longer allow it to keep. A resident is anonymised only once every case of theirs is closed: no referral open, no device out on loan and no follow-up waiting. Anonymising keeps their area, age band, the help offered and what came of it, so the figures do not change. The audit log keeps who did what, but not the IP address it came from for more than \(Retention.addressDays) days.</p>
        \(table)
        \(last)
        \(Components.form(action: SiteURL.retention.path, token: token, """
        \(inputs)
        \(Components.button("Save"))
        """))
        """)
    }
}
