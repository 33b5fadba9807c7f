import Foundation
@testable import OnrampCore
import Testing

@Suite struct WeeklyOpeningTests {
    static let london: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/London")!
        return calendar
    }()

    /// A moment in London time: 2026-11-23 is a Monday.
    static func at(_ day: Int, _ hour: Int, _ minute: Int = 0) -> Date {
        london.date(from: DateComponents(year: 2026, month: 11, day: day, hour: hour, minute: minute))!
    }

    let hours = WeeklyOpening(schedules: [
        ORUK.Schedule(id: "a", byday: "MO,TU,TH", opens_at: "09:00", closes_at: "19:00"),
        ORUK.Schedule(id: "b", byday: "FR", opens_at: "10:00:00", closes_at: "18:00:00"),
        ORUK.Schedule(id: "c", byday: "SA", opens_at: "09:00", closes_at: "17:30"),
    ])

    @Test func openNowAndWhenItNextOpens() {
        #expect(hours.isOpen(at: Self.at(23, 9), calendar: Self.london))
        #expect(!hours.isOpen(at: Self.at(23, 19), calendar: Self.london))   // closing time is closed
        #expect(hours.status(at: Self.at(23, 12), calendar: Self.london) == "Open now, until 7pm")
        #expect(hours.status(at: Self.at(23, 7), calendar: Self.london) == "Opens today at 9am")
        #expect(hours.status(at: Self.at(23, 20), calendar: Self.london) == "Opens tomorrow at 9am")
        #expect(hours.status(at: Self.at(24, 20), calendar: Self.london) == "Opens Thursday at 9am")   // closed Wednesday
        #expect(hours.status(at: Self.at(28, 18), calendar: Self.london) == "Opens Monday at 9am")   // after Saturday
        #expect(WeeklyOpening(schedules: []).status(at: Self.at(23, 9), calendar: Self.london) == nil)
    }

    @Test func aWeekInWords() {
        #expect(hours.lines == [
            "Monday: 9am to 7pm", "Tuesday: 9am to 7pm", "Wednesday: closed", "Thursday: 9am to 7pm",
            "Friday: 10am to 6pm", "Saturday: 9am to 5:30pm", "Sunday: closed",
        ])
        #expect(WeeklyOpening.clock(12 * 60) == "midday" && WeeklyOpening.clock(12 * 60 + 30) == "12:30pm")
    }
}

@Suite struct SearchTextTests {
    @Test func casesAccentsAndPluralsMeet() {
        #expect(SearchText.terms("Libraries with FREE Wi-Fi") == ["library", "with", "free", "wifi", "wi", "fi"])
        #expect(SearchText.terms("wifi") == ["wifi"])
        #expect(SearchText.terms("Café classes, computers & SIMs") == ["cafe", "class", "computer", "sim"])
        #expect(SearchText.stem("address") == "address" && SearchText.stem("bus") == "bus" && SearchText.stem("boxes") == "box")
        #expect(SearchText.indexed("Dulwich Library", nil, "Public computers") == " dulwich library public computer ")
    }

    /// ASCII is read byte by byte, and finds what folding and splitting by Character finds:
    /// texts of letters, digits, hyphens, punctuation, spaces, line ends and control
    /// characters, with plurals and words longer than the longest kept.
    @Test func asciiIsReadAsFoldingReadsIt() {
        let pieces = ["Libraries", "CLASSES", "wi-fi", "-", "--", "a-", "-b", "Co-op-Hub", "boxes", "bus", "12", "3rd", "SIMs", "x", "\r\n", "\t", "\u{1}", "\u{7F}",
                      " ", ",", ".", "&", "'", "_", "(Free)", String(repeating: "Long", count: 20) + "s", "ÉCOLE"]
        func readBothWays(_ text: String) {
            var utf8 = text
            let ascii = utf8.withUTF8 { SearchText.asciiTerms($0) }
            if text.utf8.allSatisfy({ $0 < 0x80 }) {
                #expect(ascii == SearchText.foldedTerms(text), "\(text.debugDescription)")
            } else {
                #expect(ascii == nil && SearchText.terms(text) == SearchText.foldedTerms(text))
            }
        }
        // Every ASCII character alone, between letters and beside hyphens.
        for byte in UInt8(0)...0x7F {
            let character = String(UnicodeScalar(byte))
            for text in [character, "a\(character)b", "Wi-\(character)Fi", "\(character)-\(character)s"] { readBothWays(text) }
        }
        var generator = SplitMix64(seed: 17)
        for _ in 0..<2_000 {
            readBothWays((0..<Int.random(in: 0...12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined(separator: Bool.random(using: &generator) ? " " : ""))
        }
    }
}

@Suite struct LibraryDataParserTests {
    @Test func southwarksLibrariesWithTheirHours() throws {
        var reader = try CSVReader(path: sharedDataPath("services/libraries_southwark_librarydata_schema.csv"))
        let parser = try LibraryDataParser(header: ColumnMap(header: reader.next()!.fields))
        var rows: [LibraryDataRow] = []
        var first: [String] = []
        while let record = reader.next() {
            if first.isEmpty { first = record.fields }
            if let row = try parser.parse(record.fields) { rows.append(row) }
        }
        #expect(rows.count == 16)
        #expect(rows.filter(\.isOpen).count == 12)
        let blueAnchor = try #require(rows.first { $0.name == "Blue Anchor Library" })
        #expect(blueAnchor.postcode == "SE16 3UQ")
        #expect(blueAnchor.addressLines == ["Market Place, Southwark Park Road", "Southwark", "Surrey"])
        #expect(blueAnchor.schedules.map { "\($0.days) \($0.opens)-\($0.closes)" } == ["MO,TU,TH 09:00-19:00", "FR 10:00-18:00", "SA 09:00-17:00"])
        first[11] = "nine to five"
        #expect(throws: RowProblem("Monday staffed hours \u{201C}nine to five\u{201D} are not like 09:00-17:00")) { try parser.parse(first) }
    }
}

@Suite struct ORUKFeedTests {
    @Test func aListWithSomethingOtherThanAnObjectIsAProblemNotACrash() throws {
        // Found by fuzzing (scripts/fuzz.sh, target oruk): a number or a string in the list was
        // handed to JSONSerialization.data(withJSONObject:), which traps on anything but a list or object.
        let feed = Data(#"[{"id":"2b1a5e43-1f4f-4a53-9c61-8c1b9c1b2a03","name":"Classes","status":"active"},7,"text",null,[]]"#.utf8)
        let problems = try #require(throws: ImportProblems.self) { try ORUKFeed.read(feed, fileName: "feed.json") }
        #expect(problems.first.map(\.line) == [2, 3, 4, 5])
        #expect(problems.first.allSatisfy { $0.message == "this is not a JSON object" })
        let page = Data(#"{"contents":[1]}"#.utf8)
        #expect(throws: ImportProblems.self) { try ORUKFeed.read(page, fileName: "page.json") }
    }

    @Test func anOrganizationWithoutAUUIDIsAProblem() throws {
        let feed = Data(#"[{"id":"2b1a5e43-1f4f-4a53-9c61-8c1b9c1b2a03","name":"Classes","status":"active","organization":{"id":"lib","name":"Library","description":"A library"}}]"#.utf8)
        let problems = try #require(throws: ImportProblems.self) { try ORUKFeed.read(feed, fileName: "feed.json") }
        #expect(problems.first.map(\.message) == ["The organization id \u{201C}lib\u{201D} is not a UUID"])
    }

    /// A name too long for the index of names in order is refused with the file's line, from a
    /// feed or from the council's spreadsheet, rather than failing in the database.
    @Test func aServiceNameLongerThan500CharactersIsRefused() throws {
        let (longest, tooLong) = (String(repeating: "é", count: 500), String(repeating: "é", count: 501))
        let feed = Data(#"[{"id":"2b1a5e43-1f4f-4a53-9c61-8c1b9c1b2a03","name":"\#(longest)","status":"active"},{"id":"3b1a5e43-1f4f-4a53-9c61-8c1b9c1b2a03","name":"\#(tooLong)","status":"active"}]"#.utf8)
        let problems = try #require(throws: ImportProblems.self) { try ORUKFeed.read(feed, fileName: "feed.json") }
        #expect(problems.first.map(\.line) == [2] && problems.first.map(\.message) == ["The service name is longer than 500 characters"])

        let parser = try DirectoryCSVParser(header: ColumnMap(header: ["service_name", "description", "organization", "category"]))
        #expect(try parser.parse([longest, "Help", "Library", "free-wifi"]) != nil)
        #expect(throws: RowProblem("The service name is longer than 500 characters")) { try parser.parse([tooLong, "Help", "Library", "free-wifi"]) }
    }
}
