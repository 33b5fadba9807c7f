import Fluent
import Foundation
import Testing
import Vapor
@testable import OnrampCore
@testable import OnrampServer

/// Every page that shows a resident's name or contact details writes who saw them, and when, to
/// the audit log; an administrator sees on the resident's case who has looked.
@Suite struct AuditReadsTests {
    @Test(arguments: TestDatabase.available)
    func everyPageThatShowsAResidentSaysWhoSawThem(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let world = try await World.make(on: app.db, settings: app.onramp.settings)
            let resident = try #require(try await Resident.query(on: app.db).filter(\.$name == "World Resident").first())
            let routes = app.routes.all.filter { $0.method == .GET && $0.userInfo["action"] != nil }
            var shown: Set<String> = []
            for role in Role.allCases {
                let user = world.people[role]!
                let browser = Browser(app)
                try await browser.signIn(user.email)
                for route in routes {
                    let before = try await ResidentView.query(on: app.db).filter(\.$residentID == resident.id!).count()
                    let page = try await browser.get(world.path(route))
                    guard page.status == .ok, page.contains("World Resident") || page.contains("07700 900123") || page.contains("+447700900123") else { continue }
                    shown.insert(FormsSeen.key(route))
                    let views = try await ResidentView.query(on: app.db).filter(\.$residentID == resident.id!).sort(\.$viewedAt, .descending).all()
                    #expect(views.count == before + 1, "\(role) \(FormsSeen.key(route)) showed the resident without a line in the audit log")
                    if let latest = views.first, let event = try await AuditEvent.find(latest.auditEventID, on: app.db) {
                        #expect(event.actorID == user.id, "\(FormsSeen.key(route))")
                    }
                }
            }
            // The pages that list residents are among them.
            for key in ["GET /cases", "GET /cases/:caseID", "GET /cases/tasks", "GET /referrals", "GET /referrals/:referralID", "GET /kit/loans", "GET /kit/data", "GET /admin/messages", "GET /cases/duplicates/:duplicateID"] {
                #expect(shown.contains(key), "\(key) showed no resident: the walk did not test it")
            }

            // An administrator sees who has looked.
            let admin = Browser(app)
            try await admin.signIn(world.people[.admin]!.email)
            let page = try await admin.get(SiteURL.helpCase(.value(UUID(uuidString: world.values[SiteURL.caseKey]!)!)).path)
            #expect(page.contains("Who has looked at this resident") && page.contains(world.people[.partner]!.email) && page.contains("Viewed the referral queue"))
            let officer = Browser(app)
            try await officer.signIn(world.people[.officer]!.email)
            #expect(!(try await officer.get(SiteURL.helpCase(.value(UUID(uuidString: world.values[SiteURL.caseKey]!)!)).path).contains("Who has looked at this resident")))
        }
    }

    @Test(arguments: TestDatabase.available)
    func notesExtensionsAndFinishedTasksAreInTheLog(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let world = try await World.make(on: app.db, settings: app.onramp.settings)
            let officer = Browser(app)
            try await officer.signIn(world.people[.officer]!.email)
            #expect(try await officer.post(SiteURL.referralNote(.value(world.loanReferral.id!)).path, form: [("note", "Left a voicemail about her son's laptop")]).status == .seeOther)
            let lent = UUID(uuidString: world.values["lentDevice"]!)!
            #expect(try await officer.post(SiteURL.kitLoanExtend(.value(lent)).path, form: [("due-day", "1"), ("due-month", "3"), ("due-year", "2027"), ("extend_reason", "Exams")]).status == .seeOther)
            #expect(try await officer.post(SiteURL.taskDone(.value(UUID(uuidString: world.values[SiteURL.messageKey]!)!)).path, form: []).status == .seeOther)
            let actions = Set(try await AuditEvent.query(on: app.db).filter(\.$actorID == world.people[.officer]!.id!).all().map(\.action))
            #expect(actions.isSuperset(of: [AuditAction.referralNoted, .kitLoanExtended, .staffTaskDone].map(\.rawValue)))
            let noted = try #require(try await AuditEvent.query(on: app.db).filter(\.$action == AuditAction.referralNoted.rawValue).first())
            #expect(!noted.summary.contains("voicemail"), "the log holds that a note was added, not its words")
        }
    }
}
