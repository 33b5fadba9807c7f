import Fluent
import OnrampCore
import Vapor

/// What people who apply to be a champion agree to, with its version stored on each application.
enum ChampionConsent {
    static let version = "2026-12-v1"
    static let wording = "I agree that the council and the organisation I volunteer with can keep these details, contact me about volunteering, and check my references, DBS check and training."
}

/// "Become a digital champion": the public form, no account. An application lands in the
/// council's champions queue, and the applicant is told by the way they chose.
struct ChampionApplicationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.championApply, use: form)
        routes.post(.championApply, use: apply)
        routes.get(.championApplied, use: applied)
    }

    func form(req: Request) async throws -> Response {
        req.render(ChampionApplicationPages.form(ChampionApplicationForm(), places: try await Self.places(on: req.db), errors: FormErrors(), token: req.csrfToken ?? ""))
    }

    func apply(req: Request) async throws -> Response {
        let form = ChampionApplicationForm(try await FormFields.read(req))
        let places = try await Self.places(on: req.db)
        var errors = FormErrors()
        guard let champion = form.validated(places: places, into: &errors), errors.isEmpty else {
            return req.render(form: ChampionApplicationPages.form(form, places: places, errors: errors, token: req.csrfToken ?? ""))
        }
        let now = Date()
        try await req.db.transaction { tx in
            (champion.status, champion.statusSince, champion.createdAt) = (.applied, now, now)
            try await champion.create(on: tx)
            try await ChampionMessages.queue(.applied, to: champion, now: now, on: tx)
            try await Audit.record(.championApplied, by: .visitor("The applicant", councilID: champion.councilID, request: req), recordType: "champion", recordID: champion.id,
                                   summary: "Applied to be a digital champion", councilID: champion.councilID, on: tx, now: now)
        }
        return req.redirect(to: SiteURL.championApplied.path, redirectType: .normal)
    }

    func applied(req: Request) async throws -> Response {
        req.render(ChampionApplicationPages.applied())
    }

    /// Every organisation a champion can volunteer with: each council and its partners. The
    /// organisation chosen decides the council, as the council chosen does on /help.
    static func places(on database: any Database) async throws -> [Organisation] {
        var places: [Organisation] = []
        for council in try await Organisation.councils(on: database) { places += try await Organisation.all(councilID: council.id!, on: database) }
        return places
    }
}

struct ChampionApplicationForm: Sendable {
    var name = "", email = "", phone = "", address = "", organisation = "", languages = ""
    var contactBy: [String] = [], availability: [String] = [], strengths: [String] = []
    var consent = false

    init() {}

    init(_ fields: FormFields) {
        (name, email, phone, address) = (fields["name"] ?? "", fields["email"] ?? "", fields["phone"] ?? "", fields["address"] ?? "")
        (organisation, languages, consent) = (fields["organisation"] ?? "", fields["languages"] ?? "", fields["consent"] == "yes")
        (contactBy, availability, strengths) = (fields.all("contact_by"), fields.all("availability"), fields.all("strengths"))
    }

    /// A champion's details as staff change them.
    init(_ champion: Champion) {
        (name, email, phone, address, languages) = (champion.name, champion.email ?? "", champion.phone.map(PhoneNumber.display) ?? "", champion.address ?? "", champion.languages)
        (contactBy, availability, strengths) = (champion.contactWays.ways, champion.freeTimes.map(\.rawValue), champion.skillsAreas.map(\.rawValue))
    }

    /// The application as a new champion, not yet saved; nil with the problems in `errors`.
    func validated(places: [Organisation], into errors: inout FormErrors) -> Champion? {
        let details = validatedDetails(applicant: true, into: &errors)
        let place = places.first { $0.id?.uuidString.lowercased() == organisation.lowercased() }
        if place == nil { errors.add("organisation", "Select who you would like to volunteer with") }
        if !consent { errors.add("consent", "Tick the box to agree, so we can take your offer forward") }
        guard errors.isEmpty, let place, let details else { return nil }
        let champion = Champion()
        (champion.councilID, champion.organisationID) = (place.councilID, place.type == .council ? nil : place.id)
        details.write(to: champion)
        champion.consentVersion = ChampionConsent.version
        return champion
    }

    /// Who they are, how to reach them, when they are free, what they are good at and their
    /// languages: asked on the application and changed by staff later.
    struct Details {
        let name: String, ways: ContactWays, email: String?, phone: String?, address: String?
        let free: [ChampionAvailability], areas: [SkillsArea], languages: String

        func write(to champion: Champion) {
            (champion.name, champion.email, champion.phone, champion.address, champion.contactBy) = (name, email, phone, address, ways.stored)
            (champion.availability, champion.strengths, champion.languages) = (free.map(\.rawValue).joined(separator: ","), areas.map(\.rawValue).joined(separator: ","), languages)
        }
    }

    /// `applicant`: the messages speak to the person applying ("you"), else to staff ("they").
    func validatedDetails(applicant: Bool, into errors: inout FormErrors) -> Details? {
        let (you, your) = applicant ? ("you", "your") : ("they", "their")
        let name = errors.text("name", name, label: "\(your) full name", maxLength: 100)
        let chosenWays = contactBy.filter(ContactWays.all.contains)
        if chosenWays.isEmpty { errors.add("contact_by", applicant ? "Select how we should contact you" : "Select how to contact them") }
        let ways = ContactWays(chosenWays)
        let reach = ways.validate(name: name, phone: phone, email: email, address: address, postcode: nil, into: &errors)
        let free = ChampionAvailability.allCases.filter { availability.contains($0.rawValue) }
        if free.isEmpty { errors.add("availability", "Select when \(you) are free to help") }
        let areas = SkillsArea.allCases.filter { strengths.contains($0.rawValue) }
        if areas.isEmpty { errors.add("strengths", "Select what \(you) are good at and could help people with") }
        let languages = errors.text("languages", languages, label: "the languages \(you) speak", required: false, maxLength: 200)
        guard errors.isEmpty else { return nil }
        return Details(name: name, ways: ways, email: reach.email, phone: reach.phone, address: reach.address, free: free, areas: areas, languages: languages)
    }
}

enum ChampionApplicationPages {
    static func form(_ form: ChampionApplicationForm, places: [Organisation], errors: FormErrors, token: String) -> Page {
        let councils = Set(places.map(\.councilID)).count
        let names = Dictionary(places.filter { $0.type == .council }.map { ($0.id!, $0.name) }, uniquingKeysWith: { a, _ in a })
        let choices = [Components.Choice(value: "", label: "Choose one")] + places.map { place in
            let label = place.type == .council ? "\(place.name) itself" : councils > 1 ? "\(place.name) (\(names[place.councilID] ?? ""))" : place.name
            return Components.Choice(value: place.id!.uuidString.lowercased(), label: label)
        }
        return Page(title: "Become a digital champion", errors: errors, backLink: SiteURL.home.path, content: """
        <h1 class="govuk-heading-xl">Become a digital champion</h1>
        <p class="govuk-body-l">Digital champions are volunteers who help people get online: using a phone or laptop, staying safe, finding what they need.</p>
        <p class="govuk-body">You do not need to be an expert, just patient and friendly. Before you start we ask for 2 references and a DBS check, and you do some short training. It is all free.</p>
        \(Components.form(action: SiteURL.championApply.path, token: token, """
        \(contactFields(form, errors: errors, legend: "How should we contact you?", emailHint: "We will send your invitation to Onramp here once you are ready to start."))
        \(Components.select(name: "organisation", label: "Who would you like to volunteer with?", options: choices, selected: form.organisation.lowercased(), error: errors["organisation"],
                            hint: "A library, a housing provider, a charity, or the council itself."))
        \(helpFields(form, errors: errors, free: "When are you free to help?", strengths: "What could you help people with?", languages: "Languages you speak (optional)"))
        \(Components.checkboxes(name: "consent", legend: "Your details", options: [.init(value: "yes", label: ChampionConsent.wording)], selected: form.consent ? ["yes"] : [], error: errors["consent"]))
        \(Components.button("Send"))
        """))
        """)
    }

    /// Name and the ways to reach them, as the application and staff's change of details ask.
    static func contactFields(_ form: ChampionApplicationForm, errors: FormErrors, legend: String, emailHint: String) -> HTML {
        let ways = (TriageQuestions.question("contact-by")?.options ?? []).map { Components.Choice(value: $0.value, label: $0.label) }
        return """
        \(Components.textInput(name: "name", label: "Full name", value: form.name, error: errors["name"], autocomplete: "name"))
        \(Components.checkboxes(name: "contact_by", legend: legend, options: ways, selected: Set(form.contactBy), error: errors["contact_by"], hint: "Select all that suit."))
        \(Components.textInput(name: "email", label: "Email address", value: form.email, error: errors["email"], hint: emailHint, type: "email", autocomplete: "email", spellcheck: false))
        \(Components.textInput(name: "phone", label: "Phone number", value: form.phone, error: errors["phone"], type: "tel", autocomplete: "tel", width: "20"))
        \(Components.textarea(name: "address", label: "Postal address (for letters)", value: form.address, error: errors["address"], hint: "One line each, the postcode on the last", rows: 3))
        """
    }

    /// When they are free, what they could help with and their languages.
    static func helpFields(_ form: ChampionApplicationForm, errors: FormErrors, free: String, strengths: String, languages: String) -> HTML {
        """
        \(Components.checkboxes(name: "availability", legend: free, options: ChampionAvailability.allCases.map { .init(value: $0.rawValue, label: $0.label) },
                                selected: Set(form.availability), error: errors["availability"], hint: "Select all that apply."))
        \(Components.checkboxes(name: "strengths", legend: strengths, options: SkillsArea.allCases.map { .init(value: $0.rawValue, label: $0.label) },
                                selected: Set(form.strengths), error: errors["strengths"], hint: "Select all that apply."))
        \(Components.textInput(name: "languages", label: languages, value: form.languages, error: errors["languages"], hint: "Like English, Spanish, Yoruba."))
        """
    }

    static func applied() -> Page {
        Page(title: "Thank you for offering to help", content: """
        <div class="govuk-panel govuk-panel--confirmation"><h1 class="govuk-panel__title">Thank you for offering to help</h1></div>
        <p class="govuk-body">We have your details and have sent you a message to say so, the way you asked.</p>
        <p class="govuk-body">Someone will contact you about the next steps: your references, a DBS check and training.</p>
        <p class="govuk-body"><a class="govuk-link" href="\(SiteURL.home.path)">Back to the home page</a></p>
        """)
    }
}
