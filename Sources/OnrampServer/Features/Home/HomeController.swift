import OnrampCore
import Vapor

/// The front page: what Onramp is for a visitor, and where to go next for staff.
struct HomeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.home, use: home)
    }

    func home(req: Request) async throws -> Response {
        guard let staff = req.staff else { return req.render(Self.publicPage) }
        return req.render(Self.staffPage(staff))
    }

    static let publicPage = Page(title: "Get online with help from your council", content: """
    <h1 class="govuk-heading-xl">Get online with help from your council</h1>
    <p class="govuk-body-l">Onramp helps your council and its partners make sure nobody is left offline: a device, a connection and the skills to use them.</p>
    <p class="govuk-body-l"><a class="govuk-link" href="\(SiteURL.directory.path)">Find free help to get online near you</a>: Wi-Fi, computers, classes, someone to help, devices and data.</p>
    <h2 class="govuk-heading-m">If you work for the council or a partner</h2>
    <p class="govuk-body"><a class="govuk-link" href="\(SiteURL.signIn.path)">Sign in to Onramp</a> with the email address your administrator invited.</p>
    <h2 class="govuk-heading-m">If you would rather talk to someone</h2>
    <p class="govuk-body">Phone or visit your council or your local library and ask for help getting online. You do not need to use this website.</p>
    """)

    static func staffPage(_ staff: StaffContext) -> Page {
        let links = StaffDestination.allowed(for: staff).map { destination -> HTML in
            "<li><h2 class=\"govuk-heading-s\"><a class=\"govuk-link\" href=\"\(destination.url.path)\">\(destination.label)</a></h2><p class=\"govuk-body\">\(destination.summary)</p></li>"
        }
        return Page(title: "Home", content: """
        <span class="govuk-caption-l">\(staff.organisation.name)</span>
        <h1 class="govuk-heading-xl">Hello, \(staff.user.name)</h1>
        <p class="govuk-body">You are signed in as \(staff.role.label.lowercased()): \(staff.role.summary.lowercased()).</p>
        <ul class="govuk-list">\(links)</ul>
        """)
    }
}
