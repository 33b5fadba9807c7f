import Foundation
import Testing
@testable import OnrampCore

@Suite struct CSVReaderTests {
    @Test func quotingByteOrderMarkAndLineNumbers() {
        let text = "\u{FEFF}code,name,count\r\nE01000001,\"City of London 001A\",\"1,296\"\r\nE01000002,\"Says \"\"hi\"\", twice\",3\n\"multi\nline\",x,\n"
        var reader = CSVReader(text: text)
        let records = Array(AnyIterator { reader.next() })
        #expect(records.map(\.line) == [1, 2, 3, 4])
        #expect(records[0].fields == ["code", "name", "count"])
        #expect(records[1].fields == ["E01000001", "City of London 001A", "1,296"])
        #expect(records[2].fields == ["E01000002", "Says \"hi\", twice", "3"])
        #expect(records[3].fields == ["multi\nline", "x", ""])
        #expect(reader.problem == nil)
    }

    @Test func anUnclosedQuoteIsAProblemNotARecord() {
        var reader = CSVReader(text: "a,b\n1,\"never closed\n2,3\n")
        #expect(reader.next()?.fields == ["a", "b"])
        #expect(reader.next() == nil)
        #expect(reader.problem == .unterminatedQuote(line: 2))
    }

    @Test func aSourceThatFailsIsAProblemNotTheEnd() {
        // As when gzip finds the file cut short: what came before is read, then the failure is named.
        struct CutShort: Error, CustomStringConvertible { var description: String { "the file is not valid gzip" } }
        var sent = false
        var reader = CSVReader(chunks: {
            guard !sent else { throw CutShort() }
            sent = true
            return Data("a,b\n1,2\n3,".utf8)
        })
        #expect(reader.next()?.fields == ["a", "b"])
        #expect(reader.next()?.fields == ["1", "2"])
        #expect(reader.next() == nil)
        #expect(reader.problem == .unreadable(line: 3, reason: "the file is not valid gzip"))
    }

    @Test func unquotedFieldsAreTrimmedQuotedOnesAreNot() {
        var reader = CSVReader(text: " a ,\t b\t,\" c \"\n")
        #expect(reader.next()?.fields == ["a", "b", " c "])
    }

    @Test func chunksMayBreakAnywhere() {
        let bytes = Array("x,\"y,z\"\n1,2\n".utf8)
        var offset = 0
        var reader = CSVReader(chunks: {
            guard offset < bytes.count else { return Data() }
            defer { offset += 1 }
            return Data([bytes[offset]])
        })
        #expect(reader.next()?.fields == ["x", "y,z"])
        #expect(reader.next()?.fields == ["1", "2"])
        #expect(reader.next() == nil)
    }

    @Test func aByteOrderMarkCutAcrossChunksIsSkipped() {
        // Found by fuzzing (scripts/fuzz.sh, target csv): with the mark split over the first
        // chunks, its bytes stayed at the start of the first column's name.
        for size in 1...4 {
            let bytes = Array("\u{FEFF}code,name\nE01000001,x\n".utf8)
            var offset = 0
            var reader = CSVReader(chunks: {
                guard offset < bytes.count else { return Data() }
                defer { offset += size }
                return Data(bytes[offset..<min(offset + size, bytes.count)])
            })
            #expect(reader.next()?.fields == ["code", "name"], "chunks of \(size)")
            #expect(reader.next()?.fields == ["E01000001", "x"], "chunks of \(size)")
            #expect(reader.next() == nil)
        }
        // Bytes that only start like the mark are kept, and are not UTF-8.
        var parts = [Data([0xEF]), Data([0xBB]), Data("a,b\n".utf8)]
        var reader = CSVReader(chunks: { parts.isEmpty ? Data() : parts.removeFirst() })
        #expect(reader.next() == nil)
        #expect(reader.problem == .notUTF8(line: 1))
    }

    @Test func readsAFileFromDisk() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("csv-\(UUID()).csv").path
        try "a,b\n1,2".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var reader = try CSVReader(path: path)
        #expect(reader.next()?.fields == ["a", "b"])
        #expect(reader.next()?.fields == ["1", "2"])
        #expect(reader.next() == nil)
    }
}

@Suite struct NumberTextTests {
    @Test(arguments: [
        ("1,296", 1296.0), ("12.5", 12.5), (" 3 ", 3.0), ("-1.654", -1.654), ("1,234,567.5", 1_234_567.5), ("0", 0.0),
    ])
    func numbers(text: String, value: Double) {
        #expect(NumberText.parse(text) == value)
    }

    @Test(arguments: ["", "abc", "1,2", "12,34", "nan", "inf", "1.2.3"])
    func notNumbers(text: String) {
        #expect(NumberText.parse(text) == nil)
    }
}

@Suite struct AreaCodeTests {
    @Test func kinds() {
        #expect(AreaCode.kind(of: "E01000001") == .lsoa)
        #expect(AreaCode.kind(of: "W01000001") == .lsoa)
        #expect(AreaCode.kind(of: "E02000001") == .msoa)
        #expect(AreaCode.kind(of: "E05011095") == .ward)
        #expect(AreaCode.kind(of: "E09000028") == .localAuthority)
        #expect(AreaCode.kind(of: "E06000001") == .localAuthority)
        #expect(AreaCode.isValid("E12000007", as: .region))
    }

    @Test(arguments: ["", "E0100001", "E010000011", "X01000001", "E0100000A", "e01000001", "E03000001"])
    func malformed(code: String) {
        #expect(AreaCode.kind(of: code) == nil)
    }
}
