import Foundation
import OnrampCore

enum ReferralPages {
    static func statusTag(_ status: ReferralStatus) -> HTML {
        let colour: Components.TagColour = switch status {
        case .received: .blue
        case .contacted, .inProgress: .yellow
        case .fulfilled: .green
        case .declined, .couldNotContact: .red
        case .closed: .grey
        }
        return Components.tag(status.label, colour: colour)
    }

    static func queue(_ page: ReferralQueue.Page, filter: QueueFilter, today: CalendarDay, forPartner: Bool) -> Page {
        let (rows, paging) = (page.rows, page.paging)
        let howMany = page.isCapped ? "More than \(ReferralQueue.countLimit.formatted(.number.locale(Locale(identifier: "en_GB")))) referrals (the first shown)" : "\(paging.totalItems) referrals"

        let statusChoices = [Components.Choice(value: "", label: "All open referrals")] + ReferralStatus.allCases.map { .init(value: $0.rawValue, label: $0.label) }
        let tableRows = rows.map { row -> [HTML] in
            let overdue: HTML = row.referral.isOverdue(today: today) ? " \(Components.tag("Overdue", colour: .red))" : .empty
            return [
                "<a class=\"govuk-link\" href=\"\(SiteURL.referral(.value(row.referral.id)).path)\">\(row.reference)</a>",
                "\(row.residentName)", "\(row.offerName)\(forPartner ? "" : " (\(row.partnerName))")",
                "\(statusTag(row.referral.status))\(overdue)", "\(CalendarDay.spoken(row.referral.contactDue))",
            ]
        }
        let query: [(String, String)] = [("status", filter.status?.rawValue ?? ""), ("overdue", filter.overdueOnly ? "yes" : ""), ("reference", filter.typedReference)]
        let none: String = switch (filter.typedReference.isEmpty, filter.reference) {
        case (false, nil): "\u{201C}\(filter.typedReference)\u{201D} is not a whole reference: it is 9 letters and numbers, like BCDF-GHJK-L."
        case (false, _): "No referral of yours has the reference \(filter.typedReference)."
        default: filter.status == nil && !filter.overdueOnly ? "New requests appear here as residents ask for help." : "Try fewer filters."
        }
        let list: HTML = rows.isEmpty
            ? "<p class=\"govuk-body\">No referrals match. \(none)</p>"
            : Components.table(caption: "\(howMany), most urgent first", head: ["Reference", "Resident", "Help", "Status", "First contact due"], rows: tableRows)
        return Page(title: "Referrals", content: """
        <h1 class="govuk-heading-l">Referrals</h1>
        <p class="govuk-body">\(forPartner ? "Requests passed to your organisation." : "Every referral to the council\u{2019}s partners.") Contact each resident by their first-contact date, then record what happened.</p>
        <form method="get" action="\(SiteURL.referrals.path)" class="app-filter">
        \(Components.textInput(name: "reference", label: "Reference", value: filter.typedReference, error: nil, hint: "The whole reference a resident reads out, with or without dashes. Finds its referrals in any status.", width: "10", spellcheck: false))
        \(Components.select(name: "status", label: "Status", options: statusChoices, selected: filter.status?.rawValue ?? "", error: nil))
        \(Components.checkboxes(name: "overdue", legend: "Deadline", options: [.init(value: "yes", label: "Only overdue first contact")], selected: filter.overdueOnly ? ["yes"] : [], error: nil))
        \(Components.button("Filter", style: .secondary))
        </form>
        \(list)
        \(Components.pagination(paging) { SiteURL.referrals.path(query: query + [("page", String($0))]) })
        """)
    }

    /// A resident's stored answers to a triage question, in the question's own words.
    static func words(_ question: String, _ stored: String) -> String {
        TriageQuestions.question(question)?.words(stored) ?? stored
    }

    static func referral(
        _ referral: Referral, helpCase: HelpCase, resident: Resident, offer: HelpOffer, events: [CaseEvent], partners: [Organisation],
        form: ReferralMoveForm, errors: FormErrors, saved: Saved? = nil, token: String
    ) -> Page {
        let reference = helpCase.referenceNumber.description
        let today = WorkingDays.today(Date())
        let choices = referral.status.choicesByHand(kind: offer.kind).map { Components.Choice(value: $0.rawValue, label: $0.label) }
        let reroute: HTML = referral.status.canReroute && !partners.isEmpty ? """
        <h2 class="govuk-heading-m">Send to another partner</h2>
        \(Components.form(action: SiteURL.referralReroute(.value(referral.id!)).path, token: token, """
        \(Components.select(name: "partner", label: "Partner", options: [.init(value: "", label: "Choose a partner")] + partners.filter { $0.id != referral.organisationID }.map { .init(value: $0.id!.uuidString, label: $0.name) }, selected: nil, error: errors["partner"]))
        \(Components.button("Re-route referral", style: .secondary))
        """))
        """ : (errors["partner"].map { "<p class=\"govuk-error-message\">\($0)</p>" } ?? .empty)
        let moveForm: HTML = referral.status == .closed ? "<p class=\"govuk-body\">This referral is closed.</p>" : Components.form(action: SiteURL.referralStatus(.value(referral.id!)).path, token: token, """
        \(Components.radios(name: "status", legend: "New status", options: choices, selected: form.status, error: errors["status"]))
        \(Components.textarea(name: "reason", label: "Reason (needed when moving back a step)", value: form.reason, error: errors["reason"], rows: 2))
        \(Components.textarea(name: "outcome", label: "Outcome (optional)", value: form.outcome, error: errors["outcome"], hint: "For example: laptop handed over at Canada Water Library.", rows: 2))
        \(Components.button("Update status"))
        """)
        let notice = saved.map { Components.notificationBanner(heading: $0.heading(referral, partner: partners.first { $0.id == referral.organisationID }?.name), success: true) } ?? .empty
        return Page(title: "Referral \(reference)", errors: errors, backLink: SiteURL.referrals.path, notice: notice, content: """
        <span class="govuk-caption-l">Referral \(reference)</span>
        <h1 class="govuk-heading-l">\(offer.name) for \(resident.name)</h1>
        \(Components.summaryList([
            .init(key: "Status", value: statusTag(referral.status) + HTML.when(referral.isOverdue(today: today), " \(Components.tag("Overdue", colour: .red))")),
        ] + (offer.kind.isDevice ? [Components.SummaryRow(key: "Devices asked for", value: "\(referral.quantity) (one each for those in the household who need one, children\u{2019}s schoolwork included)")] : []) + [
            .init(key: "First contact due", value: "\(CalendarDay.spoken(referral.contactDue)) (\(offer.standardDays) working days)"),
            .init(key: "Contact by", value: "\(HelpResultPages.contactWords(resident.contactBy))" + (resident.contactWhen.isEmpty ? "" : ", \(Self.words("contact-when", resident.contactWhen).lowercased())")),
            .init(key: "Phone", value: "\(resident.phone.map(PhoneNumber.display) ?? "Not given")"),
            .init(key: "Email", value: "\(resident.email ?? "Not given")"),
            .init(key: "Address", value: "<span class=\"app-message-body\">\(resident.address ?? "Not given")</span>"),
            .init(key: "Language", value: "\(Self.words("language", resident.language))"),
            .init(key: "Help to take part", value: "\(resident.accessNeeds.isEmpty ? "None" : Self.words("access-needs", resident.accessNeeds))"),
            .init(key: "Outcome", value: "\(referral.outcome ?? "Not recorded yet")"),
        ]))
        \(kitLink(offer.kind, status: referral.status, referralID: referral.id!))
        \(SessionManagePages.referralLink(referral, kind: offer.kind))
        <h2 class="govuk-heading-m">Update the status</h2>
        \(moveForm)
        \(reroute)
        <h2 class="govuk-heading-m">Add a note</h2>
        \(Components.form(action: SiteURL.referralNote(.value(referral.id!)).path, token: token, """
        \(Components.textarea(name: "note", label: "Note", value: form.note, error: errors["note"], rows: 3))
        \(Components.button("Add note", style: .secondary))
        """))
        <h2 class="govuk-heading-m">Timeline</h2>
        \(CasePages.timeline(events))
        """)
    }

    /// What was just saved, said in a banner after the redirect (`?saved=status`): the page
    /// after a change shows that it worked, with no script.
    enum Saved: String, Sendable {
        case status, note, rerouted

        func heading(_ referral: Referral, partner: String?) -> String {
            switch self {
            case .status: "Status saved: \(referral.status.label)"
            case .note: "Note added to the timeline"
            case .rerouted: "Referral sent to \(partner ?? "the new partner")"
            }
        }
    }

    /// Devices and data are given from the kit pages, which keep the handover's record.
    static func kitLink(_ kind: OfferKind, status: ReferralStatus, referralID: UUID) -> HTML {
        guard status.canBeFulfilled else { return .empty }
        if kind.isDevice {
            return "<p class=\"govuk-inset-text\">Hand a ready device over from its page in <a class=\"govuk-link\" href=\"\(SiteURL.kit.path)\">Devices</a>, so the handover is recorded and this referral fulfilled.</p>"
        }
        if kind == .dataSIM {
            return "<p class=\"govuk-inset-text\">Give a SIM or voucher from the <a class=\"govuk-link\" href=\"\(SiteURL.kitData.path(query: [("referral", referralID.uuidString.lowercased())]))\">data bank</a>: its code is shown to you once, and this referral is fulfilled.</p>"
        }
        return .empty
    }
}
