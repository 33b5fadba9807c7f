import Fluent
import Foundation
import Testing
import Vapor
@testable import OnrampCore
@testable import OnrampServer

/// Every route that takes an id, in its path, its query or its form, tried by a person of
/// another council and by staff of another partner of the same council: 404, and not one row
/// of the database changed. The home council's own people reach the same pages.
@Suite struct ScopeRoutesTests {
    /// Routes whose record is a resident's (a referral, a case, a loan): another partner of the
    /// same council does not reach them.
    static let organisationScoped: Set<String> = [
        "GET /referrals/:referralID", "POST /referrals/:referralID/status", "POST /referrals/:referralID/notes", "POST /referrals/:referralID/reroute",
        "POST /kit/devices/:deviceID/handover", "POST /kit/devices/:deviceID/extend", "POST /kit/devices/:deviceID/return", "POST /kit/data/give",
        "GET /directory/manage/services/:serviceID", "POST /directory/manage/services/:serviceID", "GET /directory/manage/proposals/:proposalID",
        "GET /directory/manage/new",
        "GET /sessions/manage", "GET /sessions/manage/:sessionID", "GET /sessions/manage/:sessionID/edit", "POST /sessions/manage/:sessionID/edit",
        "POST /sessions/manage/:sessionID/cancel", "POST /sessions/manage/:sessionID/book", "POST /sessions/manage/:sessionID/register",
        "POST /sessions/manage/:sessionID/walk-in", "POST /sessions/manage/bookings/:bookingID/cancel", "POST /referrals/:referralID/book-session",
        "GET /champions/:championID", "POST /champions/:championID/status", "POST /champions/:championID/checks", "POST /champions/:championID/hours",
        "POST /champions/:championID/invite", "GET /champions/:championID/details", "POST /champions/:championID/details",
        "POST /champions/:championID/hours/:hoursID/remove",
        "GET /follow-ups/:followUpID", "POST /follow-ups/:followUpID", "POST /follow-ups/:followUpID/no-answer",
        "GET /sessions/manage/bookings/:bookingID/skills/:stage", "POST /sessions/manage/bookings/:bookingID/skills/:stage",
    ]
    /// Routes whose record belongs to the council as a whole: anyone of the council with the
    /// permission reaches it, nobody of another council.
    static let councilScoped: Set<String> = [
        "GET /admin/users/:userID", "POST /admin/users/:userID/deactivate", "POST /admin/users/:userID/reactivate", "POST /admin/users/:userID/invite",
        "POST /admin/users/invite",
        "GET /places/runs/:runID", "GET /places/runs/:runID/download.csv", "GET /places/runs/:runID/download.geojson", "GET /places/compare",
        "GET /places/areas/:areaCode", "GET /api/v1/areas/:areaCode", "GET /api/v1/index-runs/:runID",
        "POST /directory/manage/proposals/:proposalID/decision", "POST /directory/manage/services/:serviceID/checked",
        "POST /directory/manage/services/:serviceID/ask-partner",
        "GET /cases/:caseID", "GET /cases/:caseID/personal-data", "GET /cases/:caseID/personal-data/copy.json", "GET /cases/:caseID/personal-data/copy", "POST /cases/:caseID/personal-data/erase", "GET /cases/:caseID/skills/:stage", "POST /cases/:caseID/skills/:stage", "POST /cases/tasks/:messageID/done", "GET /cases/duplicates/:duplicateID", "POST /cases/duplicates/:duplicateID",
        "GET /help/offers/:offerID", "POST /help/offers/:offerID",
        "GET /help/tariffs/:tariffID", "POST /help/tariffs/:tariffID", "POST /help/tariffs/:tariffID/remove",
        "GET /kit/batches/:batchID", "GET /kit/batches/:batchID/labels", "GET /kit/devices/:deviceID", "POST /kit/devices/:deviceID/move",
        "POST /kit/devices/:deviceID/photos", "GET /kit/files/:fileID",
        "GET /champions/required-checks/:requirementID", "POST /champions/required-checks/:requirementID", "POST /champions/required-checks/:requirementID/remove",
    ]
    /// Ids that are not in the path: in the query, or in the form.
    static func sent(_ world: World) -> [String: (query: String, form: [(String, String)])] {
        let run = world.values[SiteURL.runKey]!
        return [
            "GET /places/compare": ("?a=\(run)&b=\(run)", []),
            "GET /places/areas/:areaCode": ("?run=\(run)", []),
            "GET /api/v1/areas/:areaCode": ("?run=\(run)", []),
            "GET /directory/manage/new": ("?from=\(world.values[SiteURL.proposalKey]!)", []),
            "POST /kit/devices/:deviceID/handover": ("", [("referral", world.loanReferral.id!.uuidString), ("place", "Library"), ("handed-day", "1"), ("handed-month", "12"),
                                                          ("handed-year", "2026"), ("due-day", "1"), ("due-month", "2"), ("due-year", "2027"), ("acknowledged", "yes")]),
            "POST /kit/devices/:deviceID/extend": ("", [("due-day", "1"), ("due-month", "3"), ("due-year", "2027"), ("extend_reason", "Exams")]),
            "POST /kit/data/give": ("", [("referral", world.dataReferral.id!.uuidString), ("pack", "Vodafone|sim")]),
            "POST /referrals/:referralID/status": ("", [("status", "in-progress")]),
            "GET /sessions/manage": ("?referral=\(world.loanReferral.id!.uuidString)", []),
            "POST /referrals/:referralID/book-session": ("", [("session", world.values[SiteURL.sessionKey]!)]),
            "POST /referrals/:referralID/notes": ("", [("note", "Phoned")]),
            "POST /referrals/:referralID/reroute": ("", [("partner", world.otherPartner.id!.uuidString)]),
            "POST /admin/users/invite": ("", [("name", "New"), ("email", "new@x.test"), ("role", "officer"), ("organisation", world.home.partner.id!.uuidString)]),
            "POST /admin/users/:userID/deactivate": ("", [("reason", "Left")]),
            "POST /cases/duplicates/:duplicateID": ("", [("decision", "merge")]),
            "POST /help/offers/:offerID": ("", [("name", "Loan"), ("summary", "A laptop"), ("partner", world.otherCouncil.partner.id!.uuidString), ("standard_days", "5"),
                                                 ("rule", "{\"all\": []}"), ("action", "publish")]),
            "POST /directory/manage/proposals/:proposalID/decision": ("", [("decision", "approve")]),
            "POST /champions/:championID/details": ("", [("name", "Changed"), ("contact_by", "sms"), ("phone", "07700 900111"), ("availability", "weekends"),
                                                         ("strengths", "communicating")]),
        ]
    }

    static func key(_ route: Route) -> String { "\(route.method.rawValue) /" + route.path.map(\.description).joined(separator: "/") }

    @Test(arguments: TestDatabase.available)
    func noOneReachesAnotherCouncilsOrAnotherPartnersRecords(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let world = try await World.make(on: app.db, settings: app.onramp.settings)
            let sent = Self.sent(world)
            let ids: Set<String> = [SiteURL.userKey, SiteURL.runKey, SiteURL.areaKey, SiteURL.serviceKey, SiteURL.proposalKey, SiteURL.caseKey, SiteURL.referralKey,
                                    SiteURL.offerKey, SiteURL.messageKey, SiteURL.duplicateKey, SiteURL.batchKey, SiteURL.deviceKey, SiteURL.fileKey, SiteURL.tariffKey,
                                    SiteURL.championKey, SiteURL.requirementKey, SiteURL.sessionKey, SiteURL.bookingKey, SiteURL.hoursKey, SiteURL.followUpKey]
            let routes = app.routes.all.filter { route in
                route.userInfo["action"] != nil && (sent[Self.key(route)] != nil || route.path.contains { if case .parameter(let key) = $0 { ids.contains(key) } else { false } })
            }
            // A new route with an id must say how it is scoped.
            for route in routes {
                #expect(Self.organisationScoped.contains(Self.key(route)) || Self.councilScoped.contains(Self.key(route)), "classify \(Self.key(route)) in ScopeRoutesTests")
            }
            #expect(routes.count >= 35)

            var browsers: [String: Browser] = [:]
            func browser(_ user: User) async throws -> Browser {
                if let open = browsers[user.email] { return open }
                let made = Browser(app)
                try await made.signIn(user.email)
                browsers[user.email] = made
                return made
            }
            func send(_ route: Route, as user: User) async throws -> Browser.Page {
                let path = world.path(route) + (sent[Self.key(route)]?.query ?? "")
                let form = sent[Self.key(route)]?.form ?? []
                return route.method == .GET ? try await browser(user).get(path) : try await browser(user).post(path, form: form)
            }

            // Everyone signs in first: signing in is written down, and the refusals must write nothing.
            for user in Array(world.people.values) + Array(world.otherCouncilPeople.values) + [world.otherPartnerStaff] { _ = try await browser(user) }
            let before = try await DatabaseFingerprint.take(app.db)
            var tried = 0
            for route in routes {
                let action = route.userInfo["action"] as! Action
                var strangers = Role.allCases.filter { Permissions.allows($0, action) }.map { world.otherCouncilPeople[$0]! }
                if Self.organisationScoped.contains(Self.key(route)), Permissions.allows(.partner, action) { strangers.append(world.otherPartnerStaff) }
                for stranger in strangers {
                    let page = try await send(route, as: stranger)
                    tried += 1
                    #expect(page.status == .notFound, "\(stranger.email) \(Self.key(route))")
                    let changed = DatabaseFingerprint.changes(from: before, to: try await DatabaseFingerprint.take(app.db))
                    #expect(changed.isEmpty, "\(stranger.email) \(Self.key(route)) changed \(changed)")
                }
            }
            #expect(tried >= 80)

            // The pages that list residents waiting for kit show another partner none of them.
            let otherPartner = try await browser(world.otherPartnerStaff)
            let device = try await otherPartner.get(SiteURL.kitDevice(.value(UUID(uuidString: world.values[SiteURL.deviceKey]!)!)).path)
            #expect(device.status == .ok && !device.contains("World Resident"))
            let loans = try await otherPartner.get(SiteURL.kitLoans.path)
            #expect(loans.status == .ok && !loans.contains("World Resident"))
            #expect(!(try await otherPartner.get(SiteURL.kitData.path).contains("World Resident")))

            // The home council's own people reach every page above.
            for route in routes where route.method == .GET {
                let action = route.userInfo["action"] as! Action
                let role = Self.organisationScoped.contains(Self.key(route)) && Permissions.allows(.partner, action)
                    ? Role.partner : Role.allCases.first { Permissions.allows($0, action) }!
                let page = try await send(route, as: world.people[role]!)
                #expect(page.status == .ok, "\(role) \(Self.key(route))")
            }
            let partner = try await browser(world.people[.partner]!)
            #expect(try await partner.get(SiteURL.kitLoans.path).contains("World Resident"))
        }
    }

    /// Residents' records are loaded by id alone only where a name says so (`unscoped`), so
    /// that a review can find every such place; a plain `find` would hide among the others.
    @Test func featuresNeverFindAResidentsRecordByIdAlone() throws {
        let features = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/OnrampServer")
        var found: [String] = []
        for case let file as URL in FileManager.default.enumerator(at: features, includingPropertiesForKeys: nil)! where file.pathExtension == "swift" {
            for (number, line) in try String(contentsOf: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where line.contains(/\b(Resident|HelpCase|Referral|KitAllocation)\.find\(/) {
                found.append("\(file.lastPathComponent):\(number + 1)")
            }
        }
        #expect(found.isEmpty, "load these through Scope, or name the exception with unscoped: \(found)")
    }
}
