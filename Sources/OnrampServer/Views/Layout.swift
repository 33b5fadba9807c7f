import OnrampCore
import Vapor

/// What every page needs from the request: who is signed in, the form token and where we are.
struct PageContext: Sendable {
    let staff: StaffContext?
    let csrfToken: String
    let path: String

    init(staff: StaffContext?, csrfToken: String, path: String) {
        self.staff = staff
        self.csrfToken = csrfToken
        self.path = path
    }

    init(_ request: Request) {
        staff = request.staff
        csrfToken = request.csrfToken ?? ""
        path = request.target.path
    }
}

/// One page in the service's layout.
struct Page {
    var title: String
    var errors: FormErrors = FormErrors()
    var backLink: String? = nil
    var notice: HTML = .empty
    var content: HTML

    /// The layout: skip link, generic header (not the crown), navigation by role, main, footer.
    func render(_ context: PageContext) -> HTML {
        let fullTitle = (errors.isEmpty ? "" : "Error: ") + title + " – Onramp"
        return """
        <!DOCTYPE html>
        <html lang="en-GB">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(fullTitle)</title>
        <link rel="stylesheet" href="\(SiteURL.stylesheet.path)">
        </head>
        <body>
        <a href="#main-content" class="govuk-skip-link">Skip to main content</a>
        \(header(context))
        \(navigation(context))
        <div class="govuk-width-container">
        \(backLink.map { Components.backLink(href: $0) })
        <main class="govuk-main-wrapper" id="main-content">
        \(notice)
        \(Components.errorSummary(errors))
        \(content)
        </main>
        </div>
        \(Self.footer)
        </body>
        </html>
        """
    }

    private func header(_ context: PageContext) -> HTML {
        let account: HTML = context.staff.map { staff in
            """
            <div class="app-header__account">
            <span class="app-header__who">\(staff.user.name), \(staff.organisation.name)</span>
            <form method="post" action="\(SiteURL.signOut.path)" class="app-header__sign-out">
            \(Components.csrfField(context.csrfToken))
            <button type="submit" class="app-header__link-button">Sign out</button>
            </form>
            </div>
            """
        } ?? .empty
        return """
        <header class="govuk-header">
        <div class="govuk-header__container govuk-width-container">
        <a href="\(SiteURL.home.path)" class="govuk-header__service-name">Onramp</a>
        <span class="govuk-header__tagline">Digital inclusion</span>
        \(account)
        </div>
        </header>
        """
    }

    private func navigation(_ context: PageContext) -> HTML {
        guard let staff = context.staff else { return .empty }
        let items = [(label: "Home", url: SiteURL.home)] + StaffDestination.allowed(for: staff).map { ($0.label, $0.url) }
        let links = items.map { label, url -> HTML in
            let current = url == .home ? context.path == url.path : context.path.hasPrefix(url.path)
            return """
            <li class="app-service-navigation__item\(current ? " app-service-navigation__item--active" : "")"><a class="app-service-navigation__link" href="\(url.path)"\(HTML.when(current, " aria-current=\"page\""))>\(label)</a></li>
            """
        }
        return """
        <nav class="app-service-navigation" aria-label="Menu">
        <ul class="app-service-navigation__list govuk-width-container">\(links)</ul>
        </nav>
        """
    }

    /// The attribution lines the open-data licences ask for, on every page.
    static let footer: HTML = """
    <footer class="govuk-footer">
    <div class="govuk-width-container">
    <h2 class="govuk-visually-hidden">About this service</h2>
    <p class="govuk-body-s">Onramp is open-source software for running a digital inclusion programme. If you cannot use this website, <a class="govuk-footer__link" href="\(SiteURL.contact.path)">phone or visit your council</a> and ask for the digital inclusion team.</p>
    <ul class="govuk-footer__attribution">
    <li>Contains public sector information licensed under the Open Government Licence v3.0</li>
    <li>Source: Office for National Statistics licensed under the OGL v3.0</li>
    <li>Contains OS data © Crown copyright and database right 2025</li>
    <li>Contains Royal Mail data © Royal Mail copyright and database right 2025</li>
    </ul>
    </div>
    </footer>
    """
}

extension Response {
    /// For a page whose address is a secret (a booking, a follow-up's questions): never kept by a
    /// shared computer's cache, nor sent on to another site.
    func keepingAddressSecret() -> Response {
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        headers.replaceOrAdd(name: "Referrer-Policy", value: "no-referrer")
        return self
    }
}

extension Request {
    /// Renders a page in the layout as an HTML response.
    func render(_ page: Page, status: HTTPResponseStatus = .ok) -> Response {
        let response = Response(status: status, body: .init(string: page.render(PageContext(self)).rendered))
        response.headers.contentType = .html
        return response
    }

    /// A page with a large map, compressed for a browser that accepts it: London's map is over
    /// a megabyte of SVG, a few hundred kilobytes compressed. Only for pages that show nothing a
    /// visitor typed, so that the size of a compressed page cannot help guess the form token it
    /// carries (the BREACH attack): the rest stay as they are.
    func renderCompressed(_ page: Page) -> Response {
        let response = render(page)
        response.headers.responseCompression = .enable
        return response
    }

    /// A page that re-displays a form: 422 when it has errors, as a user's values are kept.
    func render(form page: Page) -> Response {
        if !page.errors.isEmpty {
            // Which fields, never what was typed in them.
            logger.info("form refused", metadata: ["fields": .string(page.errors.problems.map(\.field).joined(separator: ","))])
        }
        return render(page, status: page.errors.isEmpty ? .ok : .unprocessableEntity)
    }
}
