import Fluent
import Foundation
import Testing
import Vapor
@testable import OnrampCore
@testable import OnrampServer

/// Faults in Onramp's own set-up with GOV.UK Notify hold messages rather than failing them,
/// against the fake Notify on 127.0.0.1, which answers as Notify does.
@Suite struct NotifySetupTests {
    static func client(_ app: Application, _ fake: FakeNotify, change: (inout NotifySettings) -> Void = { _ in }) -> NotifyClient {
        var settings = FakeNotify.settings(fake)
        change(&settings)
        return NotifyClient(settings: settings, client: app.client, now: { Date() })
    }

    /// The same service id with a secret Notify does not know: Notify answers 403.
    static let wrongKey = "onramp_test-\(FakeNotify.serviceID)-00000000-0000-4000-8000-000000000000"

    @Test(arguments: TestDatabase.available)
    func aRefusedKeyHoldsMessagesTellsAdministratorsAndSendsThemOnceMended(db: TestDatabase) async throws {
        try await FakeNotify.withApp(db) { app, fake in
            let place = try await Fixture.council(on: app.db)
            let broken = Self.client(app, fake) { $0.apiKey = Self.wrongKey }
            let start = Date()
            let message = try await NotificationQueueTests.message(app, councilID: place.council.id!, channel: .email, now: start)
            for _ in 1...2 { _ = try await NotificationQueueTests.message(app, councilID: place.council.id!, channel: .email, now: start.addingTimeInterval(-1)) }

            let first = try await NotificationQueue.sendDue(on: app.db, sender: broken, now: start)
            #expect(first.held == 3 && first.failed == 0)
            #expect(fake.badTokens == 1, "one refused request holds the channel for the pass, not one per message")
            let held = try #require(try await OutboxMessage.find(message.id, on: app.db))
            #expect(held.status == "held" && held.attempts == 0, "no attempt is used up by Onramp's own fault")
            #expect(held.lastError?.contains("refused Onramp's API key (ONRAMP_NOTIFY_API_KEY): Invalid token: API key not found") == true)
            #expect(try await CaseEvent.query(on: app.db).count() == 0, "nothing says the resident could not be reached")
            #expect(try await NotificationQueue.sendDue(on: app.db, sender: broken, now: start.addingTimeInterval(60)) == .init(), "not tried again at once")

            let admin = Browser(app)
            try await admin.signIn(try await Fixture.user(.admin, in: place.council, on: app.db).email)
            let outbox = try await admin.get(SiteURL.outbox.path)
            #expect(outbox.contains("3 messages are held and not sent, because of a fault in Onramp\u{2019}s set-up with GOV.UK Notify"))
            #expect(outbox.contains("refused Onramp&#39;s API key") || outbox.contains("refused Onramp's API key"))
            #expect(try await admin.get(SiteURL.home.path).contains("messages held by a fault in Onramp\u{2019}s set-up"))

            // Still wrong ten minutes on: still held, asked once.
            let later = try await NotificationQueue.sendDue(on: app.db, sender: broken, now: start.addingTimeInterval(601))
            #expect(later.released == 0 && fake.received.isEmpty && fake.badTokens == 2, "the template asked for once, with the key still refused")
            // The key is mended: the next check releases the message and it is sent, once.
            let mended = Self.client(app, fake)
            let pass = try await NotificationQueue.sendDue(on: app.db, sender: mended, now: start.addingTimeInterval(1202))
            #expect(pass.released == 3 && pass.sent == 3)
            #expect(fake.received.count == 3 && fake.received.filter { $0.reference == message.id!.uuidString.lowercased() }.count == 1)
            let sent = try #require(try await OutboxMessage.find(message.id, on: app.db))
            #expect(sent.status == "sent" && sent.attempts == 1 && sent.lastError == nil)
            #expect(try await admin.get(SiteURL.outbox.path).contains("held and not sent") == false)
        }
    }

    @Test(arguments: TestDatabase.available)
    func anEmptyOrUnknownTemplateHoldsTheMessageAndSaysWhichSetting(db: TestDatabase) async throws {
        try await FakeNotify.withApp(db) { app, fake in
            let place = try await Fixture.council(on: app.db)
            let now = Date()
            let text = try await NotificationQueueTests.message(app, councilID: place.council.id!, channel: .sms, now: now)
            let unset = Self.client(app, fake) { $0.smsTemplate = "" }
            #expect(try await NotificationQueue.sendDue(on: app.db, sender: unset, now: now).held == 1)
            #expect(try await OutboxMessage.find(text.id, on: app.db)?.lastError?.hasPrefix("ONRAMP_NOTIFY_SMS_TEMPLATE is not set") == true)
            #expect(fake.received.isEmpty, "Notify is not asked with no template")

            let email = try await NotificationQueueTests.message(app, councilID: place.council.id!, channel: .email, now: now)
            let unknown = Self.client(app, fake) { $0.emailTemplate = "0f0f0f0f-0000-4000-8000-000000000000" }
            #expect(try await NotificationQueue.sendDue(on: app.db, sender: unknown, now: now).held == 1)
            let reason = try #require(try await OutboxMessage.find(email.id, on: app.db)?.lastError)
            #expect(reason.contains("ONRAMP_NOTIFY_EMAIL_TEMPLATE") && reason.contains("Template not found"))

            // A template without the field Onramp fills in is Onramp's fault too.
            fake.replaceTemplate(FakeNotify.letterTemplate, with: .init(type: "letter", subject: "((subject))", body: "((body))\n\nYour reference: ((reference))"))
            let letter = OutboxMessage(councilID: place.council.id!, channel: .letter, recipient: "Ada Example\n1 Walworth Road\nLondon\nSE17 1RW",
                                       subject: "Your request", body: "Hello", createdAt: now)
            try await letter.create(on: app.db)
            #expect(try await NotificationQueue.sendDue(on: app.db, sender: Self.client(app, fake), now: now).held == 1)
            #expect(try await OutboxMessage.find(letter.id, on: app.db)?.lastError?.contains("Missing personalisation: reference") == true)
        }
    }

    @Test(arguments: TestDatabase.available)
    func theStartUpCheckSaysPlainlyWhatIsWrongWithEachTemplate(db: TestDatabase) async throws {
        try await FakeNotify.withApp(db) { app, fake in
            let ready = Self.client(app, fake)
            for channel in [MessageChannel.email, .sms, .letter] { #expect(await ready.check(channel) == .ready) }
            #expect(await Self.client(app, fake) { $0.apiKey = Self.wrongKey }.check(.sms) == .fault(NotifySetupWords.keyRefused("Invalid token: API key not found")))
            #expect(await Self.client(app, fake) { $0.letterTemplate = "" }.check(.letter)
                == .fault("ONRAMP_NOTIFY_LETTER_TEMPLATE is not set: set it to the id of the letter template in GOV.UK Notify"))
            let swapped = await Self.client(app, fake) { $0.emailTemplate = FakeNotify.smsTemplate }.check(.email)
            #expect(swapped == .fault("The template \(FakeNotify.smsTemplate) named by ONRAMP_NOTIFY_EMAIL_TEMPLATE is for text messages, not emails"))
            let unknown = await Self.client(app, fake, change: { $0.emailTemplate = "0f0f0f0f-0000-4000-8000-000000000000" }).check(.email)
            guard case .fault(let missing) = unknown else {
                Issue.record("an unknown template is a fault")
                return
            }
            #expect(missing.contains("No Result Found") && missing.contains("ONRAMP_NOTIFY_EMAIL_TEMPLATE"))
            let notAnID = await Self.client(app, fake, change: { $0.smsTemplate = "sms-template" }).check(.sms)
            guard case .fault(let notUUID) = notAnID else {
                Issue.record("a template id that is not a UUID is a fault")
                return
            }
            #expect(notUUID.contains("id is not a valid UUID"))
            fake.replaceTemplate(FakeNotify.emailTemplate, with: .init(type: "email", subject: "((subject))", body: "Dear resident, ((message))"))
            let withoutBody = await ready.check(.email)
            guard case .fault(let noBody) = withoutBody else {
                Issue.record("a template without ((body)) is a fault")
                return
            }
            #expect(noBody.contains("has no ((body)) in its message"))
            #expect(await Self.client(app, fake) { $0.baseURL = "http://127.0.0.1:9" }.check(.email) == .unreachable)
            // Notify refuses a message that leaves a field empty, so the check does too.
            fake.replaceTemplate(FakeNotify.letterTemplate, with: .init(type: "letter", subject: "((subject))", body: "((body))\n\n\"Ref\": ((Reference))"))
            let extraField = await ready.check(.letter)
            #expect(extraField == .fault("The template \(FakeNotify.letterTemplate) named by ONRAMP_NOTIFY_LETTER_TEMPLATE has ((reference)), which Onramp does not fill in: its message should be ((body)) and its subject ((subject))"))
            fake.replaceTemplate(FakeNotify.smsTemplate, with: .init(type: "sms", subject: nil, body: "((BODY))"))
            #expect(await ready.check(.sms) == .ready, "Notify reads a field's name without case")
        }
    }

    @Test(arguments: TestDatabase.available)
    func receiptsAreMatchedByReferenceTechnicalFailuresRetriedAndReasonsFitTheChannel(db: TestDatabase) async throws {
        try await FakeNotify.withApp(db) { app, fake in
            let place = try await Fixture.council(on: app.db)
            let sender = app.onramp.sender(app)
            let start = Date()
            let email = try await NotificationQueueTests.message(app, councilID: place.council.id!, channel: .email, now: start)
            let text = try await NotificationQueueTests.message(app, councilID: place.council.id!, channel: .sms, now: start)
            #expect(try await NotificationQueue.sendDue(on: app.db, sender: sender, now: start).sent == 2)
            let browser = Browser(app)
            var headers = HTTPHeaders()
            headers.contentType = .json
            headers.bearerAuthorization = .init(token: "callback-secret-token")
            func receipt(_ id: String, _ reference: String?, _ status: String) async throws -> HTTPStatus {
                let body = "{\"id\": \"\(id)\", \"reference\": \(reference.map { "\"\($0)\"" } ?? "null"), \"status\": \"\(status)\", \"notification_type\": \"email\"}"
                return try await browser.send(.POST, SiteURL.notifyCallback.path, headers: headers, body: body).status
            }

            // Notify's receipt comes before Onramp has written down Notify's id (it was still
            // sending, or stopped before it could): the reference finds the message.
            let inFlight = try #require(try await OutboxMessage.find(email.id, on: app.db))
            (inFlight.status, inFlight.providerID) = ("sending", nil)
            try await inFlight.save(on: app.db)
            #expect(try await receipt("5e1b7c2a-0000-4000-8000-00000000000e", email.id!.uuidString.lowercased(), "technical-failure") == .noContent)
            let retrying = try #require(try await OutboxMessage.find(email.id, on: app.db))
            #expect(retrying.status == "retrying" && retrying.providerID == "5e1b7c2a-0000-4000-8000-00000000000e")
            #expect(retrying.lastError == "GOV.UK Notify had a technical fault sending it")
            #expect(try await CaseEvent.query(on: app.db).count() == 0)
            let again = try await NotificationQueue.sendDue(on: app.db, sender: sender, now: start.addingTimeInterval(31))
            #expect(again.sent == 1 && fake.received.filter { $0.reference == email.id!.uuidString.lowercased() }.count == 2, "sent again")

            // Notify sends the first receipt again: it is about the earlier try, and changes nothing.
            #expect(try await receipt("5e1b7c2a-0000-4000-8000-00000000000e", email.id!.uuidString.lowercased(), "technical-failure") == .noContent)
            #expect(try await OutboxMessage.find(email.id, on: app.db)?.status == "sent")
            #expect(try await NotificationQueue.sendDue(on: app.db, sender: sender, now: start.addingTimeInterval(400)) == .init(), "not sent a third time")

            let resent = try #require(try await OutboxMessage.find(email.id, on: app.db))
            #expect(try await receipt(resent.providerID!, nil, "temporary-failure") == .noContent)
            let emailReason = try #require(try await OutboxMessage.find(email.id, on: app.db)?.lastError)
            #expect(emailReason.contains("inbox was full") && !emailReason.contains("phone"))
            #expect(try await receipt("notify-2", nil, "temporary-failure") == .noContent)
            #expect(try await OutboxMessage.find(text.id, on: app.db)?.lastError == "the phone was off, out of signal or its inbox full for 72 hours")
            #expect(try await receipt("notify-99", nil, "delivered") == .notFound)

            // An invitation's link is not kept once Notify has it: sent again it would be no use.
            let invitation = OutboxMessage(councilID: place.council.id!, channel: .email, recipient: "new@example.com", subject: "You are invited",
                                           body: "Accept: https://onramp.example\(SiteURL.invitation(.value("abcdefghijklmnopqrstuvwxyz123456")).path)", createdAt: start)
            try await invitation.create(on: app.db)
            #expect(try await NotificationQueue.sendDue(on: app.db, sender: sender, now: start.addingTimeInterval(500)).sent == 1)
            let accepted = try #require(try await OutboxMessage.find(invitation.id, on: app.db))
            #expect(accepted.body.contains("[secret]") && !accepted.body.contains("abcdefghijklmnop"))
            #expect(try await receipt(accepted.providerID!, nil, "technical-failure") == .noContent)
            let ended = try #require(try await OutboxMessage.find(invitation.id, on: app.db))
            #expect(ended.status == "failed" && ended.lastError?.hasSuffix("it held a link that is no longer kept: send a new one") == true)

            // Onramp stopped while sending the text again: Notify has only the failed first try,
            // so it is sent again rather than taken for sent.
            let retried = try #require(try await OutboxMessage.find(text.id, on: app.db))
            fake.failed(retried.providerID!)
            (retried.status, retried.leaseUntil, retried.attempts) = ("sending", start.addingTimeInterval(550), 2)
            try await retried.save(on: app.db)
            let recovery = try await NotificationQueue.sendDue(on: app.db, sender: sender, now: start.addingTimeInterval(600))
            #expect(recovery.recovered == 0 && recovery.sent == 1)
            #expect(fake.received.filter { $0.reference == text.id!.uuidString.lowercased() }.count == 2)
            #expect(try await receipt("notify-99", UUID().uuidString, "delivered") == .notFound)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aLetterIsFollowedUntilPostedAndAReturnedLetterIsRecordedOnTheCase(db: TestDatabase) async throws {
        try await FakeNotify.withApp(db) { app, fake in
            let (place, offers) = try await HelpJourneyTests.setUp(app)
            let resident = Browser(app)
            _ = try await resident.get(SiteURL.help.path)
            let draft = try await HelpJourneyTests.triage(resident, from: try await resident.post(SiteURL.helpStart.path, form: []).location!)
            _ = try await resident.post(draft + "/your-help", form: [("offer", offers.first { $0.kind == .dataSIM }!.id!.uuidString)] + HelpJourneyTests.details)
            let helpCase = try #require(try await HelpCase.query(on: app.db).first())
            let sender = app.onramp.sender(app)
            let start = Date()
            _ = try await NotificationQueue.sendDue(on: app.db, sender: sender, now: start)
            let sentBefore = fake.received.count

            let letter = OutboxMessage(councilID: place.council.id!, channel: .letter, recipient: "Ada Example\n1 Walworth Road\nLondon\nSE17 1RW",
                                       subject: "Your SIM card", body: "It is on its way.", caseID: helpCase.id, createdAt: start)
            try await letter.create(on: app.db)
            #expect(try await NotificationQueue.sendDue(on: app.db, sender: sender, now: start).sent == 1)
            let providerID = "notify-\(sentBefore + 1)"
            #expect(try await OutboxMessage.find(letter.id, on: app.db)?.providerID == providerID)
            // Being printed: asked again an hour later, not every pass.
            #expect(try await NotificationQueue.sendDue(on: app.db, sender: sender, now: start.addingTimeInterval(60)) == .init())
            #expect(fake.statusAsked == 0)
            #expect(try await NotificationQueue.sendDue(on: app.db, sender: sender, now: start.addingTimeInterval(3601)).posted == 0)
            #expect(try await NotificationQueue.sendDue(on: app.db, sender: sender, now: start.addingTimeInterval(3700)).posted == 0)
            #expect(fake.statusAsked == 1)
            #expect(try await OutboxMessage.find(letter.id, on: app.db)?.status == "sent")
            fake.setLetterStatus("received")
            #expect(try await NotificationQueue.sendDue(on: app.db, sender: sender, now: start.addingTimeInterval(7300)).posted == 1)
            #expect(try await OutboxMessage.find(letter.id, on: app.db)?.status == "posted")

            let officer = Browser(app)
            try await officer.signIn(try await Fixture.user(.officer, in: place.council, on: app.db).email)
            #expect(try await officer.get(SiteURL.helpCase(.value(helpCase.id!)).path).contains("Posted"))

            // Royal Mail brings it back: Notify's returned-letter callback is recorded, not refused.
            var headers = HTTPHeaders()
            headers.contentType = .json
            headers.bearerAuthorization = .init(token: "callback-secret-token")
            let returned = """
            {"notification_id": "\(providerID)", "reference": "\(letter.id!.uuidString.lowercased())", "date_sent": "2026-12-01T12:15:30.000000Z",
             "template_name": "Onramp", "template_id": "\(FakeNotify.letterTemplate)", "template_version": 1}
            """
            for _ in 1...2 { #expect(try await Browser(app).send(.POST, SiteURL.notifyCallback.path, headers: headers, body: returned).status == .noContent) }
            #expect(try await OutboxMessage.find(letter.id, on: app.db)?.status == "returned")
            #expect(try await CaseEvent.query(on: app.db).filter(\.$text ~~ "came back").count() == 1, "Notify's repeated callback tells the case once")
            let casePage = try await officer.get(SiteURL.helpCase(.value(helpCase.id!)).path)
            #expect(casePage.contains("Came back undelivered") && casePage.contains("Check the address with the resident, or phone them"))
            #expect(casePage.contains("Our letter \u{201C}Your SIM card\u{201D} came back: Royal Mail could not deliver it."))

            // A letter Notify could not print fails, and the case says so.
            fake.setLetterStatus("validation-failed")
            let second = OutboxMessage(councilID: place.council.id!, channel: .letter, recipient: "Ada Example\n1 Walworth Road\nLondon\nSE17 1RW",
                                       subject: "Your data", body: "More help.", caseID: helpCase.id, createdAt: start)
            try await second.create(on: app.db)
            _ = try await NotificationQueue.sendDue(on: app.db, sender: sender, now: start.addingTimeInterval(7300))
            #expect(try await NotificationQueue.sendDue(on: app.db, sender: sender, now: start.addingTimeInterval(11000)).posted == 0)
            let failed = try #require(try await OutboxMessage.find(second.id, on: app.db))
            #expect(failed.status == "failed" && failed.lastError?.contains("outside the printable area") == true)
        }
    }

    @Test(arguments: TestDatabase.available)
    func twoProcessesReleasingHeldMessagesSendEachOnce(db: TestDatabase) async throws {
        try await FakeNotify.withApp(db) { app, fake in
            let place = try await Fixture.council(on: app.db)
            let start = Date()
            var ids: [UUID] = []
            for _ in 1...12 { ids.append(try await NotificationQueueTests.message(app, councilID: place.council.id!, channel: .sms, now: start).id!) }
            let broken = Self.client(app, fake) { $0.apiKey = Self.wrongKey }
            #expect(try await NotificationQueue.sendDue(on: app.db, sender: broken, now: start).held == 12)
            // Mended, and both processes' workers find the held messages due at once.
            let mended = Self.client(app, fake)
            async let one = NotificationQueue.sendDue(on: app.db, sender: mended, now: start.addingTimeInterval(601))
            async let two = NotificationQueue.sendDue(on: app.db, sender: mended, now: start.addingTimeInterval(601))
            let passes = try await [one, two]
            #expect(passes.map(\.sent).reduce(0, +) == 12)
            for id in ids { #expect(fake.received.filter { $0.reference == id.uuidString.lowercased() }.count == 1) }
            #expect(try await OutboxMessage.query(on: app.db).filter(\.$status == "sent").count() == 12)
        }
    }

    /// Notify's documented answers: its own set-up's faults, and a recipient it refuses.
    @Test func notifysRefusalsAreToldApartFromARecipientsFault() {
        for setup in ["Template not found", "sms template is not suitable for email notification", "Missing personalisation: body",
                      "Can't send to this recipient using a team-only API key", "Can't send to this recipient when service is in trial mode - see https://www.notifications.service.gov.uk/trial-mode",
                      "Service is not allowed to send letters", "Cannot send letters with a team api key", "template_id is not a valid UUID"] {
            #expect(NotifySetupWords.isSetupFault(setup), "\(setup)")
        }
        for recipient in ["phone_number Not a UK mobile number", "email_address Not a valid email address", "Must be a real UK postcode",
                          "Address must be at least 3 lines", "Must be a real address", "phone_number Not enough digits"] {
            #expect(!NotifySetupWords.isSetupFault(recipient), "\(recipient)")
        }
    }
}
