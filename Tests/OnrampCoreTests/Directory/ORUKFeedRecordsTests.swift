import Foundation
@testable import OnrampCore
import Testing

/// A feed read a chunk at a time gives what the whole file gives, wherever the chunks break.
@Suite struct ORUKFeedRecordsTests {
    static func service(_ number: Int, name: String? = nil) -> String {
        #"{"id":"\#(String(format: "%08x", number))-1f4f-4a53-9c61-8c1b9c1b2a03","name":"\#(name ?? "Service \(number)")","status":"active"}"#
    }

    /// Every record and problem, reading `data` in chunks of `size` bytes.
    static func read(_ data: Data, chunk size: Int) throws -> (lines: [Int], names: [String], problems: ImportProblems) {
        var records = ORUKFeedRecords(data, chunk: size)
        var problems = ImportProblems(file: "feed")
        var (lines, names) = ([Int](), [String]())
        while let record = try records.next(problems: &problems) {
            lines.append(record.line)
            names.append(record.service.name)
        }
        return (lines, names, problems)
    }

    static let chunkSizes = [1, 2, 7, 64, 1 << 16]

    @Test(arguments: chunkSizes)
    func ndjsonIsReadALineAtATimeWithItsLineNumbers(chunk: Int) throws {
        // Blank lines count (a line of only a carriage return is blank); a bad line is a
        // problem, not the end.
        let text = "\n" + Self.service(1) + "\r\n\r\n" + Self.service(2, name: #"Braces { [ \" ] } in a name"#) + "\n{\"id\": \n" + Self.service(3)
        let read = try Self.read(Data(text.utf8), chunk: chunk)
        #expect(read.lines == [2, 4, 6])
        #expect(read.names == ["Service 1", #"Braces { [ " ] } in a name"#, "Service 3"])
        #expect(read.problems.first.map(\.line) == [5])
    }

    @Test(arguments: chunkSizes)
    func aListIsReadAnElementAtATime(chunk: Int) throws {
        let text = "\u{FEFF} [ " + Self.service(1) + " ,\n" + Self.service(2, name: #"A \"quoted\" name, [with] {brackets}"#) + ",7,\"text ] ,\",null,[1,[2]], " + Self.service(3) + "\n]\n"
        let read = try Self.read(Data(text.utf8), chunk: chunk)
        #expect(read.lines == [1, 2, 7])
        #expect(read.names == ["Service 1", #"A "quoted" name, [with] {brackets}"#, "Service 3"])
        #expect(read.problems.first.map(\.line) == [3, 4, 5, 6])
        #expect(read.problems.first.allSatisfy { $0.message == "this is not a JSON object" })
        #expect(try Self.read(Data("[]".utf8), chunk: chunk).lines.isEmpty)
        let backslash = "[" + Self.service(1, name: #"Ends in a backslash \\"#) + "]"
        #expect(try Self.read(Data(backslash.utf8), chunk: chunk).names == [#"Ends in a backslash \"#])
    }

    /// A list longer than the chunks an import reads (64 KB): every element, in its place.
    @Test func aLongListIsReadWhole() throws {
        let text = "[" + (1...2_000).map { Self.service($0) }.joined(separator: ",\n") + "]"
        #expect(text.utf8.count > 2 << 16)
        let read = try Self.read(Data(text.utf8), chunk: 7)
        #expect(read.lines == Array(1...2_000) && read.names == (1...2_000).map { "Service \($0)" } && read.problems.isEmpty)
    }

    /// A list that is not whole JSON is refused as a file, as it was when read at once.
    @Test(arguments: ["[", "[]]", "[" + service(1), "[" + service(1) + ",", "[" + service(1) + "] extra", "[,]", "[" + service(1) + " " + service(2) + "]", "[" + service(1) + ",]", "[1" + service(1) + "]", "[null\"text\"]"])
    func aBrokenListIsRefused(text: String) throws {
        for chunk in [1, 1 << 16] {
            #expect(throws: ORUKFeedRecords.notJSON) { try Self.read(Data(text.utf8), chunk: chunk) }
        }
    }

    @Test(arguments: chunkSizes)
    func aPageOrOneServiceOverManyLinesIsOneDocument(chunk: Int) throws {
        let page = "{\n  \"contents\": [" + Self.service(1) + ", 7, " + Self.service(2) + "]\n}\n"
        let read = try Self.read(Data(page.utf8), chunk: chunk)
        #expect(read.lines == [1, 3] && read.names == ["Service 1", "Service 2"] && read.problems.first.map(\.line) == [2])
        // A page saved on one line, with a newline after it, is a page, not ndjson.
        #expect(try Self.read(Data(("{\"contents\":[" + Self.service(5) + "]}\n").utf8), chunk: chunk).names == ["Service 5"])
        let one = Self.service(4).replacingOccurrences(of: ",", with: ",\n")
        #expect(try Self.read(Data(one.utf8), chunk: chunk).names == ["Service 4"])
        #expect(throws: ORUKFeedRecords.notJSON) { try Self.read(Data("{\n\"contents\": [".utf8), chunk: chunk) }
    }
}
