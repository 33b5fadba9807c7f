import Vapor

/// A JSON problem body (RFC 9457), the API's answer to anything it refuses.
struct Problem: Content {
    var type = "about:blank"
    let title: String
    let status: Int
    let detail: String
    var instance: String?
    /// For a fault of ours: the reference that is also in the log.
    var incident: String?
    /// For invalid input: what is wrong with which field.
    var errors: [FieldProblem]?

    struct FieldProblem: Content {
        let field: String
        let message: String
    }

    init(status: HTTPResponseStatus, detail: String, instance: String? = nil, incident: String? = nil, errors: [FieldProblem]? = nil) {
        self.title = status.reasonPhrase
        self.status = Int(status.code)
        self.detail = detail
        self.instance = instance
        self.incident = incident
        self.errors = errors
    }

    func response(headers: HTTPHeaders = [:]) -> Response {
        let response = Response(status: HTTPResponseStatus(statusCode: status), headers: headers)
        try? response.content.encode(self, as: .json)
        response.headers.contentType = HTTPMediaType(type: "application", subType: "problem+json")
        return response
    }
}
