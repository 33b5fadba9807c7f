import Fluent
import Foundation
import Testing
import Vapor
@testable import OnrampCore
@testable import OnrampServer

/// A resident's whole journey over real HTTP: the questions, the package, asking for help, the
/// partner's work, and /track.
@Suite struct HelpJourneyTests {
    static let answers: [String: [String]] = [
        "devices": ["smartphone"], "device-ownership": ["own"], "connection": ["mobile-data"], "enough-internet": ["sometimes"],
        "age": ["18-24"], "benefits": ["universal-credit"], "income": ["under-16k"], "struggling": ["yes"], "about-you": ["care-leaver"],
        "safety": ["fairly"], "wants": ["work"], "access-needs": ["none"], "language": ["english"], "contact-by": ["sms"],
        "contact-when": ["any"], "lives-in-area": ["yes"], "postcode": ["se1 7pb"],
    ]

    /// Answers every question from the first page's address until check-your-answers; returns
    /// the draft's base path ("/help/TOKEN").
    static func triage(_ browser: Browser, from location: String, answers: [String: [String]] = answers) async throws -> String {
        var path = location
        for _ in 0..<30 {
            if path.hasSuffix("/check") { return String(path.dropLast("/check".count)) }
            let question = String(path.split(separator: "/").last!.split(separator: "?").first!)
            let page = try await browser.get(path)
            #expect(page.status == .ok, "\(path)")
            let fields: [(String, String)] = question == "skills"
                ? TriageQuestions.skillTasks.enumerated().map { ("skills.\($1.value)", $0 < 6 ? "alone" : "cannot") }
                : (answers[question] ?? []).map { (question, $0) }
            let answered = try await browser.post(path, form: fields)
            #expect(answered.status == .seeOther, "\(question): \(answered.body.prefix(300))")
            path = try #require(answered.location)
        }
        Issue.record("never reached check your answers")
        return ""
    }

    static func setUp(_ app: Application) async throws -> (Fixture.Council, [HelpOffer]) {
        let place = try await Fixture.council(on: app.db)
        let offers = try await HelpOffers.addStandard(councilID: place.council.id!, partner: { _ in place.partner.id! }, now: Date(), on: app.db)
        return (place, offers)
    }

    static let details: [(String, String)] = [("name", "Ada Example"), ("dob-day", "3"), ("dob-month", "4"), ("dob-year", "2005"), ("phone", "07700 900123"), ("consent", "yes")]

    @Test(arguments: TestDatabase.available)
    func residentAsksForHelpAndTracksItToFulfilment(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            // Setup
            let (place, offers) = try await Self.setUp(app)
            let resident = Browser(app)
            #expect(try await resident.get(SiteURL.help.path).contains("Start now"))
            let started = try await resident.post(SiteURL.helpStart.path, form: [])
            let draft = try await Self.triage(resident, from: try #require(started.location))

            // The package: offers with reasons, the ones not for this resident on request.
            let result = try await resident.get(draft + "/your-help")
            #expect(result.contains("Because you live in the council\u{2019}s area, you have no laptop, tablet or computer of your own and you are on a low income"))
            #expect(result.contains("Help you cannot get, and why"))
            #expect(result.contains("Hyperoptic Fair Fibre"))

            // Bad input: kept and explained.
            let deviceLoan = offers.first { $0.kind == .deviceLoan }!.id!.uuidString.lowercased()
            let refused = try await resident.post(draft + "/your-help", form: [("offer", deviceLoan), ("name", "Ada Example"), ("dob-day", "31"), ("dob-month", "2"), ("dob-year", "2005"), ("phone", "020 7946 0000")])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.contains("Date of birth must be a real date"))
            #expect(refused.contains("Enter a mobile number, like 07700 900123, so we can text you"))
            #expect(refused.contains("Tick the box to agree"))
            #expect(refused.contains("value=\"Ada Example\""))
            #expect(try await HelpCase.query(on: app.db).count() == 0)

            // Ask, twice (a double click): one case, one message with the reference.
            let dataSIM = offers.first { $0.kind == .dataSIM }!.id!.uuidString.lowercased()
            let form = [("offer", deviceLoan), ("offer", dataSIM)] + Self.details
            let asked = try await resident.post(draft + "/your-help", form: form)
            #expect(asked.status == .seeOther)
            #expect(try await resident.post(draft + "/your-help", form: form).location == draft + "/done")
            #expect(try await HelpCase.query(on: app.db).count() == 1)
            let helpCase = try #require(try await HelpCase.query(on: app.db).first())
            let reference = try #require(ReferenceNumber(typed: helpCase.reference))
            #expect(try await resident.get(draft + "/done").contains(reference.description))
            let messages = try await OutboxMessage.query(on: app.db).all()
            #expect(messages.count == 1)
            #expect(messages[0].channel == "sms" && messages[0].recipient == "+447700900123" && messages[0].body.contains(reference.description))
            let referrals = try await Referral.query(on: app.db).all()
            #expect(referrals.count == 2 && referrals.allSatisfy { $0.status == .received && $0.organisationID == place.partner.id })
            #expect(try await HelpOffer.find(offers.first { $0.kind == .deviceLoan }!.id, on: app.db)?.available == 14, "stock counts down")

            // The partner works the referral.
            let partnerUser = try await Fixture.user(.partner, in: place.partner, on: app.db)
            let partner = Browser(app)
            try await partner.signIn(partnerUser.email)
            let queue = try await partner.get(SiteURL.referrals.path)
            #expect(queue.contains(reference.description) && queue.contains("Ada Example"))
            let loan = try #require(referrals.first { $0.offerID == offers.first { $0.kind == .deviceLoan }!.id })
            let tooSoon = try await partner.post(SiteURL.referralStatus(.value(loan.id!)).path, form: [("status", "fulfilled")])
            #expect(tooSoon.status == .unprocessableEntity && tooSoon.contains("A device referral is fulfilled by handing a device over"))
            #expect(try await partner.post(SiteURL.referralStatus(.value(loan.id!)).path, form: [("status", "contacted")]).status == .seeOther)
            // A laptop is given only by its handover from Devices: not offered, and refused if sent.
            let contacted = try await partner.get(SiteURL.referral(.value(loan.id!)).path)
            #expect(!contacted.contains("value=\"fulfilled\"") && contacted.contains("Hand a ready device over from its page in"))
            let byHand = try await partner.post(SiteURL.referralStatus(.value(loan.id!)).path, form: [("status", "fulfilled"), ("outcome", "Laptop handed over")])
            #expect(byHand.status == .unprocessableEntity && byHand.contains("A device referral is fulfilled by handing a device over") && byHand.contains("Laptop handed over"))
            #expect(try await Referral.find(loan.id, on: app.db)?.status == .contacted)
            #expect(try await partner.post(SiteURL.referralStatus(.value(loan.id!)).path, form: [("status", "in-progress"), ("outcome", "Laptop being set up")]).status == .seeOther)
            let back = try await partner.post(SiteURL.referralStatus(.value(loan.id!)).path, form: [("status", "contacted")])
            #expect(back.contains("Give a reason for moving the referral back"))
            #expect(try await OutboxMessage.query(on: app.db).count() == 3, "a message for each status change")
            let events = try await CaseEvent.query(on: app.db).filter(\.$referralID == loan.id!).all().map(\.text)
            #expect(events.contains { $0.contains("Contacted \u{2192} In progress. Outcome: Laptop being set up") })

            // Another partner's staff cannot see it.
            let other = try await Fixture.council("Elsewhere Council", on: app.db)
            let stranger = Browser(app)
            try await stranger.signIn(try await Fixture.user(.partner, in: other.partner, on: app.db).email)
            #expect(try await stranger.get(SiteURL.referral(.value(loan.id!)).path).status == .notFound)

            // The resident tracks it.
            let tracker = Browser(app)
            _ = try await tracker.get(SiteURL.track.path)
            let tracked = try await tracker.post(SiteURL.track.path, form: [("reference", reference.description.lowercased()), ("postcode", "se17pb")])
            #expect(tracked.status == .ok && tracked.contains("In progress") && tracked.contains("Received"))
            let byBirth = try await tracker.post(SiteURL.track.path, form: [("reference", reference.value), ("dob-day", "03"), ("dob-month", "04"), ("dob-year", "2005")])
            #expect(byBirth.contains("They are working on it."))
            let wrong = try await tracker.post(SiteURL.track.path, form: [("reference", reference.value), ("postcode", "SE1 1AA")])
            #expect(wrong.status == .unprocessableEntity && wrong.contains("We could not find a request with those details"))
            for _ in 0..<9 { _ = try await tracker.post(SiteURL.track.path, form: [("reference", reference.value), ("postcode", "SE1 1AA")]) }
            #expect(try await tracker.post(SiteURL.track.path, form: [("reference", reference.value), ("postcode", "se17pb")]).status == .tooManyRequests)
        }
    }

    @Test(arguments: TestDatabase.available)
    func officerCompletesTheTriageForAResident(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let (place, _) = try await Self.setUp(app)
            let officerUser = try await Fixture.user(.officer, in: place.council, on: app.db)
            let officer = Browser(app)
            try await officer.signIn(officerUser.email)
            let refused = try await officer.post(SiteURL.assistResident.path, form: [])
            #expect(refused.status == .unprocessableEntity && refused.contains("Select how you are helping the resident"))
            let started = try await officer.post(SiteURL.assistResident.path, form: [("channel", "phone")])
            let first = try await officer.get(try #require(started.location))
            #expect(first.contains("You are answering for a resident (assisted, on the phone)"))
            var answers = Self.answers
            answers["contact-by"] = ["letter"]
            let draft = try await Self.triage(officer, from: started.location!, answers: answers)
            let noAddress = try await officer.post(draft + "/your-help", form: [("offer", try await HelpOffer.query(on: app.db).filter(\.$kind == .deviceLoan).first()!.id!.uuidString)] + Self.details)
            #expect(noAddress.contains("Enter your address, as you asked us to write to you"))
            let asked = try await officer.post(draft + "/your-help", form: [("offer", try await HelpOffer.query(on: app.db).filter(\.$kind == .deviceLoan).first()!.id!.uuidString), ("address", "1 Test Street\nLondon\nSE1 7PB")] + Self.details)
            #expect(asked.status == .seeOther)
            let helpCase = try #require(try await HelpCase.query(on: app.db).first())
            #expect(helpCase.channel == .phone && helpCase.createdBy == officerUser.id)
            // The last page is for the officer: what to tell the resident, and the case; not "someone will phone you".
            let taken = try await officer.get(try #require(asked.location))
            #expect(taken.contains("Request made for Ada Example") && taken.contains("Read them their reference") && !taken.contains("Someone will phone you"))
            #expect(taken.contains("href=\"\(SiteURL.helpCase(.value(helpCase.id!)).path)\""))
            // No Notify: the letter waits for staff, listed as a task, once the day's letters go.
            try await NotificationQueue.sendDue(on: app.db, sender: OutboxSender(), now: LetterPost.goes(writtenAt: Date()))
            let tasks = try await officer.get(SiteURL.caseTasks.path)
            #expect(tasks.contains("Post a letter") && tasks.contains("1 Test Street"))
            let casePage = try await officer.get(SiteURL.helpCase(.value(helpCase.id!)).path)
            #expect(casePage.contains("Assisted, on the phone") && casePage.contains(officerUser.email))
            #expect(!casePage.contains("Equality monitoring"), "officers do not see equality answers")
        }
    }

    @Test(arguments: TestDatabase.available)
    func aSecondRequestFromTheSamePersonIsFlaggedAndCanBeMerged(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let (place, offers) = try await Self.setUp(app)
            for _ in 0..<2 {
                let resident = Browser(app)
                _ = try await resident.get(SiteURL.help.path)
                let draft = try await Self.triage(resident, from: try await resident.post(SiteURL.helpStart.path, form: []).location!)
                _ = try await resident.post(draft + "/your-help", form: [("offer", offers.first { $0.kind == .skillsCourse }!.id!.uuidString)] + Self.details)
            }
            let duplicate = try #require(try await PossibleDuplicate.query(on: app.db).first())
            #expect(duplicate.matchedOn == "name, date of birth and postcode, phone number")
            let admin = Browser(app)
            try await admin.signIn(try await Fixture.user(.admin, in: place.council, on: app.db).email)
            #expect(try await admin.get(SiteURL.duplicates.path).contains("Same name, date of birth and postcode, phone number?"))
            #expect(try await CasesTests.confirmMerge(admin, duplicate.id!).status == .seeOther)
            let cases = try await HelpCase.query(on: app.db).all()
            #expect(cases.count == 2 && Set(cases.map(\.residentID)) == [duplicate.existingID], "both cases kept, on one record")
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == AuditAction.residentsMerged.rawValue).count() == 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aMergedResidentStillTracksWithTheDetailsTheyGave(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            // Setup: the same phone, different postcodes: matched on the phone alone.
            let (place, offers) = try await Self.setUp(app)
            var references: [String] = []
            for postcode in ["se1 7pb", "se1 1aa"] {
                let resident = Browser(app)
                _ = try await resident.get(SiteURL.help.path)
                var answers = Self.answers
                answers["postcode"] = [postcode]
                let draft = try await Self.triage(resident, from: try await resident.post(SiteURL.helpStart.path, form: []).location!, answers: answers)
                _ = try await resident.post(draft + "/your-help", form: [("offer", offers.first { $0.kind == .skillsCourse }!.id!.uuidString)] + Self.details)
                references.append(try #require(try await HelpCase.query(on: app.db).sort(\.$createdAt, .descending).first()).reference)
            }
            let duplicate = try #require(try await PossibleDuplicate.query(on: app.db).first())
            #expect(duplicate.matchedOn == "phone number")

            // Action: merge.
            let admin = Browser(app)
            try await admin.signIn(try await Fixture.user(.admin, in: place.council, on: app.db).email)
            _ = try await CasesTests.confirmMerge(admin, duplicate.id!)

            // Check: the second resident's own postcode still opens their request.
            let tracker = Browser(app)
            _ = try await tracker.get(SiteURL.track.path)
            #expect(try await tracker.post(SiteURL.track.path, form: [("reference", references[1]), ("postcode", "SE1 1AA")]).status == .ok)
            let typo = try await tracker.post(SiteURL.track.path, form: [("reference", references[1]), ("postcode", "SE1 ZZZZ")])
            #expect(typo.contains("Enter a real postcode, like SE1 7PB"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func officerPreviewsARuleBeforePublishingIt(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let (place, offers) = try await Self.setUp(app)
            let officer = Browser(app)
            try await officer.signIn(try await Fixture.user(.officer, in: place.council, on: app.db).email)
            let offer = offers.first { $0.kind == .deviceGift }!
            let path = SiteURL.offer(.value(offer.id!)).path
            #expect(try await officer.get(path).contains("Who would qualify under this rule"))
            let base: [(String, String)] = [("name", offer.name), ("summary", offer.summary), ("partner", place.partner.id!.uuidString), ("available", "3"), ("standard_days", "5"), ("active", "yes")]
            let bad = try await officer.post(path, form: base + [("rule", #"{"fact": "age", "atLeast": "x"}"#), ("action", "preview")])
            #expect(bad.status == .unprocessableEntity)
            let rule = #"{"fact": "age", "atLeast": 65}"#
            let preview = try await officer.post(path, form: base + [("rule", rule), ("action", "preview")])
            #expect(preview.contains("Pensioner on Pension Credit") && preview.contains("you are 65 or over") && preview.contains("you are under 65"))
            #expect(try await HelpOffer.find(offer.id, on: app.db)?.rule == offer.rule, "a preview publishes nothing")
            #expect(try await officer.post(path, form: base + [("rule", rule), ("action", "publish")]).status == .seeOther)
            let published = try #require(try await HelpOffer.find(offer.id, on: app.db))
            #expect(published.rule == EligibilityRule.condition(.init(fact: "age", atLeast: 65)).json && published.available == 3 && published.partnerID == place.partner.id)

            // A council with no offers starts from the standard catalogue.
            let other = try await Fixture.council("Newtown Council", on: app.db)
            let newcomer = Browser(app)
            try await newcomer.signIn(try await Fixture.user(.officer, in: other.council, on: app.db).email)
            #expect(try await newcomer.get(SiteURL.offers.path).contains("Set up the standard offers"))
            #expect(try await newcomer.post(SiteURL.offers.path, form: []).status == .seeOther)
            #expect(try await HelpOffer.query(on: app.db).filter(\.$councilID == other.council.id!).count() == OfferKind.allCases.count)
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == AuditAction.offerRulePublished.rawValue).count() == 1)
        }
    }
}
