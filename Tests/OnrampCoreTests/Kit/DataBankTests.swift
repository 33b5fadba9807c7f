import Testing
@testable import OnrampCore

/// The data bank's rules: a batch's rows, repeated codes, when data ends and its reminder,
/// and which files a device's record keeps.
@Suite struct DataBankTests {
    static let today = CalendarDay(iso: "2026-11-22")!

    func parse(_ fields: [String]) throws -> DataPackRow? {
        try DataPackParser(header: ColumnMap(header: ["kind", "network", "allowance_gb", "months", "expires_on", "code"]), today: Self.today).parse(fields, line: 2)
    }

    @Test func aRowIsReadWithItsNetworkAsNetworksSpellIt() throws {
        let row = try #require(try parse(["SIM", " vodafone ", "20", "6", "2027-05-31", "8944 1000-0001"]))
        #expect(row.kind == .sim && row.network == "Vodafone" && row.allowanceGB == 20 && row.months == 6)
        #expect(row.codeKey == "894410000001" && DataCode.ending(row.code) == "ending 0001")
        #expect(try parse(["voucher", "Brand New Mobile", "5", "1", "2026-11-22", "ABC123"])?.network == "Brand New Mobile", "expiring today is still usable")
    }

    @Test(arguments: [
        (["phone", "O2", "20", "6", "2027-05-31", "ABC123"], "The kind \u{201C}phone\u{201D} is not sim or voucher"),
        (["sim", "O2", "0", "6", "2027-05-31", "ABC123"], "The allowance \u{201C}0\u{201D} is not a whole number from 1 to 1000"),
        (["sim", "O2", "20", "36", "2027-05-31", "ABC123"], "The number of months \u{201C}36\u{201D} is not a whole number from 1 to 24"),
        (["sim", "O2", "20", "6", "31/05/2027", "ABC123"], "The expiry date \u{201C}31/05/2027\u{201D} is not a date like 2027-05-31"),
        (["sim", "O2", "20", "6", "2026-11-21", "ABC123"], "This code expired on 21 November 2026"),
        (["sim", "O2", "20", "6", "2027-05-31", "A-1"], "The code should have 6 to 64 letters and digits"),
    ])
    func badRowsAreRefusedWithWhy(fields: [String], message: String) {
        #expect(throws: RowProblem(message)) { try parse(fields) }
    }

    @Test func codesRepeatedInAFileAreFoundHoweverTheyArePrinted() throws {
        var rows = try [["sim", "O2", "20", "6", "2027-05-31", "ABC-123"], ["sim", "O2", "20", "6", "2027-05-31", "XYZ999"], ["sim", "O2", "20", "6", "2027-05-31", "abc 123"]]
            .map { try #require(try parse($0)) }
        for index in rows.indices { rows[index].line = index + 2 }
        let repeats = DataPackParser.repeatedCodes(rows)
        #expect(repeats.count == 1 && repeats[0].code == "ending C123" && repeats[0].lines == [2, 4])
    }

    @Test func dataEndsMonthsLaterAndTheReminderComesTwoWeeksBefore() {
        #expect(DataPlan.endsOn(givenOn: CalendarDay(iso: "2026-08-31")!, months: 6).iso == "2027-02-28")
        let ends = CalendarDay(iso: "2027-05-22")!
        #expect(!DataPlan.reminderDue(endsOn: ends, today: CalendarDay(iso: "2027-05-07")!, sent: false))
        #expect(DataPlan.reminderDue(endsOn: ends, today: CalendarDay(iso: "2027-05-08")!, sent: false))
        #expect(DataPlan.reminderDue(endsOn: ends, today: ends, sent: false))
        #expect(!DataPlan.reminderDue(endsOn: ends, today: CalendarDay(iso: "2027-05-10")!, sent: true))
        #expect(!DataPlan.reminderDue(endsOn: ends, today: CalendarDay(iso: "2027-05-23")!, sent: false), "too late once it has ended")
    }

    @Test func filesAreKnownByTheirBytesNotTheirNames() {
        let pdf = Array("%PDF-1.4 a certificate".utf8)
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0]
        #expect(KitFilePurpose.wipeCertificate.problem(with: pdf) == nil)
        #expect(KitFilePurpose.wipeCertificate.problem(with: png) == "The certificate must be a PDF")
        #expect(KitFilePurpose.photo.problem(with: png) == nil && KitFilePurpose.photo.problem(with: [0xFF, 0xD8, 0xFF, 0xE0]) == nil)
        #expect(KitFilePurpose.photo.problem(with: pdf) == "The photo must be a JPEG or PNG")
        #expect(KitFilePurpose.recyclingCertificate.problem(with: []) == "The file is empty")
        #expect(KitFilePurpose.recyclingCertificate.problem(with: pdf + [UInt8](repeating: 0, count: KitFilePurpose.maxBytes)) == "The file must be smaller than 10 MB")
        #expect(FileFormat(sniffing: png)?.contentType == "image/png")
    }
}
