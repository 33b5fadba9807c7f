/// Members cut from a JSON object as it is stored, without decoding it: the API's lists give
/// each service's one-to-one fields, a few short members of a document mostly made of nested
/// records, and decoding whole documents to encode those few again was a quarter of a search's
/// time at 100,000 services.
///
/// Stored documents are written by `JSONEncoder.sorted` (`DirectoryRecords.json`), so the
/// members copied are in the order, and have the bytes, that encoding them again would give.
struct StoredMembers: Sendable {
    /// The names of the members kept, as bytes.
    private let names: [[UInt8]]

    init(_ names: [String]) {
        self.names = names.map { Array($0.utf8) }
    }

    struct Malformed: Error {}

    /// Appends to `out` an object of the members of `document` (an object) that are named and
    /// not null, in the document's order. Throws, appending nothing, when `document` is not a
    /// JSON object: its brackets, strings and literals are checked as it is read, though a
    /// number's digits are not.
    func append(from document: String, to out: inout [UInt8]) throws {
        var document = document
        let before = out.count
        do {
            try document.withUTF8 { try append(from: $0, to: &out) }
        } catch {
            out.removeSubrange(before...)
            throw error
        }
    }

    private func append(from json: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) throws {
        var reader = Reader(json: json)
        try reader.expect(UInt8(ascii: "{"))
        out.append(UInt8(ascii: "{"))
        var first = true
        var more = try reader.peek() != UInt8(ascii: "}")
        while more {
            reader.skipSpace()
            let name = try reader.string()
            try reader.expect(UInt8(ascii: ":"))
            reader.skipSpace()
            let value = try reader.value()
            let key = UnsafeBufferPointer(rebasing: json[(name.lowerBound + 1)..<(name.upperBound - 1)])
            if names.contains(where: { $0.elementsEqual(key) }), !json[value].elementsEqual("null".utf8) {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                out.append(contentsOf: json[name])
                out.append(UInt8(ascii: ":"))
                out.append(contentsOf: json[value])
            }
            more = try reader.peek() == UInt8(ascii: ",")
            if more { reader.index += 1 }
        }
        try reader.expect(UInt8(ascii: "}"))
        reader.skipSpace()
        guard reader.index == json.count else { throw Malformed() }
        out.append(UInt8(ascii: "}"))
    }

    /// Steps through a JSON text a value at a time, without reading what the values hold.
    private struct Reader {
        let json: UnsafeBufferPointer<UInt8>
        var index = 0

        static func isSpace(_ byte: UInt8) -> Bool {
            byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
        }

        /// What a number is written in.
        static func isInNumber(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): true
            default: false
            }
        }

        /// What may follow a backslash in a string.
        static func isEscape(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "n"),
                 UInt8(ascii: "r"), UInt8(ascii: "t"), UInt8(ascii: "u"): true
            default: false
            }
        }

        mutating func skipSpace() {
            while index < json.count, Reader.isSpace(json[index]) { index += 1 }
        }

        /// The next byte that is not space, not taken.
        mutating func peek() throws -> UInt8 {
            skipSpace()
            guard index < json.count else { throw Malformed() }
            return json[index]
        }

        /// The next byte that is not space, taken.
        mutating func next() throws -> UInt8 {
            let byte = try peek()
            index += 1
            return byte
        }

        mutating func expect(_ byte: UInt8) throws {
            guard try next() == byte else { throw Malformed() }
        }

        /// The string starting here, quotes included.
        mutating func string() throws -> Range<Int> {
            let start = index
            guard index < json.count, json[index] == UInt8(ascii: "\"") else { throw Malformed() }
            index += 1
            while index < json.count {
                switch json[index] {
                case UInt8(ascii: "\\"):
                    guard index + 1 < json.count, Reader.isEscape(json[index + 1]) else { throw Malformed() }
                    index += 2
                case UInt8(ascii: "\""): index += 1; return start..<index
                case ..<0x20: throw Malformed()
                default: index += 1
                }
            }
            throw Malformed()
        }

        /// The value starting here: a string, an object or array with all it holds, or a number
        /// or literal.
        mutating func value() throws -> Range<Int> {
            let start = index
            guard index < json.count else { throw Malformed() }
            switch json[index] {
            case UInt8(ascii: "\""):
                return try string()
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                // The brackets still open, each as the one that closes it.
                var open: [UInt8] = []
                while index < json.count {
                    switch json[index] {
                    case UInt8(ascii: "\""): _ = try string(); continue
                    case UInt8(ascii: "{"): open.append(UInt8(ascii: "}"))
                    case UInt8(ascii: "["): open.append(UInt8(ascii: "]"))
                    case UInt8(ascii: "}"), UInt8(ascii: "]"):
                        guard open.popLast() == json[index] else { throw Malformed() }
                        if open.isEmpty { index += 1; return start..<index }
                    default: break
                    }
                    index += 1
                }
                throw Malformed()
            case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
                for literal in ["true", "false", "null"] where json[index...].starts(with: literal.utf8) {
                    index += literal.utf8.count
                    return start..<index
                }
                throw Malformed()
            default:
                while index < json.count, Reader.isInNumber(json[index]) { index += 1 }
                guard index > start else { throw Malformed() }
                return start..<index
            }
        }
    }
}
