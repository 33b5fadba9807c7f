import Fluent
import Foundation
import Testing
import Vapor
@testable import OnrampCore
@testable import OnrampServer

extension Fixture {
    /// A session by phone run by `organisationID`, starting `startsIn` seconds from now.
    @discardableResult
    static func session(councilID: UUID, organisationID: UUID, kind: SessionKind = .dropIn, capacity: Int = 10, startsIn: TimeInterval = 3 * 86_400,
                        title: String = "Getting started with a tablet", on db: any Database) async throws -> SkillSession {
        let session = SkillSession()
        (session.councilID, session.organisationID, session.kind, session.title, session.summary, session.mode) = (councilID, organisationID, kind, title, "", .phone)
        (session.startsAt, session.endsAt, session.meetings, session.capacity, session.language, session.accessNotes) =
            (Date().addingTimeInterval(startsIn), Date().addingTimeInterval(startsIn + 7200), 1, capacity, "en", "")
        (session.skillsAreas, session.cancelled, session.bookingSequence, session.createdAt, session.updatedAt) = ([.communicating], false, 0, Date(), Date())
        try await session.create(on: db)
        return session
    }
}

/// Sessions and bookings end to end: the public booking and its link, the waiting list and
/// who is told, one place per person, refusals, many bookings at once, the register, staff and
/// referral bookings, reminders, what a champion sees, and the calendar feed.
@Suite struct SessionsTests {
    /// Books on the public page as a resident would; returns the page the form led to.
    static func book(_ browser: Browser, _ session: SkillSession, name: String, email: String, waitlist: Bool = false) async throws -> Browser.Page {
        _ = try await browser.get(SiteURL.session(.value(session.id!)).path)
        return try await browser.post(SiteURL.sessionBook(.value(session.id!)).path,
                                      form: [("name", name), ("way", "email"), ("email", email)] + (waitlist ? [("waitlist", "yes")] : []))
    }

    @Test(arguments: TestDatabase.available)
    func aResidentBooksJoinsTheWaitingListAndAFreedPlaceGoesToTheFirstWaiting(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db)
            let session = try await Fixture.session(councilID: place.council.id!, organisationID: place.partner.id!, capacity: 1, on: app.db)
            let resident = Browser(app)
            let booked = try await Self.book(resident, session, name: "Ada Lovelace", email: "ada@example.com")
            #expect(booked.status == .seeOther)
            let link = try #require(booked.location)
            #expect(link.hasPrefix("/sessions/bookings/"))
            let mine = try await resident.get(link)
            #expect(mine.status == .ok && mine.contains("Your place is booked") && mine.contains("Cancel my booking"))
            #expect(mine.headers.first(name: .cacheControl) == "no-store")

            // The same person again, written differently: refused, what they typed kept.
            let again = try await Self.book(Browser(app), session, name: "Ada L", email: " ADA@example.com")
            #expect(again.status == .unprocessableEntity && again.contains("already a booking") && again.contains("value=\"Ada L\""))

            // Full: offered the waiting list, with what they typed.
            let full = try await Self.book(Browser(app), session, name: "Grace Hopper", email: "grace@example.com")
            #expect(full.status == .unprocessableEntity && full.contains("now full") && full.contains("Join the waiting list") && full.contains("grace@example.com"))
            let waiting = try await Self.book(Browser(app), session, name: "Grace Hopper", email: "grace@example.com", waitlist: true)
            #expect(waiting.status == .seeOther)
            #expect(try await Browser(app).get(try #require(waiting.location)).contains("You are on the waiting list"))

            // Ada cancels: Grace has the place and is told by email.
            let cancelled = try await resident.post(link + "/cancel", form: [])
            #expect(cancelled.status == .seeOther)
            #expect(try await resident.get(link).contains("Your booking is cancelled"))
            let grace = try #require(try await SessionBooking.query(on: app.db).filter(\.$name == "Grace Hopper").first())
            #expect(grace.status == .booked)
            let told = try await OutboxMessage.query(on: app.db).filter(\.$recipient == "grace@example.com").all()
            #expect(told.count == 1 && told[0].subject == "A place has come free for you")

            // Ada may book again now that her place is given up; only the hash of her link is kept.
            #expect(try await SessionBooking.query(on: app.db).filter(\.$tokenHash == String(link.split(separator: "/").last!)).count() == 0)
            #expect(try await Self.book(Browser(app), session, name: "Ada Lovelace", email: "ada@example.com", waitlist: true).status == .seeOther)
            #expect(try await Browser(app).get("/sessions/bookings/not-a-real-booking-token-at-all").status == .notFound)
        }
    }

    @Test(arguments: TestDatabase.available)
    func startedAndCancelledSessionsTakeNoBookings(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db)
            let started = try await Fixture.session(councilID: place.council.id!, organisationID: place.partner.id!, startsIn: -60, on: app.db)
            let page = try await Self.book(Browser(app), started, name: "Ada", email: "ada@example.com")
            #expect(page.status == .unprocessableEntity && page.contains("already started"))
            let cancelled = try await Fixture.session(councilID: place.council.id!, organisationID: place.partner.id!, on: app.db)
            cancelled.cancelled = true
            try await cancelled.save(on: app.db)
            #expect(try await Self.book(Browser(app), cancelled, name: "Ada", email: "ada@example.com").contains("is cancelled"))
            #expect(try await SessionBooking.query(on: app.db).count() == 0)
        }
    }

    @Test(arguments: TestDatabase.available)
    func simultaneousBookingsNeverOverfillASession(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db)
            let session = try await Fixture.session(councilID: place.council.id!, organisationID: place.partner.id!, capacity: 5, on: app.db)
            let results = try await withThrowingTaskGroup(of: Result<SessionBookings.Made, BookingRule.Refusal>.self) { group in
                for number in 0..<50 {
                    group.addTask {
                        try await SessionBookings.book(session, .init(name: "Person \(number)", way: .email, contact: "p\(number)@example.com"), now: Date(), on: app.db)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(results.allSatisfy { if case .success = $0 { true } else { false } })
            let bookings = try await SessionBooking.query(on: app.db).filter(\.$sessionID == session.id!).all()
            #expect(bookings.filter { $0.status == .booked }.count == 5)
            #expect(bookings.filter { $0.status == .waitlisted }.count == 45)
            #expect(Set(bookings.map(\.position)).count == 50, "each joined at its own place in the queue")
        }
    }

    @Test(arguments: TestDatabase.available)
    func capacityIsNotCutBelowThePlacesBooked(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db)
            let officer = try await Fixture.user(.officer, in: place.council, on: app.db)
            let session = try await Fixture.session(councilID: place.council.id!, organisationID: place.council.id!, capacity: 3, on: app.db)
            for number in 0..<2 { _ = try await SessionBookings.book(session, .init(name: "P\(number)", way: .email, contact: "p\(number)@example.com"), now: Date(), on: app.db) }
            let staff = Browser(app)
            try await staff.signIn(officer.email)
            let form = try await staff.get(SiteURL.editSession(.value(session.id!)).path)
            #expect(form.status == .ok)
            let day = CalendarDay(session.startsAt, in: SessionReminder.london)
            let fields: [(String, String)] = [("title", "Tablets"), ("kind", "drop-in"), ("organisation", place.council.id!.uuidString.lowercased()), ("mode", "phone"),
                                              ("date-day", "\(day.day)"), ("date-month", "\(day.month)"), ("date-year", "\(day.year)"), ("starts", "10:00"), ("ends", "12:00"),
                                              ("capacity", "1"), ("language", "en"), ("areas", "communicating")]
            let refused = try await staff.post(SiteURL.editSession(.value(session.id!)).path, form: fields)
            #expect(refused.status == .unprocessableEntity && refused.contains("2 places are already booked"))
            #expect(try await SkillSession.find(session.id, on: app.db)?.capacity == 3)
            let saved = try await staff.post(SiteURL.editSession(.value(session.id!)).path, form: fields.map { $0.0 == "capacity" ? ("capacity", "2") : $0 })
            #expect(saved.status == .seeOther)
        }
    }

    @Test(arguments: TestDatabase.available)
    func staffBookForAResidentAndFromTheirSkillsReferral(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db)
            let officer = try await Fixture.user(.officer, in: place.council, on: app.db)
            let session = try await Fixture.session(councilID: place.council.id!, organisationID: place.council.id!, on: app.db)
            let staff = Browser(app)
            try await staff.signIn(officer.email)
            let phoned = try await staff.post(SiteURL.staffBooking(.value(session.id!)).path, form: [("name", "Sam Phone"), ("way", "phone"), ("phone", "020 7946 0000")])
            #expect(phoned.status == .seeOther)
            #expect(try await OutboxMessage.query(on: app.db).filter(\.$channel == MessageChannel.phone.rawValue).first()?.body.contains("Your place is booked") == true)

            let help = try await Fixture.helpCase(place, on: app.db)
            let list = try await staff.get(SiteURL.manageSessions.path(query: [("referral", help.referralID.uuidString)]))
            #expect(list.contains("Fixture Resident") && list.contains(SiteURL.referralSessionBooking(.value(help.referralID)).path))
            let fromReferral = try await staff.post(SiteURL.referralSessionBooking(.value(help.referralID)).path, form: [("session", session.id!.uuidString)])
            #expect(fromReferral.status == .seeOther)
            let booking = try #require(try await SessionBooking.query(on: app.db).filter(\.$referralID == help.referralID).first())
            #expect(booking.caseID == help.caseID && booking.status == .booked && booking.name == "Fixture Resident")
            #expect(try await CaseEvent.query(on: app.db).filter(\.$caseID == help.caseID).all().contains { $0.text.contains(session.title) })
            let page = try await staff.get(SiteURL.manageSession(.value(session.id!)).path)
            #expect(page.contains("Fixture Resident") && page.contains("Sam Phone") && page.contains(SiteURL.helpCase(.value(help.caseID)).path))
            let logged = try await AuditEvent.query(on: app.db).filter(\.$action == AuditAction.sessionBooked.rawValue).all()
            #expect(logged.count == 2 && logged.allSatisfy { !$0.summary.contains("Sam") && !$0.summary.contains("Fixture") }, "the audit log names nobody who booked")
        }
    }

    @Test(arguments: TestDatabase.available)
    func theRegisterOnTheDayAndWalkIns(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db)
            let partner = try await Fixture.user(.partner, in: place.partner, on: app.db)
            let session = try await Fixture.session(councilID: place.council.id!, organisationID: place.partner.id!, startsIn: 600, on: app.db)
            let came = try #require(try await SessionBookings.book(session, .init(name: "Came Along", way: .email, contact: "came@example.com"), now: Date(), on: app.db).get())
            let stayed = try #require(try await SessionBookings.book(session, .init(name: "Stayed Home", way: .email, contact: "home@example.com"), now: Date(), on: app.db).get())
            let staff = Browser(app)
            try await staff.signIn(partner.email)
            // The session has begun: today, in London.
            session.startsAt = Date().addingTimeInterval(-60)
            try await session.save(on: app.db)
            let register = try await staff.post(SiteURL.sessionRegister(.value(session.id!)).path, form: [
                ("attendance-\(came.booking.id!.uuidString)", "attended"), ("attendance-\(stayed.booking.id!.uuidString)", "did-not-come"),
            ])
            #expect(register.status == .seeOther)
            #expect(try await SessionBooking.find(came.booking.id, on: app.db)?.status == .attended)
            #expect(try await SessionBooking.find(stayed.booking.id, on: app.db)?.status == .noShow)
            #expect(try await staff.post(SiteURL.sessionWalkIn(.value(session.id!)).path, form: [("walk_in_name", "Walk In")]).status == .seeOther)
            let walkIn = try #require(try await SessionBooking.query(on: app.db).filter(\.$walkIn == true).first())
            #expect(walkIn.status == .attended && walkIn.name == "Walk In")
        }
    }

    @Test(arguments: TestDatabase.available)
    func aChampionSeesOnlyTheSessionsTheyRunAndOnlyFirstNames(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db)
            let champion = try await Fixture.user(.champion, in: place.partner, on: app.db)
            let theirs = try await Fixture.session(councilID: place.council.id!, organisationID: place.council.id!, title: "Theirs", on: app.db)
            let other = try await Fixture.session(councilID: place.council.id!, organisationID: place.partner.id!, title: "Someone else's", on: app.db)
            let runner = SkillSessionRunner()
            (runner.sessionID, runner.userID, runner.name) = (theirs.id!, champion.id!, "Test Champion")
            try await runner.create(on: app.db)
            _ = try await SessionBookings.book(theirs, .init(name: "Ada Lovelace", way: .sms, contact: "+447700900456", accessNeeds: "Large print"), now: Date(), on: app.db)
            let browser = Browser(app)
            try await browser.signIn(champion.email)
            let list = try await browser.get(SiteURL.manageSessions.path)
            #expect(list.contains("Theirs") && !list.contains("Someone else"))
            #expect(try await browser.get(SiteURL.manageSession(.value(other.id!)).path).status == .notFound)
            let page = try await browser.get(SiteURL.manageSession(.value(theirs.id!)).path)
            #expect(page.status == .ok && page.contains("Ada") && !page.contains("Lovelace") && page.contains("07700 900456") && page.contains("Large print"))
            #expect(try await browser.get(SiteURL.editSession(.value(theirs.id!)).path).status == .forbidden)
        }
    }

    @Test(arguments: TestDatabase.available)
    func remindersGoOnceTheDayBefore(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db)
            let session = try await Fixture.session(councilID: place.council.id!, organisationID: place.partner.id!, on: app.db)
            _ = try await SessionBookings.book(session, .init(name: "Ada", way: .sms, contact: "+447700900456"), now: Date(), on: app.db)
            let dayBefore = SessionReminder.day(for: session.startsAt)
            #expect(try await SessionReminders.remind(today: dayBefore.adding(days: -1), now: Date(), on: app.db) == 0)
            #expect(try await SessionReminders.remind(today: dayBefore, now: Date(), on: app.db) == 1)
            #expect(try await SessionReminders.remind(today: dayBefore, now: Date(), on: app.db) == 0)
            let sms = try await OutboxMessage.query(on: app.db).filter(\.$channel == MessageChannel.sms.rawValue).all()
            #expect(sms.count == 1 && sms[0].subject == "Your session is tomorrow")
        }
    }

    @Test(arguments: TestDatabase.available)
    func theCalendarFeedIsICalendar(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db)
            let session = try await Fixture.session(councilID: place.council.id!, organisationID: place.partner.id!, kind: .course, title: "Six weeks, online; with friends", on: app.db)
            session.meetings = 6
            try await session.save(on: app.db)
            let feed = try await Browser(app).get(SiteURL.sessionCalendar(.value(session.id!)).path)
            #expect(feed.status == .ok && feed.headers.contentType?.subType == "calendar")
            #expect(feed.body.hasPrefix("BEGIN:VCALENDAR\r\n") && feed.body.contains("RRULE:FREQ=WEEKLY;COUNT=6\r\n"))
            #expect(feed.body.replacingOccurrences(of: "\r\n ", with: "").contains("SUMMARY:Six weeks\\, online\\; with friends\r\n"))
            #expect(feed.body.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 75 })
        }
    }

    @Test(arguments: TestDatabase.available)
    func thePublicListingFiltersAndSaysWhenNothingMatches(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db)
            try await Fixture.session(councilID: place.council.id!, organisationID: place.partner.id!, kind: .course, title: "A course", on: app.db)
            try await Fixture.session(councilID: place.council.id!, organisationID: place.partner.id!, kind: .dropIn, title: "A drop-in", on: app.db)
            let all = try await Browser(app).get(SiteURL.sessions.path)
            #expect(all.status == .ok && all.contains("A course") && all.contains("A drop-in"))
            let courses = try await Browser(app).get(SiteURL.sessions.path(query: [("kind", "course")]))
            #expect(courses.contains("A course") && !courses.contains("A drop-in"))
            #expect(try await Browser(app).get(SiteURL.sessions.path(query: [("language", "pl")])).contains("No sessions found"))
            let badPostcode = try await Browser(app).get(SiteURL.sessions.path(query: [("postcode", "not a postcode")]))
            #expect(badPostcode.status == .unprocessableEntity && badPostcode.contains("Enter a full postcode"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func nearAPostcodeTheNearestPlaceComesFirstAndDaysFilter(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            try await DirectoryTests.loadDirectory(on: app.db)
            let council = try #require(try await Organisation.query(on: app.db).filter(\.$name == "Southwark Council").first())
            let point = try #require(try await PostcodePoint.find("SE1 7PB", on: app.db)).position
            let places = try await DirectoryLocation.query(on: app.db).all()
                .sorted { Distance.metres(point, NationalGrid.Position(latitude: $0.latitude!, longitude: $0.longitude!)) < Distance.metres(point, NationalGrid.Position(latitude: $1.latitude!, longitude: $1.longitude!)) }
            // The far place's session is sooner, yet the near one is listed first; the phone session last.
            for (place, title, days) in [(places.last!, "Far away", 2.0), (places.first!, "Close by", 5.0)] {
                let session = try await Fixture.session(councilID: council.id!, organisationID: council.id!, startsIn: days * 86_400, title: title, on: app.db)
                (session.mode, session.locationID) = (.inPerson, place.id)
                try await session.save(on: app.db)
            }
            let phone = try await Fixture.session(councilID: council.id!, organisationID: council.id!, startsIn: 86_400, title: "On the phone", on: app.db)
            let near = try await Browser(app).get(SiteURL.sessions.path(query: [("postcode", "SE1 7PB")]))
            let close = try #require(near.body.range(of: "Close by")), far = try #require(near.body.range(of: "Far away")), call = try #require(near.body.range(of: "On the phone"))
            #expect(close.lowerBound < far.lowerBound && far.lowerBound < call.lowerBound)
            #expect(near.contains(places.first!.name) && near.contains("miles)"))
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = SessionReminder.london
            let day = SessionSearchForm.days[(calendar.component(.weekday, from: phone.startsAt) + 5) % 7]
            let onThatDay = try await Browser(app).get(SiteURL.sessions.path(query: [("day", day)]))
            #expect(onThatDay.contains("On the phone") && !onThatDay.contains("Close by") && !onThatDay.contains("Far away"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func aSessionIsPublishedInTheORUKFeedWithItsSchedule(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db)
            let officer = try await Fixture.user(.officer, in: place.council, on: app.db)
            let staff = Browser(app)
            try await staff.signIn(officer.email)
            let day = CalendarDay(Date(), in: SessionReminder.london).adding(days: 3)
            let made = try await staff.post(SiteURL.newSession.path, form: [
                ("title", "Video calls"), ("kind", "course"), ("organisation", place.council.id!.uuidString.lowercased()), ("mode", "online"),
                ("date-day", "\(day.day)"), ("date-month", "\(day.month)"), ("date-year", "\(day.year)"), ("starts", "14:00"), ("ends", "15:30"),
                ("meetings", "6"), ("capacity", "12"), ("language", "en"), ("areas", "communicating"), ("areas", "being-safe-and-legal")])
            #expect(made.status == .seeOther)
            let session = try #require(try await SkillSession.query(on: app.db).filter(\.$title == "Video calls").first())
            #expect(session.meetings == 6 && session.skillsAreas == [.communicating, .beingSafe])
            let service = SessionDirectory.stableID("onramp-sessions:\(place.council.id!.uuidString)").uuidString.lowercased()
            let feed = try await Browser(app).get("/openreferral/services/\(service)").json(ORUK.Service.self)
            let schedule = try #require(feed.schedules?.first)
            #expect(schedule.id == session.id!.uuidString.lowercased() && schedule.freq == "WEEKLY" && schedule.opens_at == "14:00" && schedule.closes_at == "15:30")
            #expect(schedule.valid_from == day.iso && schedule.valid_to == day.adding(days: 35).iso && schedule.attending_type == "online")
            #expect(try await staff.post(SiteURL.cancelSession(.value(session.id!)).path, form: []).status == .seeOther)
            #expect(try await Browser(app).get("/openreferral/services/\(service)").json(ORUK.Service.self).schedules?.isEmpty != false)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aChampionWhoIsNotActiveCannotRunASession(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db)
            let officer = try await Fixture.user(.officer, in: place.council, on: app.db)
            let paused = try await ChampionsTests.champion("Pat Paused", in: place.council, status: .paused, on: app.db)
            let staff = Browser(app)
            try await staff.signIn(officer.email)
            let day = CalendarDay(Date(), in: SessionReminder.london).adding(days: 3)
            let page = try await staff.post(SiteURL.newSession.path, form: [
                ("title", "Email basics"), ("kind", "drop-in"), ("organisation", place.council.id!.uuidString.lowercased()), ("mode", "phone"),
                ("date-day", "\(day.day)"), ("date-month", "\(day.month)"), ("date-year", "\(day.year)"), ("starts", "10:00"), ("ends", "11:00"),
                ("capacity", "5"), ("language", "en"), ("areas", "communicating"), ("champions", paused.id!.uuidString.lowercased())])
            #expect(page.status == .unprocessableEntity && page.contains("Pat Paused is not an active champion") && page.contains("value=\"Email basics\""))
            #expect(try await SkillSession.query(on: app.db).count() == 0)
        }
    }
}
