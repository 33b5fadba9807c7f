import Fluent
import OnrampCore
import Vapor

/// Messages Onramp has queued for the council, newest first, so staff can see what was sent
/// and pass a message on by hand when there is no sender set up.
struct OutboxController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.outbox, requiring: .viewOutbox, use: list)
    }

    static let pageSize = 20

    func list(req: Request) async throws -> Response {
        let staff = try req.signedIn()
        let query = OutboxMessage.query(on: req.db).filter(\.$councilID == staff.councilID)
        let paging = Paging(requested: req.pageNumber, size: Self.pageSize, totalItems: try await query.count())
        let messages = try await query.sort(\.$createdAt, .descending).sort(\.$id)
            .range(paging.offset..<(paging.offset + paging.size)).all()
        try await req.recordViewed(try await CaseQueries.residentIDs(ofCases: messages.compactMap(\.caseID), on: req.db), on: "messages", now: Date())
        let held = try await NotificationQueue.heldReasons(councilID: staff.councilID, on: req.db)
        return req.render(Self.page(messages, paging: paging, held: held))
    }

    /// Administrators are told when Onramp's own set-up holds messages back, and what is wrong.
    static func heldNotice(count: Int, reasons: [String]) -> HTML {
        guard count > 0 else { return .empty }
        return Components.notificationBanner(
            heading: "\(count) \(count == 1 ? "message is" : "messages are") held and not sent, because of a fault in Onramp\u{2019}s set-up with GOV.UK Notify",
            body: """
            <p class="govuk-body">This is not the residents\u{2019} fault. What is wrong:</p>
            <ul class="govuk-list govuk-list--bullet">\(reasons.map { "<li>\($0)</li>" as HTML }.joined())</ul>
            <p class="govuk-body">Ask whoever runs Onramp to mend the setting. Onramp checks again every 10 minutes and when it starts, and sends the held messages once it is mended.</p>
            """
        )
    }

    static func statusTag(_ message: OutboxMessage) -> HTML {
        guard let status = MessageStatus(rawValue: message.status) else { return Components.tag(message.status, colour: .grey) }
        let colour: Components.TagColour = switch status {
        case .queued, .sending, .retrying, .forStaff: .yellow
        case .sent, .delivered, .done, .posted: .green
        case .failed, .held, .returned: .red
        }
        let error: HTML = [.failed, .retrying, .held, .returned].contains(status) ? " \(message.lastError ?? "")" as HTML : .empty
        return Components.tag(status.label, colour: colour) + error
    }

    static func page(_ messages: [OutboxMessage], paging: Paging, held: (count: Int, reasons: [String])) -> Page {
        let items = messages.map { message -> HTML in
            """
            <div class="govuk-summary-card">
            <h2 class="govuk-heading-s">\(message.subject)</h2>
            \(Components.summaryList([
                .init(key: "To", value: "\(message.recipient) (\(message.channel)\(message.largePrint ? ", large print" : ""))"),
                .init(key: "Queued", value: "\(Components.date(message.createdAt))"),
                .init(key: "Status", value: Self.statusTag(message)),
                .init(key: "Message", value: "<div class=\"app-message-body\">\(SiteURL.maskingSecrets(in: message.body))</div>"),
            ]))
            </div>
            """
        }
        let body: HTML = messages.isEmpty ? "<p class=\"govuk-body\">There are no messages yet.</p>" : items.joined()
        return Page(title: "Messages", notice: Self.heldNotice(count: held.count, reasons: held.reasons), content: """
        <h1 class="govuk-heading-l">Messages</h1>
        <p class="govuk-body">Emails, texts and letters Onramp has queued. \(paging.totalItems) in all.</p>
        \(body)
        \(Components.pagination(paging) { SiteURL.outbox.path(query: [("page", String($0))]) })
        """)
    }
}
