import Fluent
import OnrampCore
import Vapor

/// Each council's way in without the website: administrators keep its phone number, address
/// and hours; anyone can read them on /contact.
struct CouncilController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.contact, use: contact)
        routes.get(.councilContact, requiring: .manageOrganisations, use: edit)
        routes.post(.councilContact, requiring: .manageOrganisations, use: save)
    }

    func contact(req: Request) async throws -> Response {
        req.render(CouncilPages.contact(try await CouncilContacts.all(on: req.db)))
    }

    func edit(req: Request) async throws -> Response {
        let staff = try req.signedIn()
        let current = try await CouncilContacts.of(staff.organisation, on: req.db)
        return req.render(CouncilPages.edit(CouncilContactForm(current), councilName: try await council(req).name, saved: (try? req.query.get(String.self, at: "saved")) == "1",
                                            errors: FormErrors(), token: req.csrfToken ?? ""))
    }

    func save(req: Request) async throws -> Response {
        let council = try await council(req)
        let fields = try await FormFields.read(req)
        let form = CouncilContactForm(fields)
        var errors = FormErrors()
        guard let contact = CouncilContact.validate(councilName: council.name, phone: form.phone, address: form.address, openingHours: form.openingHours,
                                                    localAuthorities: form.localAuthorities, into: &errors)
        else { return req.render(form: CouncilPages.edit(form, councilName: council.name, saved: false, errors: errors, token: req.csrfToken ?? "")) }
        try await CouncilContacts.save(contact, councilID: council.id!, actor: try req.auditActor(), now: Date(), on: req.db)
        return req.redirect(to: SiteURL.councilContact.path(query: [("saved", "1")]), redirectType: .normal)
    }

    private func council(_ req: Request) async throws -> Organisation {
        let scope = try req.scope
        guard let council = try await scope.find(Organisation.self, scope.councilID, on: req.db) else { throw Abort(.notFound) }
        return council
    }
}

struct CouncilContactForm: Sendable {
    var phone = "", address = "", openingHours = "", localAuthorities = ""

    init(_ contact: CouncilContact?) {
        guard let contact else { return }
        (phone, address) = (PhoneNumber.display(contact.phone), contact.address.joined(separator: "\n"))
        (openingHours, localAuthorities) = (contact.openingHours, contact.localAuthorities.joined(separator: ", "))
    }

    init(_ fields: FormFields) {
        (phone, address) = (fields["phone"] ?? "", fields["address"] ?? "")
        (openingHours, localAuthorities) = (fields["opening_hours"] ?? "", fields["local_authorities"] ?? "")
    }
}

enum CouncilPages {
    /// The sentence for pages that tell residents to phone or visit: the council's own, every
    /// council's where the page does not know whose resident is reading, or /contact.
    static func phoneOrVisit(_ contacts: [CouncilContact]) -> HTML {
        guard !contacts.isEmpty else {
            return "<a class=\"govuk-link\" href=\"\(SiteURL.contact.path)\">Phone or visit your council</a> and ask for the digital inclusion team."
        }
        return contacts.map { "\($0.sentence)" as HTML }.joined(separator: " ")
    }

    static func contact(_ contacts: [CouncilContact]) -> Page {
        let items = contacts.map { contact -> HTML in
            """
            <h2 class="govuk-heading-m">\(contact.councilName)</h2>
            \(Components.summaryList([
                .init(key: "Phone", value: "<a class=\"govuk-link\" href=\"tel:\(contact.phone)\">\(PhoneNumber.display(contact.phone))</a>"),
                .init(key: "When", value: "\(contact.openingHours)"),
                .init(key: "Visit or write to", value: contact.address.map { "\($0)" as HTML }.joined(separator: "<br>")),
            ]))
            """
        }
        return Page(title: "Get help without the website", content: """
        <h1 class="govuk-heading-l">Get help without the website</h1>
        <p class="govuk-body">You do not need to use this website. Phone or visit your council and ask for the digital inclusion team: they can go through everything with you, on the phone or face to face.</p>
        \(contacts.isEmpty ? "<p class=\"govuk-body\">Ask at your local library or your council\u{2019}s offices for help getting online.</p>" : items.joined())
        <p class="govuk-body">You can also <a class="govuk-link" href="\(SiteURL.helpPaperForm.path)">print a paper form</a> and hand it in at a library.</p>
        """)
    }

    static func edit(_ form: CouncilContactForm, councilName: String, saved: Bool, errors: FormErrors, token: String) -> Page {
        Page(title: "How residents reach \(councilName)", errors: errors,
             notice: saved ? Components.notificationBanner(heading: "The council\u{2019}s details have been saved", success: true) : .empty, content: """
        <h1 class="govuk-heading-l">How residents reach \(councilName)</h1>
        <p class="govuk-body">Residents who cannot or would rather not use the website are told to phone or visit. These details are shown wherever they are, in letters and in messages.</p>
        \(Components.form(action: SiteURL.councilContact.path, token: token, """
        \(Components.textInput(name: "phone", label: "Phone number residents call", value: form.phone, error: errors["phone"], type: "tel", autocomplete: "tel", width: "20"))
        \(Components.textInput(name: "opening_hours", label: "When someone answers", value: form.openingHours, error: errors["opening_hours"], hint: "Like \u{201C}Monday to Friday, 9am to 5pm\u{201D}"))
        \(Components.textarea(name: "address", label: "Address to visit or write to", value: form.address, error: errors["address"], hint: "One line each, the postcode on the last", rows: 5))
        \(Components.textInput(name: "local_authorities", label: "Local authority codes", value: form.localAuthorities, error: errors["local_authorities"], hint: "The ONS codes of the areas you serve, like E09000028. A resident whose postcode is elsewhere is told so.", width: "20", spellcheck: false))
        \(Components.button("Save"))
        """))
        """)
    }
}
