import Fluent
import Foundation
import Testing
import Vapor
@testable import OnrampCore
@testable import OnrampServer

/// A champion's time from the register, their own page, and the hours report in an analyst's
/// navigation.
@Suite struct ChampionTimeTests {
    /// A champion with an account, running `session`.
    static func runningChampion(_ place: Fixture.Council, session: SkillSession, on db: any Database) async throws -> (Champion, User) {
        let user = try await Fixture.user(.champion, in: place.partner, on: db)
        let champion = try await ChampionsTests.champion("Cy Runner", in: place.partner, status: .active, email: user.email, on: db)
        champion.userID = user.id
        try await champion.save(on: db)
        let runner = SkillSessionRunner()
        (runner.sessionID, runner.championID, runner.userID, runner.name) = (session.id!, champion.id, user.id, champion.name)
        try await runner.create(on: db)
        return (champion, user)
    }

    @Test(arguments: TestDatabase.available)
    func takingTheRegisterRecordsTheTimeOfEachChampionWhoRunsItOnce(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db)
            let session = try await Fixture.session(councilID: place.council.id!, organisationID: place.partner.id!, startsIn: 600, on: app.db)
            let (champion, user) = try await Self.runningChampion(place, session: session, on: app.db)
            let came = try await SessionBookings.book(session, .init(name: "Came Along", way: .email, contact: "came@example.com"), now: Date(), on: app.db).get()
            // The session has begun: today, in London; it lasts 2 hours.
            (session.startsAt, session.endsAt) = (Date().addingTimeInterval(-60), Date().addingTimeInterval(7140))
            try await session.save(on: app.db)
            let browser = Browser(app)
            try await browser.signIn(user.email)
            let page = try await browser.get(SiteURL.manageSession(.value(session.id!)).path)
            #expect(page.contains("Saving the register also records 2 hours on \(WorkingDays.today(Date()).spoken) for Cy Runner"))
            for _ in 0..<2 {
                let register = try await browser.post(SiteURL.sessionRegister(.value(session.id!)).path, form: [("attendance-\(came.booking.id!.uuidString)", "attended")])
                #expect(register.status == .seeOther)
            }
            let entries = try await ChampionHoursEntry.query(on: app.db).filter(\.$championID == champion.id!).all()
            #expect(entries.count == 1 && entries.first?.hours == 2 && entries.first?.sessionID == session.id && entries.first?.day == CalendarDay(Date(), in: SessionReminder.london).iso)
            #expect(try await browser.get(SiteURL.volunteering.path).contains("2 hours in all"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func aChampionSeesTheirOwnChecksSessionsAndTime(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db)
            let today = WorkingDays.today(Date())
            let next = try await Fixture.session(councilID: place.council.id!, organisationID: place.partner.id!, title: "Their tablet drop-in", on: app.db)
            try await Fixture.session(councilID: place.council.id!, organisationID: place.partner.id!, title: "Somebody else's course", on: app.db)
            let (champion, user) = try await Self.runningChampion(place, session: next, on: app.db)
            // Safeguarding, valid for 24 months, lapses in 10 days.
            let required = try await ChampionsTests.requirements(place.council.id!, on: app.db)
            try await ChampionsTests.record(required[2], for: champion, on: today.adding(months: -24).adding(days: 10), on: app.db)
            try await Champions.recordHours(1.5, on: today, sessionID: nil, for: champion, actor: .commandLine, now: Date(), on: app.db)

            let browser = Browser(app)
            try await browser.signIn(user.email)
            let home = try await browser.get("/")
            #expect(home.contains("href=\"\(SiteURL.volunteering.path)\"") && !home.contains("href=\"\(SiteURL.championsHours.path)\""))
            let page = try await browser.get(SiteURL.volunteering.path)
            #expect(page.status == .ok)
            #expect(page.contains("Digital champion with \(place.partner.name)") && page.contains("Safeguarding") && page.contains("Lapses soon"))
            #expect(page.contains("Their tablet drop-in") && !page.contains("Somebody else"))
            #expect(page.contains("1.5 hours in all") && page.contains(FinancialQuarter(containing: today).label))

            // A champion's account not linked to a record is told so; the record is found only through the account.
            let unlinked = Browser(app)
            try await unlinked.signIn(try await Fixture.user(.champion, email: "unlinked@testshire.test", in: place.partner, on: app.db).email)
            let none = try await unlinked.get(SiteURL.volunteering.path)
            #expect(none.status == .ok && none.contains("not linked") && !none.contains("Cy Runner"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func analystsFindTheHoursReportInTheirNavigation(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db)
            let analyst = Browser(app)
            try await analyst.signIn(try await Fixture.user(.analyst, in: place.council, on: app.db).email)
            #expect(try await analyst.get("/").contains("href=\"\(SiteURL.championsHours.path)\""))
            // An officer reaches it from the champions' pages instead, so it is not listed twice.
            let officer = Browser(app)
            try await officer.signIn(try await Fixture.user(.officer, in: place.council, on: app.db).email)
            let home = try await officer.get("/")
            #expect(home.contains("href=\"\(SiteURL.champions.path)\"") && !home.contains("href=\"\(SiteURL.championsHours.path)\""))
        }
    }

    @Test(arguments: TestDatabase.available)
    func staffChangeAChampionsDetailsAndTakeOffHoursRecordedInError(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db)
            let champion = try await ChampionsTests.champion("Di Details", in: place.partner, status: .active, email: "di@example.com", on: app.db)
            let partner = Browser(app)
            try await partner.signIn(try await Fixture.user(.partner, in: place.partner, on: app.db).email)
            let path = SiteURL.championDetails(.value(champion.id!)).path
            let form = try await partner.get(path)
            #expect(form.status == .ok && form.contains("value=\"Di Details\"") && form.contains("value=\"di@example.com\""))

            // Nothing chosen that they could help with: refused, in the summary, what was typed kept.
            let fields: [(String, String)] = [("name", "Di Details-Jones"), ("contact_by", "email"), ("contact_by", "sms"), ("email", "di@example.com"),
                                              ("phone", "07700 900222"), ("availability", "weekday-evenings"), ("languages", "English, Welsh")]
            let refused = try await partner.post(path, form: fields)
            #expect(refused.status == .unprocessableEntity && refused.contains("Select what they are good at and could help people with"))
            #expect(refused.contains("value=\"Di Details-Jones\"") && refused.contains("English, Welsh"))
            #expect(try await Champion.find(champion.id, on: app.db)?.name == "Di Details")

            #expect(try await partner.post(path, form: fields + [("strengths", "transacting")]).status == .seeOther)
            let changed = try #require(try await Champion.find(champion.id, on: app.db))
            #expect(changed.name == "Di Details-Jones" && changed.phone == "+447700900222" && changed.contactWays.ways == ["sms", "email"] && changed.languages == "English, Welsh")
            let audited = try #require(try await AuditEvent.query(on: app.db).filter(\.$action == AuditAction.championDetailsChanged.rawValue).first())
            #expect(audited.summary.contains("phone") && !audited.summary.contains("900222"))

            // Hours recorded in error come off, audited; another champion's entry is not reached through this one.
            try await Champions.recordHours(3, on: WorkingDays.today(Date()), sessionID: nil, for: changed, actor: .commandLine, now: Date(), on: app.db)
            let other = try await ChampionsTests.champion("Ed Other", in: place.partner, status: .active, on: app.db)
            try await Champions.recordHours(1, on: WorkingDays.today(Date()), sessionID: nil, for: other, actor: .commandLine, now: Date(), on: app.db)
            let mine = try #require(try await ChampionHoursEntry.query(on: app.db).filter(\.$championID == changed.id!).first())
            let theirs = try #require(try await ChampionHoursEntry.query(on: app.db).filter(\.$championID == other.id!).first())
            #expect(try await partner.get(SiteURL.champion(.value(changed.id!)).path).contains(SiteURL.removeChampionHours(.value(changed.id!), .value(mine.id!)).path))
            #expect(try await partner.post(SiteURL.removeChampionHours(.value(changed.id!), .value(theirs.id!)).path, form: []).status == .notFound)
            #expect(try await partner.post(SiteURL.removeChampionHours(.value(changed.id!), .value(mine.id!)).path, form: []).status == .seeOther)
            #expect(try await ChampionHoursEntry.query(on: app.db).count() == 1)
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == AuditAction.championHoursRemoved.rawValue).count() == 1)
        }
    }
}
