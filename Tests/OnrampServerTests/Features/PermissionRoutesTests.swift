import Fluent
import Testing
import Vapor
@testable import OnrampCore
@testable import OnrampServer

/// Walks every staff page the application registers, as every role, and checks the answer
/// against the permission table: 200 where the role is allowed, 403 where it is not, and a
/// redirect to sign in for nobody.
@Suite struct PermissionRoutesTests {
    @Test(arguments: TestDatabase.available)
    func everyProtectedPageFollowsTheTable(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db)
            let target = try await Fixture.user(.officer, email: "target@x.test", in: place.council, on: app.db)
            let (areaCode, runID) = try await Fixture.placesRun(councilID: place.council.id!, on: app.db)
            let directory = try await Fixture.directoryService(councilID: place.council.id!, organisationID: place.council.id!, proposedBy: target.id!, on: app.db)
            let help = try await Fixture.helpCase(place, on: app.db)
            let device = try await Fixture.device(councilID: place.council.id!, on: app.db)
            let session = try await Fixture.session(councilID: place.council.id!, organisationID: place.council.id!, on: app.db)
            let booking = try await SessionBookings.book(session, .init(name: "Permission Booker", way: .email, contact: "booker@example.com"), now: Date(), on: app.db).get()
            let photo = try await KitFiles.store(KitUpload(filename: "front.png", bytes: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], format: .png),
                                                 purpose: .photo, device: device, actor: .commandLine, now: Date(), on: app.db)
            // Two records that may be one resident, for the page that shows what merging them would do.
            let duplicate = PossibleDuplicate()
            let resident = try #require(try await HelpCase.unscoped(help.caseID, on: app.db)).residentID
            (duplicate.councilID, duplicate.residentID, duplicate.existingID, duplicate.matchedOn, duplicate.decision, duplicate.createdAt) = (place.council.id!, resident, resident, "phone", .open, Date())
            try await duplicate.create(on: app.db)
            // A champion partner staff reach: here they belong to the council itself, so the champion does too.
            let champion = try await ChampionsTests.champion("Permission Champion", in: place.council, status: .checking, on: app.db)
            champion.organisationID = place.council.id
            try await champion.save(on: app.db)
            let requirement = try await ChampionsTests.requirements(place.council.id!, on: app.db)[0]
            let followUp = try await Fixture.followUpCall(councilID: place.council.id!, organisationID: place.council.id!, caseID: help.caseID, referralID: help.referralID, on: app.db)
            let values = [SiteURL.userKey: target.id!.uuidString, SiteURL.duplicateKey: duplicate.id!.uuidString, SiteURL.runKey: runID.uuidString, SiteURL.areaKey: areaCode,
                          SiteURL.serviceKey: directory.service.uuidString, SiteURL.proposalKey: directory.proposal.uuidString,
                          SiteURL.caseKey: help.caseID.uuidString, SiteURL.referralKey: help.referralID.uuidString, SiteURL.offerKey: help.offerID.uuidString,
                          SiteURL.sessionKey: session.id!.uuidString, SiteURL.bookingKey: booking.booking.id!.uuidString, SiteURL.stageKey: ReviewStage.start.rawValue,
                          SiteURL.batchKey: device.batchID.uuidString, SiteURL.deviceKey: device.id!.uuidString, SiteURL.fileKey: photo.id!.uuidString,
                          SiteURL.tariffKey: try await SocialTariffRecord.query(on: app.db).filter(\.$councilID == place.council.id!).first()!.id!.uuidString,
                          SiteURL.championKey: champion.id!.uuidString, SiteURL.requirementKey: requirement.id!.uuidString,
                          SiteURL.followUpKey: followUp.id!.uuidString]
            let protected = app.routes.all.compactMap { route -> (Route, Action)? in
                (route.userInfo["action"] as? Action).map { (route, $0) }
            }
            #expect(protected.count >= 14)
            #expect(Set(protected.map(\.1)) == Set(Action.allCases), "every action guards at least one route")

            let anonymous = Browser(app)
            for role in Role.allCases {
                let user = try await Fixture.user(role, in: place.council, on: app.db)
                // Everyone runs the session, so a champion (who sees only their own) reaches it too.
                let runner = SkillSessionRunner()
                (runner.sessionID, runner.userID, runner.name) = (session.id!, user.id, user.name)
                try await runner.create(on: app.db)
                let browser = Browser(app)
                try await browser.signIn(user.email)
                for (route, action) in protected where route.method == .GET {
                    var path = "/" + route.path.map { component -> String in
                        if case .parameter(let key) = component { return values[key]! }
                        return component.description
                    }.joined(separator: "/")
                    if path == SiteURL.compareRuns.path { path += "?a=\(runID)&b=\(runID)" }
                    if path == SiteURL.api(.areas).path { path += "?lad=E09000028" }
                    let page = try await browser.get(path)
                    let expected: HTTPStatus = Permissions.allows(role, action) ? .ok : .forbidden
                    #expect(page.status == expected, "\(role) GET \(path)")

                    let nobody = try await anonymous.get(path)
                    #expect(nobody.status == (path.hasPrefix("/api/") ? .unauthorized : .seeOther), "anonymous GET \(path)")
                }
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func navigationShowsOnlyAllowedPlaces(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db)
            let champion = try await Fixture.user(.champion, in: place.partner, on: app.db)
            let browser = Browser(app)
            try await browser.signIn(champion.email)
            let home = try await browser.get("/")
            #expect(home.contains("href=\"\(SiteURL.account.path)\""))
            #expect(!home.contains("href=\"\(SiteURL.users.path)\""))
            #expect(!home.contains("href=\"\(SiteURL.auditLog.path)\""))
        }
    }
}
