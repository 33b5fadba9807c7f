import Fluent
import Foundation
import Testing
import Vapor
@testable import OnrampCore
@testable import OnrampServer

/// Digital champions over real HTTP: the public application, checks that make a champion
/// active (and invite them), the automatic pause when a check lapses, hours and their report,
/// and champions out of reach of another council or another partner.
@Suite struct ChampionsTests {
    static let today = WorkingDays.today(Date())

    /// An application as the form sends it, to the partner `organisation`.
    static func application(_ organisation: Organisation, name: String = "Ada Volunteer") -> [(String, String)] {
        [("name", name), ("contact_by", "email"), ("email", "Ada@Example.com"), ("phone", ""), ("address", ""), ("organisation", organisation.id!.uuidString.lowercased()),
         ("availability", "weekends"), ("strengths", "communicating"), ("strengths", "being-safe-and-legal"), ("languages", "English, Twi"), ("consent", "yes")]
    }

    /// The council's list: 2 references, a basic DBS check for 36 months, safeguarding for 24.
    static func requirements(_ councilID: UUID, on db: any Database) async throws -> [ChampionRequiredCheck] {
        var rows: [ChampionRequiredCheck] = []
        for (position, (kind, months)) in [(ChampionCheckKind.references(count: 2), Int?.none), (.dbs(level: .basic), 36), (.training(module: "Safeguarding"), 24)].enumerated() {
            let row = ChampionRequiredCheck()
            (row.councilID, row.position) = (councilID, position)
            row.take(kind, validMonths: months)
            try await row.create(on: db)
            rows.append(row)
        }
        return rows
    }

    static func champion(_ name: String, in organisation: Organisation, status: ChampionStatus, email: String? = nil, on db: any Database) async throws -> Champion {
        let champion = Champion()
        (champion.councilID, champion.organisationID, champion.name, champion.status) = (organisation.councilID, organisation.type == .council ? nil : organisation.id, name, status)
        // Not the world resident's number: a page showing it would read as showing the resident.
        (champion.email, champion.phone, champion.contactBy, champion.availability, champion.strengths, champion.languages) = (email, "+447700900999", email == nil ? "sms" : "email", "weekends", "communicating", "")
        (champion.consentVersion, champion.statusSince, champion.createdAt) = (ChampionConsent.version, Date(), Date())
        try await champion.create(on: db)
        return champion
    }

    static func record(_ requirement: ChampionRequiredCheck, for champion: Champion, on day: CalendarDay, on db: any Database) async throws {
        let check = ChampionCheck()
        (check.councilID, check.championID, check.requirementID, check.doneOn) = (champion.councilID, champion.id!, requirement.id!, day.iso)
        (check.dbsLevel, check.onUpdateService, check.note, check.recordedBy, check.createdAt) = (requirement.kind == "dbs" ? .basic : nil, false, "", "test", Date())
        try await check.create(on: db)
    }

    static func dateFields(_ name: String, _ day: CalendarDay) -> [(String, String)] {
        [("\(name)-day", String(day.day)), ("\(name)-month", String(day.month)), ("\(name)-year", String(day.year))]
    }

    @Test(arguments: TestDatabase.available)
    func anApplicationRefusesMistakesKeepsWhatWasTypedAndTellsTheApplicant(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db)
            let visitor = Browser(app)
            let form = try await visitor.get(SiteURL.championApply.path)
            #expect(form.status == .ok && form.contains(place.partner.name) && form.contains("\(place.council.name) itself"))

            let empty = try await visitor.post(SiteURL.championApply.path, form: [("name", "Ada Volunteer"), ("contact_by", "sms"), ("phone", "020 7946 0000")])
            #expect(empty.status == .unprocessableEntity && empty.contains("There is a problem"))
            for message in ["Enter a mobile number, like 07700 900123, so we can text you", "Select who you would like to volunteer with", "Select when you are free to help",
                            "Select what you are good at and could help people with", "Tick the box to agree, so we can take your offer forward"] {
                #expect(empty.contains(message), "\(message)")
            }
            #expect(empty.contains("value=\"Ada Volunteer\"") && empty.contains("value=\"020 7946 0000\""), "what was typed is kept")
            #expect(try await Champion.query(on: app.db).count() == 0)

            let sent = try await visitor.post(SiteURL.championApply.path, form: Self.application(place.partner))
            #expect(sent.status == .seeOther && sent.location == SiteURL.championApplied.path)
            #expect(try await visitor.get(SiteURL.championApplied.path).contains("Thank you for offering to help"))
            let champion = try #require(try await Champion.query(on: app.db).first())
            #expect(champion.status == .applied && champion.councilID == place.council.id && champion.organisationID == place.partner.id)
            #expect(champion.email == "ada@example.com" && champion.strengths == "communicating,being-safe-and-legal" && champion.consentVersion == ChampionConsent.version)
            let message = try #require(try await OutboxMessage.query(on: app.db).filter(\.$recipient == "ada@example.com").first())
            #expect(message.channel == MessageChannel.email.rawValue && message.body.contains("volunteer as a digital champion with \(place.partner.name)"))

            let officer = Browser(app)
            try await officer.signIn(try await Fixture.user(.officer, in: place.council, on: app.db).email)
            let queue = try await officer.get(SiteURL.champions.path(query: [("status", "applied")]))
            #expect(queue.contains("Ada Volunteer") && queue.contains("Applied (1)"))
            #expect(try await officer.get(SiteURL.champions.path(query: [("status", "left")])).contains("No champions are left"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func recordedChecksMakeAChampionActiveAndInviteThem(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db)
            let required = try await Self.requirements(place.council.id!, on: app.db)
            let champion = try await Self.champion("Bo Checked", in: place.partner, status: .applied, email: "bo@example.com", on: app.db)
            let partner = Browser(app)
            try await partner.signIn(try await Fixture.user(.partner, in: place.partner, on: app.db).email)
            let page = SiteURL.champion(.value(champion.id!)).path
            #expect(try await partner.post(SiteURL.championStatus(.value(champion.id!)).path, form: [("status", "checking")]).status == .seeOther)

            let early = try await partner.post(SiteURL.championStatus(.value(champion.id!)).path, form: [("status", "active")])
            #expect(early.status == .unprocessableEntity && early.contains("A champion can be active only when every required check is done and in date: 2 references not done; Basic DBS check not done"))

            for (requirement, day) in [(required[0], Self.today.adding(days: -20)), (required[0], Self.today.adding(days: -19)), (required[1], Self.today.adding(days: -10)), (required[2], Self.today)] {
                let recorded = try await partner.post(SiteURL.championCheck(.value(champion.id!)).path,
                                                      form: [("requirement", requirement.id!.uuidString), ("dbs_level", "enhanced"), ("note", "")] + Self.dateFields("done", day))
                #expect(recorded.status == .seeOther, "\(requirement.kind)")
            }
            #expect(try await partner.get(page).contains("Every required check is done and in date"))
            let active = try await partner.post(SiteURL.championStatus(.value(champion.id!)).path, form: [("status", "active")])
            #expect(active.status == .seeOther && active.location?.contains("account=invited") == true)
            let user = try #require(try await User.query(on: app.db).filter(\.$email == "bo@example.com").first())
            #expect(user.role == .champion && user.$organisation.id == place.partner.id && user.passwordHash == nil)
            #expect(try await Champion.find(champion.id, on: app.db)?.userID == user.id)
            #expect(try await OutboxMessage.query(on: app.db).filter(\.$recipient == "bo@example.com").filter(\.$subject == "You have been invited to Onramp").count() == 1)
            let shown = try await partner.get(SiteURL.champion(.value(champion.id!)).path(query: [("account", "invited")]))
            #expect(shown.contains("They have been sent an invitation to Onramp") && shown.contains("bo@example.com (invited, not yet signed in)"))
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == AuditAction.championMoved.rawValue).count() == 2)
            let logged = try await AuditEvent.query(on: app.db).filter(\.$recordType == "champion").all()
            #expect(logged.count >= 6 && logged.allSatisfy { !$0.summary.contains("Bo") && $0.recordID == champion.id!.uuidString }, "ids, not names")
        }
    }

    @Test(arguments: TestDatabase.available)
    func aCheckDatedInTheFutureIsRefusedAndKeepsWhatWasTyped(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db)
            let required = try await Self.requirements(place.council.id!, on: app.db)
            let champion = try await Self.champion("Cy Future", in: place.council, status: .checking, on: app.db)
            let officer = Browser(app)
            try await officer.signIn(try await Fixture.user(.officer, in: place.council, on: app.db).email)
            let refused = try await officer.post(SiteURL.championCheck(.value(champion.id!)).path,
                                                 form: [("requirement", required[1].id!.uuidString), ("dbs_level", "basic"), ("note", "Cert 42")] + Self.dateFields("done", Self.today.adding(days: 1)))
            #expect(refused.status == .unprocessableEntity && refused.contains("The date it was done must be today or in the past") && refused.contains("value=\"Cert 42\""))
            #expect(try await ChampionCheck.query(on: app.db).count() == 0)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aLapsedCheckPausesTheChampionAndTellsThemAndTheCoordinators(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db)
            let required = try await Self.requirements(place.council.id!, on: app.db)
            let officerUser = try await Fixture.user(.officer, in: place.council, on: app.db)
            let partnerUser = try await Fixture.user(.partner, in: place.partner, on: app.db)
            let lapsed = try await Self.champion("Di Lapsed", in: place.partner, status: .active, on: app.db)
            let fine = try await Self.champion("Ed Fine", in: place.council, status: .active, on: app.db)
            let dbsDay = Self.today.adding(months: -36)
            for champion in [lapsed, fine] {
                try await Self.record(required[0], for: champion, on: Self.today.adding(days: -100), on: app.db)
                try await Self.record(required[0], for: champion, on: Self.today.adding(days: -90), on: app.db)
                try await Self.record(required[1], for: champion, on: champion === lapsed ? dbsDay : Self.today.adding(months: -36).adding(days: 10), on: app.db)
                try await Self.record(required[2], for: champion, on: Self.today.adding(days: -5), on: app.db)
            }
            let officer = Browser(app)
            try await officer.signIn(officerUser.email)
            let lapsing = try await officer.get(SiteURL.championsLapsing.path)
            #expect(lapsing.contains("Ed Fine") && lapsing.contains("Lapses on \(Self.today.adding(months: -36).adding(days: 10).adding(months: 36).spoken)"))
            #expect(lapsing.contains("Di Lapsed") && lapsing.contains("Already lapsed"), "opening the page paused her, and lists her lapsed check")

            let paused = try #require(try await Champion.find(lapsed.id, on: app.db))
            #expect(paused.status == .paused && paused.pausedReason == "Basic DBS check lapsed on \(dbsDay.adding(months: 36).spoken)")
            #expect(try await Champion.find(fine.id, on: app.db)?.status == .active)
            let toChampion = try await OutboxMessage.query(on: app.db).filter(\.$recipient == "+447700900999").filter(\.$channel == MessageChannel.sms.rawValue).all()
            #expect(toChampion.count == 1 && toChampion[0].body.contains("is paused: Basic DBS check lapsed"))
            for coordinator in [officerUser.email, partnerUser.email] {
                let told = try await OutboxMessage.query(on: app.db).filter(\.$recipient == coordinator).all()
                #expect(told.count == 1 && told[0].body.contains("- Di Lapsed: Basic DBS check lapsed"), "\(coordinator)")
            }
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == AuditAction.championPaused.rawValue).count() == 1)
            #expect(try await ChampionChecks.pauseLapsed(councilID: nil, today: Self.today, now: Date(), on: app.db) == 0, "paused once")

            let resumed = try await officer.post(SiteURL.championStatus(.value(lapsed.id!)).path, form: [("status", "active")])
            #expect(resumed.status == .unprocessableEntity && resumed.contains("Basic DBS check lapsed on"))
            try await Self.record(required[1], for: lapsed, on: Self.today, on: app.db)
            #expect(try await officer.post(SiteURL.championStatus(.value(lapsed.id!)).path, form: [("status", "active")]).status == .seeOther)
            #expect(try await Champion.find(lapsed.id, on: app.db)?.status == .active)
        }
    }

    @Test(arguments: TestDatabase.available)
    func hoursAreBetween0And24AndTheReportAddsThemUp(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db)
            let champion = try await Self.champion("Fi Hours", in: place.partner, status: .active, on: app.db)
            let other = try await Self.champion("Gu Council", in: place.council, status: .active, on: app.db)
            let officer = Browser(app)
            try await officer.signIn(try await Fixture.user(.officer, in: place.council, on: app.db).email)
            let path = SiteURL.championHours(.value(champion.id!)).path
            for bad in ["-1", "24.5"] {
                let refused = try await officer.post(path, form: [("hours", bad)] + Self.dateFields("day", Self.today))
                #expect(refused.status == .unprocessableEntity && refused.contains("Hours must be more than 0 and no more than 24"), "\(bad)")
            }
            let future = try await officer.post(path, form: [("hours", "2")] + Self.dateFields("day", Self.today.adding(days: 1)))
            #expect(future.contains("The day must be today or in the past"))
            #expect(try await ChampionHoursEntry.query(on: app.db).count() == 0)

            let quarter = FinancialQuarter(containing: Self.today)
            let earlier = quarter.firstDay.adding(days: -1)
            #expect(try await officer.post(path, form: [("hours", "2.5")] + Self.dateFields("day", Self.today)).status == .seeOther)
            #expect(try await officer.post(path, form: [("hours", "1")] + Self.dateFields("day", earlier)).status == .seeOther)
            #expect(try await officer.post(SiteURL.championHours(.value(other.id!)).path, form: [("hours", "3")] + Self.dateFields("day", Self.today)).status == .seeOther)

            let all = try await officer.get(SiteURL.championsHours.path)
            #expect(all.contains("6.5 hours from 2 champions, all time"))
            let now = try await officer.get(SiteURL.championsHours.path(query: [("period", quarter.key)]))
            #expect(now.contains("5.5 hours from 2 champions, \(quarter.label)"))
            #expect(now.contains("<td class=\"govuk-table__cell\" data-label=\"Quarter\">\(FinancialQuarter(containing: earlier).label)</td>"))

            // A partner's report has only their own champions' hours.
            let partner = Browser(app)
            try await partner.signIn(try await Fixture.user(.partner, in: place.partner, on: app.db).email)
            let theirs = try await partner.get(SiteURL.championsHours.path)
            #expect(theirs.contains("3.5 hours from 1 champion, all time") && !theirs.contains("Gu Council"))

            // Time given at a session the champion ran is recorded against it; no other session is offered.
            let session = try await Fixture.session(councilID: place.council.id!, organisationID: place.partner.id!, startsIn: -86_400, title: "Tablet drop-in", on: app.db)
            let runner = SkillSessionRunner()
            (runner.sessionID, runner.championID, runner.name) = (session.id!, champion.id, champion.name)
            try await runner.create(on: app.db)
            let stranger = try await officer.post(path, form: [("hours", "2"), ("session", UUID().uuidString)] + Self.dateFields("day", Self.today))
            #expect(stranger.status == .unprocessableEntity && stranger.contains("Select a session this champion ran, or none") && stranger.contains("Tablet drop-in"))
            #expect(try await officer.post(path, form: [("hours", "2"), ("session", session.id!.uuidString)] + Self.dateFields("day", Self.today)).status == .seeOther)
            #expect(try await ChampionHoursEntry.query(on: app.db).filter(\.$sessionID == session.id!).count() == 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func anotherCouncilsOrAnotherPartnersChampionIsNotFound(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let home = try await Fixture.council("Home Council", on: app.db)
            let away = try await Fixture.council("Away Council", on: app.db)
            let otherPartner = Organisation(councilID: home.council.id!, name: "Home Advice", type: .charity)
            try await otherPartner.create(on: app.db)
            let champion = try await Self.champion("Hu Scoped", in: home.partner, status: .checking, on: app.db)
            for (user, expected) in [(try await Fixture.user(.officer, in: away.council, on: app.db), HTTPStatus.notFound),
                                     (try await Fixture.user(.partner, in: otherPartner, on: app.db), .notFound),
                                     (try await Fixture.user(.partner, in: home.partner, on: app.db), .ok)] {
                let browser = Browser(app)
                try await browser.signIn(user.email)
                #expect(try await browser.get(SiteURL.champion(.value(champion.id!)).path).status == expected, "\(user.email)")
                let list = try await browser.get(SiteURL.champions.path)
                #expect(list.contains("Hu Scoped") == (expected == .ok), "\(user.email)")
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func onlyAdministratorsChangeTheRequiredChecks(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db)
            let admin = Browser(app), officer = Browser(app)
            try await admin.signIn(try await Fixture.user(.admin, in: place.council, on: app.db).email)
            try await officer.signIn(try await Fixture.user(.officer, in: place.council, on: app.db).email)
            let refused = try await admin.post(SiteURL.championRequirements.path, form: [("kind", "dbs"), ("valid_months", "500")])
            #expect(refused.status == .unprocessableEntity && refused.contains("Select the level of DBS check"))
            #expect(try await admin.post(SiteURL.championRequirements.path, form: [("kind", "dbs"), ("dbs_level", "standard"), ("valid_months", "36")]).status == .seeOther)
            let row = try #require(try await ChampionRequiredCheck.query(on: app.db).first())
            #expect(try await officer.post(SiteURL.championRequirement(.value(row.id!)).path, form: [("dbs_level", "basic")]).status == .forbidden)
            #expect(try await admin.post(SiteURL.championRequirement(.value(row.id!)).path, form: [("dbs_level", "enhanced"), ("valid_months", "")]).status == .seeOther)
            #expect(try await officer.get(SiteURL.championRequirements.path).contains("Enhanced DBS check"))
            #expect(try await admin.post(SiteURL.removeChampionRequirement(.value(row.id!)).path, form: []).status == .seeOther)
            #expect(try await ChampionChecks.required(councilID: place.council.id!, on: app.db).isEmpty)
            #expect(try await admin.get(SiteURL.championRequirement(.value(row.id!)).path).status == .notFound)
        }
    }
}
