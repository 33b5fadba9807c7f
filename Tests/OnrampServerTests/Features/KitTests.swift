import Fluent
import Foundation
import Testing
import Vapor
@testable import OnrampCore
@testable import OnrampServer

/// The device bank over real HTTP: a batch from CSV, all or nothing, and a device's chain of
/// custody from donation to a resident and back, and to recycling.
@Suite struct KitTests {
    static let csv = """
    type,make,model,serial,ram_gb,storage_gb,os,condition
    laptop,Lenovo,ThinkPad T480,PF1AB23C,8,256,Windows 11,B
    tablet,Apple,iPad 9th generation,DMPXK2LQ,,64,iPadOS 17,A
    laptop,Dell,Latitude 5490,5CG9X1Z,8,256,Windows 11,C

    """

    static func upload(_ browser: Browser, csv: String, donor: String = "Southwark Council IT") async throws -> Browser.Page {
        try await browser.postMultipart(SiteURL.kitBatches.path, fields: [
            ("donor", donor), ("source", "council-refresh"), ("received-day", "20"), ("received-month", "11"), ("received-year", "2026"), ("notes", ""),
        ], file: ("file", "batch.csv", Array(csv.utf8)))
    }

    @Test(arguments: TestDatabase.available)
    func aBatchIsImportedAllOrNothing(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db)
            let officer = Browser(app)
            try await officer.signIn(try await Fixture.user(.officer, in: place.council, on: app.db).email)
            #expect(try await officer.get(SiteURL.kitBatches.path).contains("Record a batch"))

            let empty = try await officer.postMultipart(SiteURL.kitBatches.path, fields: [("donor", "")], file: nil)
            #expect(empty.status == .unprocessableEntity && empty.contains("Select where the devices came from") && empty.contains("Choose the batch"))

            let refused = try await Self.upload(officer, csv: Self.csv + "laptop,lenovo,T480,pf-1ab-23c,,,,\n")
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.contains("Line 5: the serial Lenovo PF1AB23C is also on line 2"))
            let badRow = try await Self.upload(officer, csv: Self.csv + "phone,Samsung,A12,,,,,\n")
            #expect(badRow.status == .unprocessableEntity && badRow.contains("Line 5: The serial number is empty"))
            #expect(try await KitDevice.query(on: app.db).count() == 0, "nothing written")

            let imported = try await Self.upload(officer, csv: Self.csv)
            #expect(imported.status == .seeOther)
            let devices = try await KitDevice.query(on: app.db).sort(\.$assetTag).all()
            #expect(devices.map(\.assetTag) == ["ONR-000001", "ONR-000002", "ONR-000003"])
            #expect(devices.allSatisfy { $0.stage == .received && !$0.wipedSinceArrival })
            #expect(try await DeviceMove.query(on: app.db).count() == 3)

            let again = try await Self.upload(officer, csv: Self.csv, donor: "Someone else")
            #expect(again.contains("Line 2: the serial Lenovo PF1AB23C is already in the device bank"))
            let reserved = try await Self.upload(officer, csv: "type,make,model,serial,asset_tag\nlaptop,HP,840,H3,ONR-000009\n")
            #expect(reserved.contains("Line 2: Asset tags starting ONR- are made by Onramp"))
            let tagged = try await Self.upload(officer, csv: "type,make,model,serial,asset_tag\nlaptop,HP,840,H1,sw-1\nlaptop,HP,840,H2,SW-1\n")
            #expect(tagged.contains("Line 3: the asset tag SW-1 is also on line 2"))
            #expect(try await KitDevice.query(on: app.db).count() == 3, "nothing written")
            let batch = try #require(try await DonationBatch.query(on: app.db).first())
            let labels = try await officer.get(SiteURL.kitLabels(.value(batch.id!)).path)
            #expect(labels.contains("ONR-000003") && labels.contains("aria-label=\"Code that opens the page of device ONR-000003\""))
        }
    }

    @Test(arguments: TestDatabase.available)
    func aDeviceGoesFromDonationToAResidentAndBackAndToRecycling(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db)
            let partner = Browser(app)
            try await partner.signIn(try await Fixture.user(.partner, in: place.partner, on: app.db).email)
            _ = try await Self.upload(partner, csv: Self.csv)
            let laptop = try #require(try await KitDevice.query(on: app.db).filter(\.$assetTag == "ONR-000001").first())
            let path = SiteURL.kitDeviceMove(.value(laptop.id!)).path
            let wipe: [(String, String)] = [("method", "nist-purge"), ("tool", "Blancco Drive Eraser"), ("tool_version", "7.9"), ("operator", "Sam Patel"),
                                            ("started", "2026-11-21 09:30"), ("finished", "2026-11-21 10:15"), ("result", "passed"), ("verification", "Report 1182")]

            // Impossible moves are refused with a reason, and change nothing.
            let skip = try await partner.post(path, form: [("stage", "ready")])
            #expect(skip.status == .unprocessableEntity && skip.contains("cannot be moved to ready"))
            let noMethod = try await partner.post(path, form: [("stage", "wiped")] + wipe.filter { $0.0 != "method" })
            #expect(noMethod.contains("Select the wipe method"))
            let failed = try await partner.post(path, form: [("stage", "wiped")] + wipe.map { $0.0 == "result" ? ("result", "failed") : $0 })
            #expect(failed.status == .seeOther)
            #expect(try await KitDevice.find(laptop.id, on: app.db)?.stage == .received, "a failed wipe is recorded; the device stays")
            let failedLine = try await AuditEvent.query(on: app.db).filter(\.$action == AuditAction.kitWipeFailed.rawValue).all()
            #expect(failedLine.map(\.summary) == ["ONR-000001: NIST 800-88 Purge with Blancco Drive Eraser failed"], "the failed wipe is in the audit log")

            for step in [[("stage", "wiped")] + wipe, [("stage", "refurbished-tested")], [("stage", "ready")]] {
                #expect(try await partner.post(path, form: step).status == .seeOther, "\(step[0].1)")
            }
            // Lending goes through a handover (KitLoanTests), never a plain move.
            #expect(try await partner.post(path, form: [("stage", "loaned")]).contains("with its handover or loan"))
            for stage in [DeviceStage.loaned, .returned] {
                _ = try await DeviceBank.move(try #require(try await KitDevice.find(laptop.id, on: app.db)), to: stage, reason: "", evidence: .none, actor: .commandLine, now: Date(), on: app.db)
            }
            // Back in: it must be wiped again before it can be ready.
            #expect(try await partner.post(path, form: [("stage", "wiped")] + wipe.filter { $0.0 != "tool" }).contains("Enter the tool used"))
            // The wipe's certificate is kept with it: a PDF, read from its bytes, not its name.
            let pdf = Array(Demo.demoCertificate.utf8)
            let notPDF = try await partner.postMultipart(path, fields: [("stage", "wiped")] + wipe, file: ("certificate_file", "report.pdf", Array("report".utf8)))
            #expect(notPDF.status == .unprocessableEntity && notPDF.contains("The certificate must be a PDF"))
            #expect(try await partner.postMultipart(path, fields: [("stage", "wiped")] + wipe, file: ("certificate_file", "blancco report.pdf", pdf)).status == .seeOther)
            #expect(try await partner.post(path, form: [("stage", "refurbished-tested")]).status == .seeOther)
            let recycledWithout = try await partner.post(path, form: [("stage", "recycled")])
            #expect(recycledWithout.contains("Enter the WEEE facility"))
            #expect(try await partner.postMultipart(path, fields: [("stage", "recycled"), ("facility", "Bywaters, Bow"), ("recycled_on", "2026-11-22"), ("certificate", "WEEE-2026-0042")],
                                                   file: ("certificate_file", "weee.pdf", pdf)).status == .seeOther)

            let page = try await partner.get(SiteURL.kitDevice(.value(laptop.id!)).path)
            #expect(page.contains("Recycled at Bywaters, Bow on 22 November 2026, certificate WEEE-2026-0042"))
            #expect(page.contains("This device\u{2019}s record is closed"))
            #expect(try await DeviceWipe.query(on: app.db).count() == 3)
            #expect(try await DeviceMove.query(on: app.db).filter(\.$deviceID == laptop.id!).count() == 10)

            // Certificates are served to the council's kit staff only, photos shown on the page.
            let certificate = try #require(try await KitFile.query(on: app.db).filter(\.$purpose == .wipeCertificate).first())
            #expect(try await KitFile.query(on: app.db).filter(\.$purpose == .recyclingCertificate).count() == 1)
            let certificatePath = SiteURL.kitFile(.value(certificate.id!)).path
            #expect(page.contains(certificatePath) && certificate.filename == "blancco-report.pdf")
            let served = try await partner.get(certificatePath)
            #expect(served.status == .ok && served.body.hasPrefix("%PDF-") && served.headers.first(name: .contentType) == "application/pdf")
            #expect(served.headers.first(name: .contentDisposition) == "attachment; filename=\"blancco-report.pdf\"")
            let elsewhere = Browser(app)
            try await elsewhere.signIn(try await Fixture.user(.officer, in: try await Fixture.council("Elsewhere Council", on: app.db).council, on: app.db).email)
            #expect(try await elsewhere.get(certificatePath).status == .notFound)
            #expect(try await Browser(app).get(certificatePath).status != .ok, "signed out")
            let photos = SiteURL.kitDevicePhotos(.value(laptop.id!)).path
            #expect(try await partner.postMultipart(photos, fields: [], file: ("photo", "front.jpg", pdf)).contains("The photo must be a JPEG or PNG"))
            #expect(try await partner.postMultipart(photos, fields: [], file: ("photo", "front.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13])).status == .seeOther)
            #expect(try await partner.get(SiteURL.kitDevice(.value(laptop.id!)).path).contains("alt=\"Photo 1 of Lenovo ThinkPad T480 ONR-000001\""))

            let counted = try await KitStock.load(councilID: place.council.id!, now: Date(), on: app.db)
            #expect(counted.allocatedRecently == [.laptop: 1] && counted.count(.tablet, .received) == 1 && counted.count(nil, .recycled) == 1)
            let stock = try await partner.get(SiteURL.kit.path)
            #expect(stock.contains("Devices by type and stage") && stock.contains("Waiting for the next step"))
            #expect(try await partner.get(SiteURL.kit.path + "?find=dmp-xk2lq").location == SiteURL.kitDevice(.value(try await KitDevice.query(on: app.db).filter(\.$assetTag == "ONR-000002").first()!.id!)).path, "a serial, typed loosely")
            #expect(try await partner.get(SiteURL.kit.path + "?find=onr-000002").location == SiteURL.kitDevice(.value(try await KitDevice.query(on: app.db).filter(\.$assetTag == "ONR-000002").first()!.id!)).path)
            try await StockCountsTests.expectCountsAreTheDevices(on: app.db)
        }
    }
}

/// A ready laptop lent to a resident for their referral: the handover, the loan's reminders,
/// an extension and the return.
@Suite struct KitLoanTests {
    @Test(arguments: TestDatabase.available)
    func aLaptopIsLentRemindedExtendedAndReturned(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            // Setup: a loan referral for a resident, and a ready laptop.
            let place = try await Fixture.council(on: app.db)
            let help = try await Fixture.helpCase(place, on: app.db)
            let referral = try await Fixture.referral(.deviceLoan, alongside: help.referralID, organisationID: place.council.id!, on: app.db)
            let device = try await Fixture.device(councilID: place.council.id!, on: app.db)
            let officer = Browser(app)
            let officerUser = try await Fixture.user(.officer, in: place.council, on: app.db)
            try await officer.signIn(officerUser.email)
            let handover = SiteURL.kitHandover(.value(device.id!)).path
            let form: [(String, String)] = [("referral", referral.id!.uuidString), ("place", "Canada Water Library"), ("handed-day", "22"), ("handed-month", "11"),
                                            ("handed-year", "2026"), ("due-day", "22"), ("due-month", "2"), ("due-year", "2027"), ("acknowledged", "yes")]

            // Not ready yet: refused, nothing changes.
            #expect(try await officer.post(handover, form: form).contains("Only a ready device can be handed over; this one is received"))
            let wipe = WipeRecord(method: .clear, tool: "nwipe", toolVersion: "0.34", operatorName: "Sam", started: Date(), finished: Date(), passed: true, verification: "Log 7")
            _ = try await DeviceBank.move(device, to: .wiped, reason: "", evidence: .wipe(wipe), actor: .commandLine, now: Date(), on: app.db)
            for stage in [DeviceStage.refurbished, .ready] { _ = try await DeviceBank.move(device, to: stage, reason: "", evidence: .none, actor: .commandLine, now: Date(), on: app.db) }
            #expect(try await officer.post(handover, form: form).contains("Record on the referral that the resident has been contacted"))
            _ = try await ReferralMoves.move(referral, to: .contacted, reason: "", outcome: nil, actor: .commandLine, trackURL: "", now: Date(), on: app.db)
            let noDue = try await officer.post(handover, form: form.filter { !$0.0.hasPrefix("due") })
            #expect(noDue.status == .unprocessableEntity && noDue.contains("Enter when the loan ends"))
            #expect(try await officer.get(SiteURL.kitDevice(.value(device.id!)).path).contains("Fixture Resident"), "the waiting referral is offered")

            // The handover: the device is lent, the referral fulfilled, the resident told.
            #expect(try await officer.post(handover, form: form).status == .seeOther)
            #expect(try await KitDevice.find(device.id, on: app.db)?.stage == .loaned)
            #expect(try await Referral.unscoped(referral.id, on: app.db)?.status == .fulfilled)
            #expect(try await Referral.unscoped(referral.id, on: app.db)?.outcome == "Laptop ONR-000001 lent until 22 February 2027, handed over at Canada Water Library")
            #expect(try await officer.get(SiteURL.kitLoans.path).contains("22 February 2027"))

            // Reminders a week before and on the day, each once.
            let loan = try #require(try await KitAllocation.query(on: app.db).first())
            let messages = { try await OutboxMessage.query(on: app.db).filter(\.$subject ~~ ["Your loan ends in a week", "Your loan ends today"]).count() }
            #expect(try await Loans.remind(today: CalendarDay(iso: "2027-02-14")!, trackURL: "", now: Date(), on: app.db) == 0)
            #expect(try await Loans.remind(today: CalendarDay(iso: "2027-02-15")!, trackURL: "", now: Date(), on: app.db) == 1)
            #expect(try await Loans.remind(today: CalendarDay(iso: "2027-02-16")!, trackURL: "", now: Date(), on: app.db) == 0)
            #expect(try await Loans.remind(today: CalendarDay(iso: "2027-02-22")!, trackURL: "", now: Date(), on: app.db) == 1)
            #expect(try await messages() == 2)

            // An extension needs a later date and a reason; then the reminders start again.
            let extend = SiteURL.kitLoanExtend(.value(device.id!)).path
            #expect(try await officer.post(extend, form: [("due-day", "1"), ("due-month", "2"), ("due-year", "2027"), ("extend_reason", "Exams")]).contains("must be after 22 February 2027"))
            #expect(try await officer.post(extend, form: [("due-day", "22"), ("due-month", "3"), ("due-year", "2027"), ("extend_reason", "Exams")]).status == .seeOther)
            #expect(try await KitAllocation.unscoped(loan.id, on: app.db)?.due == "2027-03-22")
            #expect(try await KitStock.load(councilID: place.council.id!, now: Date(), on: app.db).allocatedRecently == [.laptop: 1], "an extension is no second handover")
            #expect(try await Loans.remind(today: CalendarDay(iso: "2027-03-15")!, trackURL: "", now: Date(), on: app.db) == 1)

            // Returned: back to be wiped before anyone else has it.
            let (staleLoan, staleDevice) = (try #require(try await KitAllocation.unscoped(loan.id, on: app.db)), try #require(try await KitDevice.find(device.id, on: app.db)))
            #expect(try await officer.post(SiteURL.kitLoanReturn(.value(device.id!)).path, form: []).status == .seeOther)
            let back = try #require(try await KitDevice.find(device.id, on: app.db))
            #expect(back.stage == .returned && !back.wipedSinceArrival)
            let returnedAt = try await KitAllocation.unscoped(loan.id, on: app.db)?.returnedAt
            #expect(returnedAt != nil)
            // The same return recorded again by someone who had the page open: refused, not an error.
            #expect(try await Loans.receiveBack(staleLoan, device: staleDevice, actor: .commandLine, now: Date().addingTimeInterval(60), on: app.db) == .changedMeanwhile)
            #expect(try await KitAllocation.unscoped(loan.id, on: app.db)?.returnedAt == returnedAt)
            #expect(try await officer.post(SiteURL.kitLoanReturn(.value(device.id!)).path, form: []).status == .notFound, "no loan left to return")
            try await StockCountsTests.expectCountsAreTheDevices(on: app.db)
        }
    }
}
