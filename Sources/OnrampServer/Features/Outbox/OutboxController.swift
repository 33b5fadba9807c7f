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
        try await Audit.viewed(try await CaseQueries.residentIDs(ofCases: messages.compactMap(\.caseID), on: req.db), on: "messages", by: try req.auditActor(), on: req.db)
        return req.render(Self.page(messages, paging: paging))
    }

    static func statusTag(_ message: OutboxMessage) -> HTML {
        guard let status = MessageStatus(rawValue: message.status) else { return Components.tag(message.status, colour: .grey) }
        let colour: Components.TagColour = switch status {
        case .queued, .sending, .retrying, .forStaff: .yellow
        case .sent, .delivered, .done: .green
        case .failed: .red
        }
        let error: HTML = status == .failed || status == .retrying ? " \(message.lastError ?? "")" as HTML : .empty
        return Components.tag(status.label, colour: colour) + error
    }

    static func page(_ messages: [OutboxMessage], paging: Paging) -> Page {
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
        return Page(title: "Messages", content: """
        <h1 class="govuk-heading-l">Messages</h1>
        <p class="govuk-body">Emails, texts and letters Onramp has queued. \(paging.totalItems) in all.</p>
        \(body)
        \(Components.pagination(paging) { SiteURL.outbox.path(query: [("page", String($0))]) })
        """)
    }
}
