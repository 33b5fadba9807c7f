import Foundation
import NIOConcurrencyHelpers
import Vapor
@testable import OnrampServer

/// GOV.UK Notify's API as a real HTTP server on 127.0.0.1: it checks the JWT as Notify does,
/// refuses an unknown template or one missing its personalisation with Notify's own answers,
/// records what it accepted, says where a letter has got to, and can be told to fail.
final class FakeNotify: Sendable {
    static let serviceID = "26785a09-ab16-4eb0-8407-a37497a57506"
    static let secret = "3d844edf-8d35-48ac-975b-e847b4f122b0"
    static let apiKey = "onramp_test-\(serviceID)-\(secret)"

    /// The service's templates, as Notify holds them: id, type, subject and body.
    struct Template: Sendable {
        let type: String
        let subject: String?
        let body: String

        /// The ((fields)) in its subject and body, which each message must fill in.
        var placeholders: [String] {
            ((subject ?? "") + body).components(separatedBy: "((").dropFirst().compactMap { $0.components(separatedBy: "))").first }
        }
    }
    static let emailTemplate = "6b5e8a8c-0d6e-4b8e-9a55-3f8f1f2c0a01"
    static let smsTemplate = "6b5e8a8c-0d6e-4b8e-9a55-3f8f1f2c0a02"
    static let letterTemplate = "6b5e8a8c-0d6e-4b8e-9a55-3f8f1f2c0a03"
    static let templates: [String: Template] = [
        emailTemplate: Template(type: "email", subject: "((subject))", body: "((body))"),
        smsTemplate: Template(type: "sms", subject: nil, body: "((body))"),
        letterTemplate: Template(type: "letter", subject: "((subject))", body: "((body))"),
    ]

    enum Mode: Sendable { case accept, fail(remaining: Int), refuse }

    struct Received: Sendable { let path: String; let reference: String; let body: String }

    private let state = NIOLockedValueBox<(mode: Mode, received: [Received], badTokens: Int, letterStatus: String, failed: Set<String>, statusAsked: Int)>(
        (.accept, [], 0, "accepted", [], 0)
    )
    let app: Application

    var received: [Received] { state.withLockedValue { $0.received } }
    var badTokens: Int { state.withLockedValue { $0.badTokens } }
    func set(_ mode: Mode) { state.withLockedValue { $0.mode = mode } }
    /// What GET /v2/notifications/{id} says of every letter from now on.
    func setLetterStatus(_ status: String) { state.withLockedValue { $0.letterStatus = status } }
    /// Marks one notification as failed (`technical-failure`) when it is listed by reference.
    func failed(_ id: String) { state.withLockedValue { _ = $0.failed.insert(id) } }
    /// How often Onramp has asked where a notification has got to.
    var statusAsked: Int { state.withLockedValue { $0.statusAsked } }

    /// Pretends a message arrived before Onramp could record it: a crash mid-send.
    func alreadyHas(reference: String) { state.withLockedValue { $0.received.append(Received(path: "email", reference: reference, body: "")) } }

    var baseURL: String { "http://127.0.0.1:\(app.http.server.shared.localAddress?.port ?? 0)" }

    static func start() async throws -> FakeNotify {
        let app = try await Application.make(.testing)
        let fake = FakeNotify(app: app)
        app.post("v2", "notifications", ":type") { req async throws -> Response in
            guard fake.tokenIsValid(req) else { return Self.keyRefused }
            let body = req.body.string ?? ""
            struct Sent: Decodable { let reference: String; let template_id: String?; let personalisation: [String: String]? }
            let sent = try? JSONDecoder().decode(Sent.self, from: Data(body.utf8))
            let reference = sent?.reference ?? ""
            guard let templateID = sent?.template_id, UUID(uuidString: templateID) != nil else {
                return Self.json(.badRequest, #"{"status_code":400,"errors":[{"error":"ValidationError","message":"template_id is not a valid UUID"}]}"#)
            }
            guard let template = fake.template(templateID), template.type == req.parameters.get("type") else {
                return Self.json(.badRequest, #"{"status_code":400,"errors":[{"error":"BadRequestError","message":"Template not found"}]}"#)
            }
            for field in template.placeholders where sent?.personalisation?[field] == nil {
                return Self.json(.badRequest, "{\"status_code\":400,\"errors\":[{\"error\":\"BadRequestError\",\"message\":\"Missing personalisation: \(field)\"}]}")
            }
            return fake.state.withLockedValue { state -> Response in
                switch state.mode {
                case .fail(let remaining) where remaining > 0:
                    state.mode = remaining == 1 ? .accept : .fail(remaining: remaining - 1)
                    return Response(status: .internalServerError)
                case .refuse:
                    return Self.json(.badRequest, #"{"status_code":400,"errors":[{"error":"ValidationError","message":"phone_number Not a UK mobile number"}]}"#)
                default:
                    state.received.append(Received(path: req.parameters.get("type")!, reference: reference, body: body))
                    return Self.json(.created, "{\"id\":\"notify-\(state.received.count)\"}")
                }
            }
        }
        app.get("v2", "template", ":id") { req async throws -> Response in
            guard fake.tokenIsValid(req) else { return Self.keyRefused }
            guard let id = req.parameters.get("id"), UUID(uuidString: id) != nil else {
                return Self.json(.badRequest, #"{"status_code":400,"errors":[{"error":"ValidationError","message":"id is not a valid UUID"}]}"#)
            }
            guard let template = fake.template(id) else {
                return Self.json(.notFound, #"{"status_code":404,"errors":[{"error":"NoResultFound","message":"No Result Found"}]}"#)
            }
            let found: [String: Any] = ["id": id, "type": template.type, "version": 1, "name": "Onramp", "subject": template.subject ?? NSNull(), "body": template.body]
            return Self.json(.ok, String(decoding: try JSONSerialization.data(withJSONObject: found), as: UTF8.self))
        }
        app.get("v2", "notifications", ":id") { req async throws -> Response in
            guard fake.tokenIsValid(req) else { return Self.keyRefused }
            let id = req.parameters.get("id") ?? ""
            fake.state.withLockedValue { $0.statusAsked += 1 }
            let known = fake.received.indices.contains { "notify-\($0 + 1)" == id }
            guard known else { return Self.json(.notFound, #"{"status_code":404,"errors":[{"error":"NoResultFound","message":"No result found"}]}"#) }
            return Self.json(.ok, "{\"id\":\"\(id)\",\"type\":\"letter\",\"status\":\"\(fake.state.withLockedValue { $0.letterStatus })\"}")
        }
        app.get("v2", "notifications") { req async throws -> Response in
            guard fake.tokenIsValid(req) else { return Self.keyRefused }
            let reference = req.query[String.self, at: "reference"] ?? ""
            let (received, failed) = fake.state.withLockedValue { ($0.received, $0.failed) }
            let found = received.indices.filter { received[$0].reference == reference }.map { index -> String in
                let id = "notify-\(index + 1)"
                return "{\"id\":\"\(id)\",\"status\":\"\(failed.contains(id) ? "technical-failure" : "created")\"}"
            }
            return Self.json(.ok, "{\"notifications\":[\(found.joined(separator: ","))]}")
        }
        try await app.server.start(address: .hostname("127.0.0.1", port: 0))
        return fake
    }

    private init(app: Application) { self.app = app }

    /// Templates as the fake has them; a test may replace one (an email template given a text's id).
    private let replaced = NIOLockedValueBox<[String: Template]>([:])
    func replaceTemplate(_ id: String, with template: Template) { replaced.withLockedValue { $0[id] = template } }
    func template(_ id: String) -> Template? { replaced.withLockedValue { $0[id] } ?? Self.templates[id] }

    static var keyRefused: Response {
        json(.forbidden, #"{"status_code":403,"errors":[{"error":"AuthError","message":"Invalid token: API key not found"}]}"#)
    }

    static func json(_ status: HTTPStatus, _ text: String) -> Response {
        let response = Response(status: status, body: .init(string: text))
        response.headers.contentType = .json
        return response
    }

    func stop() async throws {
        await app.server.shutdown()
        try await app.asyncShutdown()
    }

    /// HS256 over header.claims with the key's secret, `iss` the service id, `iat` within 30 s.
    private func tokenIsValid(_ req: Request) -> Bool {
        guard let token = req.headers.bearerAuthorization?.token else { return count() }
        let parts = token.split(separator: ".").map(String.init)
        guard parts.count == 3 else { return count() }
        let expected = HMAC<SHA256>.authenticationCode(for: Data("\(parts[0]).\(parts[1])".utf8), using: SymmetricKey(data: Data(Self.secret.utf8)))
        var padded = parts[1].replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while padded.count % 4 != 0 { padded += "=" }
        struct Claims: Decodable { let iss: String; let iat: Int }
        guard NotifyClient.base64URL(Data(expected)) == parts[2], let data = Data(base64Encoded: padded),
              let claims = try? JSONDecoder().decode(Claims.self, from: data),
              claims.iss == Self.serviceID, abs(Double(claims.iat) - Date().timeIntervalSince1970) < 30
        else { return count() }
        return true
    }

    private func count() -> Bool {
        state.withLockedValue { $0.badTokens += 1 }
        return false
    }

    /// Runs `body` with a fake Notify and the test app set up to send through it.
    static func withApp(_ database: TestDatabase, _ body: (Application, FakeNotify) async throws -> Void) async throws {
        let notify = try await start()
        do {
            try await withTestApp(database, adjust: { $0.notify = settings(notify) }) { app in try await body(app, notify) }
        } catch {
            try await notify.stop()
            throw error
        }
        try await notify.stop()
    }

    static func settings(_ fake: FakeNotify) -> NotifySettings {
        NotifySettings(baseURL: fake.baseURL, apiKey: apiKey, emailTemplate: emailTemplate, smsTemplate: smsTemplate, letterTemplate: letterTemplate, callbackToken: "callback-secret-token")
    }
}
