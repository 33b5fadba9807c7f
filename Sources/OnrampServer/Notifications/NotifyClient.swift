import Foundation
import OnrampCore
import Vapor

/// GOV.UK Notify's settings: the API key (key name, service id and secret, joined by dashes),
/// one template per channel whose body is `((body))` with `((subject))` for email, and the
/// token Notify sends with delivery receipts.
public struct NotifySettings: Sendable {
    public var baseURL: String
    public var apiKey: String
    public var emailTemplate: String
    public var smsTemplate: String
    public var letterTemplate: String
    public var callbackToken: String?

    public init(baseURL: String = "https://api.notifications.service.gov.uk", apiKey: String, emailTemplate: String, smsTemplate: String, letterTemplate: String, callbackToken: String?) {
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.emailTemplate = emailTemplate
        self.smsTemplate = smsTemplate
        self.letterTemplate = letterTemplate
        self.callbackToken = callbackToken
    }

    /// `ONRAMP_NOTIFY_API_KEY` and the three `ONRAMP_NOTIFY_*_TEMPLATE` ids; nil when unset.
    static func read(_ environment: [String: String]) -> NotifySettings? {
        guard let key = environment["ONRAMP_NOTIFY_API_KEY"], key.count > 74 else { return nil }
        return NotifySettings(
            baseURL: environment["ONRAMP_NOTIFY_URL"] ?? "https://api.notifications.service.gov.uk", apiKey: key,
            emailTemplate: environment["ONRAMP_NOTIFY_EMAIL_TEMPLATE"] ?? "", smsTemplate: environment["ONRAMP_NOTIFY_SMS_TEMPLATE"] ?? "",
            letterTemplate: environment["ONRAMP_NOTIFY_LETTER_TEMPLATE"] ?? "", callbackToken: environment["ONRAMP_NOTIFY_CALLBACK_TOKEN"]
        )
    }

    /// Notify's key ends with the service id and the secret, each a 36-character UUID.
    var serviceID: String { String(apiKey.dropLast(37).suffix(36)) }
    var secret: String { String(apiKey.suffix(36)) }
}

/// Sends through GOV.UK Notify's REST API: POST /v2/notifications/{email,sms,letter}, with a
/// JWT (HS256, `iss` the service id, `iat` now) signed with the key's secret.
struct NotifyClient: NotificationSender {
    let settings: NotifySettings
    let client: any Client
    let now: @Sendable () -> Date

    /// The bearer token Notify asks for, made afresh for each request (Notify allows 30 seconds).
    static func token(serviceID: String, secret: String, issuedAt: Date) -> String {
        let header = base64URL(Data(#"{"alg":"HS256","typ":"JWT"}"#.utf8))
        let claims = base64URL(Data("{\"iss\":\"\(serviceID)\",\"iat\":\(Int(issuedAt.timeIntervalSince1970))}".utf8))
        let signature = HMAC<SHA256>.authenticationCode(for: Data("\(header).\(claims)".utf8), using: SymmetricKey(data: Data(secret.utf8)))
        return "\(header).\(claims).\(base64URL(Data(signature)))"
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    private var headers: HTTPHeaders {
        ["Authorization": "Bearer \(Self.token(serviceID: settings.serviceID, secret: settings.secret, issuedAt: now()))"]
    }

    /// The template a channel's messages use, and the setting that names it.
    func template(_ channel: MessageChannel) -> (id: String, setting: String) {
        switch channel {
        case .email: (settings.emailTemplate, "ONRAMP_NOTIFY_EMAIL_TEMPLATE")
        case .sms: (settings.smsTemplate, "ONRAMP_NOTIFY_SMS_TEMPLATE")
        case .letter, .phone: (settings.letterTemplate, "ONRAMP_NOTIFY_LETTER_TEMPLATE")
        }
    }

    func send(_ message: OutgoingMessage) async -> SendOutcome {
        let reference = message.id.uuidString.lowercased()
        var payload: [String: NotifyValue] = ["reference": .text(reference)]
        let path: String
        switch message.channel {
        case .phone:
            return .forStaff
        case .email:
            path = "email"
            payload["email_address"] = .text(message.recipient)
            payload["personalisation"] = .fields(["subject": message.subject, "body": message.body])
        case .sms:
            path = "sms"
            payload["phone_number"] = .text(message.recipient)
            payload["personalisation"] = .fields(["body": message.body])
        case .letter where message.largePrint:
            // Notify prints one size of letter: staff print this one large.
            return .forStaff
        case .letter:
            // The recipient of a letter is its address, one line per line, postcode last.
            path = "letter"
            let lines = NotifyRules.addressLines(message.recipient)
            // An address Notify would refuse (kept from before its rules were checked at the
            // form, or typed by staff) goes to staff to post, rather than losing lines.
            guard let name = lines.first, NotifyRules.addressProblem(name: name, lines: Array(lines.dropFirst())) == nil else { return .forStaff }
            var fields = ["subject": message.subject, "body": message.body]
            for (index, line) in lines.enumerated() { fields["address_line_\(index + 1)"] = line }
            payload["personalisation"] = .fields(fields)
        }
        let template = template(message.channel)
        guard !template.id.isEmpty else { return .setupFault(NotifySetupWords.unset(template.setting, channel: message.channel)) }
        payload["template_id"] = .text(template.id)
        do {
            let response = try await client.post(URI(string: settings.baseURL + "/v2/notifications/" + path), headers: headers) { request in
                try request.content.encode(payload, as: .json)
            }
            switch response.status.code {
            case 200..<300:
                struct Accepted: Decodable { let id: String }
                guard let accepted = Self.decode(Accepted.self, response) else { return .temporaryFailure("Notify's answer had no id") }
                return .accepted(providerID: accepted.id)
            case 429, 500...:
                return .temporaryFailure("Notify answered \(response.status.code)")
            case 403:
                return .setupFault(NotifySetupWords.keyRefused(Self.errorMessage(response)))
            default:
                let error = Self.errorMessage(response) ?? "Notify refused the message (\(response.status.code))"
                return NotifySetupWords.isSetupFault(error) ? .setupFault(NotifySetupWords.templateRefused(template.id, template.setting, error)) : .permanentFailure(error)
            }
        } catch {
            return .temporaryFailure("Notify could not be reached: \(error.localizedDescription)")
        }
    }

    /// An address on Notify's API ending in an id from a setting or from Notify, escaped so
    /// that it stays one path segment whatever it holds.
    private func uri(_ path: String, _ id: String) -> URI {
        URI(string: settings.baseURL + path + (id.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(["-"])) ?? ""))
    }

    /// Asks Notify for the channel's template (GET /v2/template/{id}) and checks it is the
    /// right kind and has the fields Onramp fills in.
    func check(_ channel: MessageChannel) async -> SetupCheck {
        guard channel != .phone else { return .ready }
        let template = template(channel)
        guard !template.id.isEmpty else { return .fault(NotifySetupWords.unset(template.setting, channel: channel)) }
        let uri = uri("/v2/template/", template.id)
        guard let response = try? await client.get(uri, headers: headers) else { return .unreachable }
        switch response.status.code {
        case 200:
            struct Template: Decodable { let type: String; let body: String; let subject: String? }
            guard let found = Self.decode(Template.self, response) else { return .unreachable }
            return NotifySetupWords.templateProblem(type: found.type, body: found.body, subject: found.subject, id: template.id, setting: template.setting, channel: channel)
                .map(SetupCheck.fault) ?? .ready
        case 403:
            return .fault(NotifySetupWords.keyRefused(Self.errorMessage(response)))
        case 400, 404:
            return .fault(NotifySetupWords.templateRefused(template.id, template.setting, Self.errorMessage(response) ?? "No result found"))
        default:
            return .unreachable
        }
    }

    /// GET /v2/notifications/{id}: a letter is `received` once it is handed to the printer
    /// that posts it.
    func letterProgress(providerID: String) async -> LetterProgress {
        let uri = uri("/v2/notifications/", providerID)
        guard let response = try? await client.get(uri, headers: headers) else { return .waiting }
        switch response.status.code {
        case 200:
            struct Status: Decodable { let status: String }
            guard let found = Self.decode(Status.self, response) else { return .waiting }
            return NotifySetupWords.letterProgress(found.status)
        case 400, 404:
            return .unknown
        default:
            return .waiting
        }
    }

    func alreadySent(reference: UUID, except: String?) async -> String? {
        let uri = URI(string: settings.baseURL + "/v2/notifications?reference=" + reference.uuidString.lowercased())
        guard let response = try? await client.get(uri, headers: headers), response.status == .ok else { return nil }
        struct Listing: Decodable { struct Item: Decodable { let id: String; let status: String? }; let notifications: [Item] }
        let failed: Set<String> = ["permanent-failure", "temporary-failure", "technical-failure", "validation-failed", "cancelled", "virus-scan-failed"]
        return Self.decode(Listing.self, response)?.notifications.first { $0.id != except && !failed.contains($0.status ?? "") }?.id
    }

    /// Notify answers JSON; read it whatever content type a proxy on the way claims.
    static func decode<T: Decodable>(_ type: T.Type, _ response: ClientResponse) -> T? {
        guard let body = response.body else { return nil }
        return try? JSONDecoder().decode(T.self, from: Data(buffer: body))
    }

    /// Notify's errors: `{"status_code": 400, "errors": [{"error": "BadRequestError", "message": "…"}]}`.
    static func errorMessage(_ response: ClientResponse) -> String? {
        struct Problem: Decodable { struct Item: Decodable { let message: String }; let errors: [Item] }
        return decode(Problem.self, response)?.errors.first?.message
    }
}

/// A JSON value in a Notify request: text, or personalisation fields.
enum NotifyValue: Encodable, Sendable {
    case text(String)
    case fields([String: String])

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .text(let text): try container.encode(text)
        case .fields(let fields): try container.encode(fields)
        }
    }
}
