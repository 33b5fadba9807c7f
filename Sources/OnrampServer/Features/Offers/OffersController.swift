import Fluent
import OnrampCore
import Vapor

/// The council's offers catalogue. A rule change is previewed against example residents
/// ("who would qualify?") and only then published.
struct OffersController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.offers, requiring: .manageOffers, use: list)
        routes.post(.offers, requiring: .manageOffers, use: startCatalogue)
        routes.get(.offer(.key), requiring: .manageOffers, use: edit)
        routes.post(.offer(.key), requiring: .manageOffers, use: save)
    }

    func list(req: Request) async throws -> Response {
        let staff = try req.signedIn()
        let offers = try await HelpOffer.query(on: req.db).filter(\.$councilID == staff.councilID).sort(\.$position).all()
        let partners = try await Organisation.all(councilID: staff.councilID, on: req.db)
        let today = WorkingDays.today(Date())
        let staleTariffs = try await SocialTariffRecords.list(councilID: staff.councilID, on: req.db).filter { SocialTariffs.isStale($0, today: today) }.count
        return req.render(OfferPages.list(offers, partners: partners, staleTariffs: staleTariffs, token: req.csrfToken ?? ""))
    }

    /// A council with no offers starts from the standard seven, fulfilled by the council itself
    /// until an officer names each partner.
    func startCatalogue(req: Request) async throws -> Response {
        let staff = try req.signedIn()
        try await req.db.transaction { tx in
            guard try await HelpOffer.query(on: tx).filter(\.$councilID == staff.councilID).count() == 0 else { return }
            try await HelpOffers.addStandard(councilID: staff.councilID, partner: { _ in staff.councilID }, now: Date(), on: tx)
            try await Audit.record(.offerChanged, by: try req.auditActor(), recordType: "offer", recordID: nil, summary: "Set up the standard offers", on: tx, now: Date())
        }
        return req.redirect(to: SiteURL.offers.path, redirectType: .normal)
    }

    private func organisations(_ req: Request) async throws -> [Organisation] {
        try await Organisation.all(councilID: try req.signedIn().councilID, on: req.db)
    }

    private func offer(_ req: Request) async throws -> HelpOffer {
        try await req.scoped(HelpOffer.self, at: SiteURL.offerKey)
    }

    func edit(req: Request) async throws -> Response {
        let offer = try await offer(req)
        let form = OfferForm(offer)
        return req.render(OfferPages.edit(offer, form: form, organisations: try await organisations(req), preview: preview(form.rule), errors: FormErrors(), token: req.csrfToken ?? ""))
    }

    /// "Preview" shows who would qualify under the typed rule; "Publish" also makes it live.
    func save(req: Request) async throws -> Response {
        let offer = try await offer(req)
        let fields = try await FormFields.read(req)
        let form = OfferForm(fields)
        _ = try await req.scoped(Organisation.self, id: form.partner)
        let organisations = try await organisations(req)
        let (errors, valid) = form.validated(organisations: organisations)
        let publishing = fields["action"] == "publish"
        guard errors.isEmpty, let valid, publishing else {
            return req.render(form: OfferPages.edit(offer, form: form, organisations: organisations, preview: errors["rule"] == nil ? preview(form.rule) : [], errors: errors, token: req.csrfToken ?? ""))
        }
        try await req.db.transaction { tx in
            let ruleChanged = offer.rule != valid.rule.json
            offer.name = valid.name
            offer.summary = valid.summary
            offer.partnerID = valid.partnerID
            offer.available = valid.available
            offer.maxPerHousehold = valid.maxPerHousehold
            offer.followUpWeeks = valid.followUpWeeks
            offer.standardDays = valid.standardDays
            offer.active = valid.active
            offer.rule = valid.rule.json
            let now = Date()
            offer.updatedAt = now
            try await offer.save(on: tx)
            try await Audit.record(ruleChanged ? .offerRulePublished : .offerChanged, by: try req.auditActor(), recordType: "offer", recordID: offer.id,
                                   summary: "\(offer.name)\(ruleChanged ? ": new rule " + valid.rule.json.replacingOccurrences(of: "\n", with: " ") : "")", on: tx, now: now)
        }
        return req.redirect(to: SiteURL.offers.path, redirectType: .normal)
    }

    func preview(_ ruleText: String) -> [(String, RuleOutcome)] {
        guard case .success(let rule) = EligibilityRule.parse(ruleText) else { return [] }
        return ExampleResidents.all.map { ($0.name, TriageFacts($0.answers).evaluate(rule)) }
    }
}

struct OfferForm: Sendable {
    var name = "", summary = "", partner = "", available = "", standardDays = "", active = false, rule = "", maxPerHousehold = "1", followUpWeeks = ""

    init(_ offer: HelpOffer) {
        name = offer.name
        summary = offer.summary
        partner = offer.partnerID.uuidString.lowercased()
        available = offer.available.map(String.init) ?? ""
        maxPerHousehold = String(offer.maxPerHousehold)
        followUpWeeks = String(offer.followUpWeeks)
        standardDays = String(offer.standardDays)
        active = offer.active
        rule = offer.rule
    }

    init(_ fields: FormFields) {
        name = fields["name"] ?? ""
        summary = fields["summary"] ?? ""
        partner = fields["partner"] ?? ""
        available = fields["available"] ?? ""
        maxPerHousehold = fields["max_per_household"] ?? ""
        followUpWeeks = fields["follow_up_weeks"] ?? ""
        standardDays = fields["standard_days"] ?? ""
        active = fields["active"] == "yes"
        rule = fields["rule"] ?? ""
    }

    struct Valid { let name: String; let summary: String; let partnerID: UUID; let available: Int?; let maxPerHousehold: Int; let followUpWeeks: Int; let standardDays: Int; let active: Bool; let rule: EligibilityRule }

    func validated(organisations: [Organisation]) -> (FormErrors, Valid?) {
        var errors = FormErrors()
        let name = errors.text("name", name, label: "the offer\u{2019}s name", maxLength: 80)
        let summary = errors.text("summary", summary, label: "a sentence for residents", maxLength: 300)
        let partnerID = organisations.first { $0.id?.uuidString.lowercased() == partner.lowercased() }?.id
        if partnerID == nil { errors.add("partner", "Select who fulfils this offer") }
        let availableText = available.trimmingCharacters(in: .whitespaces)
        let available = Int(availableText)
        if !availableText.isEmpty, available == nil || available! < 0 { errors.add("available", "Places or items left must be a whole number, 0 or more, or empty") }
        // Left empty, one a household, as before households could have more.
        let mostText = maxPerHousehold.trimmingCharacters(in: .whitespaces)
        let most = mostText.isEmpty ? 1 : Int(mostText)
        if most == nil || !(1...10).contains(most!) { errors.add("max_per_household", "How many one household can have must be a whole number from 1 to 10") }
        // Left empty, the default.
        let weeksText = followUpWeeks.trimmingCharacters(in: .whitespaces)
        let weeks = weeksText.isEmpty ? FollowUpSchedule.defaultWeeks : Int(weeksText)
        if weeks == nil || !FollowUpSchedule.weeksAllowed.contains(weeks!) { errors.add("follow_up_weeks", "Weeks before asking how things are must be a whole number from 1 to 52") }
        let days = Int(standardDays.trimmingCharacters(in: .whitespaces))
        if days == nil || !(1...60).contains(days!) { errors.add("standard_days", "First contact must be within 1 to 60 working days") }
        var parsed: EligibilityRule?
        switch EligibilityRule.parse(rule) {
        case .success(let rule): parsed = rule
        case .failure(let problem): errors.add("rule", problem.message)
        }
        guard errors.isEmpty, let days, let most, let weeks, let parsed, let partnerID else { return (errors, nil) }
        return (errors, Valid(name: name, summary: summary, partnerID: partnerID, available: availableText.isEmpty ? nil : available, maxPerHousehold: most, followUpWeeks: weeks,
                              standardDays: days, active: active, rule: parsed))
    }
}

enum OfferPages {
    static func list(_ offers: [HelpOffer], partners: [Organisation], staleTariffs: Int, token: String) -> Page {
        let rows = offers.map { offer -> [HTML] in
            [
                "<a class=\"govuk-link\" href=\"\(SiteURL.offer(.value(offer.id!)).path)\">\(offer.name)</a>", "\(offer.kind.label)",
                "\(partners.first { $0.id == offer.partnerID }?.name ?? "")", "\(offer.available.map(String.init) ?? "Not counted")",
                "\(offer.standardDays) working days", offer.active ? Components.tag("Live", colour: .green) : Components.tag("Off", colour: .grey),
            ]
        }
        return Page(title: "Offers", content: """
        <h1 class="govuk-heading-l">Offers</h1>
        <p class="govuk-body">The help residents are matched to after the questions. Each offer has a partner who fulfils it, a first-contact standard and a rule saying who qualifies.</p>
        <p class="govuk-body"><a class="govuk-link" href="\(SiteURL.socialTariffs.path)">Social tariffs</a>: the cheaper broadband residents are shown.\(HTML.when(staleTariffs > 0, " \(Components.tag("\(staleTariffs) \(staleTariffs == 1 ? "price" : "prices") over a year old", colour: .red))"))</p>
        \(offers.isEmpty ? Components.form(action: SiteURL.offers.path, token: token, "<p class=\"govuk-body\">No offers yet. Start from the standard seven (device to keep, device loan, free data, cheaper broadband, a course, a digital champion, free Wi-Fi places), then name the partner who fulfils each.</p>\(Components.button("Set up the standard offers"))") : Components.table(caption: "Your catalogue", head: ["Offer", "Kind", "Fulfilled by", "Left", "First contact", "Status"], rows: rows))
        """)
    }

    static func edit(_ offer: HelpOffer, form: OfferForm, organisations: [Organisation], preview: [(String, RuleOutcome)], errors: FormErrors, token: String) -> Page {
        let previewRows = preview.map { name, outcome -> [HTML] in
            ["\(name)", outcome.passes ? Components.tag("Qualifies", colour: .green) : Components.tag("Does not qualify", colour: .grey), "Because \(outcome.because)"]
        }
        return Page(title: "Change \(offer.name)", errors: errors, backLink: SiteURL.offers.path, content: """
        <h1 class="govuk-heading-l">Change \(offer.name)</h1>
        \(Components.form(action: SiteURL.offer(.value(offer.id!)).path, token: token, """
        \(Components.textInput(name: "name", label: "Name", value: form.name, error: errors["name"]))
        \(Components.textarea(name: "summary", label: "What it is, for residents", value: form.summary, error: errors["summary"], rows: 2))
        \(Components.select(name: "partner", label: "Fulfilled by", options: organisations.map { .init(value: $0.id!.uuidString.lowercased(), label: $0.name) }, selected: form.partner.lowercased(), error: errors["partner"]))
        \(Components.textInput(name: "available", label: "Places or items left", value: form.available, error: errors["available"], hint: "Leave empty if you do not count them. At 0, residents join a waiting list.", width: "5"))
        \(Components.textInput(name: "max_per_household", label: "How many one household can have", value: form.maxPerHousehold, error: errors["max_per_household"], hint: "For devices: one for the household, and one for each child who needs one for schoolwork, up to this many.", width: "2"))
        \(Components.textInput(name: "follow_up_weeks", label: "Weeks before asking how things are", value: form.followUpWeeks, error: errors["follow_up_weeks"], hint: "After the help is given, the resident is asked whether it worked. Usually 6.", width: "2"))
        \(Components.textInput(name: "standard_days", label: "First contact within (working days)", value: form.standardDays, error: errors["standard_days"], width: "3"))
        \(Components.checkboxes(name: "active", legend: "Status", options: [.init(value: "yes", label: "Live: offered to residents")], selected: form.active ? ["yes"] : [], error: nil))
        \(Components.textarea(name: "rule", label: "Who qualifies", value: form.rule, error: errors["rule"], hint: "Conditions over the answers, combined with \u{201C}all\u{201D}, \u{201C}any\u{201D} and \u{201C}not\u{201D}. Facts: age, skills-gap (numbers); own-device, suitable-device, low-income, children, care-leaver, disability, online (yes or no); and the answers to questions such as benefits, connection, enough-internet, struggling, lives-in-area, safety.", rows: 14))
        <button type="submit" name="action" value="preview" class="govuk-button govuk-button--secondary">Preview who would qualify</button>
        <button type="submit" name="action" value="publish" class="govuk-button">Publish</button>
        """))
        \(previewRows.isEmpty ? .empty : Components.table(caption: "Who would qualify under this rule", head: ["Example resident", "Result", "Why"], rows: previewRows))
        """)
    }
}
