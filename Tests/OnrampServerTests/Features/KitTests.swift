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
            ("donor", donor), ("source", "council-refresh"), ("received_day", "20"), ("received_month", "11"), ("received_year", "2026"), ("notes", ""),
        ], file: ("file", "batch.csv", csv))
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
            let batch = try #require(try await DonationBatch.query(on: app.db).first())
            #expect(try await officer.get(SiteURL.kitLabels(.value(batch.id!)).path).contains("ONR-000003"))
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

            for step in [[("stage", "wiped")] + wipe, [("stage", "refurbished-tested")], [("stage", "ready")], [("stage", "loaned")], [("stage", "returned"), ("reason", "Loan ended")]] {
                #expect(try await partner.post(path, form: step).status == .seeOther, "\(step[0].1)")
            }
            // Back in: it must be wiped again before it can be ready.
            #expect(try await partner.post(path, form: [("stage", "wiped")] + wipe.filter { $0.0 != "tool" }).contains("Enter the tool used"))
            #expect(try await partner.post(path, form: [("stage", "wiped")] + wipe).status == .seeOther)
            #expect(try await partner.post(path, form: [("stage", "refurbished-tested")]).status == .seeOther)
            let recycledWithout = try await partner.post(path, form: [("stage", "recycled")])
            #expect(recycledWithout.contains("Enter the WEEE facility"))
            #expect(try await partner.post(path, form: [("stage", "recycled"), ("facility", "Bywaters, Bow"), ("recycled_on", "2026-11-22"), ("certificate", "WEEE-2026-0042")]).status == .seeOther)

            let page = try await partner.get(SiteURL.kitDevice(.value(laptop.id!)).path)
            #expect(page.contains("Recycled at Bywaters, Bow on 2026-11-22, certificate WEEE-2026-0042"))
            #expect(page.contains("This device\u{2019}s record is closed"))
            #expect(try await DeviceWipe.query(on: app.db).count() == 3)
            #expect(try await DeviceMove.query(on: app.db).filter(\.$deviceID == laptop.id!).count() == 10)

            let counted = try await KitStock.load(councilID: place.council.id!, now: Date(), on: app.db)
            #expect(counted.allocatedRecently[.laptop] == 1 && counted.count(.tablet, .received) == 1 && counted.count(nil, .recycled) == 1)
            let stock = try await partner.get(SiteURL.kit.path)
            #expect(stock.contains("Devices by type and stage") && stock.contains("Waiting for the next step"))
            #expect(try await partner.get(SiteURL.kit.path + "?find=onr-000002").location == SiteURL.kitDevice(.value(try await KitDevice.query(on: app.db).filter(\.$assetTag == "ONR-000002").first()!.id!)).path)
        }
    }
}
