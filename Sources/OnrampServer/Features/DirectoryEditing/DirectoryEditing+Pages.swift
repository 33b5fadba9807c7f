import Foundation
import OnrampCore

enum DirectoryEditingPages {
    static func overview(services: [DirectoryService], paging: Paging, proposals: [DirectoryProposal], editor: Bool, reviewCount: Int) -> Page {
        let serviceRows = services.map { row -> [HTML] in
            [
                "<a class=\"govuk-link\" href=\"\(SiteURL.directoryService(.value(row.id!)).path)\">\(row.name)</a>",
                "\(row.status)", "\(row.assuredOn ?? "Never")",
                "<a class=\"govuk-link\" href=\"\(SiteURL.proposeChange(.value(row.id!)).path)\">Propose a change<span class=\"govuk-visually-hidden\"> to \(row.name)</span></a>",
            ]
        }
        let proposalRows = proposals.map { proposal -> [HTML] in
            [
                "<a class=\"govuk-link\" href=\"\(SiteURL.proposal(.value(proposal.id!)).path)\">\(proposal.serviceName)</a>",
                "\(proposal.proposerName)", "\(Components.date(proposal.createdAt))", statusTag(proposal.status),
            ]
        }
        let review: HTML = editor
            ? "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"\(SiteURL.reviewServices.path)\">Services to check</a>: \(reviewCount) not checked in the last \(DirectoryEditingController.reviewMonths) months.</p><p class=\"govuk-body\"><a class=\"govuk-link\" href=\"\(SiteURL.newTerm.path)\">Add a kind of help</a> that your area needs.</p>"
            : .empty
        return Page(title: "Directory", content: """
        <h1 class="govuk-heading-l">Directory</h1>
        <p class="govuk-body">What residents find when they look for help to get online. \(editor ? "Partners propose services and changes; you approve them before they are public." : "Propose a service or a change: the council checks it before it is public.")</p>
        <p class="govuk-body"><a class="govuk-button" href="\(SiteURL.proposeService.path)">Propose a new service</a></p>
        \(review)
        \(proposals.isEmpty ? "<p class=\"govuk-body\">No proposals yet.</p>" as HTML : Components.table(caption: editor ? "Proposals" : "Your proposals", head: ["Service", "Proposed by", "When", "Status"], rows: proposalRows))
        \(services.isEmpty ? "<p class=\"govuk-body\">\(editor ? "The directory has no services yet." : "Your organisation does not look after any services yet.")</p>" as HTML
            : Components.table(caption: "\(editor ? "Published services" : "Services your organisation looks after") (\(paging.totalItems))", head: ["Service", "Status", "Last checked", ""], rows: serviceRows))
        \(Components.pagination(paging) { SiteURL.manageDirectory.path(query: [("page", String($0))]) })
        """)
    }

    static func statusTag(_ status: DirectoryProposal.Status) -> HTML {
        switch status {
        case .pending: Components.tag("Waiting for approval", colour: .yellow)
        case .approved: Components.tag("Approved", colour: .green)
        case .rejected: Components.tag("Not approved", colour: .red)
        }
    }

    static func form(_ form: ServiceProposalForm, serviceID: UUID?, terms: [DirectoryTerm], locations: [ORUK.Location], errors: FormErrors, token: String) -> Page {
        let title = serviceID == nil ? "Propose a new service" : "Propose a change"
        let parents = Set(terms.compactMap(\.parentID))
        let termChoices = terms.filter { !parents.contains($0.id!) }
            .map { Components.Choice(value: $0.id!.uuidString.lowercased(), label: $0.name) }
        let places = [Components.Choice(value: "", label: "No place: by phone or online"), Components.Choice(value: "new", label: "A place not in this list (enter it below)")]
            + locations.map { Components.Choice(value: $0.id.lowercased(), label: "\($0.name ?? "") (\($0.addresses?.first?.postal_code ?? ""))") }
        let statuses = ORUK.Status.allCases.filter { $0 != .defunct }.map { status in
            Components.Choice(value: status.rawValue, label: status == .active ? "Running" : status == .inactive ? "Not running" : "Temporarily closed")
        }
        let days = ServiceProposalForm.dayFields.enumerated().map { index, field -> HTML in
            Components.textInput(name: field, label: WeeklyOpening.dayNames[index], value: form.hours[index], error: errors[field], width: "10")
        }
        let languages = ServiceProposalForm.languageChoices.map { Components.Choice(value: $0.code, label: $0.name) }
        let action = serviceID.map { SiteURL.proposeChange(.value($0)).path } ?? SiteURL.proposeService.path
        return Page(title: title, errors: errors, backLink: SiteURL.manageDirectory.path, content: """
        <h1 class="govuk-heading-l">\(title)</h1>
        <p class="govuk-body">The council checks what you send before residents see it.</p>
        \(Components.form(action: action, token: token, """
        \(Components.textInput(name: "name", label: "Name of the service", value: form.name, error: errors["name"], hint: "As residents would look for it, like \u{201C}Free Wi-Fi at Peckham Library\u{201D}"))
        \(Components.textarea(name: "description", label: "What it offers and who it is for", value: form.description, error: errors["description"]))
        \(Components.radios(name: "status", legend: "Is it running?", options: statuses, selected: form.status, error: errors["status"]))
        \(Components.checkboxes(name: "terms", legend: "Kind of help", options: termChoices, selected: Set(form.terms), error: errors["terms"]))
        \(Components.select(name: "location", label: "Where", options: places, selected: form.location, error: errors["location"]))
        <fieldset class="govuk-fieldset"><legend class="govuk-fieldset__legend govuk-fieldset__legend--s">A place not in the list</legend>
        <div class="govuk-hint">Only if you chose \u{201C}A place not in this list\u{201D} above.</div>
        \(Components.textInput(name: "new-place-name", label: "Name of the place", value: form.newPlaceName, error: errors["new-place-name"]))
        \(Components.textInput(name: "new-place-address", label: "First line of the address", value: form.newPlaceAddress, error: errors["new-place-address"], autocomplete: "address-line1"))
        \(Components.textInput(name: "new-place-town", label: "Town or city", value: form.newPlaceTown, error: errors["new-place-town"], autocomplete: "address-level2", width: "20"))
        \(Components.textInput(name: "new-place-postcode", label: "Postcode", value: form.newPlacePostcode, error: errors["new-place-postcode"], autocomplete: "postal-code", width: "10"))
        </fieldset>
        <fieldset class="govuk-fieldset"><legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Opening hours</legend>
        <div class="govuk-hint">Like 09:00-17:00. Leave a day empty when it is closed.</div>\(days)</fieldset>
        \(Components.textInput(name: "cost", label: "Cost in pounds", value: form.cost, error: errors["cost"], hint: "Leave empty if it is free", width: "5"))
        \(Components.textInput(name: "cost-description", label: "What the cost is for", value: form.costDescription, error: errors["cost-description"], hint: "Like \u{201C}per page\u{201D} or \u{201C}per session\u{201D}"))
        \(Components.textInput(name: "phone", label: "Phone number", value: form.phone, error: errors["phone"], type: "tel", autocomplete: "off", width: "20"))
        \(Components.textInput(name: "email", label: "Email address", value: form.email, error: errors["email"], type: "email", autocomplete: "off", spellcheck: false))
        \(Components.textInput(name: "website", label: "Website", value: form.website, error: errors["website"], spellcheck: false))
        \(Components.checkboxes(name: "languages", legend: "Languages spoken", options: languages, selected: Set(form.languages), error: nil))
        \(Components.button("Send for approval"))
        """))
        """)
    }

    static func proposal(
        _ proposal: DirectoryProposal, name: String, fields: [ServiceChanges.Field], isNew: Bool, editor: Bool, errors: FormErrors, reason: String,
        sendAgain: String, token: String
    ) -> Page {
        func text(_ value: String?) -> HTML {
            guard let value, !value.isEmpty else { return "<span class=\"app-muted\">(none)</span>" }
            return HTML(unescaped: value.components(separatedBy: "\n").map(HTML.escape).joined(separator: "<br>"))
        }
        let rows = fields.map { field -> [HTML] in
            var row: [HTML] = ["\(field.label)\(HTML.when(field.isChanged && !isNew, " <strong class=\"app-changed\">changed</strong>"))"]
            if !isNew { row.append(text(field.published)) }
            row.append(text(field.proposed))
            return row
        }
        let decision: HTML = editor && proposal.status == .pending ? """
        <h2 class="govuk-heading-m">Your decision</h2>
        \(Components.form(action: SiteURL.proposalDecision(.value(proposal.id!)).path, token: token, """
        \(Components.radios(name: "decision", legend: "Approve or reject", options: [
            Components.Choice(value: "approve", label: "Approve and publish"), Components.Choice(value: "reject", label: "Reject"),
        ], selected: errors["reason"] == nil ? nil : "reject", error: errors["decision"]))
        \(Components.textarea(name: "reason", label: "Reason (needed to reject)", value: reason, error: errors["reason"], hint: "The partner sees this, so say what to put right", rows: 3))
        \(Components.button("Save decision"))
        """))
        """ : .empty
        let outcome: HTML = proposal.status == .pending ? .empty
            : "<p class=\"govuk-body\">\(DirectoryEditingPages.statusTag(proposal.status)) by \(proposal.decidedBy ?? "") on \(Components.date(proposal.decidedAt))\(proposal.reason.map { ": \($0)" } ?? "")</p>"
        // A rejected proposal is put right from its own answers, not typed again.
        let again: HTML = proposal.status == .rejected
            ? "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"\(sendAgain)\">Change it and send it again</a></p>" : .empty
        return Page(title: "Proposal: \(name)", errors: errors, backLink: SiteURL.manageDirectory.path, content: """
        <span class="govuk-caption-l">\(isNew ? "New service" : "Change to a published service")</span>
        <h1 class="govuk-heading-l">\(name)</h1>
        <p class="govuk-body">Proposed by \(proposal.proposerName) on \(Components.date(proposal.createdAt)). \(DirectoryEditingPages.statusTag(proposal.status))</p>
        \(outcome)
        \(again)
        \(Components.table(caption: isNew ? "The proposed service" : "What would change", head: isNew ? ["Field", "Proposed"] : ["Field", "Published now", "Proposed"], rows: rows))
        \(decision)
        """)
    }

    static func review(_ due: [DirectoryService], paging: Paging, owners: [UUID: String], months: Int, notice: String?, token: String) -> Page {
        // The buttons come back to this page.
        let onPage = [("page", paging.number == 1 ? "" : String(paging.number))]
        let rows = due.map { row -> [HTML] in
            [
                "<a class=\"govuk-link\" href=\"\(SiteURL.directoryService(.value(row.id!)).path)\">\(row.name)</a>",
                "\(row.assuredOn ?? "Never")", "\(row.ownerOrganisationID.flatMap { owners[$0] } ?? "The council")",
                """
                <form method="post" action="\(SiteURL.serviceChecked(.value(row.id!)).path(query: onPage))" class="app-inline-form">\(Components.csrfField(token))<button type="submit" class="govuk-button govuk-button--secondary">Mark as checked<span class="govuk-visually-hidden"> \(row.name)</span></button></form>
                \(HTML.when(row.ownerOrganisationID != nil, "<form method=\"post\" action=\"\(SiteURL.askPartnerToCheck(.value(row.id!)).path(query: onPage))\" class=\"app-inline-form\">\(Components.csrfField(token))<button type=\"submit\" class=\"govuk-button govuk-button--secondary\">Ask the partner<span class=\"govuk-visually-hidden\"> to check \(row.name)</span></button></form>"))
                """,
            ]
        }
        return Page(title: "Services to check", backLink: SiteURL.manageDirectory.path, notice: notice.map { Components.notificationBanner(heading: $0, success: true) } ?? .empty, content: """
        <h1 class="govuk-heading-l">Services to check</h1>
        <p class="govuk-body">Services not checked in the last \(months) months, oldest first. Check each is still right, or ask the partner that looks after it.</p>
        \(due.isEmpty ? "<p class=\"govuk-body\">Every service has been checked in the last \(months) months.</p>" as HTML : Components.table(caption: "Not checked recently (\(paging.totalItems))", head: ["Service", "Last checked", "Looked after by", ""], rows: rows))
        \(Components.pagination(paging) { SiteURL.reviewServices.path(query: [("page", String($0))]) })
        """)
    }
}
