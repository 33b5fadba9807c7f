import Fluent
import Foundation
import Testing
import Vapor
@testable import OnrampCore
@testable import OnrampServer

/// Learners' progress: the triage is the starting point, every missing answer is shown at once,
/// the case shows start against end, and an end review from an attended booking fulfils the
/// skills referral. Champions record it only for the sessions they run, seeing the first name.
@Suite struct SkillsProgressTests {
    /// Every task and area at `level`, with the goals the form sends.
    static func answers(_ level: SkillLevel, overriding: [String: SkillLevel] = [:], goals: [String] = ["family"]) -> [(String, String)] {
        FoundationTasks.all.map { (SkillsReviewForm.taskField($0.value), (overriding[$0.value] ?? level).rawValue) }
            + SkillsArea.allCases.map { (SkillsReviewForm.areaField($0), level.rawValue) }
            + goals.map { (SkillsReviewForm.goalsField, $0) }
    }

    @Test(arguments: TestDatabase.available)
    func officersRecordSkillsAtTheStartAndTheEndOfACase(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db)
            let help = try await Fixture.helpCase(place, on: app.db)
            let officer = Browser(app)
            try await officer.signIn(try await Fixture.user(.officer, in: place.council, on: app.db).email)
            let startPath = SiteURL.caseSkills(.value(help.caseID), .value("start")).path
            let before = try await officer.get(SiteURL.helpCase(.value(help.caseID)).path)
            #expect(before.contains("No skills recorded yet") && before.contains("<li><a class=\"govuk-link\" href=\"\(startPath)\">Record skills at the start</a></li>"))

            // The triage's answers come filled in: this resident could do none of the tasks yet.
            let form = try await officer.get(startPath)
            #expect(form.status == .ok && form.contains("Fixture Resident"))
            #expect(form.contains("name=\"task-wifi\" type=\"radio\" value=\"cannot\" checked") && form.contains("value=\"family\" checked"))

            // Nothing chosen for the areas: all five missing answers in one summary, tasks kept.
            let partial = try await officer.post(startPath, form: FoundationTasks.all.map { (SkillsReviewForm.taskField($0.value), "with-help") })
            #expect(partial.status == .unprocessableEntity)
            #expect(partial.body.components(separatedBy: "<li><a href=\"#area-").count - 1 == 5)
            #expect(partial.contains("name=\"task-wifi\" type=\"radio\" value=\"with-help\" checked"))

            let saved = try await officer.post(startPath, form: Self.answers(.notYet, overriding: ["turn-on": .alone]))
            #expect(saved.status == .seeOther && saved.location == SiteURL.helpCase(.value(help.caseID)).path + "?saved=skills")
            let ended = try await officer.post(SiteURL.caseSkills(.value(help.caseID), .value("end")).path,
                                               form: Self.answers(.alone, overriding: ["passwords-update": .withHelp]))
            #expect(ended.status == .seeOther)
            let page = try await officer.get(ended.location!)
            #expect(page.contains("Skills saved") && page.contains("6 of the eight everyday tasks newly done on their own"))
            #expect(page.contains("Skills at the start: 1 of 8 everyday tasks and 0 of 5 skills areas on their own."))
            #expect(page.contains("Skills at the end: 7 of 8 everyday tasks and 5 of 5 skills areas on their own; 6 tasks newly done on their own since the start."))
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == AuditAction.skillsReviewed.rawValue).count() == 2)

            // The end form starts from the last review.
            #expect(try await officer.get(SiteURL.caseSkills(.value(help.caseID), .value("end")).path).contains("name=\"task-wifi\" type=\"radio\" value=\"alone\" checked"))
            #expect(try await officer.get(SiteURL.caseSkills(.value(help.caseID), .value("middle")).path).status == .notFound)

            // Another council's officer: no such case.
            let other = try await Fixture.council("Elsewhere Council", on: app.db)
            let stranger = Browser(app)
            try await stranger.signIn(try await Fixture.user(.officer, in: other.council, on: app.db).email)
            #expect(try await stranger.get(startPath).status == .notFound)
            #expect(try await stranger.post(startPath, form: Self.answers(.alone)).status == .notFound)
        }
    }

    @Test(arguments: TestDatabase.available)
    func anEndReviewFromAnAttendedBookingFulfilsTheSkillsReferral(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db)
            let help = try await Fixture.helpCase(place, on: app.db)
            let skills = try await Fixture.referral(.skillsCourse, alongside: help.referralID, organisationID: place.partner.id!, on: app.db)
            let session = try await Fixture.session(councilID: place.council.id!, organisationID: place.partner.id!, on: app.db)
            let champion = try await Fixture.user(.champion, email: "runs@example.com", in: place.partner, on: app.db)
            let runner = SkillSessionRunner()
            (runner.sessionID, runner.userID, runner.name) = (session.id!, champion.id, champion.name)
            try await runner.create(on: app.db)
            let officer = Browser(app)
            try await officer.signIn(try await Fixture.user(.officer, in: place.council, on: app.db).email)
            #expect(try await officer.post(SiteURL.referralSessionBooking(.value(skills.id!)).path, form: [("session", session.id!.uuidString)]).status == .seeOther)
            let booking = try #require(try await SessionBooking.query(on: app.db).filter(\.$referralID == skills.id!).first())
            let endPath = SiteURL.bookingSkills(.value(booking.id!), .value("end")).path
            #expect(try await officer.get(SiteURL.manageSession(.value(session.id!)).path).contains("href=\"\(endPath)\">At the end<span class=\"govuk-visually-hidden\"> for Fixture Resident</span>"))

            // A champion of the same partner who does not run the session: no such booking.
            let bystander = Browser(app)
            try await bystander.signIn(try await Fixture.user(.champion, email: "other@example.com", in: place.partner, on: app.db).email)
            #expect(try await bystander.get(endPath).status == .notFound)

            let helper = Browser(app)
            try await helper.signIn(champion.email)
            let before = try await helper.get(endPath)
            #expect(before.status == .ok && before.contains("Fixture") && !before.contains("Fixture Resident"))
            #expect(!before.contains("marks their referral"), "not yet attended, so the referral is not done")

            booking.status = .attended
            try await booking.save(on: app.db)
            #expect(try await helper.get(endPath).contains("Saving this also marks their referral for \(session.title) as done"))
            let saved = try await helper.post(endPath, form: Self.answers(.alone))
            #expect(saved.status == .seeOther && saved.location == SiteURL.manageSession(.value(session.id!)).path + "?saved=skills")
            let fulfilled = try #require(try await Referral.unscoped(skills.id, on: app.db))
            #expect(fulfilled.status == .fulfilled && fulfilled.outcome?.contains("8 of 8 everyday tasks") == true)
            #expect(try await helper.get(saved.location!).contains("Skills saved"))
            let timeline = try await CaseEvent.query(on: app.db).filter(\.$caseID == help.caseID).all().map(\.text)
            #expect(timeline.contains { $0.hasPrefix("Skills at the end: 8 of 8 everyday tasks") })
            #expect(timeline.contains { $0.contains("\u{2192} Fulfilled") })
        }
    }
}
