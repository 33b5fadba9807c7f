import Foundation

/// The services of a feed one at a time, from its bytes a chunk at a time, so that a feed of
/// 100,000 services is never held whole: ndjson is read a line at a time and a JSON list an
/// element at a time. A single document (one service, or a list page with `contents`) is read
/// whole, as it must be to be told apart.
public struct ORUKFeedRecords {
    private enum Layout { case undecided, lines, list, document, finished }

    private let nextChunk: () throws -> Data
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false
    private var layout = Layout.undecided
    /// The line of the next ndjson line, or the place in the list of the next element (from 1).
    private var line = 1
    /// A single document's records, last first.
    private var document: [(line: Int, json: Data?)] = []

    /// `chunks` gives the file's bytes in order, and an empty chunk at the end.
    public init(chunks: @escaping () throws -> Data) {
        self.nextChunk = chunks
    }

    /// The next service that can be imported, or nil at the end of the feed. The problems of
    /// any that cannot are added to `problems`, each with its line; a file that is not a feed
    /// at all throws an `ImportRefusal`.
    public mutating func next(problems: inout ImportProblems) throws -> ORUKFeed.Record? {
        while true {
            guard let (line, json) = try nextJSON() else { return nil }
            guard let json else { problems.add(line: line, "this is not a JSON object"); continue }
            switch ORUKFeed.decode(json) {
            case .success(let service): return ORUKFeed.Record(line: line, service: service)
            case .failure(let found): found.messages.forEach { problems.add(line: line, $0) }
            }
        }
    }

    /// The bytes of the next record with its line, nil bytes for a list element that is not an
    /// object, or nil at the end.
    private mutating func nextJSON() throws -> (Int, Data?)? {
        if layout == .undecided { try decideLayout() }
        compact()
        switch layout {
        case .lines: return try nextLine()
        case .list: return try nextElement()
        case .document: return document.popLast()
        case .undecided, .finished: return nil
        }
    }

    // MARK: Reading the bytes

    /// Reads another chunk onto the buffer; false at the end of the file. Indexes into the
    /// buffer stay valid: what has been read is let go of only between records (`compact`).
    private mutating func readMore() throws -> Bool {
        guard !atEnd else { return false }
        let chunk = try nextChunk()
        if chunk.isEmpty { atEnd = true; return false }
        buffer.append(contentsOf: chunk)
        return true
    }

    /// Lets go of the records already read, once they are more than a chunk's worth.
    private mutating func compact() {
        guard position >= 1 << 16 else { return }
        buffer.removeFirst(position)
        position = 0
    }

    /// The byte at `index`, reading more of the file if the buffer ends before it.
    private mutating func byte(at index: Int) throws -> UInt8? {
        while index >= buffer.count { guard try readMore() else { return nil } }
        return buffer[index]
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }

    // MARK: Telling the layouts apart

    /// A list starts with "["; ndjson's first line is a whole JSON document; anything else that
    /// starts with "{" is one document over many lines.
    private mutating func decideLayout() throws {
        var index = position
        // A byte-order mark may come first (0xEF 0xBB 0xBF).
        while let byte = try byte(at: index), Self.isSpace(byte) || byte == 0xEF || byte == 0xBB || byte == 0xBF { index += 1 }
        let first = try byte(at: index)
        if first == UInt8(ascii: "[") {
            position = index + 1
            layout = .list
            return
        }
        guard first == UInt8(ascii: "{") else { layout = .lines; return }
        var end = index
        while let byte = try byte(at: end), byte != 0x0A { end += 1 }
        let firstLine = Data(buffer[index..<end])
        if end < buffer.count, (try? JSONSerialization.jsonObject(with: firstLine)) != nil { layout = .lines; return }
        try readDocument(from: index)
    }

    /// The whole file as one document: a list page's `contents`, or one service.
    private mutating func readDocument(from start: Int) throws {
        while try readMore() {}
        let whole = Data(buffer[start...])
        buffer = []
        position = 0
        guard let value = try? JSONSerialization.jsonObject(with: whole) else { throw Self.notJSON }
        let list = (value as? [Any]) ?? ((value as? [String: Any])?["contents"] as? [Any]) ?? [value]
        document = list.enumerated().reversed().map { index, element in
            // Only an object is written back: JSONSerialization traps on a bare number or string.
            (index + 1, element is [String: Any] ? try? JSONSerialization.data(withJSONObject: element) : nil)
        }
        layout = .document
    }

    static let notJSON = ImportRefusal("This is not JSON that Onramp can read: check the file is a whole ORUK feed")

    // MARK: ndjson

    /// The next line with something on it.
    private mutating func nextLine() throws -> (Int, Data?)? {
        while true {
            var end = position
            while true {
                if let newline = buffer[end...].firstIndex(of: 0x0A) { end = newline; break }
                end = buffer.count
                guard try readMore() else { break }
            }
            guard position < buffer.count else { return nil }
            // A carriage return before the newline is JSON's white space, so it can stay.
            let text = buffer[position..<end]
            let number = line
            line += 1
            position = min(end + 1, buffer.count)
            if text.contains(where: { !Self.isSpace($0) }) { return (number, Data(text)) }
        }
    }

    // MARK: A JSON list

    /// The next element of the list, or nil after its "]", which only spaces may follow.
    private mutating func nextElement() throws -> (Int, Data?)? {
        var start = try skipSpaces(from: position)
        guard let first = try byte(at: start) else { throw Self.notJSON }
        if first == UInt8(ascii: "]") {
            guard try byte(at: try skipSpaces(from: start + 1)) == nil else { throw Self.notJSON }
            layout = .finished
            return nil
        }
        if line > 1 {
            guard first == UInt8(ascii: ",") else { throw Self.notJSON }
            start = try skipSpaces(from: start + 1)
        }
        let end = try endOfValue(from: start)
        guard end > start else { throw Self.notJSON }
        let number = line
        line += 1
        position = end
        return (number, buffer[start] == UInt8(ascii: "{") ? Data(buffer[start..<end]) : nil)
    }

    private mutating func skipSpaces(from start: Int) throws -> Int {
        var index = start
        while let byte = try byte(at: index), Self.isSpace(byte) { index += 1 }
        return index
    }

    /// Where the value that starts at `start` ends: after its closing bracket or quote, or
    /// before the comma, bracket or space after a number, true, false or null.
    private mutating func endOfValue(from start: Int) throws -> Int {
        var index = start
        var depth = 0
        var inString = false
        var escaped = false
        while let byte = try byte(at: index) {
            index += 1
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") {
                    inString = false
                    if depth == 0 { return index }
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if depth == 0 { return index - 1 }
                depth -= 1
                if depth == 0 { return index }
            case UInt8(ascii: ","): if depth == 0 { return index - 1 }
            default: if depth == 0 && Self.isSpace(byte) { return index - 1 }
            }
        }
        throw Self.notJSON
    }
}
