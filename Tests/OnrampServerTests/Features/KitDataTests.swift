import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
@testable import OnrampCore
@testable import OnrampServer

/// The data bank over real HTTP: a batch of SIMs with sealed codes, all or nothing; a code
/// reused is refused; one given to a resident's data referral with its code shown once; the
/// reminder before the data ends; and stock by network.
@Suite struct KitDataTests {
    static var today: CalendarDay { WorkingDays.today(Date()) }

    static func csv(_ codes: [String], network: String = "vodafone", expires: CalendarDay = today.adding(days: 90)) -> String {
        "kind,network,allowance_gb,months,expires_on,code\n" + codes.map { "sim,\(network),20,6,\(expires.iso),\($0)\n" }.joined()
    }

    static func upload(_ browser: Browser, _ csv: String) async throws -> Browser.Page {
        try await browser.postMultipart(SiteURL.kitData.path, fields: [("batch", "National Databank, November 2026")], file: ("file", "sims.csv", Array(csv.utf8)))
    }

    @Test(arguments: TestDatabase.available)
    func simsAreRecordedSealedAndGivenOnceWithTheirCode(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            // Setup: a resident's data referral, and the library partner who fulfils it.
            let place = try await Fixture.council(on: app.db)
            let help = try await Fixture.helpCase(place, on: app.db)
            let referral = try await Fixture.referral(.dataSIM, alongside: help.referralID, organisationID: place.partner.id!, on: app.db)
            let partner = Browser(app)
            try await partner.signIn(try await Fixture.user(.partner, in: place.partner, on: app.db).email)
            #expect(try await partner.get(SiteURL.kitData.path).contains("No SIMs or vouchers yet"))

            // Bad files are refused by line, and nothing is written.
            let repeated = try await Self.upload(partner, Self.csv(["8944 1000 0001", "8944-1000-0002", "89441000 0001"]))
            #expect(repeated.status == .unprocessableEntity && repeated.contains("Line 4: the code ending 0001 is also on line 2"))
            let expired = try await Self.upload(partner, Self.csv(["89441000XX01"], expires: Self.today.adding(days: -1)))
            #expect(expired.contains("Line 2: This code expired on \(Self.today.adding(days: -1).spoken)"))
            let noBatch = try await partner.postMultipart(SiteURL.kitData.path, fields: [("batch", "")], file: nil)
            #expect(noBatch.contains("Enter where the batch came from") && noBatch.contains("Choose the batch"))
            #expect(try await DataPack.query(on: app.db).count() == 0)

            // Recorded: the codes are sealed, and a code reused later is refused.
            #expect(try await Self.upload(partner, Self.csv(["8944 1000 0001", "8944 1000 0002"])).status == .seeOther)
            let raw = try await (app.db as! any SQLDatabase).raw("SELECT code_sealed, code_digest, code_ending FROM kit_data_packs").all()
            #expect(raw.count == 2)
            for row in raw {
                #expect(try !row.decode(column: "code_sealed", as: String.self).contains("89441000"), "no code in the clear")
                #expect(try !row.decode(column: "code_digest", as: String.self).contains("89441000"))
            }
            let reused = try await Self.upload(partner, Self.csv(["89441000-0002", "89441000 0003"]))
            #expect(reused.contains("Line 2: the code ending 0002 is already in the data bank"))
            #expect(try await DataPack.query(on: app.db).count() == 2)
            let page = try await partner.get(SiteURL.kitData.path)
            #expect(page.contains("Stock by network") && page.contains("Vodafone"), "the network as the networks spell it")

            // Giving needs a contacted resident; then the soonest to expire is given, once.
            let give: [(String, String)] = [("referral", referral.id!.uuidString), ("pack", "Vodafone|sim")]
            #expect(try await partner.post(SiteURL.kitDataGive.path, form: give).contains("Record on the referral that the resident has been contacted"))
            _ = try await ReferralMoves.move(referral, to: .contacted, reason: "", outcome: nil, actor: .commandLine, trackURL: "", now: Date(), on: app.db)
            #expect(try await partner.post(SiteURL.kitDataGive.path, form: [give[0], ("pack", "Three|sim")]).contains("There are no Three sim cards left"))
            let shown = try await partner.post(SiteURL.kitDataGive.path, form: give)
            let given = try #require(try await DataPack.query(on: app.db).filter(\.$referralID == referral.id!).first())
            let code = "8944 1000 000\(given.codeEnding.last!)"
            #expect(shown.status == .ok && shown.contains(code) && shown.contains("It will not be shown again"))
            #expect(shown.headers.first(name: .cacheControl) == "no-store")
            #expect(try await Referral.unscoped(referral.id, on: app.db)?.status == .fulfilled)
            #expect(given.endsOn == DataPlan.endsOn(givenOn: Self.today, months: 6).iso)
            #expect(try await partner.post(SiteURL.kitDataGive.path, form: give).contains("Select an open referral for a data SIM"), "a fulfilled referral gets no second SIM")
            #expect(!(try await partner.get(SiteURL.kitData.path).contains(code)), "the code is not shown again")
            let audit = try await AuditEvent.query(on: app.db).filter(\.$action == AuditAction.kitDataGiven.rawValue).count()
            #expect(audit == 1)

            // Another partner's staff cannot give data for this partner's referral.
            let other = Organisation(councilID: place.council.id!, name: "Another charity", type: .charity)
            try await other.create(on: app.db)
            let outsider = Browser(app)
            try await outsider.signIn(try await Fixture.user(.partner, in: other, on: app.db).email)
            let second = try await Fixture.referral(.dataSIM, alongside: help.referralID, organisationID: place.partner.id!, on: app.db)
            #expect(try await outsider.post(SiteURL.kitDataGive.path, form: [("referral", second.id!.uuidString), give[1]]).status == .notFound)

            // The reminder goes two weeks before the data ends, once.
            let ends = try #require(given.endsOn.flatMap(CalendarDay.init(iso:)))
            #expect(try await DataPacks.remind(today: ends.adding(days: -15), trackURL: "", now: Date(), on: app.db) == 0)
            #expect(try await DataPacks.remind(today: ends.adding(days: -14), trackURL: "", now: Date(), on: app.db) == 1)
            #expect(try await DataPacks.remind(today: ends.adding(days: -13), trackURL: "", now: Date(), on: app.db) == 0)
            #expect(try await OutboxMessage.query(on: app.db).filter(\.$subject == "Your free data ends on \(ends.spoken)").count() == 1)

            let stock = try await DataStock.load(councilID: place.council.id!, today: Self.today, on: app.db)
            #expect(stock.lines.count == 1 && stock.lines[0].available == 1 && stock.lines[0].givenRecently == 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func withoutAKeyTheDataBankTakesNoCodes(db: TestDatabase) async throws {
        try await withTestApp(db, adjust: { $0.dataKey = nil }) { app in
            let place = try await Fixture.council(on: app.db)
            let officer = Browser(app)
            try await officer.signIn(try await Fixture.user(.officer, in: place.council, on: app.db).email)
            #expect(try await officer.get(SiteURL.kitData.path).contains("ONRAMP_DATA_KEY"))
            let refused = try await Self.upload(officer, Self.csv(["89441000XX01"]))
            #expect(refused.status == .conflict)
            #expect(try await DataPack.query(on: app.db).count() == 0)
        }
    }

    /// Officers hear once a week when ready laptops or SIMs will run out within four weeks.
    @Test(arguments: TestDatabase.available)
    func officersAreToldWhenStockRunsLow(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db)
            let officer = try await Fixture.user(.officer, in: place.council, on: app.db)
            let device = try await Fixture.device(councilID: place.council.id!, on: app.db)
            // One laptop went to a resident lately and none is ready: it runs out now.
            try await World.makeReady(device, on: app.db)
            #expect(try await DeviceBank.move(device, to: .gifted, reason: "", evidence: .none, actor: .commandLine, now: Date(), on: app.db) == nil)
            let kitURL = "https://onramp.example/kit"
            #expect(try await StockAlerts.send(today: Self.today, kitURL: kitURL, now: Date(), on: app.db) == 1)
            let sent = try #require(try await OutboxMessage.query(on: app.db).filter(\.$recipient == officer.email).first())
            #expect(sent.subject == "Low stock in the device and data bank" && sent.body.contains("Laptops: 0 ready") && sent.body.contains(kitURL))
            #expect(try await StockAlerts.send(today: Self.today, kitURL: kitURL, now: Date(), on: app.db) == 0, "not again within a week")
            #expect(try await StockAlerts.send(today: Self.today.adding(days: 7), kitURL: kitURL, now: Date(), on: app.db) == 1)
        }
    }
}
