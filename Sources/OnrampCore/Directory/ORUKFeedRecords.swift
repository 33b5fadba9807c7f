import Foundation

/// The services of a feed one at a time, from its bytes a chunk at a time, so that a feed of
/// 100,000 services is never held whole: ndjson is read a line at a time and a JSON list an
/// element at a time. A single document (one service over many lines, or a list page with
/// `contents`) is read whole: it is one JSON value, and a page is small.
public struct ORUKFeedRecords {
    private enum Layout { case undecided, lines, list, document, finished }

    private var bytes: ByteSource
    private var layout = Layout.undecided
    /// The line of the next ndjson line, or the place in the list of the next element (from 1).
    private var line = 1
    /// The first ndjson line, read to tell the layouts apart.
    private var firstLine: (line: Int, json: [UInt8])?
    /// A single document's records, last first.
    private var document: [(line: Int, json: Data?)] = []

    /// `chunks` gives the file's bytes in order, and an empty chunk at the end.
    public init(chunks: @escaping () throws -> Data) {
        bytes = ByteSource(next: chunks)
    }

    /// A feed already in memory, given `size` bytes at a time as a file would be: whole for
    /// `ORUKFeed.read`, in small pieces where tests and the fuzzer check that chunks change nothing.
    public init(_ data: Data, chunk size: Int = .max) {
        var offset = data.startIndex
        self.init {
            let end = offset + min(size, data.endIndex - offset)
            defer { offset = end }
            return data.subdata(in: offset..<end)
        }
    }

    /// The next service that can be imported, or nil at the end of the feed. The problems of
    /// any that cannot are added to `problems`, each with its line; a file that is not a feed
    /// at all throws an `ImportRefusal`, and one that cannot be read to the end its error.
    public mutating func next(problems: inout ImportProblems) throws -> ORUKFeed.Record? {
        while let (line, json) = try nextJSONOrReadFailure() {
            guard let json else { problems.add(line: line, "this is not a JSON object"); continue }
            switch ORUKFeed.decode(json) {
            case .success(let service): return ORUKFeed.Record(line: line, service: service)
            case .failure(let found): found.messages.forEach { problems.add(line: line, $0) }
            }
        }
        if let failure = bytes.failure { throw failure }
        return nil
    }

    /// A file that stops being readable part way (a gzip file cut short) is refused for that,
    /// not for the JSON it was cut off in.
    private mutating func nextJSONOrReadFailure() throws -> (Int, Data?)? {
        do { return try nextJSON() } catch let refusal as ImportRefusal { throw bytes.failure ?? (refusal as any Error) }
    }

    /// The bytes of the next record with its line, nil bytes for a list element that is not an
    /// object, or nil at the end.
    private mutating func nextJSON() throws -> (Int, Data?)? {
        if layout == .undecided { try decideLayout() }
        switch layout {
        case .lines: return nextLine()
        case .list: return try nextElement()
        case .document: return document.popLast()
        case .undecided, .finished: return nil
        }
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }

    // MARK: Telling the layouts apart

    /// A list starts with "["; ndjson's first line is a whole JSON object other than a list
    /// page; anything else that starts with "{" is one document over many lines, or a page.
    private mutating func decideLayout() throws {
        bytes.skipByteOrderMark()
        var startLine = 1
        while let byte = bytes.peek(), Self.isSpace(byte) {
            _ = bytes.take()
            if byte == 0x0A { startLine += 1 }
        }
        switch bytes.peek() {
        case UInt8(ascii: "["):
            _ = bytes.take()
            layout = .list
        case UInt8(ascii: "{"):
            let first = takeLine()
            if first.endsWithNewline, let value = try? JSONSerialization.jsonObject(with: Data(first.bytes)), !Self.isListPage(value) {
                (firstLine, line, layout) = ((startLine, first.bytes), startLine + 1, .lines)
            } else {
                try readDocument(startingWith: first.bytes + (first.endsWithNewline ? [0x0A] : []))
            }
        default:
            (line, layout) = (startLine, .lines)
        }
    }

    /// A page of another directory's list, saved on one line.
    private static func isListPage(_ value: Any) -> Bool {
        (value as? [String: Any])?["contents"] is [Any]
    }

    /// The bytes up to the next newline, which is taken but not kept.
    private mutating func takeLine() -> (bytes: [UInt8], endsWithNewline: Bool) {
        var text: [UInt8] = []
        while let byte = bytes.take() {
            if byte == 0x0A { return (text, true) }
            text.append(byte)
        }
        return (text, false)
    }

    /// The whole file as one document: a list page's `contents`, or one service.
    private mutating func readDocument(startingWith start: [UInt8]) throws {
        var whole = start
        while let byte = bytes.take() { whole.append(byte) }
        if let failure = bytes.failure { throw failure }
        guard let value = try? JSONSerialization.jsonObject(with: Data(whole)) else { throw Self.notJSON }
        let list = (value as? [Any]) ?? ((value as? [String: Any])?["contents"] as? [Any]) ?? [value]
        document = list.enumerated().reversed().map { index, element in
            // Only an object is written back: JSONSerialization traps on a bare number or string.
            (index + 1, element is [String: Any] ? try? JSONSerialization.data(withJSONObject: element) : nil)
        }
        layout = .document
    }

    static let notJSON = ImportRefusal("This is not JSON that Onramp can read: check the file is a whole ORUK feed")

    // MARK: ndjson

    /// The next line with something on it. A carriage return before the newline is JSON's white
    /// space, so it can stay.
    private mutating func nextLine() -> (Int, Data?)? {
        if let first = firstLine {
            firstLine = nil
            return (first.line, Data(first.json))
        }
        while bytes.peek() != nil {
            let text = takeLine().bytes
            defer { line += 1 }
            if text.contains(where: { !Self.isSpace($0) }) { return (line, Data(text)) }
        }
        return nil
    }

    // MARK: A JSON list

    /// The next element of the list, or nil after its "]", which only white space may follow.
    private mutating func nextElement() throws -> (Int, Data?)? {
        skipSpaces()
        if bytes.peek() == UInt8(ascii: "]") {
            _ = bytes.take()
            skipSpaces()
            guard bytes.peek() == nil else { throw Self.notJSON }
            layout = .finished
            return nil
        }
        if line > 1 {
            guard bytes.take() == UInt8(ascii: ",") else { throw Self.notJSON }
            skipSpaces()
        }
        let element = try takeValue()
        defer { line += 1 }
        return (line, element.first == UInt8(ascii: "{") ? Data(element) : nil)
    }

    private mutating func skipSpaces() {
        while let byte = bytes.peek(), Self.isSpace(byte) { _ = bytes.take() }
    }

    /// The value that comes next: up to its closing bracket or quote, or, for a number, true,
    /// false or null, up to what comes after it.
    private mutating func takeValue() throws -> [UInt8] {
        var value: [UInt8] = []
        var depth = 0
        var inString = false
        var escaped = false
        while let byte = bytes.peek() {
            if inString {
                value.append(bytes.take()!)
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") {
                    inString = false
                    if depth == 0 { return value }
                }
                continue
            }
            if depth == 0 {
                // A number, true, false or null ends at what may follow it, or where another value
                // starts, which the list then refuses for want of a comma.
                let endsValue = byte == UInt8(ascii: ",") || byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}") || Self.isSpace(byte)
                let startsAnother = byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "\"")
                if endsValue || (startsAnother && !value.isEmpty) {
                    guard !value.isEmpty else { throw Self.notJSON }
                    return value
                }
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 { value.append(bytes.take()!); return value }
            default: break
            }
            value.append(bytes.take()!)
        }
        throw Self.notJSON
    }
}
