import OnrampCore
import Vapor

/// Turns every error into an answer a person can act on: a page in the layout, or for the API a
/// JSON problem body (RFC 9457). A fault of ours gets an incident reference that is written to
/// the log with the details, which never reach the browser.
struct ErrorPagesMiddleware: Middleware {
    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        // CSRFMiddleware sets its cookie on answers that reach it; an error page may hold a form too.
        next.respond(to: request).recover { error in
            let response = Self.response(for: error, on: request)
            CSRFMiddleware.attachCookie(to: response, for: request)
            return response
        }
    }

    static func response(for error: any Error, on request: Request) -> Response {
        let status: HTTPResponseStatus
        var detail: String
        var headers = HTTPHeaders()
        var incident: String?

        switch error {
        case let abort as any AbortError:
            status = abort.status
            headers = abort.headers
            detail = abort.reason
            if (300..<400).contains(status.code) {
                return Response(status: status, headers: headers)
            }
        case _ where DatabaseUnavailable.matches(error):
            status = .serviceUnavailable
            headers.replaceOrAdd(name: .retryAfter, value: String(DatabaseUnavailable.retryAfterSeconds))
            detail = "Onramp cannot reach its database just now, so what you sent may not have been saved. Try again in a minute, and check whether it was."
        default:
            status = .internalServerError
            detail = ""
        }

        if status == .serviceUnavailable, headers.first(name: .retryAfter) != nil {
            request.logger.warning("database unavailable: \(String(reflecting: error))")
        } else if status.code >= 500 {
            let reference = "ONR-" + ShortCode.make(length: 8)
            incident = reference
            request.logger.error("incident \(reference): \(String(reflecting: error))", metadata: ["incident": .string(reference)])
            detail = "Something went wrong on our side. Nothing you sent was saved. If it happens again, quote incident reference \(reference)."
        } else {
            if detail == status.reasonPhrase { detail = Self.plainMessage(for: status) }
            request.logger.notice("refused with \(status.code): \(detail)")
        }

        if request.target.isAPI || request.target.isOpenAPI {
            return Problem(status: status, detail: detail, instance: request.target.path, incident: incident).response(headers: headers)
        }

        let response = request.render(ErrorPage(status: status, detail: detail, incident: incident).page, status: status)
        for (name, value) in headers where name.lowercased() != "content-type" { response.headers.replaceOrAdd(name: name, value: value) }
        return response
    }

    /// Messages for the times Vapor gives only the status's name.
    static func plainMessage(for status: HTTPResponseStatus) -> String {
        switch status {
        case .notFound: "If you typed the web address, check it is correct. If you pasted it, check you copied the whole address."
        case .payloadTooLarge: "What you sent was larger than 1 MB. Send something smaller."
        case .unsupportedMediaType: "Send the request as a form or as JSON."
        case .methodNotAllowed: "That address does not accept this kind of request."
        default: "The request could not be understood. Check what you sent and try again."
        }
    }
}

/// The page shown for an error, in the same layout as every other page.
struct ErrorPage {
    let status: HTTPResponseStatus
    let detail: String
    let incident: String?

    var title: String {
        switch status.code {
        case 404: "Page not found"
        case 403: "You cannot do this"
        case 401: "Sign in to continue"
        case 413: "What you sent was too large"
        case 500...: "Sorry, there is a problem with the service"
        default: "Sorry, there is a problem with what was sent"
        }
    }

    var page: Page {
        let reference: HTML = incident.map {
            "<p class=\"govuk-body\">Incident reference: <strong class=\"app-code\">\($0)</strong></p>"
        } ?? .empty
        return Page(title: title, content: """
        <h1 class="govuk-heading-l">\(title)</h1>
        <p class="govuk-body">\(detail)</p>
        \(reference)
        <p class="govuk-body"><a class="govuk-link" href="\(SiteURL.home.path)">Go to the Onramp home page</a></p>
        """)
    }
}
