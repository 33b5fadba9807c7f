import Foundation
import OnrampCore

extension ChampionPages {
    /// Everything the champion's page shows.
    struct Details {
        let champion: Champion
        let organisation: String
        let required: [ChampionRequiredCheck]
        let recorded: [ChampionCheck]
        let checks: ChampionCheckAssessment
        let user: User?
        let hours: [ChampionHoursEntry]
        let totalHours: Double
        /// Sessions they ran, to record time against.
        let sessions: [SkillSession]
        let history: [AuditEvent]
        let account: ChampionStatusChanges.Account?
    }

    static func champion(_ details: Details, forms: ChampionForms, errors: FormErrors, staff: StaffContext, token: String) -> Page {
        let champion = details.champion
        let since = WorkingDays.today(champion.statusSince).spoken
        let status = statusTag(champion.status) + HTML.when(champion.status == .paused, " \(champion.pausedReason ?? "")") + " since \(since)"
        let account: HTML = details.user.map { user in "\(user.email)" + (user.passwordHash == nil ? " (invited, not yet signed in)" : "") } ?? "None"
        let notice: HTML = details.account.map { Components.notificationBanner(heading: $0.notice, success: $0 == .invited || $0 == .linked) } ?? .empty
        return Page(title: champion.name, errors: errors, backLink: SiteURL.champions.path, notice: notice, content: """
        <span class="govuk-caption-l">Digital champion with \(details.organisation)</span>
        <h1 class="govuk-heading-l">\(champion.name)</h1>
        \(Components.summaryList([
            .init(key: "Status", value: status),
            .init(key: "Contact by", value: "\(champion.contactWays.words.prefix(1).uppercased() + champion.contactWays.words.dropFirst())"),
            .init(key: "Email", value: "\(champion.email ?? "None")"),
            .init(key: "Phone", value: "\(champion.phone.map(PhoneNumber.display) ?? "None")"),
            .init(key: "Address", value: "\(champion.address ?? "None")"),
            .init(key: "Free", value: "\(champion.freeTimes.map(\.label).joined(separator: ", "))"),
            .init(key: "Can help with", value: "\(champion.skillsAreas.map(\.shortLabel).joined(separator: ", "))"),
            .init(key: "Languages", value: "\(champion.languages.isEmpty ? "Not given" : champion.languages)"),
            .init(key: "Applied", value: "\(WorkingDays.today(champion.createdAt).spoken)"),
            .init(key: "Onramp account", value: account),
        ]))
        <p class="govuk-body"><a class="govuk-link" href="\(SiteURL.championDetails(.value(champion.id!)).path)">Change \(champion.name)\u{2019}s details</a></p>
        \(checksSection(details, forms: forms, errors: errors, token: token))
        \(statusSection(details, forms: forms, errors: errors, token: token))
        \(hoursSection(details, forms: forms, errors: errors, staff: staff, token: token))
        \(Components.table(caption: "History", head: ["When", "Who", "What"], rows: details.history.map { ["\(Components.date($0.occurredAt))", "\($0.actor)", "\($0.summary)"] }))
        """)
    }

    static func checksSection(_ details: Details, forms: ChampionForms, errors: FormErrors, token: String) -> HTML {
        let rows = details.checks.standings.map { standing -> [HTML] in
            let done = details.recorded.filter { $0.requirementID == standing.requirement.id }.map { check -> String in
                let level = check.dbsLevel.map { ", \($0.label.lowercased())\(check.onUpdateService ? ", on the update service" : "")" } ?? ""
                return "\(CalendarDay.spoken(check.doneOn))\(level)\(check.note.isEmpty ? "" : ": \(check.note)")"
            }
            return ["\(standing.requirement.name)", standingTag(standing) + " \(standing.words)", done.isEmpty ? "None" : done.map { "\($0)" as HTML }.joined(separator: "<br>")]
        }
        let choices = [Components.Choice(value: "", label: "Choose a check")] + details.required.map { Components.Choice(value: $0.id!.uuidString, label: $0.requirement.name) }
        let summary: HTML = details.checks.allDone ? "<p class=\"govuk-body\">Every required check is done and in date.</p>"
            : "<p class=\"govuk-body\">To be active: \(details.checks.problems.joined(separator: "; ")).</p>"
        return """
        <h2 class="govuk-heading-m">Checks</h2>
        \(summary)
        \(details.required.isEmpty ? "<p class=\"govuk-body\">The council has no required checks yet.</p>" as HTML : Components.table(caption: "Required checks", head: ["Check", "Standing", "Recorded"], rows: rows))
        <h3 class="govuk-heading-s">Record a check</h3>
        \(Components.form(action: SiteURL.championCheck(.value(details.champion.id!)).path, token: token, """
        \(Components.select(name: "requirement", label: "Check", options: choices, selected: forms.requirement, error: errors["requirement"]))
        \(Components.dateInput(name: "done", legend: "Date done", value: forms.done, error: errors["done"], hint: "The day a reference came in, a DBS certificate was issued (or, on the update service, its status was last checked), or training was passed."))
        \(Components.radios(name: "dbs_level", legend: "DBS level (for a DBS check)", options: DBSLevel.allCases.map { .init(value: $0.rawValue, label: $0.label) }, selected: forms.dbsLevel, error: errors["dbs_level"], inline: true))
        \(Components.checkboxes(name: "on_update_service", legend: "DBS update service (for a DBS check)", options: [.init(value: "yes", label: "The certificate is on the DBS update service")], selected: forms.onUpdateService ? ["yes"] : [], error: nil))
        \(Components.textInput(name: "note", label: "Note (optional)", value: forms.note, error: errors["note"], hint: "Like the referee\u{2019}s name or the certificate number"))
        \(Components.button("Record check", style: .secondary))
        """))
        """
    }

    static func statusSection(_ details: Details, forms: ChampionForms, errors: FormErrors, token: String) -> HTML {
        let champion = details.champion
        let next = champion.status.next.map { Components.Choice(value: $0.rawValue, label: $0 == .active ? "Active: can help residents" : $0.label) }
        let invite: HTML = champion.status == .active && (details.user == nil || details.user?.passwordHash == nil) && champion.email != nil
            ? Components.form(action: SiteURL.championInvite(.value(champion.id!)).path, token: token, Components.button(details.user == nil ? "Invite to Onramp" : "Send a new invitation", style: .secondary))
            : .empty
        guard !next.isEmpty else { return "<h2 class=\"govuk-heading-m\">Status</h2><p class=\"govuk-body\">This champion has left.</p>" }
        return """
        <h2 class="govuk-heading-m">Status</h2>
        \(Components.form(action: SiteURL.championStatus(.value(champion.id!)).path, token: token, """
        \(Components.radios(name: "status", legend: "Move to", options: next, selected: forms.status, error: errors["status"],
                            hint: "A champion becomes active only when every required check is done and in date; they are then invited to Onramp."))
        \(Components.textarea(name: "reason", label: "Reason (needed to pause)", value: forms.reason, error: errors["reason"], rows: 2))
        \(Components.button("Change status"))
        """))
        \(invite)
        """
    }

    static func hoursSection(_ details: Details, forms: ChampionForms, errors: FormErrors, staff: StaffContext, token: String) -> HTML {
        let mayRecord = staff.may(.recordChampionHours)
        let rows = details.hours.map { entry -> [HTML] in
            let session = entry.sessionID.flatMap { id in details.sessions.first { $0.id == id } }.map { ", \($0.title)" } ?? ""
            let remove: HTML = Components.form(action: SiteURL.removeChampionHours(.value(details.champion.id!), .value(entry.id!)).path, token: token,
                                               """
                                               <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">Remove<span class="govuk-visually-hidden"> \(ChampionHours.words(entry.hours)) on \(CalendarDay.spoken(entry.day))</span></button>
                                               """)
            return ["\(CalendarDay.spoken(entry.day))\(session)", "\(ChampionHours.words(entry.hours))", "\(entry.recordedBy)"] + (mayRecord ? [remove] : [])
        }
        let form: HTML = mayRecord ? """
        <h3 class="govuk-heading-s">Record time given</h3>
        \(Components.form(action: SiteURL.championHours(.value(details.champion.id!)).path, token: token, """
        \(Components.textInput(name: "hours", label: "Hours", value: forms.hours, error: errors["hours"], hint: "Like 2 or 1.5, up to 24", width: "5"))
        \(Components.dateInput(name: "day", legend: "Day", value: forms.hoursDay, error: errors["day"]))
        \(details.sessions.isEmpty ? .empty : Components.select(name: "session", label: "Session (optional)", options: [.init(value: "", label: "None")] + details.sessions.map {
            .init(value: $0.id!.uuidString.lowercased(), label: "\($0.title), \(WorkingDays.today($0.startsAt).spoken)")
        }, selected: forms.session.lowercased(), error: errors["session"]))
        \(Components.button("Record hours", style: .secondary))
        """))
        """ : .empty
        return """
        <h2 class="govuk-heading-m">Hours given</h2>
        <p class="govuk-body">\(ChampionHours.words(details.totalHours)) in all.</p>
        \(rows.isEmpty ? .empty : Components.table(caption: "Latest hours", head: ["Day", "Hours", "Recorded by"] + (mayRecord ? ["Recorded in error?"] : []), rows: rows))
        \(form)
        """
    }

    /// Staff change a champion's name, ways to reach them, free times, strengths and languages.
    static func details(_ champion: Champion, form: ChampionApplicationForm, errors: FormErrors, token: String) -> Page {
        Page(title: "Change \(champion.name)\u{2019}s details", errors: errors, backLink: SiteURL.champion(.value(champion.id!)).path, content: """
        <span class="govuk-caption-l">Digital champion</span>
        <h1 class="govuk-heading-l">Change \(champion.name)\u{2019}s details</h1>
        \(Components.form(action: SiteURL.championDetails(.value(champion.id!)).path, token: token, """
        \(ChampionApplicationPages.contactFields(form, errors: errors, legend: "How should we contact them?", emailHint: "Their Onramp account keeps the email address it was made with."))
        \(ChampionApplicationPages.helpFields(form, errors: errors, free: "When are they free to help?", strengths: "What could they help people with?", languages: "Languages they speak (optional)"))
        \(Components.button("Save details"))
        """))
        """)
    }
}
