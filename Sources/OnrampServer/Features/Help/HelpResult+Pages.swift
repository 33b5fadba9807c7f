import Foundation
import OnrampCore

/// The result of the triage, the request form, and what happens next.
enum HelpResultPages {
    static func result(_ view: HelpResultView, form: HelpRequestForm, errors: FormErrors, token: String) -> Page {
        let package = view.package
        let profile = package.profile
        let barrierRows = profile.lines.map { line -> [HTML] in
            let has: HTML = line.has.isEmpty ? "<span class=\"app-muted\">Nothing yet</span>" : line.has.map { "\($0)" as HTML }.joined(separator: "<br>")
            let missing: HTML = line.missing.isEmpty ? "<span class=\"app-muted\">Nothing</span>" : line.missing.map { "\($0)" as HTML }.joined(separator: "<br>")
            return ["\(line.barrier.label)", has, missing]
        }
        let chosen = Set(form.offers.map { $0.lowercased() })
        let eligible = package.eligible.map { entry -> HTML in offerCard(entry, view: view, ticked: chosen.contains(entry.offer.id.lowercased()), error: errors["offer"]) }
        let notEligible = package.notEligible.map { entry -> HTML in
            "<li><strong>\(entry.offer.name)</strong>: not for you at the moment, because \(entry.outcome.because).</li>"
        }
        let canAsk = package.eligible.contains { $0.offer.kind.needsReferral }
        let contact = ContactWays(view.draft.triageAnswers["contact-by"])
        let askForm: HTML = canAsk ? Components.form(action: SiteURL.helpResult(.value(view.draft.token)).path, token: token, """
        \(Components.formGroup(error: errors["offer"], """
        <fieldset class="govuk-fieldset"\(Components.describedBy("offer", hint: "Select all the help you would like.", error: errors["offer"]))>
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--m"><h2 class="govuk-fieldset__heading">Help you can get</h2></legend>
        \(Components.hintText("Select all the help you would like.", id: "offer"))\(Components.errorMessage(errors["offer"], id: "offer"))
        <div class="govuk-checkboxes">\(eligible)</div>
        </fieldset>
        """))
        <h2 class="govuk-heading-m">Ask for help</h2>
        <p class="govuk-body">We need a few details to pass your request on. We will contact you by \(contact.words).</p>
        \(Components.textInput(name: "name", label: "Full name", value: form.name, error: errors["name"], autocomplete: "name", spellcheck: false))
        \(Components.dateInput(name: "dob", legend: "Date of birth", value: form.dateOfBirth, error: errors["dob"], hint: "For example, 27 3 1958. We use it to find your request if you phone us."))
        \(Components.textInput(name: "phone", label: "Phone number" + (contact.includes("sms") || contact.includes("phone") ? "" : " (optional)"), value: form.phone, error: errors["phone"], type: "tel", autocomplete: "tel", width: "20"))
        \(Components.textInput(name: "email", label: "Email address" + (contact.includes("email") ? "" : " (optional)"), value: form.email, error: errors["email"], type: "email", autocomplete: "email", spellcheck: false))
        \(Components.textarea(name: "address", label: "Address, with postcode" + (contact.includes("letter") ? "" : " (optional)"), value: form.address, error: errors["address"],
                              hint: "One line each, the postcode on the last." + (view.draft.triageAnswers.first("postcode").flatMap(Postcode.normalise).map { " If you leave it off, we will add the one you gave us, \($0)." } ?? ""), rows: 4))
        \(Components.checkboxes(name: "consent", legend: "Your agreement", options: [.init(value: "yes", label: Consent.wording)], selected: form.consent ? ["yes"] : [], error: errors["consent"]))
        \(Components.button("Ask for help"))
        """) : nothingToAsk(hasPlaces: package.eligible.contains { $0.offer.kind == .wifiPlace }, contact: view.contact)
        return Page(title: "The help you can get", errors: errors, backLink: SiteURL.helpCheck(.value(view.draft.token)).path, notice: HelpPages.assisting(view.draft), content: """
        <h1 class="govuk-heading-l">The help you can get</h1>
        \(view.elsewhere.map { livesElsewhere($0, council: view.contact) } ?? .empty)
        <p class="govuk-body">Print this page or keep its address to come back to it.</p>
        \(Components.table(caption: "What you have, and what is missing", head: ["", "You have", "Missing"], rows: barrierRows))
        \(HTML.when(view.draft.staffUserID != nil, "<p class=\"govuk-body\">For staff: on the digital inclusion scale (1 to 9) they are at <strong>\(profile.scale): \(profile.scaleLabel)</strong>.</p>"))
        \(HTML.when(!canAsk && !package.eligible.isEmpty, "<h2 class=\"govuk-heading-m\">Help you can get</h2><ul class=\"govuk-list\">\(package.eligible.map { "<li><strong>\($0.offer.name)</strong>: because \($0.outcome.because).</li>" as HTML })</ul>"))
        \(wifiList(view))
        \(askForm)
        <details class="govuk-details">
        <summary class="govuk-details__summary"><span class="govuk-details__summary-text">Help you cannot get, and why</span></summary>
        <div class="govuk-details__text">\(notEligible.isEmpty ? (package.eligible.isEmpty ? "The council has not listed any help here yet." : "You can get every kind of help we offer.") as HTML : "<ul class=\"govuk-list\">\(notEligible)</ul>")</div>
        </details>
        """)
    }

    /// Said plainly, before the help: what the postcode means for them, and where to turn.
    private static func livesElsewhere(_ elsewhere: PostcodePlacing.Elsewhere, council: CouncilContact?) -> HTML {
        let here = council?.councilName ?? "this council"
        let theirs: HTML = elsewhere.council.map { "<p class=\"govuk-body\">\(CouncilPages.phoneOrVisit([$0])) You can also <a class=\"govuk-link\" href=\"\(SiteURL.help.path)\">start again and choose \($0.councilName)</a>.</p>" }
            ?? "<p class=\"govuk-body\">Your own council can help: <a class=\"govuk-link\" href=\"https://www.gov.uk/find-local-council\">find your local council on GOV.UK</a>.</p>"
        return """
        <div class="govuk-inset-text">
        <p class="govuk-body">Your postcode, \(elsewhere.postcode), is in \(elsewhere.areaName ?? "another council\u{2019}s area"), not in \(here)\u{2019}s area. Help that is only for \(here)\u{2019}s residents is not listed for you, but everything else is.</p>
        \(theirs)
        </div>
        """
    }

    /// Nothing here needs a partner: the resident still has somewhere to turn.
    private static func nothingToAsk(hasPlaces: Bool, contact: CouncilContact?) -> HTML {
        let phone = CouncilPages.phoneOrVisit(contact.map { [$0] } ?? [])
        return hasPlaces
            ? "<p class=\"govuk-body\">There is nothing to ask a partner for at the moment, but the places above are free to use. \(phone)</p>"
            : "<p class=\"govuk-body\">There is nothing to ask for online at the moment, but someone can still help you. \(phone) Or ask at your library.</p>"
    }

    /// The ways a resident chose, as stored, in words: "a letter or a phone call".
    static func contactWords(_ stored: String) -> String {
        ContactWays(stored: stored).words
    }

    private static func offerCard(_ entry: MinimumAccessPackage.Entry, view: HelpResultView, ticked: Bool, error: String?) -> HTML {
        let offer = entry.offer
        let partner = view.offers.first { $0.id?.uuidString == offer.id }.flatMap { view.partners[$0.partnerID] }
        let stock: HTML = offer.available == 0 ? " <strong class=\"govuk-tag govuk-tag--yellow\">Waiting list</strong>" : .empty
        var extra: HTML = .empty
        if offer.kind == .socialTariff {
            let tariffs = SocialTariffs.available(to: view.draft.triageAnswers, from: view.tariffs).map {
                "<li>\($0.provider) \($0.name): \u{A3}\($0.monthlyPrice) a month, \($0.speed). Price checked on \($0.checkedOn.spoken).</li>" as HTML
            }
            extra = "<ul class=\"govuk-list govuk-list--bullet\">\(tariffs)</ul><p class=\"govuk-hint\">Prices change: check with the provider before you switch.</p>"
        }
        let howMany = entry.quantity > 1 ? " You can have \(entry.quantity): one for each of you who needs one, children\u{2019}s schoolwork included." : ""
        let text: HTML = "\(offer.summary)\(howMany) Because \(entry.outcome.because).\(partner.map { " From \($0)." } ?? "")"
        guard offer.kind.needsReferral else { return .empty }
        let id = "offer-\(offer.id.lowercased())"
        return """
        <div class="govuk-checkboxes__item">
        <input class="govuk-checkboxes__input" id="\(id)" name="offer" type="checkbox" value="\(offer.id.lowercased())"\(HTML.when(ticked, " checked")) aria-describedby="\(id)-hint">
        <label class="govuk-label govuk-checkboxes__label" for="\(id)"><strong>\(offer.name)</strong>\(stock)</label>
        <div id="\(id)-hint" class="govuk-hint govuk-checkboxes__hint">\(text)\(extra)</div>
        </div>
        """
    }

    private static func wifiList(_ view: HelpResultView) -> HTML {
        guard let entry = view.package.eligible.first(where: { $0.offer.kind == .wifiPlace }) else { return .empty }
        let places = view.wifiPlaces.map { place -> HTML in
            let distance: HTML = place.metres.map { " (\(Distance.words(metres: $0)))" } ?? .empty
            return "<li><a class=\"govuk-link\" href=\"\(place.link.path)\">\(place.name)</a>\(distance)</li>"
        }
        return """
        <h2 class="govuk-heading-m">\(entry.offer.name)</h2>
        <p class="govuk-body">\(entry.offer.summary) Because \(entry.outcome.because).</p>
        \(places.isEmpty ? "<p class=\"govuk-body\">Search the <a class=\"govuk-link\" href=\"\(SiteURL.directory.path)\">directory</a> for free Wi-Fi near you.</p>" as HTML : "<ul class=\"govuk-list\">\(places)</ul>")
        """
    }

    /// One referral as "what happens next" tells it: who will be in touch about what, and by when.
    struct NextStep: Sendable {
        let offer: String
        let partner: String
        let days: Int

        var sentence: String { "\(offer): \(partner) will contact you within \(days) working days." }
    }

    static func done(reference: ReferenceNumber, next: [NextStep], contactBy: String, draft: TriageDraft) -> Page {
        Page(title: "Your request has been sent", content: """
        <div class="govuk-panel govuk-panel--confirmation">
        <h1 class="govuk-panel__title">Your request has been sent</h1>
        <div class="govuk-panel__body">Your reference number<br><strong class="app-reference">\(reference.description)</strong></div>
        </div>
        <p class="govuk-body">\(ContactWays(stored: contactBy).forMessages == "phone" ? "Someone will phone you soon with your reference." : "We will also send your reference by \(contactWords(ContactWays(stored: contactBy).forMessages)).") Write it down: you will need it to check on your request.</p>
        <h2 class="govuk-heading-m">What happens next</h2>
        <ul class="govuk-list govuk-list--bullet">\(next.map { "<li>\($0.sentence)</li>" as HTML })</ul>
        <p class="govuk-body">You can <a class="govuk-link" href="\(SiteURL.track.path)">check on your request</a> with your reference and your postcode or date of birth.</p>
        <h2 class="govuk-heading-m">Help us be fair (optional)</h2>
        <p class="govuk-body"><a class="govuk-link" href="\(SiteURL.helpEquality(.value(draft.token)).path)">Answer 4 questions about yourself</a> so we can check our help reaches everyone. It does not change the help you get.</p>
        """)
    }

    /// The last page when a member of staff made the request with the resident: what to tell
    /// them, and the case.
    static func taken(reference: ReferenceNumber, caseID: UUID?, resident: String, contactBy: String, next: [NextStep], draft: TriageDraft) -> Page {
        Page(title: "Request made for \(resident)", content: """
        <div class="govuk-panel govuk-panel--confirmation">
        <h1 class="govuk-panel__title">Request made for \(resident)</h1>
        <div class="govuk-panel__body">Their reference number<br><strong class="app-reference">\(reference.description)</strong></div>
        </div>
        <p class="govuk-body">Read them their reference, and ask them to write it down. We will also send it to them by \(contactWords(ContactWays(stored: contactBy).forMessages)).</p>
        <h2 class="govuk-heading-m">Tell them what happens next</h2>
        <ul class="govuk-list govuk-list--bullet">\(next.map { "<li>\($0.sentence)</li>" as HTML })</ul>
        \(caseID.map { "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"\(SiteURL.helpCase(.value($0)).path)\">Open their case</a></p>" } ?? .empty)
        <p class="govuk-body"><a class="govuk-link" href="\(SiteURL.helpEquality(.value(draft.token)).path)">Ask them the 4 optional questions about themselves</a>, so we can check our help reaches everyone.</p>
        <p class="govuk-body"><a class="govuk-link" href="\(SiteURL.assistResident.path)">Help another resident</a></p>
        """)
    }

    /// The draft's address after the browser that asked has moved on: no reference, no answers.
    static func sent(contact: CouncilContact?) -> Page {
        Page(title: "Your request has been sent", content: """
        <h1 class="govuk-heading-l">Your request has been sent</h1>
        <p class="govuk-body">We gave the reference number when the request was made, and sent it by the way chosen for contact.</p>
        <p class="govuk-body">You can <a class="govuk-link" href="\(SiteURL.track.path)">check on your request</a> with your reference and your postcode or date of birth. Lost your reference? \(CouncilPages.phoneOrVisit(contact.map { [$0] } ?? []))</p>
        """)
    }

    static func equality(draft: TriageDraft, saved: ResidentEquality?, token: String) -> Page {
        let groups = EqualityMonitoring.questions.map { question -> HTML in
            Components.radios(name: question.field, legend: question.legend, options: question.options.map { .init(value: $0.0, label: $0.1) },
                              selected: saved.flatMap { EqualityMonitoring.value(question.field, of: $0) }, error: nil)
        }
        return Page(title: "Help us be fair", backLink: SiteURL.helpDone(.value(draft.token)).path, content: """
        <h1 class="govuk-heading-l">Help us be fair</h1>
        <p class="govuk-body">Every question is optional. Your answers are kept apart from your request, and only a few staff can see them.</p>
        \(Components.form(action: SiteURL.helpEquality(.value(draft.token)).path, token: token, "\(groups)\(Components.button("Send answers"))"))
        """)
    }

    static func equalityThanks() -> Page {
        Page(title: "Thank you", content: """
        <h1 class="govuk-heading-l">Thank you</h1>
        <p class="govuk-body">Your answers have been saved. You can <a class="govuk-link" href="\(SiteURL.track.path)">check on your request</a> at any time.</p>
        """)
    }
}
