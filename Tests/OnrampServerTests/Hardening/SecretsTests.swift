import Fluent
import Foundation
import Testing
import Vapor
@testable import OnrampCore
@testable import OnrampServer

/// Secrets and personal data stay where they belong: resume links that run out, secrets kept
/// out of logs and the outbox, links from the configured address only, the client's address
/// read only from trusted proxies, throttles that count every try, and request ids we make.
@Suite struct SecretsTests {
    @Test(arguments: TestDatabase.available)
    func aResumeLinkRunsOutAndShowsTheReferenceOnlyToTheBrowserThatAsked(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let (_, offers) = try await HelpJourneyTests.setUp(app)
            let resident = Browser(app)
            try await resident.get(SiteURL.help.path)
            let started = try await resident.post(SiteURL.helpStart.path, form: [])
            let draft = try await HelpJourneyTests.triage(resident, from: try #require(started.location))

            // Unfinished: 29 days after the last answer the link works, at 31 it has run out.
            let row = try #require(try await TriageDraft.query(on: app.db).first())
            row.updatedAt = Date().addingTimeInterval(-29 * 86_400)
            try await row.save(on: app.db)
            #expect(try await Browser(app).get(draft + "/check").status == .ok)
            row.updatedAt = Date().addingTimeInterval(-31 * 86_400)
            try await row.save(on: app.db)
            let gone = try await Browser(app).get(draft + "/questions/devices")
            #expect(gone.status == .gone && gone.contains("This link has run out"))
            #expect(try await Browser(app).post(draft + "/questions/devices", form: [("devices", "laptop")]).status != .seeOther)
            row.updatedAt = Date()
            try await row.save(on: app.db)

            // Asked: the asking browser sees the reference; the address alone shows nothing of it.
            let loan = offers.first { $0.kind == .deviceLoan }!.id!.uuidString.lowercased()
            #expect(try await resident.post(draft + "/your-help", form: [("offer", loan)] + HelpJourneyTests.details).status == .seeOther)
            let asked = try #require(try await HelpCase.query(on: app.db).first())
            let reference = asked.referenceNumber.description
            #expect(try await resident.get(draft + "/done").contains(reference))
            #expect(try await resident.post(draft + "/about-you", form: [("age_band", "16-24")]).status == .ok)
            let saved = try await ResidentEquality.query(on: app.db).all()
            #expect(saved.count == 1 && saved[0].ageBand == "16-24")

            let elsewhere = Browser(app)
            // Nor can the cookie be worked out from the address.
            elsewhere.setCookie(TriageDrafts.askedCookie, SecretToken.hash("asked:" + String(draft.split(separator: "/")[1])))
            let done = try await elsewhere.get(draft + "/done")
            #expect(done.status == .ok && done.contains("Your request has been sent"))
            #expect(!done.contains(reference) && !done.contains("Laptop"), "neither the reference nor anything the answers say")
            #expect(try await elsewhere.get(draft + "/about-you").status == .seeOther, "the answers are not shown")
            #expect(try await elsewhere.post(draft + "/about-you", form: [("age_band", "65-plus")]).status == .seeOther)
            #expect(try await ResidentEquality.query(on: app.db).first()?.ageBand == "16-24", "nor overwritten")
            for path in [draft + "/check", draft + "/your-help"] {
                let page = try await elsewhere.get(path)
                #expect(page.location == draft + "/done" && !page.body.contains(reference))
            }

            // Later, even the asking browser sees no more.
            let helpCase = try #require(try await HelpCase.query(on: app.db).first())
            helpCase.createdAt = Date().addingTimeInterval(-3 * 60 * 60)
            try await helpCase.save(on: app.db)
            #expect(!(try await resident.get(draft + "/done").contains(reference)))
        }
    }

    @Test(arguments: TestDatabase.available)
    func theRequestLogHoldsNoSecretAndNoForgedId(db: TestDatabase) async throws {
        let lines = CapturedLog()
        try await withTestApp(db, extraRoutes: { app in app.logger = Logger(label: "test") { _ in lines } }) { app in
            _ = try await Fixture.council(on: app.db)
            let resident = Browser(app)
            try await resident.get(SiteURL.help.path)
            let started = try await resident.post(SiteURL.helpStart.path, form: [])
            let token = String(try #require(started.location).split(separator: "/")[1])
            var headers = HTTPHeaders()
            headers.add(name: .xRequestId, value: "forged")
            _ = try await resident.get(try #require(started.location), headers: headers)
            // The router reads "%53" as "S": an escaped token is still a token, and still masked.
            let escaped = "/help/%" + String(format: "%02X", token.utf8.first!) + token.dropFirst() + "/questions/devices"
            #expect(try await resident.get(escaped).status == .ok)
            _ = try await resident.post(try #require(started.location), form: [("devices", "laptop")])
            let written = lines.all.joined(separator: "\n")
            #expect(!written.isEmpty && !written.contains(token), "the draft's token is never in the log")
            #expect(written.contains("/help/[secret]/questions/devices"))
            #expect(written.contains("client-request-id=forged"))
            #expect(!lines.all.contains { $0.hasPrefix("request-id=forged") || $0.contains(" request-id=forged") }, "our own id, never the client's")
        }
    }

    @Test func secretsInAddressesAreMaskedWhereverTheyAreWritten() {
        let token = SecretToken.make()
        #expect(SiteURL.maskingSecrets(in: "/help/\(token)/questions/devices") == "/help/[secret]/questions/devices")
        #expect(SiteURL.maskingSecrets(in: "Open https://x.test/invitations/\(token) to start") == "Open https://x.test/invitations/[secret] to start")
        #expect(SiteURL.maskingSecrets(in: "/help/start and /help/paper-form and /help/offers") == "/help/start and /help/paper-form and /help/offers")
        #expect(SiteURL.maskingSecrets(in: "/help/\(token)/done /help/\(token)/check") == "/help/[secret]/done /help/[secret]/check")
    }

    @Test(arguments: TestDatabase.available)
    func linksInMessagesComeFromThePublicAddressNeverTheHostHeader(db: TestDatabase) async throws {
        try await withTestApp(db, adjust: { $0.publicURL = "https://onramp.example.gov.uk" }) { app in
            let place = try await Fixture.council(on: app.db)
            let admin = try await Fixture.user(.admin, in: place.council, on: app.db)
            let browser = Browser(app)
            try await browser.signIn(admin.email)
            var headers = HTTPHeaders()
            headers.replaceOrAdd(name: .host, value: "evil.example")
            _ = try await browser.get(SiteURL.inviteUser.path, headers: headers)
            let invited = try await browser.post(SiteURL.inviteUser.path, form: [("name", "New Officer"), ("email", "new@x.test"), ("role", "officer"), ("organisation", place.council.id!.uuidString)])
            #expect(invited.status == .created && invited.contains("https://onramp.example.gov.uk/invitations/"))
            let message = try #require(try await OutboxMessage.query(on: app.db).filter(\.$recipient == "new@x.test").first())
            #expect(message.body.contains("https://onramp.example.gov.uk/invitations/") && !message.body.contains("evil.example"))
            #expect(try await browser.get("/openreferral").contains("https://onramp.example.gov.uk/openreferral/openapi.json"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func invitationLinksLeaveTheOutboxOnceSentAndAnotherCouncilsAddressIsNotGivenAway(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db)
            let admin = try await Fixture.user(.admin, in: place.council, on: app.db)
            let browser = Browser(app)
            try await browser.signIn(admin.email)
            let invited = try await browser.post(SiteURL.inviteUser.path, form: [("name", "New Officer"), ("email", "new@x.test"), ("role", "officer"), ("organisation", place.council.id!.uuidString)])
            let token = try #require(invited.body.firstMatch(of: /invitations\/([A-Za-z0-9_-]{43})/)?.output.1)
            // Never on the Messages page, even while it waits to be sent.
            #expect(!(try await browser.get(SiteURL.outbox.path).contains(String(token))))
            _ = try await NotificationQueue.sendDue(on: app.db, sender: OutboxSender(), now: Date())
            let message = try #require(try await OutboxMessage.query(on: app.db).filter(\.$recipient == "new@x.test").first())
            #expect(!message.body.contains(String(token)) && message.body.contains("/invitations/[secret]"))
            #expect(try await Browser(app).get(SiteURL.invitation(.value(String(token))).path).status == .ok, "the link itself still works")

            // An address with an account in another council: the page reads as any invitation.
            let other = try await Fixture.council("Otherton Council", on: app.db)
            try await Fixture.user(.officer, email: "taken@otherton.test", in: other.council, on: app.db)
            let quiet = try await browser.post(SiteURL.inviteUser.path, form: [("name", "Taken"), ("email", "taken@otherton.test"), ("role", "officer"), ("organisation", place.council.id!.uuidString)])
            #expect(quiet.status == .created && quiet.contains("has been invited") && !quiet.contains("already has an account"))
            #expect(try await User.query(on: app.db).filter(\.$email == "taken@otherton.test").count() == 1)
            let told = try #require(try await OutboxMessage.query(on: app.db).filter(\.$recipient == "taken@otherton.test").first())
            #expect(told.councilID == other.council.id && told.subject == "Someone tried to invite you to Onramp")
            let link = try #require(quiet.body.firstMatch(of: /invitations\/([A-Za-z0-9_-]{43})/)?.output.1)
            #expect(try await Browser(app).get(SiteURL.invitation(.value(String(link))).path).status == .gone)
        }
    }

    @Test(arguments: TestDatabase.available)
    func anAdministratorsAccountIsNotTakenOverByAnother(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db)
            let (first, second, target) = (try await Fixture.user(.admin, email: "first@x.test", in: place.council, on: app.db),
                                           try await Fixture.user(.admin, email: "second@x.test", in: place.council, on: app.db),
                                           try await Fixture.user(.admin, email: "target@x.test", in: place.council, on: app.db))
            let reinvite = SiteURL.reinviteUser(.value(target.id!)).path
            let one = Browser(app)
            try await one.signIn(first.email)
            for _ in 0..<2 {
                let sent = try await one.post(reinvite, form: [])
                #expect(sent.status == .ok && sent.contains("We have sent") && !sent.contains("/invitations/"), "the link goes to them alone")
            }
            let emailed = try await OutboxMessage.query(on: app.db).filter(\.$recipient == target.email).count()
            #expect(emailed == 2)
            #expect(!(try await one.get(SiteURL.outbox.path).body.contains("/invitations/A")))

            // A second administrator asking too is the approval: they see a link to give.
            // An account the first administrator set up is not a second person.
            let invited = try await one.post(SiteURL.inviteUser.path, form: [("name", "Sock Puppet"), ("email", "sock@x.test"), ("role", "admin"), ("organisation", place.council.id!.uuidString)])
            let link = String(try #require(invited.body.firstMatch(of: /\/invitations\/[A-Za-z0-9_-]{43}/)?.output))
            let sock = Browser(app)
            try await sock.get(link)
            #expect(try await sock.post(link, form: [("password", "a sock puppet's password"), ("confirmation", "a sock puppet's password")]).status == .seeOther)
            let puppet = try await sock.post(reinvite, form: [])
            #expect(puppet.contains("We have sent") && !puppet.contains("/invitations/"), "no approval from an account the asker made")

            let two = Browser(app)
            try await two.signIn(second.email)
            let approved = try await two.post(reinvite, form: [])
            #expect(approved.contains("/invitations/") && approved.contains("has been invited"))
            let actions = try await AuditEvent.query(on: app.db).filter(\.$recordID == target.id!.uuidString).all().map(\.action)
            #expect(actions.contains(AuditAction.passwordResetRequested.rawValue) && actions.contains(AuditAction.passwordResetApproved.rawValue))

            // Someone who is not an administrator, or has no password yet, is handled as before.
            let officer = try await Fixture.user(.officer, in: place.council, on: app.db)
            #expect(try await one.post(SiteURL.reinviteUser(.value(officer.id!)).path, form: []).contains("/invitations/"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func theClientAddressIsReadOnlyFromTrustedProxiesFromTheRight(db: TestDatabase) async throws {
        try await withTestApp(db, adjust: { $0.trustedProxies = "127.0.0.1/32" }) { app in
            let resident = Browser(app)
            try await resident.get(SiteURL.track.path)
            let wrong: [(String, String)] = [("reference", "K7QM-4T9C-R"), ("postcode", "SE1 7PB")]
            // The left-hand entry is the client's own writing: changing it dodges nothing.
            for attempt in 0..<11 {
                var headers = HTTPHeaders()
                headers.contentType = .urlEncodedForm
                headers.add(name: .xForwardedFor, value: "10.9.9.\(attempt), 203.0.113.7")
                headers.replaceOrAdd(name: .cookie, value: resident.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
                let body = (wrong + [("_csrf", resident.formToken)]).map { "\($0.0)=\(Browser.encode($0.1))" }.joined(separator: "&")
                let page = try await resident.send(.POST, SiteURL.track.path, headers: headers, body: body)
                #expect(page.status == (attempt < 10 ? .unprocessableEntity : .tooManyRequests), "try \(attempt + 1)")
            }
            let addresses = Set(try await TrackFailure.query(on: app.db).all().map(\.address))
            #expect(addresses == ["203.0.113.7"])
        }
        // Without trusted proxies, the header is not believed at all.
        try await withTestApp(db) { app in
            let resident = Browser(app)
            try await resident.get(SiteURL.track.path)
            var headers = HTTPHeaders()
            headers.contentType = .urlEncodedForm
            headers.add(name: .xForwardedFor, value: "203.0.113.7")
            headers.replaceOrAdd(name: .cookie, value: resident.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
            let body = "reference=K7QM-4T9C-R&postcode=SE1+7PB&_csrf=\(resident.formToken)"
            _ = try await resident.send(.POST, SiteURL.track.path, headers: headers, body: body)
            #expect(try await TrackFailure.query(on: app.db).all().map(\.address) == ["127.0.0.1"])
        }
    }

    @Test(arguments: TestDatabase.available)
    func simultaneousTracksAndSignInsCountAgainstEachOther(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db)
            let officer = try await Fixture.user(.officer, in: place.council, on: app.db)
            let resident = Browser(app)
            try await resident.get(SiteURL.track.path)
            let answered = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for _ in 0..<40 {
                    group.addTask { try await resident.post(SiteURL.track.path, form: [("reference", "K7QM-4T9C-R"), ("postcode", "SE1 7PB")]).status }
                }
                return try await group.reduce(into: [HTTPStatus]()) { $0.append($1) }
            }
            #expect(answered.filter { $0 != .tooManyRequests }.count <= TrackController.throttle.maxFailures)
            #expect(answered.count == 40)

            let guesser = Browser(app)
            try await guesser.get(SiteURL.signIn.path)
            let guesses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for _ in 0..<20 {
                    group.addTask { try await guesser.post(SiteURL.signIn.path, form: [("email", officer.email), ("password", "not the password")]).status }
                }
                return try await group.reduce(into: [HTTPStatus]()) { $0.append($1) }
            }
            #expect(guesses.filter { $0 != .tooManyRequests }.count <= SignInThrottle.standard.maxFailures)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aClientsRequestIdIsNeverTakenAsOurs(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            var headers = HTTPHeaders()
            headers.add(name: .xRequestId, value: "forged-id-1234")
            let page = try await Browser(app).get(SiteURL.healthz.path, headers: headers)
            let id = try #require(page.headers.first(name: .xRequestId))
            #expect(id != "forged-id-1234" && UUID(uuidString: id) != nil)
            #expect(RequestMetricsMiddleware.loggable("a\nb c\"d" + String(repeating: "x", count: 100)).count == 64)
            #expect(RequestMetricsMiddleware.loggable("ok-1.2_3:4") == "ok-1.2_3:4")
        }
    }

    @Test(arguments: TestDatabase.available)
    func aFormWithABigFileKeepsItsRoutesOwnLimit(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db)
            let device = try await Fixture.device(councilID: place.council.id!, on: app.db)
            let officer = Browser(app)
            try await officer.signIn(try await Fixture.user(.officer, in: place.council, on: app.db).email)
            let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 0, count: 2_500_000)
            let photos = SiteURL.kitDevicePhotos(.value(device.id!)).path
            #expect(try await officer.postMultipart(photos, fields: [], file: ("photo", "big.png", png)).status == .seeOther, "2.5 MB, under the route's 11 MB")
            let huge = try await officer.postMultipart(photos, fields: [], file: ("photo", "huge.png", png + Array(repeating: 0, count: 10_000_000)))
            #expect(huge.status == .payloadTooLarge && huge.contains("larger than 11 MB"))
            // Every other form keeps the 1 MB limit.
            let note = try await officer.post(SiteURL.track.path, form: [("reference", String(repeating: "x", count: 1_100_000))])
            #expect(note.status == .payloadTooLarge && note.contains("larger than 1 MB"))
        }
    }
}

/// Every log line the application writes, for tests about what a log holds.
final class CapturedLog: LogHandler, @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let all = metadata.merging(event.metadata ?? [:]) { $1 }.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        lock.withLock { lines.append("\(all) \(event.message)") }
    }

    var all: [String] { lock.withLock { lines } }
}
