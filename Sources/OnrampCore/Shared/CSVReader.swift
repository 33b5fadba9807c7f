import Foundation

/// Reads a CSV file record by record without loading it whole: RFC 4180 quoting (commas,
/// quotes and line breaks inside quotes), a UTF-8 byte-order mark, CRLF or LF line ends.
/// Each record knows the line it started on, so errors can name it.
public struct CSVReader: Sequence, IteratorProtocol {
    public struct Record: Sendable, Equatable {
        public let line: Int
        public let fields: [String]
    }

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case unterminatedQuote(line: Int)
        case notUTF8(line: Int)
        /// The bytes stopped coming with an error, such as a gzip file cut short.
        case unreadable(line: Int, reason: String)

        public var line: Int {
            switch self {
            case .unterminatedQuote(let line), .notUTF8(let line), .unreadable(let line, _): line
            }
        }

        public var message: String {
            switch self {
            case .unterminatedQuote: "a quoted field is never closed (is the file cut short?)"
            case .notUTF8: "the text is not UTF-8"
            case .unreadable(_, let reason): "the file could not be read to the end: \(reason)"
            }
        }

        public var description: String { "line \(line): \(message)" }
    }

    private var bytes: ByteSource
    private var line = 1
    private var atStart = true
    public private(set) var problem: Problem?

    /// Reads from a file on disk, a chunk at a time.
    public init(path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: path])
        }
        bytes = ByteSource(next: { handle.readData(ofLength: 1 << 16) })
    }

    /// Reads from text in memory, for tests and small inputs.
    public init(text: String) {
        var data: Data? = Data(text.utf8)
        bytes = ByteSource(next: { defer { data = nil }; return data ?? Data() })
    }

    /// Reads from any supplier of chunks, such as a decompressor; an empty chunk is the end.
    public init(chunks: @escaping () throws -> Data) {
        bytes = ByteSource(next: chunks)
    }

    /// The next record, or nil at the end or at the first problem (then `problem` says which).
    public mutating func next() -> Record? {
        guard problem == nil else { return nil }
        if atStart {
            atStart = false
            bytes.skipByteOrderMark()
        }
        guard bytes.peek() != nil else {
            if let failure = bytes.failure { problem = .unreadable(line: line, reason: "\(failure)") }
            return nil
        }
        let startLine = line
        var fields: [String] = []
        var field: [UInt8] = []
        var quoted = false
        var wasQuoted = false

        func finishField() -> Bool {
            // Unquoted fields lose surrounding spaces and tabs, trimmed as bytes: Foundation's
            // trimming, once per field, was most of the time spent reading a file.
            var start = field.startIndex, end = field.endIndex
            if !wasQuoted {
                while start < end, field[start] == 0x20 || field[start] == 0x09 { start += 1 }
                while end > start, field[end - 1] == 0x20 || field[end - 1] == 0x09 { end -= 1 }
            }
            guard let text = String(validating: field[start..<end], as: UTF8.self) else { return false }
            fields.append(text)
            field.removeAll(keepingCapacity: true)
            wasQuoted = false
            return true
        }

        while let byte = bytes.take() {
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    if bytes.peek() == UInt8(ascii: "\"") {
                        _ = bytes.take()
                        field.append(byte)
                    } else {
                        quoted = false
                    }
                } else {
                    if byte == UInt8(ascii: "\n") { line += 1 }
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\"") where field.allSatisfy({ $0 == UInt8(ascii: " ") }):
                field.removeAll()
                quoted = true
                wasQuoted = true
            case UInt8(ascii: ","):
                guard finishField() else { problem = .notUTF8(line: startLine); return nil }
            case UInt8(ascii: "\r") where bytes.peek() == UInt8(ascii: "\n"):
                continue
            case UInt8(ascii: "\n"):
                line += 1
                guard finishField() else { problem = .notUTF8(line: startLine); return nil }
                return Record(line: startLine, fields: fields)
            default:
                field.append(byte)
            }
        }
        if let failure = bytes.failure {
            problem = .unreadable(line: startLine, reason: "\(failure)")
            return nil
        }
        if quoted {
            problem = .unterminatedQuote(line: startLine)
            return nil
        }
        guard finishField() else { problem = .notUTF8(line: startLine); return nil }
        return Record(line: startLine, fields: fields)
    }
}

/// Writing CSV for downloads: a field with a comma, a quote or a line break is quoted.
public enum CSVWriting {
    public static func field(_ text: String) -> String {
        text.contains(where: { ",\"\n\r".contains($0) }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }

    public static func line(_ fields: [String]) -> String { fields.map(field).joined(separator: ",") }
}
