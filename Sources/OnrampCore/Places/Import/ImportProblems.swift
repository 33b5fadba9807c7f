/// What was wrong with a file, line by line: the first 20 problems in full, and how many in all.
public struct ImportProblems: Sendable, Equatable, CustomStringConvertible {
    public struct Problem: Sendable, Equatable {
        public let line: Int
        public let message: String
    }

    public static let shown = 20
    public private(set) var first: [Problem] = []
    public private(set) var count = 0
    public let file: String

    public init(file: String) { self.file = file }

    public var isEmpty: Bool { count == 0 }

    public mutating func add(line: Int, _ message: String) {
        count += 1
        if first.count < Self.shown { first.append(Problem(line: line, message: message)) }
    }

    public var description: String {
        var lines = first.map { "\(file):\($0.line): \($0.message)" }
        if count > first.count { lines.append("… and \(count - first.count) more problems") }
        return lines.joined(separator: "\n")
    }
}

/// A file that cannot be imported at all, such as one whose header is for another dataset.
public struct ImportRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
