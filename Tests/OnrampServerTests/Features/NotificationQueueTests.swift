import Fluent
import Foundation
import Testing
import Vapor
@testable import OnrampCore
@testable import OnrampServer

/// The queue against a fake GOV.UK Notify on 127.0.0.1 that fails, recovers and records.
@Suite struct NotificationQueueTests {
    static func message(_ app: Application, councilID: UUID, caseID: UUID? = nil, channel: MessageChannel = .sms, now: Date) async throws -> OutboxMessage {
        let message = OutboxMessage(councilID: councilID, channel: channel, recipient: channel == .email ? "ada@example.com" : "+447700900123",
                                    subject: "Your request", body: "Your reference is HNAM-76FV-H", caseID: caseID, createdAt: now)
        try await message.create(on: app.db)
        return message
    }

    @Test(arguments: TestDatabase.available)
    func retriesWithBackoffUntilNotifyRecoversAndSendsOnce(db: TestDatabase) async throws {
        try await FakeNotify.withApp(db) { app, notify in
            let place = try await Fixture.council(on: app.db)
            let sender = app.onramp.sender(app)
            let start = Date()
            let message = try await Self.message(app, councilID: place.council.id!, now: start)
            notify.set(.fail(remaining: 2))

            let first = try await NotificationQueue.sendDue(on: app.db, sender: sender, now: start)
            #expect(first.retrying == 1)
            #expect(try await NotificationQueue.sendDue(on: app.db, sender: sender, now: start.addingTimeInterval(10)) == .init(), "not due yet")
            let second = try await NotificationQueue.sendDue(on: app.db, sender: sender, now: start.addingTimeInterval(31))
            #expect(second.retrying == 1)
            let waited = try #require(try await OutboxMessage.find(message.id, on: app.db))
            #expect(abs((waited.nextAttemptAt?.timeIntervalSince(start) ?? 0) - 91) < 0.01, "30 s, then 60 s")
            let third = try await NotificationQueue.sendDue(on: app.db, sender: sender, now: start.addingTimeInterval(95))
            #expect(third.sent == 1)
            #expect(try await NotificationQueue.sendDue(on: app.db, sender: sender, now: start.addingTimeInterval(5000)) == .init())

            #expect(notify.received.count == 1 && notify.badTokens == 0)
            #expect(notify.received[0].path == "sms" && notify.received[0].reference == message.id!.uuidString.lowercased())
            #expect(notify.received[0].body.contains("\"template_id\":\"\(FakeNotify.smsTemplate)\"") && notify.received[0].body.contains("+447700900123"))
            let sent = try #require(try await OutboxMessage.find(message.id, on: app.db))
            #expect(sent.status == "sent" && sent.providerID == "notify-1" && sent.attempts == 3)

            // Delivery receipt: the bearer token is required.
            let browser = Browser(app)
            var headers = HTTPHeaders()
            headers.contentType = .json
            let receipt = #"{"id": "notify-1", "reference": "x", "status": "delivered"}"#
            #expect(try await browser.send(.POST, SiteURL.notifyCallback.path, headers: headers, body: receipt).status == .unauthorized)
            headers.bearerAuthorization = .init(token: "callback-secret-token")
            #expect(try await browser.send(.POST, SiteURL.notifyCallback.path, headers: headers, body: receipt).status == .noContent)
            #expect(try await OutboxMessage.find(message.id, on: app.db)?.status == "delivered")
        }
    }

    @Test(arguments: TestDatabase.available)
    func aCrashMidSendNeitherLosesNorRepeatsTheMessage(db: TestDatabase) async throws {
        try await FakeNotify.withApp(db) { app, notify in
            let place = try await Fixture.council(on: app.db)
            let sender = app.onramp.sender(app)
            let start = Date()
            // Two messages claimed by a process that then died: Notify got the first, not the second.
            let delivered = try await Self.message(app, councilID: place.council.id!, channel: .email, now: start)
            let lost = try await Self.message(app, councilID: place.council.id!, channel: .email, now: start)
            for message in [delivered, lost] {
                message.status = "sending"
                message.attempts = 1
                message.leaseUntil = start.addingTimeInterval(60)
                try await message.save(on: app.db)
            }
            notify.alreadyHas(reference: delivered.id!.uuidString.lowercased())
            #expect(try await NotificationQueue.sendDue(on: app.db, sender: sender, now: start.addingTimeInterval(30)) == .init(), "the lease still holds")
            let pass = try await NotificationQueue.sendDue(on: app.db, sender: sender, now: start.addingTimeInterval(61))
            #expect(pass.recovered == 1 && pass.sent == 1)
            #expect(notify.received.filter { $0.reference == delivered.id!.uuidString.lowercased() }.count == 1, "not sent twice")
            #expect(notify.received.filter { $0.reference == lost.id!.uuidString.lowercased() }.count == 1, "not lost")
            #expect(try await OutboxMessage.query(on: app.db).filter(\.$status == "sent").count() == 2)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aPermanentFailureIsShownOnTheCaseWithWhatToTry(db: TestDatabase) async throws {
        try await FakeNotify.withApp(db) { app, notify in
            let (place, offers) = try await HelpJourneyTests.setUp(app)
            let resident = Browser(app)
            _ = try await resident.get(SiteURL.help.path)
            let draft = try await HelpJourneyTests.triage(resident, from: try await resident.post(SiteURL.helpStart.path, form: []).location!)
            _ = try await resident.post(draft + "/your-help", form: [("offer", offers.first { $0.kind == .dataSIM }!.id!.uuidString)] + HelpJourneyTests.details)
            notify.set(.refuse)
            let pass = try await NotificationQueue.sendDue(on: app.db, sender: app.onramp.sender(app), now: Date())
            #expect(pass.failed == 1)
            let helpCase = try #require(try await HelpCase.query(on: app.db).first())
            let officer = Browser(app)
            try await officer.signIn(try await Fixture.user(.officer, in: place.council, on: app.db).email)
            let page = try await officer.get(SiteURL.helpCase(.value(helpCase.id!)).path)
            #expect(page.contains("phone_number Not a UK mobile number") && page.contains("Try another way: phone the resident or send a letter"))
            let admin = Browser(app)
            try await admin.signIn(try await Fixture.user(.admin, in: place.council, on: app.db).email)
            #expect(try await admin.get(SiteURL.outbox.path).contains("Could not be delivered</strong> phone_number Not a UK mobile number"))
        }
    }
}
