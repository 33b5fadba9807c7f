import Foundation
import Vapor

/// Every address Onramp serves, used both to register routes and to build links, so a link
/// cannot point at a route that does not exist.
enum SiteURL: Equatable, Sendable {
    case home
    case signIn
    case signOut
    case account
    case changePassword
    case users
    case inviteUser
    case user(Parameter<UUID>)
    case deactivateUser(Parameter<UUID>)
    case reactivateUser(Parameter<UUID>)
    case reinviteUser(Parameter<UUID>)
    case invitation(Parameter<String>)
    case organisations
    case newOrganisation
    case auditLog
    case places
    case indexRuns
    case indexRun(Parameter<UUID>)
    case indexRunCSV(Parameter<UUID>)
    case indexRunGeoJSON(Parameter<UUID>)
    case compareRuns
    case londonMap
    case area(Parameter<String>)
    case directory
    case directoryService(Parameter<UUID>)
    case directoryServicePrint(Parameter<UUID>)
    case directoryPrint
    case directoryPlace(Parameter<UUID>)
    case directoryPlacePrint(Parameter<UUID>)
    case manageDirectory
    case proposeService
    case proposeChange(Parameter<UUID>)
    case proposal(Parameter<UUID>)
    case proposalDecision(Parameter<UUID>)
    case reviewServices
    case newTerm
    case serviceChecked(Parameter<UUID>)
    case askPartnerToCheck(Parameter<UUID>)
    case outbox
    case contact
    case councilContact
    case help
    case helpStart
    case helpPaperForm
    case helpQuestion(Parameter<String>, Parameter<String>)
    case helpCheck(Parameter<String>)
    case helpResult(Parameter<String>)
    case helpDone(Parameter<String>)
    case helpEquality(Parameter<String>)
    case track
    case assistResident
    case cases
    case helpCase(Parameter<UUID>)
    case caseTasks
    case taskDone(Parameter<UUID>)
    case duplicates
    case equalityMonitoring
    case duplicateDecision(Parameter<UUID>)
    case referrals
    case referral(Parameter<UUID>)
    case referralStatus(Parameter<UUID>)
    case referralNote(Parameter<UUID>)
    case referralReroute(Parameter<UUID>)
    case offers
    case offer(Parameter<UUID>)
    case socialTariffs
    case newSocialTariff
    case socialTariff(Parameter<UUID>)
    case removeSocialTariff(Parameter<UUID>)
    case notifyCallback
    case kit
    case kitBatches
    case kitBatch(Parameter<UUID>)
    case kitLabels(Parameter<UUID>)
    case kitDevice(Parameter<UUID>)
    case kitDeviceMove(Parameter<UUID>)
    case kitHandover(Parameter<UUID>)
    case kitLoanExtend(Parameter<UUID>)
    case kitLoanReturn(Parameter<UUID>)
    case kitLoans
    case kitDevicePhotos(Parameter<UUID>)
    case kitFile(Parameter<UUID>)
    case kitData
    case kitDataGive
    case sessions
    case session(Parameter<UUID>)
    case sessionBook(Parameter<UUID>)
    case sessionCalendar(Parameter<UUID>)
    case placeSessionsCalendar(Parameter<UUID>)
    case sessionBooking(Parameter<String>)
    case followUp(Parameter<String>)
    case followUpCalls
    case whatWorks
    case whatWorksCSV
    case whatWorksJSON
    case reach
    case reachCSV
    case equality
    case coverage
    case quarterlyReport
    case publishMap
    case unpublishMap
    case publicMaps
    case publicMap(Parameter<UUID>)
    case publicMapCSV(Parameter<UUID>)
    case publicMapGeoJSON(Parameter<UUID>)
    case followUpCall(Parameter<UUID>)
    case followUpNoAnswer(Parameter<UUID>)
    case sessionBookingCancel(Parameter<String>)
    case manageSessions
    case newSession
    case manageSession(Parameter<UUID>)
    case editSession(Parameter<UUID>)
    case cancelSession(Parameter<UUID>)
    case staffBooking(Parameter<UUID>)
    case sessionRegister(Parameter<UUID>)
    case sessionWalkIn(Parameter<UUID>)
    case cancelSessionBooking(Parameter<UUID>)
    case referralSessionBooking(Parameter<UUID>)
    case caseSkills(Parameter<UUID>, Parameter<String>)
    /// A case's resident's personal data: a copy of everything held, and erasure.
    case personalData(Parameter<UUID>)
    case personalDataJSON(Parameter<UUID>)
    case personalDataCopy(Parameter<UUID>)
    case personalDataErase(Parameter<UUID>)
    case retention
    case bookingSkills(Parameter<UUID>, Parameter<String>)
    case championApply
    case championApplied
    case champions
    case championsLapsing
    case championsHours
    case volunteering
    case champion(Parameter<UUID>)
    case championStatus(Parameter<UUID>)
    case championCheck(Parameter<UUID>)
    case championHours(Parameter<UUID>)
    case removeChampionHours(Parameter<UUID>, Parameter<UUID>)
    case championDetails(Parameter<UUID>)
    case championInvite(Parameter<UUID>)
    case championRequirements
    case championRequirement(Parameter<UUID>)
    case removeChampionRequirement(Parameter<UUID>)
    case stylesheet
    case healthz
    case metrics
    case api(API)

    enum API: Equatable, Sendable {
        case openAPI
        case me
        case organisations
        case areas
        case area(Parameter<String>)
        case indexRun(Parameter<UUID>)
    }

    enum Parameter<T: Equatable & Sendable>: Equatable, Sendable {
        case key
        case value(T)
    }

    static let userKey = "userID"
    static let tokenKey = "token"
    static let runKey = "runID"
    static let councilKey = "councilID"
    static let areaKey = "areaCode"
    static let serviceKey = "serviceID"
    static let locationKey = "locationID"
    static let proposalKey = "proposalID"
    static let draftKey = "draft"
    static let questionKey = "question"
    static let caseKey = "caseID"
    static let referralKey = "referralID"
    static let offerKey = "offerID"
    static let tariffKey = "tariffID"
    static let messageKey = "messageID"
    static let duplicateKey = "duplicateID"
    static let batchKey = "batchID"
    static let deviceKey = "deviceID"
    static let fileKey = "fileID"
    static let championKey = "championID"
    static let requirementKey = "requirementID"
    static let hoursKey = "hoursID"
    static let sessionKey = "sessionID"
    static let bookingKey = "bookingID"
    /// A skills review's `ReviewStage`: start or end.
    static let stageKey = "stage"
    /// The secret in a resident's link to their booking.
    static let bookingTokenKey = "bookingToken"
    static let followUpTokenKey = "followUpToken"
    static let followUpKey = "followUpID"

    var pathComponents: [PathComponent] {
        switch self {
        case .home: []
        case .signIn: ["sign-in"]
        case .signOut: ["sign-out"]
        case .account: ["account"]
        case .changePassword: ["account", "password"]
        case .users: ["admin", "users"]
        case .inviteUser: ["admin", "users", "invite"]
        case .user(let id): ["admin", "users", Self.component(id, key: Self.userKey)]
        case .deactivateUser(let id): ["admin", "users", Self.component(id, key: Self.userKey), "deactivate"]
        case .reactivateUser(let id): ["admin", "users", Self.component(id, key: Self.userKey), "reactivate"]
        case .reinviteUser(let id): ["admin", "users", Self.component(id, key: Self.userKey), "invite"]
        case .invitation(let token): ["invitations", Self.component(token, key: Self.tokenKey)]
        case .organisations: ["admin", "organisations"]
        case .newOrganisation: ["admin", "organisations", "new"]
        case .auditLog: ["admin", "audit"]
        case .places: ["places"]
        case .indexRuns: ["places", "runs"]
        case .indexRun(let id): ["places", "runs", Self.component(id, key: Self.runKey)]
        case .indexRunCSV(let id): ["places", "runs", Self.component(id, key: Self.runKey), "download.csv"]
        case .indexRunGeoJSON(let id): ["places", "runs", Self.component(id, key: Self.runKey), "download.geojson"]
        case .compareRuns: ["places", "compare"]
        case .londonMap: ["places", "london"]
        case .area(let code): ["places", "areas", Self.component(code, key: Self.areaKey)]
        case .directory: ["directory"]
        case .directoryService(let id): ["directory", "services", Self.component(id, key: Self.serviceKey)]
        case .directoryServicePrint(let id): ["directory", "services", Self.component(id, key: Self.serviceKey), "print"]
        case .directoryPrint: ["directory", "print"]
        case .directoryPlace(let id): ["directory", "places", Self.component(id, key: Self.locationKey)]
        case .directoryPlacePrint(let id): ["directory", "places", Self.component(id, key: Self.locationKey), "print"]
        case .manageDirectory: ["directory", "manage"]
        case .proposeService: ["directory", "manage", "new"]
        case .proposeChange(let id): ["directory", "manage", "services", Self.component(id, key: Self.serviceKey)]
        case .proposal(let id): ["directory", "manage", "proposals", Self.component(id, key: Self.proposalKey)]
        case .proposalDecision(let id): ["directory", "manage", "proposals", Self.component(id, key: Self.proposalKey), "decision"]
        case .reviewServices: ["directory", "manage", "review"]
        case .newTerm: ["directory", "manage", "kinds-of-help", "new"]
        case .serviceChecked(let id): ["directory", "manage", "services", Self.component(id, key: Self.serviceKey), "checked"]
        case .askPartnerToCheck(let id): ["directory", "manage", "services", Self.component(id, key: Self.serviceKey), "ask-partner"]
        case .outbox: ["admin", "messages"]
        case .contact: ["contact"]
        case .councilContact: ["admin", "council"]
        case .help: ["help"]
        case .helpStart: ["help", "start"]
        case .helpPaperForm: ["help", "paper-form"]
        case .helpQuestion(let draft, let question): ["help", Self.component(draft, key: Self.draftKey), "questions", Self.component(question, key: Self.questionKey)]
        case .helpCheck(let draft): ["help", Self.component(draft, key: Self.draftKey), "check"]
        case .helpResult(let draft): ["help", Self.component(draft, key: Self.draftKey), "your-help"]
        case .helpDone(let draft): ["help", Self.component(draft, key: Self.draftKey), "done"]
        case .helpEquality(let draft): ["help", Self.component(draft, key: Self.draftKey), "about-you"]
        case .track: ["track"]
        case .assistResident: ["cases", "new"]
        case .cases: ["cases"]
        case .helpCase(let id): ["cases", Self.component(id, key: Self.caseKey)]
        case .caseTasks: ["cases", "tasks"]
        case .taskDone(let id): ["cases", "tasks", Self.component(id, key: Self.messageKey), "done"]
        case .duplicates: ["cases", "duplicates"]
        case .equalityMonitoring: ["cases", "equality"]
        case .duplicateDecision(let id): ["cases", "duplicates", Self.component(id, key: Self.duplicateKey)]
        case .referrals: ["referrals"]
        case .referral(let id): ["referrals", Self.component(id, key: Self.referralKey)]
        case .referralStatus(let id): ["referrals", Self.component(id, key: Self.referralKey), "status"]
        case .referralNote(let id): ["referrals", Self.component(id, key: Self.referralKey), "notes"]
        case .referralReroute(let id): ["referrals", Self.component(id, key: Self.referralKey), "reroute"]
        case .offers: ["help", "offers"]
        case .offer(let id): ["help", "offers", Self.component(id, key: Self.offerKey)]
        case .socialTariffs: ["help", "tariffs"]
        case .newSocialTariff: ["help", "tariffs", "new"]
        case .socialTariff(let id): ["help", "tariffs", Self.component(id, key: Self.tariffKey)]
        case .removeSocialTariff(let id): ["help", "tariffs", Self.component(id, key: Self.tariffKey), "remove"]
        case .notifyCallback: ["notify", "callback"]
        case .kit: ["kit"]
        case .kitBatches: ["kit", "batches"]
        case .kitBatch(let id): ["kit", "batches", Self.component(id, key: Self.batchKey)]
        case .kitLabels(let id): ["kit", "batches", Self.component(id, key: Self.batchKey), "labels"]
        case .kitDevice(let id): ["kit", "devices", Self.component(id, key: Self.deviceKey)]
        case .kitDeviceMove(let id): ["kit", "devices", Self.component(id, key: Self.deviceKey), "move"]
        case .kitHandover(let id): ["kit", "devices", Self.component(id, key: Self.deviceKey), "handover"]
        case .kitLoanExtend(let id): ["kit", "devices", Self.component(id, key: Self.deviceKey), "extend"]
        case .kitLoanReturn(let id): ["kit", "devices", Self.component(id, key: Self.deviceKey), "return"]
        case .kitLoans: ["kit", "loans"]
        case .kitDevicePhotos(let id): ["kit", "devices", Self.component(id, key: Self.deviceKey), "photos"]
        case .kitFile(let id): ["kit", "files", Self.component(id, key: Self.fileKey)]
        case .kitData: ["kit", "data"]
        case .kitDataGive: ["kit", "data", "give"]
        case .sessions: ["sessions"]
        case .session(let id): ["sessions", Self.component(id, key: Self.sessionKey)]
        case .sessionBook(let id): ["sessions", Self.component(id, key: Self.sessionKey), "book"]
        case .sessionCalendar(let id): ["sessions", Self.component(id, key: Self.sessionKey), "calendar.ics"]
        case .placeSessionsCalendar(let id): ["sessions", "places", Self.component(id, key: Self.locationKey), "calendar.ics"]
        case .sessionBooking(let token): ["sessions", "bookings", Self.component(token, key: Self.bookingTokenKey)]
        case .followUp(let token): ["how-is-it-going", Self.component(token, key: Self.followUpTokenKey)]
        case .followUpCalls: ["follow-ups"]
        case .whatWorks: ["insight", "what-works"]
        case .whatWorksCSV: ["insight", "what-works.csv"]
        case .whatWorksJSON: ["insight", "what-works.json"]
        case .reach: ["insight", "reach"]
        case .reachCSV: ["insight", "reach.csv"]
        case .equality: ["insight", "equality"]
        case .coverage: ["insight", "coverage"]
        case .quarterlyReport: ["insight", "report"]
        case .publishMap: ["places", "publish"]
        case .unpublishMap: ["places", "unpublish"]
        case .publicMaps: ["maps"]
        case .publicMap(let id): ["maps", Self.component(id, key: Self.councilKey)]
        case .publicMapCSV(let id): ["maps", Self.component(id, key: Self.councilKey), "areas.csv"]
        case .publicMapGeoJSON(let id): ["maps", Self.component(id, key: Self.councilKey), "areas.geojson"]
        case .followUpCall(let id): ["follow-ups", Self.component(id, key: Self.followUpKey)]
        case .followUpNoAnswer(let id): ["follow-ups", Self.component(id, key: Self.followUpKey), "no-answer"]
        case .sessionBookingCancel(let token): ["sessions", "bookings", Self.component(token, key: Self.bookingTokenKey), "cancel"]
        case .manageSessions: ["sessions", "manage"]
        case .newSession: ["sessions", "manage", "new"]
        case .manageSession(let id): ["sessions", "manage", Self.component(id, key: Self.sessionKey)]
        case .editSession(let id): ["sessions", "manage", Self.component(id, key: Self.sessionKey), "edit"]
        case .cancelSession(let id): ["sessions", "manage", Self.component(id, key: Self.sessionKey), "cancel"]
        case .staffBooking(let id): ["sessions", "manage", Self.component(id, key: Self.sessionKey), "book"]
        case .sessionRegister(let id): ["sessions", "manage", Self.component(id, key: Self.sessionKey), "register"]
        case .sessionWalkIn(let id): ["sessions", "manage", Self.component(id, key: Self.sessionKey), "walk-in"]
        case .cancelSessionBooking(let id): ["sessions", "manage", "bookings", Self.component(id, key: Self.bookingKey), "cancel"]
        case .referralSessionBooking(let id): ["referrals", Self.component(id, key: Self.referralKey), "book-session"]
        case .caseSkills(let id, let stage): ["cases", Self.component(id, key: Self.caseKey), "skills", Self.component(stage, key: Self.stageKey)]
        case .personalData(let id): ["cases", Self.component(id, key: Self.caseKey), "personal-data"]
        case .personalDataJSON(let id): ["cases", Self.component(id, key: Self.caseKey), "personal-data", "copy.json"]
        case .personalDataCopy(let id): ["cases", Self.component(id, key: Self.caseKey), "personal-data", "copy"]
        case .personalDataErase(let id): ["cases", Self.component(id, key: Self.caseKey), "personal-data", "erase"]
        case .retention: ["admin", "retention"]
        case .bookingSkills(let id, let stage): ["sessions", "manage", "bookings", Self.component(id, key: Self.bookingKey), "skills", Self.component(stage, key: Self.stageKey)]
        case .championApply: ["champions", "apply"]
        case .championApplied: ["champions", "apply", "sent"]
        case .champions: ["champions"]
        case .championsLapsing: ["champions", "lapsing"]
        case .championsHours: ["champions", "hours"]
        case .volunteering: ["volunteering"]
        case .champion(let id): ["champions", Self.component(id, key: Self.championKey)]
        case .championStatus(let id): ["champions", Self.component(id, key: Self.championKey), "status"]
        case .championCheck(let id): ["champions", Self.component(id, key: Self.championKey), "checks"]
        case .championHours(let id): ["champions", Self.component(id, key: Self.championKey), "hours"]
        case .removeChampionHours(let id, let entry): ["champions", Self.component(id, key: Self.championKey), "hours", Self.component(entry, key: Self.hoursKey), "remove"]
        case .championDetails(let id): ["champions", Self.component(id, key: Self.championKey), "details"]
        case .championInvite(let id): ["champions", Self.component(id, key: Self.championKey), "invite"]
        case .championRequirements: ["champions", "required-checks"]
        case .championRequirement(let id): ["champions", "required-checks", Self.component(id, key: Self.requirementKey)]
        case .removeChampionRequirement(let id): ["champions", "required-checks", Self.component(id, key: Self.requirementKey), "remove"]
        case .stylesheet: ["assets", "onramp.css"]
        case .healthz: ["healthz"]
        case .metrics: ["metrics"]
        case .api(.openAPI): ["api", "v1", "openapi.json"]
        case .api(.me): ["api", "v1", "me"]
        case .api(.organisations): ["api", "v1", "organisations"]
        case .api(.areas): ["api", "v1", "areas"]
        case .api(.area(let code)): ["api", "v1", "areas", Self.component(code, key: Self.areaKey)]
        case .api(.indexRun(let id)): ["api", "v1", "index-runs", Self.component(id, key: Self.runKey)]
        }
    }

    /// Path parameters that are keys in themselves: whoever has the address has the draft or
    /// the account. They are never written to a log, and a message keeps them only until sent.
    static let secretKeys: Set<String> = [tokenKey, draftKey, bookingTokenKey, followUpTokenKey]

    /// `text` with every secret segment of an Onramp address in it replaced by "[secret]",
    /// wherever it appears: a request's path in a log line, a link in a message or on a page.
    /// What stands where a secret was in a kept message.
    static let maskedSecret = "[secret]"

    static func maskingSecrets(in text: String) -> String {
        var text = text
        for start in secretStarts where text.contains(start) {
            var masked = "", rest = Substring(text)
            while let found = rest.range(of: start) {
                let segment = rest[found.upperBound...].prefix { $0.isLetter && $0.isASCII || $0.isNumber && $0.isASCII || $0 == "-" || $0 == "_" }
                // Tokens are long, so "/help/start" and "/help/offers" are left as they are.
                masked += rest[..<found.upperBound] + (segment.count >= 16 ? Substring(maskedSecret) : segment)
                rest = rest[segment.endIndex...]
            }
            text = masked + rest
        }
        return text
    }

    /// For each address with a secret in it, the constant start that comes before the secret.
    private static let secretStarts: [String] = [SiteURL.invitation(.key), .helpCheck(.key), .sessionBooking(.key), .followUp(.key)].map { url in
        let components = url.pathComponents
        let secret = components.firstIndex { if case .parameter(let key) = $0 { secretKeys.contains(key) } else { false } }!
        return "/" + components[..<secret].map(\.description).joined(separator: "/") + "/"
    }

    /// The path to put in a link or a form's action.
    var path: String {
        "/" + pathComponents.map(\.description).joined(separator: "/")
    }

    /// The path with a query string; empty values are left out.
    func path(query: [(String, String)]) -> String {
        var components = URLComponents()
        components.path = path
        let items = query.filter { !$0.1.isEmpty }.map { URLQueryItem(name: $0.0, value: $0.1) }
        components.queryItems = items.isEmpty ? nil : items
        return components.string ?? path
    }

    private static func component<T: LosslessStringConvertible>(_ parameter: Parameter<T>, key: String) -> PathComponent {
        switch parameter {
        case .key: .parameter(key)
        case .value(let value): .constant(String(value))
        }
    }
}

extension RoutesBuilder {
    @discardableResult
    func get(_ url: SiteURL, use handler: @Sendable @escaping (Request) async throws -> some AsyncResponseEncodable) -> Route {
        get(url.pathComponents, use: handler)
    }

    @discardableResult
    func post(_ url: SiteURL, use handler: @Sendable @escaping (Request) async throws -> some AsyncResponseEncodable) -> Route {
        post(url.pathComponents, use: handler)
    }
}
