import Fluent
import Foundation
import Testing
import Vapor
@testable import OnrampCore
@testable import OnrampServer

/// The resident journey as offline and unsure residents live it: the council's phone number
/// and address wherever they are told to phone or visit, letters that name who is helping and
/// give a number rather than a web address, one letter a day, large print; postcodes checked
/// and placed; children's schoolwork; social tariffs with the day their prices were checked.
@Suite struct OfflineRouteTests {
    static func councilWithContact(_ app: Application) async throws -> (Fixture.Council, User) {
        let place = try await Fixture.council("Southwark Council", on: app.db)
        let admin = try await Fixture.user(.admin, in: place.council, on: app.db)
        let browser = Browser(app)
        try await browser.signIn(admin.email)
        let refused = try await browser.post(SiteURL.councilContact.path, form: [("phone", "12"), ("address", "Tooley Street"), ("opening_hours", ""), ("local_authorities", "E01")])
        #expect(refused.status == .unprocessableEntity && refused.contains("Enter a UK phone number") && refused.contains("value=\"Tooley Street\"") == false && refused.contains("Tooley Street"))
        let saved = try await browser.post(SiteURL.councilContact.path, form: [("phone", "020 7525 5000"), ("address", "160 Tooley Street\nLondon\nSE1 2QH"),
                                                                                ("opening_hours", "Monday to Friday, 9am to 5pm"), ("local_authorities", "E09000028")])
        #expect(saved.status == .seeOther)
        #expect(try await browser.get(try #require(saved.location)).contains("The council\u{2019}s details have been saved"))
        return (place, admin)
    }

    @Test(arguments: TestDatabase.available)
    func residentsAreToldTheCouncilsNumberWhereverTheyAreToldToPhoneOrVisit(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            _ = try await Self.councilWithContact(app)
            let resident = Browser(app)
            let sentence = "Phone Southwark Council on 020 7525 5000 (Monday to Friday, 9am to 5pm), or visit 160 Tooley Street, London, SE1 2QH."
            for path in [SiteURL.home.path, SiteURL.help.path, SiteURL.track.path, SiteURL.contact.path] {
                let page = try await resident.get(path)
                #expect(page.contains(sentence) || page.contains("020 7525 5000"), "\(path)")
            }
            let home = try await resident.get(SiteURL.home.path)
            // The questions are the first thing a resident can do.
            let first = try #require(home.body.range(of: "Check what help you can get"))
            #expect(home.body.range(of: SiteURL.directory.path)!.lowerBound > first.lowerBound)
            #expect(home.contains("href=\"\(SiteURL.contact.path)\""), "the footer links to the way in without the website")
            #expect(try await resident.get(SiteURL.directory.path).contains("href=\"\(SiteURL.help.path)\">Check what help you can get</a>"), "the directory leads to the questions")
            try await resident.get(SiteURL.track.path)
            let notFound = try await resident.post(SiteURL.track.path, form: [("reference", "K7QM-4T9C-R"), ("postcode", "SE1 7PB")])
            #expect(notFound.contains("020 7525 5000"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func lettersNameWhoIsHelpingGiveANumberAndGoOnceADayInLargePrintWhenAsked(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let (place, _) = try await Self.councilWithContact(app)
            let offers = try await HelpOffers.addStandard(councilID: place.council.id!, partner: { _ in place.partner.id! }, now: Date(), on: app.db)
            let resident = Browser(app)
            try await resident.get(SiteURL.help.path)
            let started = try await resident.post(SiteURL.helpStart.path, form: [])
            var answers = HelpJourneyTests.answers
            (answers["contact-by"], answers["access-needs"], answers["postcode"]) = (["letter", "phone"], ["large-print"], [""])
            answers["contact-when"] = ["mornings"]
            let draft = try await HelpJourneyTests.triage(resident, from: try #require(started.location), answers: answers)
            let loan = offers.first { $0.kind == .deviceLoan }!.id!.uuidString
            let noAddress = try await resident.post(draft + "/your-help", form: [("offer", loan)] + HelpJourneyTests.details.filter { $0.0 != "phone" })
            #expect(noAddress.contains("Enter your address, as you asked us to write to you") && noAddress.contains("Enter a phone number, as you asked us to phone you"))
            #expect(try await resident.post(draft + "/your-help", form: [("offer", loan), ("address", "1 Test Street\nLondon\nSE1 2QH")] + HelpJourneyTests.details).status == .seeOther)
            #expect(try await Resident.query(on: app.db).first()?.contactBy == "letter,phone")

            // The same day the partner makes contact: one letter holds both.
            let referral = try #require(try await Referral.query(on: app.db).first())
            _ = try await ReferralMoves.move(referral, to: .contacted, reason: "", outcome: nil, actor: .commandLine, trackURL: "https://x/track", now: Date(), on: app.db)
            let letters = try await OutboxMessage.query(on: app.db).filter(\.$channel == MessageChannel.letter.rawValue).all()
            #expect(letters.count == 1)
            let letter = try #require(letters.first)
            #expect(letter.largePrint && letter.body.contains("Testshire") == false)
            #expect(letter.body.contains("Southwark Council Library will contact you about borrow a laptop or tablet"))
            #expect(letter.body.contains("Borrow a laptop or tablet, from Southwark Council Library: contacted."))
            #expect(letter.body.contains("phone Southwark Council on 020 7525 5000 (Monday to Friday, 9am to 5pm)") && !letter.body.contains("http"), "no web address in a letter")
            #expect(letter.nextAttemptAt == LetterPost.goes(writtenAt: Date()), "it goes at the end of the day")

            // Through Notify, a large-print letter is handed to staff to print: Notify prints one size.
            let notify = NotifyClient(settings: NotifySettings(baseURL: "http://127.0.0.1:9", apiKey: String(repeating: "a", count: 75) + "-" + UUID().uuidString.lowercased(),
                                                               emailTemplate: "e", smsTemplate: "s", letterTemplate: "l", callbackToken: nil), client: app.client, now: { Date() })
            #expect(await notify.send(OutgoingMessage(id: letter.id!, channel: .letter, recipient: letter.recipient, subject: letter.subject, body: letter.body, largePrint: true)) == .forStaff)
            try await NotificationQueue.sendDue(on: app.db, sender: OutboxSender(), now: LetterPost.goes(writtenAt: Date()))
            let officer = Browser(app)
            try await officer.signIn(try await Fixture.user(.officer, in: place.council, on: app.db).email)
            let tasks = try await officer.get(SiteURL.caseTasks.path)
            #expect(tasks.contains("Post a letter") && tasks.contains("Print it in large print"))
            // A call to make says when they would like it; the Messages page marks large print.
            try await Outbox.queue(on: app.db, councilID: place.council.id!, channel: .phone, to: "020 7946 0000", subject: "Call about the loan", body: "Say hello",
                                   caseID: letter.caseID, largePrint: false, now: Date())
            try await NotificationQueue.sendDue(on: app.db, sender: OutboxSender(), now: Date())
            let calls = try await officer.get(SiteURL.caseTasks.path)
            #expect(calls.contains("Best time to phone") && calls.contains("Mornings"))
            let admin = Browser(app)
            try await admin.signIn(try await Fixture.user(.admin, email: "messages-admin@x.test", in: place.council, on: app.db).email)
            #expect(try await admin.get(SiteURL.outbox.path).contains("(letter, large print)"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func aPostcodeIsCheckedAndSaysWhetherSomeoneLivesInTheArea(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let (place, _) = try await Self.councilWithContact(app)
            try await DirectoryTests.loadDirectoryFiles(councilID: place.council.id!, on: app.db)
            _ = try await HelpOffers.addStandard(councilID: place.council.id!, partner: { _ in place.partner.id! }, now: Date(), on: app.db)
            let resident = Browser(app)
            try await resident.get(SiteURL.help.path)
            let started = try await resident.post(SiteURL.helpStart.path, form: [("council", place.council.id!.uuidString)])
            var answers = HelpJourneyTests.answers
            answers["lives-in-area"] = nil
            answers["postcode"] = ["SE1 7PB"]   // Lambeth, beside Southwark
            let draft = try await HelpJourneyTests.triage(resident, from: try #require(started.location), answers: answers)
            let row = try #require(try await TriageDraft.query(on: app.db).first())
            #expect(row.triageAnswers.first("postcode.area") == "E09000022" && row.triageAnswers["lives-in-area"].isEmpty, "placed, not asked")
            let result = try await resident.get(draft + "/your-help")
            #expect(result.contains("Your postcode, SE1 7PB, is in") && result.contains("not in Southwark Council\u{2019}s area"))
            #expect(result.contains("find your local council on GOV.UK"))
            #expect(result.contains("your postcode is outside the council\u{2019}s area"), "the reasons say why")
            // A postcode Onramp does not know is a question to answer again, with what was typed.
            let unknown = try await resident.post(draft + "/questions/postcode", form: [("postcode", "ZZ9 9ZZ")])
            #expect(unknown.status == .unprocessableEntity && unknown.contains("We do not know the postcode ZZ9 9ZZ") && unknown.contains("value=\"ZZ9 9ZZ\""))
            // In the area: said so by the postcode.
            #expect(try await resident.post(draft + "/questions/postcode", form: [("postcode", "se1 2qh")]).status == .seeOther)
            let inside = try await resident.get(draft + "/your-help")
            #expect(inside.contains("your postcode is in the council\u{2019}s area") && !inside.contains("Your postcode, SE1 2QH, is in"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func childrenWhoNeedADeviceForSchoolworkAreAskedForAndGivenOneEach(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let (place, _) = try await Self.councilWithContact(app)
            let offers = try await HelpOffers.addStandard(councilID: place.council.id!, partner: { _ in place.partner.id! }, now: Date(), on: app.db)
            let resident = Browser(app)
            try await resident.get(SiteURL.help.path)
            let started = try await resident.post(SiteURL.helpStart.path, form: [])
            var answers = HelpJourneyTests.answers
            (answers["about-you"], answers["school-children"], answers["wants"]) = (["children"], ["2"], ["schoolwork"])
            let draft = try await HelpJourneyTests.triage(resident, from: try #require(started.location), answers: answers)
            let result = try await resident.get(draft + "/your-help")
            #expect(result.contains("You can have 3: one for each of you who needs one"))
            #expect(!result.contains("\" checked"), "nothing is ticked that the resident did not choose")
            let gift = offers.first { $0.kind == .deviceGift }!.id!.uuidString
            #expect(try await resident.post(draft + "/your-help", form: [("offer", gift)] + HelpJourneyTests.details).status == .seeOther)
            let referral = try #require(try await Referral.query(on: app.db).first())
            #expect(referral.quantity == 3)
            // The partner handing them over sees how many.
            let partner = Browser(app)
            try await partner.signIn(try await Fixture.user(.partner, in: place.partner, on: app.db).email)
            let page = try await partner.get(SiteURL.referral(.value(referral.id!)).path)
            #expect(page.contains("Devices asked for</dt>") && page.contains(">3 (one each for those in the household"))
            // Handed over one at a time: fulfilled with the third.
            _ = try await ReferralMoves.move(referral, to: .contacted, reason: "", outcome: nil, actor: .commandLine, trackURL: "", now: Date(), on: app.db)
            for serial in ["KID1", "KID2", "KID3"] {
                let device = try await Fixture.device(councilID: place.council.id!, serial: serial, on: app.db)
                try await World.makeReady(device, on: app.db)
                let current = try #require(try await Referral.unscoped(referral.id, on: app.db))
                let handover = Handover(place: "Library", day: WorkingDays.today(Date()), acknowledged: true, due: nil)
                #expect(try await Loans.handOver(device, to: current, handover: handover, actor: .commandLine, trackURL: "", now: Date(), on: app.db) == nil)
                let status = try await Referral.unscoped(referral.id, on: app.db)?.status
                #expect(status == (serial == "KID3" ? .fulfilled : .inProgress), "\(serial)")
            }
            #expect(try await Referral.unscoped(referral.id, on: app.db)?.outcome?.hasSuffix("(3 of 3)") == true)
        }
    }

    @Test(arguments: TestDatabase.available)
    func socialTariffPricesCarryTheirCheckedDayAndOldOnesAreFlagged(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let (place, _) = try await Self.councilWithContact(app)
            _ = try await HelpOffers.addStandard(councilID: place.council.id!, partner: { _ in place.partner.id! }, now: Date(), on: app.db)
            let officer = Browser(app)
            try await officer.signIn(try await Fixture.user(.officer, in: place.council, on: app.db).email)
            #expect(try await officer.get(SiteURL.offers.path).contains("8 prices over a year old"))
            let list = try await officer.get(SiteURL.socialTariffs.path)
            #expect(list.contains("8 prices were last checked over a year ago") && list.contains("1 April 2023"))
            let bt = try #require(try await SocialTariffRecord.query(on: app.db).filter(\.$name == "Home Essentials").first())
            let today = WorkingDays.today(Date())
            let refused = try await officer.post(SiteURL.socialTariff(.value(bt.id!)).path, form: [("provider", "BT"), ("name", "Home Essentials"), ("monthly_price", "free"), ("speed", "36Mbps"),
                                                                                                   ("benefits", "universal-credit"), ("checked-day", "1"), ("checked-month", "1"), ("checked-year", "2099")])
            #expect(refused.status == .unprocessableEntity && refused.contains("Enter the price a month in pounds") && refused.contains("must be today or in the past"))
            let saved = try await officer.post(SiteURL.socialTariff(.value(bt.id!)).path, form: [("provider", "BT"), ("name", "Home Essentials"), ("monthly_price", "16"), ("speed", "36Mbps"),
                                                                                                 ("benefits", "universal-credit"), ("benefits", "pension-credit"),
                                                                                                 ("checked-day", "\(today.day)"), ("checked-month", "\(today.month)"), ("checked-year", "\(today.year)")])
            #expect(saved.status == .seeOther)
            #expect(try await officer.get(SiteURL.offers.path).contains("7 prices over a year old"))

            // Residents see each price with the day it was checked.
            let resident = Browser(app)
            try await resident.get(SiteURL.help.path)
            let started = try await resident.post(SiteURL.helpStart.path, form: [])
            let draft = try await HelpJourneyTests.triage(resident, from: try #require(started.location))
            let result = try await resident.get(draft + "/your-help")
            #expect(result.contains("BT Home Essentials: \u{A3}16.00 a month, 36Mbps. Price checked on \(today.spoken)."))
            #expect(result.contains("Price checked on 1 April 2023"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func everySkillNotAnsweredIsNamedAtOnce(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            _ = try await Fixture.council(on: app.db)
            let resident = Browser(app)
            try await resident.get(SiteURL.help.path)
            let started = try await resident.post(SiteURL.helpStart.path, form: [])
            let path = try #require(started.location).replacingOccurrences(of: "/questions/devices", with: "/questions/skills")
            let page = try await resident.post(path, form: [("skills.wifi", "alone")])
            #expect(page.status == .unprocessableEntity)
            let summary = try #require(page.body.range(of: "govuk-error-summary__list")).upperBound
            let listed = page.body[summary...].prefix(4000).matches(of: /href="#skills\.[a-z-]+"/).count
            #expect(listed == 7, "the seven tasks not answered, in one summary")
            #expect(page.contains("Select how well you can turn on a device and log in") && page.contains("Select how well you can change or update a password"))
        }
    }
}
