import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
@testable import OnrampCore
@testable import OnrampServer

/// Retention, anonymising, subject access and erasure, over every table, on both databases.
@Suite struct PrivacyTests {
    /// A resident who asked for help online, in Southwark, with a SIM, messages, a note, an
    /// outcome, equality answers and a booking made with their phone number; and three others.
    static func world(_ app: Application) async throws -> (place: Fixture.Council, helpCase: HelpCase, resident: Resident) {
        let place = try await Fixture.council("Southwark Council", on: app.db)
        _ = try await DemoPlaces.load(from: SharedData.directory, councilID: place.council.id!, on: app.db, now: Date())
        _ = try await DemoDirectory.load(from: SharedData.directory, councilID: place.council.id!, now: Date(), on: app.db)
        let offers = try await HelpOffers.addStandard(councilID: place.council.id!, partner: { _ in place.partner.id! }, now: Date(), on: app.db)
        let now = Date()
        for (postcode, age) in [(InsightTests.postcodeB, "65-74"), (InsightTests.postcodeB, "25-49"), (nil, "18-24")] {
            try await InsightTests.resident(place, postcode: postcode, age: age, now: now, on: app.db)
        }
        let browser = Browser(app)
        _ = try await browser.get(SiteURL.help.path)
        var answers = HelpJourneyTests.answers
        answers["postcode"] = [InsightTests.postcodeA]
        let draft = try await HelpJourneyTests.triage(browser, from: try await browser.post(SiteURL.helpStart.path, form: []).location!, answers: answers)
        _ = try await browser.post(draft + "/your-help", form: [("offer", offers.first { $0.kind == .dataSIM }!.id!.uuidString)] + HelpJourneyTests.details)
        let helpCase = try #require(try await HelpCase.query(on: app.db).filter(\.$channel == .online).first())
        let resident = try #require(try await Resident.find(helpCase.residentID, on: app.db))
        #expect(resident.postcode == InsightTests.postcodeA && resident.phone != nil)
        let referral = try #require(try await Referral.query(on: app.db).filter(\.$caseID == helpCase.id!).first())
        (referral.status, referral.outcome, referral.updatedAt) = (.fulfilled, "Given to Ada Example at Walworth library", now)
        try await referral.save(on: app.db)
        try await CaseEvent(caseID: helpCase.id!, at: now, actor: "officer@council.test", text: "Note: Ada Example lives with her son").create(on: app.db)
        try await InsightTests.equalityAnswers(resident, ethnicity: "white", sex: "female", on: app.db)
        let session = try await Fixture.session(councilID: place.council.id!, organisationID: place.partner.id!, title: "Phone basics", on: app.db)
        try await Self.booking(session, name: "Ada Example", phone: resident, accessNeeds: "Large print please", token: "hash", now: now, on: app.db)
        // A place booked for them by phone, with no case: staff's task names them and the number.
        try await OutboxMessage(councilID: place.council.id!, channel: .phone, recipient: "Ada Example, \(PhoneNumber.display(resident.phone!))",
                                subject: "Your place is booked", body: "Hello Ada.", createdAt: now).create(on: app.db)
        // The SIM given on the referral, and what they could do when they started.
        let pack = DataPack()
        (pack.councilID, pack.batch, pack.kind, pack.network, pack.allowanceGB, pack.months, pack.expiresOn) = (place.council.id!, "B1", .sim, "Vodafone", 20, 6, "2027-12-31")
        (pack.codeSealed, pack.codeDigest, pack.codeEnding, pack.referralID, pack.givenOn, pack.givenBy) = ("sealed", "digest", "4321", referral.id, "2026-12-01", "officer@council.test")
        (pack.createdBy, pack.createdAt) = ("officer@council.test", now)
        try await pack.create(on: app.db)
        try await SkillsReview(councilID: place.council.id!, organisationID: place.partner.id!, residentID: resident.id, caseID: helpCase.id, referralID: referral.id, bookingID: nil,
                               stage: .start, snapshot: SkillsSnapshot(tasks: ["send-email": .withHelp], areas: [:], goals: []), recordedBy: "helper@partner.test", recordedAt: now).create(on: app.db)
        // Another council's booking by the same number is that council's record, not theirs.
        let elsewhere = try await Fixture.council("Elsewhere Council", on: app.db)
        let otherSession = try await Fixture.session(councilID: elsewhere.council.id!, organisationID: elsewhere.partner.id!, title: "Tablet basics", on: app.db)
        try await Self.booking(otherSession, name: "Ada Elsewhere", phone: resident, accessNeeds: "", token: "hash2", now: now, on: app.db)
        _ = try await NotificationQueue.sendDue(on: app.db, sender: OutboxSender(), now: now)
        return (place, helpCase, resident)
    }

    /// A place the resident booked themselves on `session`, by text to their phone number.
    static func booking(_ session: SkillSession, name: String, phone resident: Resident, accessNeeds: String, token: String, now: Date, on db: any Database) async throws {
        let booking = SessionBooking()
        (booking.councilID, booking.sessionID, booking.name, booking.contactWay, booking.contact) = (session.councilID, session.id!, name, .sms, resident.phone!)
        (booking.contactKey, booking.accessNeeds, booking.tokenHash, booking.status, booking.position, booking.walkIn) = (resident.searchPhone, accessNeeds, token, .booked, 1, false)
        (booking.bookedBy, booking.createdAt, booking.updatedAt) = ("The resident", now, now)
        try await booking.create(on: db)
    }

    /// What the insight pages count, in a form that compares whole.
    static func figures(_ scope: Scope, on db: any Database) async throws -> [String] {
        let reach = try await AreaReach.load(scope, period: nil, on: db)
        let equality = try await Equality.load(scope, period: nil, on: db)
        let programme = try await ProgrammeFigures.load(scope, today: WorkingDays.today(Date()), on: db)
        var lines = reach.reached.sorted { $0.key < $1.key }.map { "reach \($0.key) \($0.value)" } + ["unplaced \(reach.unplaced)"]
        lines += ["equality \(equality.recorded.map(\.cells)) \(equality.people) \(equality.comparisons.map { $0.lines.map(\.helped) })"]
        lines += programme.quarters.map { "quarter \($0.key) \(programme[$0])" }
        for segment in [OutcomeSegment.everyone, .age, .disability, .language, .imdDecile, .riskBand] {
            let offered = try await WhatWorksQueries.load(scope, period: nil, segment: segment, on: db)
            lines += offered.map { "what works \(segment.rawValue) \($0.offer.name) \($0.records.map { "\($0)" }.sorted())" }
        }
        return lines
    }

    @Test(arguments: TestDatabase.available)
    func anonymisingLeavesEveryFigureAsItWasAndNothingThatIdentifiesTheResident(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let (place, helpCase, resident) = try await Self.world(app)
            let scope = Scope(councilID: place.council.id!, organisationID: nil)
            let before = try await Self.figures(scope, on: app.db)
            #expect(before.contains("reach \(InsightTests.areaA) 1") && before.contains("reach \(InsightTests.areaB) 2"), "the resident in area A, two others in B")
            let phone = try #require(resident.phone), search = try #require(resident.searchPhone)
            let traces = ["Ada Example", phone, search, "2005-04-03", "Large print please", "lives with her son", "Walworth library"]
            let held = try await DatabaseFingerprint.take(app.db)
            #expect(traces.allSatisfy { trace in held.values.joined().contains { $0.contains(trace) } }, "each is somewhere before")

            let changed = try await Anonymiser.resident(resident.id!, now: Date(), on: app.db)
            #expect(changed.residents == 1 && changed.cases == 1 && changed.referrals == 1 && changed.bookings == 1 && changed.messages >= 1)
            #expect(try await Self.figures(scope, on: app.db) == before, "the figures are the same")

            let after = try await DatabaseFingerprint.take(app.db)
            for (table, rows) in after {
                for trace in traces { #expect(!rows.contains { $0.contains(trace) && !$0.contains("Ada Elsewhere") }, "\(table) still holds \(trace)") }
            }
            #expect(try await SessionBooking.query(on: app.db).filter(\.$name == "Ada Elsewhere").first()?.contact == phone, "another council's record is left alone")
            let unsent: [String] = [MessageStatus.queued, .retrying, .forStaff].map(\.rawValue)
            #expect(try await OutboxMessage.query(on: app.db).filter(\.$caseID == helpCase.id!).filter(\.$status ~~ unsent).count() == 0, "nothing left to send to them")
            // The postcode stays only in the open data it came from.
            for (table, rows) in after where !["postcodes", "directory_locations", "directory_services", "library_points"].contains(table) {
                #expect(!rows.contains { $0.contains(InsightTests.postcodeA) }, "\(table) still holds the postcode")
            }
            let kept = try #require(try await Resident.find(resident.id, on: app.db))
            #expect(kept.name == Anonymiser.residentName && kept.areaLSOA21 == InsightTests.areaA && kept.anonymisedAt != nil && kept.language == resident.language)
            #expect(try await HelpCase.find(helpCase.id, on: app.db)?.triageAnswers.first("age") == "18-24")
        }
    }

    @Test(arguments: TestDatabase.available)
    func theDailyRunAppliesEachCouncilsSettingsAndSaysWhatItDid(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let (place, helpCase, resident) = try await Self.world(app)
            let councilID = place.council.id!
            let now = Date()
            let sql = app.db as! any SQLDatabase
            // Staff passed the message on by hand.
            try await sql.update(OutboxMessage.schema).set("status", to: MessageStatus.done.rawValue).run()
            // Nothing is due yet: the case closed today.
            #expect(try await Retention.due(councilID: councilID, policy: .standard, at: now, on: app.db) == .init(messages: 0))
            let twoYears = Retention.Cutoffs(.standard, at: now.addingTimeInterval(800 * 86400))
            #expect(twoYears.closedCases > now)
            let later = try await Retention.due(councilID: councilID, policy: .standard, at: now.addingTimeInterval(800 * 86400), on: app.db)
            #expect(later.residents == 4 && later.messages >= 1, "the resident and the three others, whose cases have no referral open")

            // An unfinished triage from 40 days ago, a champion who left 13 months ago.
            let draft = TriageDraft()
            (draft.token, draft.councilID, draft.channel, draft.answers, draft.updatedAt) = ("t-\(UUID())", councilID, .online, "{}", now.addingTimeInterval(-40 * 86400))
            try await draft.create(on: app.db)
            let champion = try await ChampionsTests.champion("Grace Example", in: place.partner, status: .left, email: "grace@example.com", on: app.db)
            champion.statusSince = now.addingTimeInterval(-400 * 86400)
            try await champion.save(on: app.db)
            let requirement = try #require(try await ChampionsTests.requirements(councilID, on: app.db).first)
            try await ChampionsTests.record(requirement, for: champion, on: WorkingDays.today(now), on: app.db)
            try await (app.db as! any SQLDatabase).update(ChampionCheck.schema).set("note", to: "References from Grace's vicar").run()
            // What they were sent, and the account they signed in with.
            try await OutboxMessage(councilID: councilID, channel: .email, recipient: "grace@example.com", subject: "You are now a digital champion",
                                    body: "Hello Grace", createdAt: now).create(on: app.db)
            let account = try await Fixture.user(.champion, email: "grace@example.com", in: place.partner, on: app.db)
            champion.userID = account.id
            try await champion.save(on: app.db)

            // An administrator keeps cases for 6 months only; the case is moved 7 months back.
            let admin = Browser(app)
            try await admin.signIn(try await Fixture.user(.admin, in: place.council, on: app.db).email)
            _ = try await admin.get(SiteURL.retention.path)
            let refused = try await admin.post(SiteURL.retention.path, form: [("closed_case_months", "2"), ("unanswered_days", "30"), ("message_body_days", "90"), ("champion_left_months", "12")])
            #expect(refused.status == .unprocessableEntity && refused.contains("from 6 to 120") && refused.contains("value=\"2\""))
            let saved = try await admin.post(SiteURL.retention.path, form: [("closed_case_months", "6"), ("unanswered_days", "30"), ("message_body_days", "90"), ("champion_left_months", "12")])
            #expect(saved.status == .seeOther)
            let sevenMonthsAgo = now.addingTimeInterval(-213 * 86400)
            try await sql.update(Resident.schema).set("created_at", to: sevenMonthsAgo).where("id", .equal, resident.id!).run()
            try await sql.update(HelpCase.schema).set("created_at", to: sevenMonthsAgo).where("id", .equal, helpCase.id!).run()
            try await sql.update(Referral.schema).set("updated_at", to: sevenMonthsAgo).set("created_at", to: sevenMonthsAgo).where("case_id", .equal, helpCase.id!).run()
            try await sql.update(OutboxMessage.schema).set("created_at", to: sevenMonthsAgo).where("case_id", .equal, helpCase.id!).run()
            let page = try await admin.get(SiteURL.retention.path)
            #expect(page.contains("Residents to anonymise</td>") && page.contains("value=\"6\""))

            let ran = try await Scheduler.runDue(baseURL: "", now: now, on: app.db, logger: app.logger)
            #expect(ran.contains(.retention))
            let counts = try await Retention.apply(councilID: councilID, now: now, deadline: .now.advanced(by: Retention.runBudget), on: app.db)
            #expect(counts == .init(), "everything due went in the scheduler's run")
            #expect(try await Resident.find(resident.id, on: app.db)?.anonymisedAt != nil)
            #expect(try await Resident.query(on: app.db).filter(\.$anonymisedAt == nil).count() == 3, "the others' cases are from today")
            #expect(try await TriageDraft.find(draft.id, on: app.db) == nil)
            #expect(try await Champion.find(champion.id, on: app.db)?.name == Anonymiser.championName)
            #expect(try await ChampionCheck.query(on: app.db).filter(\.$championID == champion.id!).first()?.note == "", "their checks stay, without the notes")
            #expect(try await OutboxMessage.query(on: app.db).filter(\.$recipient == "grace@example.com").count() == 0, "nor what they were sent")
            let closed = try #require(try await User.find(account.id, on: app.db))
            #expect(!closed.isActive && closed.name == Anonymiser.championName && closed.email.hasSuffix("@anonymised.invalid"), "their account is closed and keeps no name or email")
            let run = try #require(try await AuditEvent.query(on: app.db).filter(\.$action == AuditAction.retentionApplied.rawValue).filter(\.$councilID == councilID).sort(\.$occurredAt, .descending).first())
            #expect(run.summary.hasPrefix("1 residents anonymised, 1 unfinished triages deleted") && run.summary.contains("1 former champions anonymised"), "\(run.summary)")
            let batches = try await AuditEvent.query(on: app.db).filter(\.$action == AuditAction.retentionResidents.rawValue).all()
            #expect(batches.map(\.summary) == ["1 residents anonymised"], "each batch of residents is on the record as it is done")
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == AuditAction.retentionChanged.rawValue).count() == 1)
            // Daily: not again within the day.
            #expect(try await Scheduler.runDue(baseURL: "", now: now.addingTimeInterval(7200), on: app.db, logger: app.logger).contains(.retention) == false)
        }
    }

    /// The log refuses every change but one: the daily run clears IP addresses older than
    /// `Retention.addressDays`, the council's and those of no council alike.
    @Test(arguments: TestDatabase.available)
    func theAuditLogKeepsAddressesNinetyDaysAndRefusesEveryOtherChange(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db)
            let now = Date()
            var lines: [AuditEvent] = []
            for (days, councilID) in [(91, place.council.id), (91, nil), (89, place.council.id)] as [(Double, UUID?)] {
                let line = AuditEvent(occurredAt: now.addingTimeInterval(-days * 86400), councilID: councilID, organisationID: nil, actorID: nil, actor: "a visitor",
                                      action: AuditAction.caseCreated.rawValue, recordType: "case", recordID: nil, summary: "Asked for help", ipAddress: "203.0.113.9")
                try await line.create(on: app.db)
                lines.append(line)
            }
            let sql = app.db as! any SQLDatabase
            let id = lines[0].id!
            for change in [sql.update(AuditEvent.schema).set("summary", to: "Changed"), sql.update(AuditEvent.schema).set("ip_address", to: "198.51.100.1"),
                           sql.update(AuditEvent.schema).set("ip_address", to: SQLLiteral.null).set("actor", to: "someone else")] {
                await #expect(throws: (any Error).self) { try await change.where("id", .equal, id).run() }
            }
            await #expect(throws: (any Error).self) { try await sql.delete(from: AuditEvent.schema).where("id", .equal, id).run() }
            let columns = try await LiveSchema.read(app.db).tables[AuditEvent.schema]?.map(\.name) ?? []
            #expect(Set(columns) == Set(AuditLogForgetsPeople.fixedColumns + ["ip_address"]), "SQLite's trigger names every column but the address")
            #expect(try await Retention.due(councilID: place.council.id!, policy: .standard, at: now, on: app.db).addresses == 1)

            let counts = try await Retention.run(now: now, on: app.db)
            #expect(counts.addresses == 2)
            var after: [AuditEvent] = []
            for line in lines { after.append(try #require(try await AuditEvent.find(line.id, on: app.db))) }
            #expect(after.map(\.ipAddress) == [nil, nil, "203.0.113.9"])
            #expect(after.map(\.summary) == ["Asked for help", "Asked for help", "Asked for help"] && after[0].actor == "a visitor")

            // A log from before this release: a champion's account named by its email, as the one who
            // acted and in summaries, and a champion named in a summary. The migration takes them out.
            try await AuditLogForgetsPeople().revert(on: app.db)
            let account = try await Fixture.user(.champion, email: "bo@example.com", in: place.partner, on: app.db)
            for (action, summary) in [(AuditAction.userInvited, "Queued an invitation to bo@example.com as champion"), (.championPaused, "Paused Bo Example: the DBS check lapsed"), (.signIn, "Signed in")] {
                try await AuditEvent(occurredAt: now, councilID: place.council.id, organisationID: place.partner.id, actorID: action == .signIn ? account.id : nil,
                                     actor: action == .signIn ? "bo@example.com" : "officer@council.test", action: action.rawValue, recordType: "user",
                                     recordID: account.id?.uuidString, summary: summary, ipAddress: nil).create(on: app.db)
            }
            try await AuditLogForgetsPeople().prepare(on: app.db)
            let log = try await AuditEvent.query(on: app.db).all()
            #expect(!log.contains { ($0.actor + $0.summary).contains("bo@example.com") || $0.summary.contains("Bo Example") })
            #expect(log.filter { $0.actor == AuditActor.championLabel }.count == 1 && log.filter { $0.summary == AuditLogForgetsPeople.replaced }.count == 2)
            await #expect(throws: (any Error).self) { try await sql.update(AuditEvent.schema).set("summary", to: "Changed").where("id", .equal, id).run() }
        }
    }

    /// A record merged into one that was itself merged: who looked at it is on the record it
    /// ended in, however many merges back, as anonymising and the copy follow them.
    @Test(arguments: TestDatabase.available)
    func whoHasLookedFollowsEveryMerge(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db)
            var chain: [Resident] = []
            for name in ["Kept", "Merged once", "Merged twice"] {
                let resident = Resident()
                (resident.councilID, resident.name, resident.createdAt, resident.mergedIntoID) = (place.council.id!, name, Date(), chain.last?.id)
                (resident.contactBy, resident.contactWhen, resident.language, resident.accessNeeds) = ("sms", "", "english", "")
                try await resident.create(on: app.db)
                chain.append(resident)
            }
            let officer = try await Fixture.user(.officer, email: "looker@southwark.test", in: place.council, on: app.db)
            let actor = AuditActor(userID: officer.id, label: officer.email, organisationID: place.council.id, councilID: place.council.id, ipAddress: nil)
            try await AuditViewWriter().record(AuditView([chain[2].id!], on: "case TEST", by: actor, now: Date())!, on: app.db)
            #expect(try await Resident.withMerged(chain[0].id!, on: app.db).count == 3)
            #expect(try await CaseQueries.looks(at: chain[0], on: app.db).map(\.who) == ["looker@southwark.test"])
        }
    }

    @Test(arguments: TestDatabase.available)
    func anAdministratorGivesACopyOfEverythingAndErasesWithAReason(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let (place, helpCase, resident) = try await Self.world(app)
            let officer = Browser(app)
            try await officer.signIn(try await Fixture.user(.officer, email: "officer@southwark.test", in: place.council, on: app.db).email)
            #expect(try await officer.get(SiteURL.helpCase(.value(helpCase.id!)).path).status == .ok)
            #expect(try await officer.get(SiteURL.personalData(.value(helpCase.id!)).path).status == .forbidden, "administrators only")

            let admin = Browser(app)
            try await admin.signIn(try await Fixture.user(.admin, in: place.council, on: app.db).email)
            #expect(try await admin.get(SiteURL.helpCase(.value(helpCase.id!)).path).contains(SiteURL.personalData(.value(helpCase.id!)).path))
            let json = try await admin.get(SiteURL.personalDataJSON(.value(helpCase.id!)).path)
            #expect(json.status == .ok && json.headers.first(name: .contentDisposition)?.contains("attachment") == true)
            let copy = try JSONDecoder().decode(SubjectAccessCopy.self, from: Data(json.body.utf8))
            #expect(copy.people.first?.name == "Ada Example" && copy.people.first?.phone == resident.phone)
            #expect(copy.cases.first?.reference == helpCase.referenceNumber.description && copy.cases.first?.referrals.first?.outcome?.contains("Walworth") == true)
            #expect(copy.cases.first?.events.contains { $0.text.contains("lives with her son") } == true)
            #expect(!copy.messages.isEmpty && copy.bookings.first?.session == "Phone basics" && copy.equality.first?.ethnicity == "white")
            #expect(copy.looks.contains { $0.who == "officer@southwark.test" }, "who has looked at the record")
            #expect(copy.cases.first?.dataGiven.first?.codeEnding == "4321" && copy.skills.first?.skills?.tasks["send-email"] == .withHelp)
            #expect(copy.messages.contains { $0.to.hasPrefix("Ada Example, ") }, "the phone task for a booking made without a case")
            let printable = try await admin.get(SiteURL.personalDataCopy(.value(helpCase.id!)).path)
            #expect(printable.status == .ok && printable.contains("Everything Southwark Council holds about you") && printable.contains("officer@southwark.test"))
            #expect(printable.contains("code ending 4321") && printable.contains("send-email: with help"))
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == AuditAction.subjectAccessGiven.rawValue).count() == 2)

            // A reason and a confirmation are needed; the reason typed is kept.
            let refused = try await admin.post(SiteURL.personalDataErase(.value(helpCase.id!)).path, form: [("reason", "They asked by phone")])
            #expect(refused.status == .unprocessableEntity && refused.contains("cannot be undone") && refused.contains("They asked by phone"))
            let erased = try await admin.post(SiteURL.personalDataErase(.value(helpCase.id!)).path, form: [("reason", "They asked by phone"), ("confirm", "yes")])
            #expect(erased.status == .seeOther)
            #expect(try await admin.get(erased.location!).contains("Their personal data has been erased"))
            let event = try #require(try await AuditEvent.query(on: app.db).filter(\.$action == AuditAction.residentErased.rawValue).first())
            #expect(event.summary.contains("Reason: They asked by phone") && !event.summary.contains("Ada") && event.recordID == resident.id!.uuidString)
            let afterwards = try JSONDecoder().decode(SubjectAccessCopy.self, from: Data(try await admin.get(SiteURL.personalDataJSON(.value(helpCase.id!)).path).body.utf8))
            #expect(afterwards.people.first?.name == Anonymiser.residentName && afterwards.people.first?.phone == nil && afterwards.people.first?.anonymisedAt != nil)
            // The audit log names no resident anywhere.
            let log = try await AuditEvent.query(on: app.db).all().map(\.summary).joined(separator: "\n")
            #expect(!log.contains("Ada") && !log.contains(resident.phone!))
        }
    }
}
