import OnrampCore
import Vapor

/// The front page: what Onramp is for a visitor, and where to go next for staff.
struct HomeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.home, use: home)
    }

    func home(req: Request) async throws -> Response {
        guard let staff = req.staff else { return req.render(Self.publicPage(contacts: try await CouncilContacts.all(on: req.db))) }
        guard staff.may(.viewInsight) else { return req.render(Self.staffPage(staff)) }
        return req.render(DashboardPages.page(try await dashboard(req, staff: staff)))
    }

    /// Officers, administrators and analysts look after the programme: their home is its dashboard.
    func dashboard(_ req: Request, staff: StaffContext) async throws -> DashboardPages.Model {
        let scope = try req.scope
        let today = WorkingDays.today(Date())
        let figures = try await req.insight("figures", today.iso) { try await ProgrammeFigures.load($0, today: today, on: $1) }
        let quarters = figures.value.quarters
        let quarter = (try? req.query.get(String.self, at: "quarter")).flatMap(FinancialQuarter.init(key:)).flatMap { quarters.contains($0) ? $0 : nil } ?? quarters[0]
        let grouping = (try? req.query.get(String.self, at: "by")).flatMap(AreaReach.Grouping.init(rawValue:)) ?? .ward
        let reach = try await req.insight("areas", quarter.key) { try await AreaReach.load($0, period: quarter, on: $1) }
        return DashboardPages.Model(
            staff: staff, work: try await TodaysWork.load(staff, scope: scope, today: today, on: req.db), figures: figures.value, quarter: quarter,
            reach: reach.value, grouping: grouping, workedOut: figures.at < reach.at ? figures.workedOut : reach.workedOut
        )
    }

    /// What most visitors came for comes first: the questions that find every kind of help they can get.
    static func publicPage(contacts: [CouncilContact]) -> Page {
        Page(title: "Get online with help from your council", content: """
        <h1 class="govuk-heading-xl">Get online with help from your council</h1>
        <p class="govuk-body-l">Your council and its partners can help you get a device, a connection and the skills to use them.</p>
        <a class="govuk-button govuk-button--start" href="\(SiteURL.help.path)" draggable="false">Check what help you can get</a>
        <p class="govuk-body">About 3 minutes of questions about what you have and what you can do. No account needed.</p>
        <h2 class="govuk-heading-m">Find help near you</h2>
        <p class="govuk-body"><a class="govuk-link" href="\(SiteURL.directory.path)">Search for free help to get online near you</a>: Wi-Fi, computers, classes, someone to help, devices and data.</p>
        <p class="govuk-body"><a class="govuk-link" href="\(SiteURL.sessions.path)">Book a free digital skills session</a>: drop-ins, one-to-one help and courses, with no account.</p>
        <h2 class="govuk-heading-m">If you would rather talk to someone</h2>
        <p class="govuk-body">You do not need to use this website. \(CouncilPages.phoneOrVisit(contacts)) Or ask at your local library.</p>
        <p class="govuk-body">Already asked for help? <a class="govuk-link" href="\(SiteURL.track.path)">Check on your request</a>.</p>
        <h2 class="govuk-heading-m">Help others get online</h2>
        <p class="govuk-body"><a class="govuk-link" href="\(SiteURL.championApply.path)">Become a digital champion</a>: volunteer with a library, a charity or the council to help people use a phone or computer.</p>
        <h2 class="govuk-heading-m">If you work for the council or a partner</h2>
        <p class="govuk-body"><a class="govuk-link" href="\(SiteURL.signIn.path)">Sign in to Onramp</a> with the email address your administrator invited.</p>
        """)
    }

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
