import Fluent
import OnrampCore
import Vapor

/// The audit log, for administrators: read and filter only. Nothing in Onramp edits it.
struct AuditController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.auditLog, requiring: .viewAuditLog, use: list)
    }

    /// The filter form as sent: a GET form, so a filtered view can be bookmarked or shared.
    struct FilterQuery: Content {
        var actor: String?
        var action: [String]?
        var organisation: String?
        var from_day: String?, from_month: String?, from_year: String?
        var to_day: String?, to_month: String?, to_year: String?
        /// As typed in the address; see `RequestedPage.number(fromText:)`.
        var page: String?

        /// The date boxes' names, as `Components.dateInput` writes them.
        enum CodingKeys: String, CodingKey {
            case actor, action, organisation, page
            case from_day = "from-day", from_month = "from-month", from_year = "from-year"
            case to_day = "to-day", to_month = "to-month", to_year = "to-year"
        }

        var fromParts: DateParts { .init(day: from_day ?? "", month: from_month ?? "", year: from_year ?? "") }
        var toParts: DateParts { .init(day: to_day ?? "", month: to_month ?? "", year: to_year ?? "") }

        func filter(organisations: [Organisation]) -> (AuditFilter, FormErrors) {
            var errors = FormErrors()
            var filter = AuditFilter()
            filter.actor = errors.text("actor", actor, label: "an email address", required: false, maxLength: 254).lowercased()
            filter.actions = Set((action ?? []).compactMap(AuditAction.init(rawValue:)))
            filter.organisationID = organisation.flatMap(UUID.init(uuidString:)).flatMap { id in organisations.first { $0.id == id }?.id }
            filter.from = CalendarDay.parse(fromParts, field: "from", label: "Date from", into: &errors)
            filter.to = CalendarDay.parse(toParts, field: "to", label: "Date to", into: &errors)
            if let from = filter.from, let to = filter.to, to < from {
                errors.add("to", "Date to must be the same as or after date from")
            }
            return (filter, errors)
        }

        /// The query string for another page of the same view.
        func items(page: Int) -> [(String, String)] {
            var items: [(String, String)] = [("actor", actor ?? ""), ("organisation", organisation ?? "")]
            items += (action ?? []).map { ("action", $0) }
            items += [("from-day", from_day ?? ""), ("from-month", from_month ?? ""), ("from-year", from_year ?? "")]
            items += [("to-day", to_day ?? ""), ("to-month", to_month ?? ""), ("to-year", to_year ?? ""), ("page", String(page))]
            return items
        }
    }

    func list(req: Request) async throws -> Response {
        let staff = try req.signedIn()
        let query = try req.query.decode(FilterQuery.self)
        let organisations = try await Organisation.all(councilID: staff.councilID, on: req.db)
        let (filter, errors) = query.filter(organisations: organisations)
        guard errors.isEmpty else {
            return req.render(AuditPages.list(events: [], paging: nil, query: query, organisations: organisations, errors: errors), status: .badRequest)
        }
        let (events, paging) = try await filter.page(councilID: staff.councilID, requested: RequestedPage.number(fromText: query.page), on: req.db)
        return req.render(AuditPages.list(events: events, paging: paging, query: query, organisations: organisations, errors: errors))
    }
}

enum AuditPages {
    static func list(events: [AuditEvent], paging: Paging?, query: AuditController.FilterQuery, organisations: [Organisation], errors: FormErrors) -> Page {
        let organisationNames = Dictionary(uniqueKeysWithValues: organisations.map { ($0.id!, $0.name) })
        let rows = events.map { event -> [HTML] in
            [
                "\(Components.date(event.occurredAt))",
                "\(event.actor)<br><span class=\"govuk-body-s\">\(event.organisationID.flatMap { organisationNames[$0] } ?? "")</span>",
                "\(AuditAction(rawValue: event.action)?.label ?? event.action)",
                "\(event.summary)",
                "\(event.ipAddress ?? "")",
            ]
        }
        let results: HTML
        if let paging {
            results = events.isEmpty
                ? "<p class=\"govuk-body\">Nothing in the audit log matches these filters.</p>"
                : Components.table(caption: "\(paging.totalItems) event\(paging.totalItems == 1 ? "" : "s"), newest first", head: ["When", "Who", "What", "Details", "Address"], rows: rows)
                    + Components.pagination(paging) { SiteURL.auditLog.path(query: query.items(page: $0)) }
        } else {
            results = .empty
        }
        let organisationChoices = [Components.Choice(value: "", label: "Any organisation")]
            + organisations.map { Components.Choice(value: $0.id!.uuidString, label: $0.name) }
        let actionChoices = AuditAction.allCases.map { Components.Choice(value: $0.rawValue, label: $0.label) }
        return Page(title: "Audit log", errors: errors, content: """
        <h1 class="govuk-heading-l">Audit log</h1>
        <p class="govuk-body">Every change made in Onramp, who made it and from where. The log cannot be edited.</p>
        <form method="get" action="\(SiteURL.auditLog.path)" class="app-filter" novalidate>
        <h2 class="govuk-heading-m">Filter</h2>
        \(Components.textInput(name: "actor", label: "Who (email address or part of one)", value: query.actor, error: errors["actor"], width: "20", spellcheck: false))
        \(Components.select(name: "organisation", label: "Their organisation", options: organisationChoices, selected: query.organisation, error: nil))
        \(Components.checkboxes(name: "action", legend: "What happened", options: actionChoices, selected: Set(query.action ?? []), error: nil, hint: "Leave all unticked to see everything."))
        \(Components.dateInput(name: "from", legend: "Date from", value: query.fromParts, error: errors["from"], hint: "For example, 1 11 2026"))
        \(Components.dateInput(name: "to", legend: "Date to", value: query.toParts, error: errors["to"]))
        \(Components.button("Apply filters", style: .secondary))
        </form>
        \(results)
        """)
    }
}
