import Fluent
import OnrampCore
import Vapor

/// The council and the partners that take part in its programme.
struct OrganisationsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.organisations, requiring: .viewOrganisations, use: list)
        routes.get(.newOrganisation, requiring: .manageOrganisations, use: showNew)
        routes.post(.newOrganisation, requiring: .manageOrganisations, use: create)
    }

    func list(req: Request) async throws -> Response {
        let staff = try req.signedIn()
        let organisations = try await Organisation.all(councilID: staff.councilID, on: req.db)
        let added = (try? req.query.get(String.self, at: "added")).flatMap { name in organisations.first { $0.name == name } }
        return req.render(OrganisationPages.list(organisations, canManage: staff.may(.manageOrganisations), added: added))
    }

    func showNew(req: Request) async throws -> Response {
        req.render(OrganisationPages.new(input: PartnerInput(), errors: FormErrors(), token: req.csrfToken ?? ""))
    }

    func create(req: Request) async throws -> Response {
        let staff = try req.signedIn()
        let input = try req.content.decode(PartnerInput.self)
        let (organisation, errors) = try await input.validate(councilID: staff.councilID, on: req.db)
        guard let organisation else {
            return req.render(form: OrganisationPages.new(input: input, errors: errors, token: req.csrfToken ?? ""))
        }
        let clash = try await Partners.add(organisation, by: try req.auditActor(), on: req.db, now: Date())
        guard clash.isEmpty else {
            return req.render(form: OrganisationPages.new(input: input, errors: clash, token: req.csrfToken ?? ""))
        }
        return req.redirect(to: SiteURL.organisations.path(query: [("added", organisation.name)]), redirectType: .normal)
    }
}

enum OrganisationPages {
    static func list(_ organisations: [Organisation], canManage: Bool, added: Organisation?) -> Page {
        let rows = organisations.map { ["\($0.name)", "\($0.type.label)"] as [HTML] }
        let notice = added.map { Components.notificationBanner(heading: "\($0.name) has been added", success: true) } ?? .empty
        return Page(title: "Organisations", notice: notice, content: """
        <h1 class="govuk-heading-l">Organisations</h1>
        \(HTML.when(canManage, "<a class=\"govuk-button\" href=\"\(SiteURL.newOrganisation.path)\">Add a partner organisation</a>"))
        \(Components.table(caption: "The council and its partners", head: ["Name", "Type"], rows: rows))
        """)
    }

    static func new(input: PartnerInput, errors: FormErrors, token: String) -> Page {
        let types = PartnerInput.types.map { Components.Choice(value: $0.rawValue, label: $0.label) }
        return Page(title: "Add a partner organisation", errors: errors, backLink: SiteURL.organisations.path, content: """
        <h1 class="govuk-heading-l">Add a partner organisation</h1>
        \(Components.form(action: SiteURL.newOrganisation.path, token: token, """
        \(Components.textInput(name: "name", label: "Name", value: input.name, error: errors["name"], hint: "As residents know it, for example Peckham Library", autocomplete: "organization"))
        \(Components.radios(name: "type", legend: "Type of organisation", options: types, selected: input.type, error: errors["type"]))
        \(Components.button("Add organisation"))
        """))
        """)
    }
}
