import Fluent
import Foundation
import Testing
import Vapor
@testable import OnrampCore
@testable import OnrampServer

/// Follow-ups end to end: scheduled when help is given, asked by text with a link on their day,
/// reminded once, then counted as unanswered; answered from the link; and for residents who
/// chose letters or calls, the staff's calls list with the same questions.
@Suite struct FollowUpsTests {
    static let today = WorkingDays.today(Date())

    static func answers() -> [(String, String)] {
        [("online", "yes"), ("online_by", "mobile-data"), ("still_using", "yes")] + FoundationTasks.all.map { (FollowUpForm.taskField($0.value), "alone") }
            + [("confidence", "4"), ("uses", "nhs"), ("uses", "banking"), ("consent", "yes")]
    }

    /// The fixture's referral, contacted and fulfilled: its follow-up is scheduled. The resident
    /// chose text messages. `weeks`: the offer's own weeks before asking, when set.
    static func fulfilled(_ place: Fixture.Council, weeks: Int? = nil, on db: any Database) async throws -> (Referral, FollowUp) {
        let help = try await Fixture.helpCase(place, on: db)
        if let helpCase = try await HelpCase.unscoped(help.caseID, on: db), let resident = try await Resident.unscoped(helpCase.residentID, on: db) {
            resident.contactBy = "sms"
            try await resident.save(on: db)
        }
        if let weeks, let offer = try await HelpOffer.find(help.offerID, on: db) {
            offer.followUpWeeks = weeks
            try await offer.save(on: db)
        }
        let referral = try #require(try await Referral.unscoped(help.referralID, on: db))
        for status in [ReferralStatus.contacted, .fulfilled] {
            #expect(try await ReferralMoves.move(referral, to: status, reason: "", outcome: nil, actor: .commandLine, trackURL: "http://x/track", now: Date(), on: db) == nil)
        }
        return (referral, try #require(try await FollowUp.query(on: db).filter(\.$referralID == referral.id!).first()))
    }

    static func run(_ day: CalendarDay, on db: any Database) async throws -> FollowUps.Counts {
        try await FollowUps.run(today: day, baseURL: "https://onramp.test", now: Date(), on: db)
    }

    /// The link in the latest message to `recipient`, as a path.
    static func link(to recipient: String, on db: any Database) async throws -> String {
        let message = try #require(try await OutboxMessage.query(on: db).filter(\.$recipient == recipient).sort(\.$createdAt, .descending).first())
        let found = try #require(message.body.range(of: "https://onramp.test/how-is-it-going/"))
        return String(message.body[found].dropFirst("https://onramp.test".count) + message.body[found.upperBound...].prefix { !$0.isWhitespace })
    }

    @Test(arguments: TestDatabase.available)
    func askedOnTheirDayRemindedOnceThenCountedAsNotAnswered(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db)
            let (_, followUp) = try await Self.fulfilled(place, on: app.db)
            let due = try #require(CalendarDay(iso: followUp.dueOn))
            #expect(due == Self.today.adding(days: 7 * FollowUpSchedule.defaultWeeks) && followUp.status == .scheduled)
            let before = try await OutboxMessage.query(on: app.db).count()

            #expect(try await Self.run(due.adding(days: -1), on: app.db) == .init())
            #expect(try await Self.run(due, on: app.db) == .init(asked: 1))
            #expect(try await Self.run(due, on: app.db) == .init(), "asked once")
            let asked = try await OutboxMessage.query(on: app.db).sort(\.$createdAt, .descending).first()
            #expect(asked?.channel == "sms" && asked?.subject == "Did our help work for you?" && asked?.body.contains("The link works until \(due.adding(days: 30).spoken)") == true)
            #expect(try await Self.run(due.adding(days: 6), on: app.db) == .init())
            #expect(try await Self.run(due.adding(days: 7), on: app.db) == .init(reminded: 1))
            #expect(try await Self.run(due.adding(days: 14), on: app.db) == .init(unanswered: 1))
            #expect(try await Self.run(due.adding(days: 30), on: app.db) == .init())
            #expect(try await OutboxMessage.query(on: app.db).count() == before + 2)
            #expect(try await FollowUp.find(followUp.id, on: app.db)?.status == .unanswered)
            #expect(try await CaseEvent.query(on: app.db).filter(\.$caseID == followUp.caseID).all().contains { $0.text == "Follow-up: no answer" })
        }
    }

    @Test(arguments: TestDatabase.available)
    func theResidentAnswersFromTheLinkAndEveryMissingAnswerIsShownAtOnce(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db)
            let (referral, followUp) = try await Self.fulfilled(place, on: app.db)
            let offer = try #require(try await HelpOffer.find(referral.offerID, on: app.db))
            _ = try await Self.run(try #require(CalendarDay(iso: followUp.dueOn)), on: app.db)
            let link = try await Self.link(to: "+447700900123", on: app.db)
            let resident = Browser(app)
            let page = try await resident.get(link)
            #expect(page.status == .ok && page.contains("Did our help work for you?") && page.contains(offer.name.prefix(1).lowercased() + offer.name.dropFirst()))
            #expect(page.headers.first(name: .cacheControl) == "no-store")

            let partly = try await resident.post(link, form: [("online", "yes"), ("other", "The tablet is great")])
            #expect(partly.status == .unprocessableEntity && partly.contains("Select how you get online") && partly.contains("Select how confident you feel online"))
            #expect(FoundationTasks.all.allSatisfy { partly.contains("#\(FollowUpForm.taskField($0.value))") } && partly.contains("The tablet is great"))

            let sent = try await resident.post(link, form: Self.answers())
            #expect(sent.status == .ok && sent.contains("We have your answers"))
            let answered = try #require(try await FollowUp.find(followUp.id, on: app.db))
            #expect(answered.status == .answered && answered.recordedBy == "The resident" && answered.answers?.onlineBy == [.mobileData] && answered.answers?.consent == true)
            #expect(answered.answers?.snapshot.tasksOnTheirOwn == 8 && answered.answers?.uses == [.nhs, .banking] && answered.answers?.confidence == 4)
            #expect(try await CaseEvent.query(on: app.db).filter(\.$caseID == followUp.caseID).all().contains {
                $0.text == "Follow-up answered: Online by mobile data; 8 of 8 everyday tasks on their own; confidence 4 of 5"
            })
            #expect(try await resident.get(link).contains("We already have your answers"))
            #expect(try await Self.run(Self.today.adding(days: 7 * 6 + 7), on: app.db) == .init(), "no reminder once answered")
            // Past its 30 days, the link says so.
            answered.askedOn = Self.today.adding(days: -31).iso
            try await answered.save(on: app.db)
            let old = try await Browser(app).get(link)
            #expect(old.status == .notFound && old.contains("This link does not work any more"))
            let wrong = try await Browser(app).get("/how-is-it-going/not-the-secret-of-anyone-at-all")
            #expect(wrong.status == .notFound && wrong.contains("This link does not work any more"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func residentsWhoChoseCallsAreOnTheCallsListWithTheSameQuestions(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db)
            let (referral, followUp) = try await Self.fulfilled(place, on: app.db)
            let helpCase = try #require(try await HelpCase.unscoped(referral.caseID, on: app.db))
            let resident = try #require(try await Resident.unscoped(helpCase.residentID, on: app.db))
            resident.contactBy = "phone"
            try await resident.save(on: app.db)
            let messages = try await OutboxMessage.query(on: app.db).count()
            #expect(try await Self.run(try #require(CalendarDay(iso: followUp.dueOn)), on: app.db) == .init(toCall: 1))
            #expect(try await OutboxMessage.query(on: app.db).count() == messages, "a call, not a message")

            let officer = Browser(app)
            try await officer.signIn(try await Fixture.user(.officer, in: place.council, on: app.db).email)
            let list = try await officer.get(SiteURL.followUpCalls.path)
            #expect(list.status == .ok && list.contains("Fixture Resident") && list.contains("07700 900123"))
            let call = SiteURL.followUpCall(.value(followUp.id!)).path
            #expect(try await officer.get(call).contains("Could not reach them"))
            let refused = try await officer.post(call, form: [("online", "no")])
            #expect(refused.status == .unprocessableEntity && refused.contains("Select whether you still have and use what you were given") && !refused.contains("Select how you get online"))
            #expect(try await officer.post(call, form: Self.answers()).status == .seeOther)
            let answered = try #require(try await FollowUp.find(followUp.id, on: app.db))
            #expect(answered.status == .answered && answered.recordedBy != "The resident")
            #expect(try await officer.get(SiteURL.followUpCalls.path(query: [("saved", "answered")])).contains("No calls to make"))
            // Too late to answer again, and too late to record no answer.
            #expect(try await officer.post(SiteURL.followUpNoAnswer(.value(followUp.id!)).path, form: []).status == .unprocessableEntity)
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == AuditAction.followUpAnswered.rawValue).count() == 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aCallThatFindsNobodyIsCountedAsNotAnswered(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db)
            let (referral, followUp) = try await Self.fulfilled(place, weeks: 2, on: app.db)
            #expect(followUp.dueOn == Self.today.adding(days: 14).iso, "the offer's own weeks")
            let helpCase = try #require(try await HelpCase.unscoped(referral.caseID, on: app.db))
            let resident = try #require(try await Resident.unscoped(helpCase.residentID, on: app.db))
            resident.contactBy = "letter"
            try await resident.save(on: app.db)
            #expect(try await Self.run(Self.today.adding(days: 14), on: app.db) == .init(toCall: 1))
            let officer = Browser(app)
            try await officer.signIn(try await Fixture.user(.officer, in: place.council, on: app.db).email)
            #expect(try await officer.post(SiteURL.followUpNoAnswer(.value(followUp.id!)).path, form: []).status == .seeOther)
            #expect(try await FollowUp.find(followUp.id, on: app.db)?.status == .unanswered)
        }
    }
}
