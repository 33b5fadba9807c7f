/// Why one row cannot be imported, in words for the person who has the file.
public struct RowProblem: Error, Sendable, Equatable {
    public let message: String
    public init(_ message: String) { self.message = message }
}

/// A parser for one dataset's rows. Each is made from the file's header, which it checks is
/// that dataset's, and throws an `ImportRefusal` when it is not.
public protocol RowParser: Sendable {
    associatedtype Row: Sendable
    /// One row, or nil for a row the dataset does not cover (another nation, say).
    func parse(_ fields: [String]) throws -> Row?
    /// True for a file without a header row, whose first record is already data.
    var firstRecordIsData: Bool { get }
    /// The same, for rows that keep the line they came from (checked again once all are read).
    func parse(_ fields: [String], line: Int) throws -> Row?
}

extension RowParser {
    public var firstRecordIsData: Bool { false }
    public func parse(_ fields: [String], line: Int) throws -> Row? { try parse(fields) }
}

/// Indicator values for one small area, as a dataset gives them.
public struct IndicatorRow: Sendable, Equatable {
    public let code: String
    /// The local authority the file says the area is in, when it says.
    public let localAuthority: String?
    public let values: [String: Double]

    public init(code: String, localAuthority: String?, values: [String: Double]) {
        self.code = code
        self.localAuthority = localAuthority
        self.values = values
    }
}

/// Field readers shared by the parsers: each throws a `RowProblem` that says what is wrong.
enum Field {
    static func code(_ fields: [String], _ index: Int, as kind: AreaCode.Kind, label: String) throws -> String {
        let code = index < fields.count ? fields[index] : ""
        guard AreaCode.isValid(code, as: kind) else {
            throw RowProblem(code.isEmpty ? "\(label) is empty" : "\(label) \u{201C}\(code)\u{201D} is not a valid code")
        }
        return code
    }

    static func text(_ fields: [String], _ index: Int, label: String) throws -> String {
        let text = index < fields.count ? fields[index] : ""
        guard !text.isEmpty else { throw RowProblem("\(label) is empty") }
        return text
    }

    static func number(_ fields: [String], _ index: Int, label: String, in range: ClosedRange<Double>? = nil) throws -> Double {
        let text = index < fields.count ? fields[index] : ""
        guard let value = NumberText.parse(text) else {
            throw RowProblem(text.isEmpty ? "\(label) is empty" : "\(label) \u{201C}\(text)\u{201D} is not a number")
        }
        if let range, !range.contains(value) {
            throw RowProblem("\(label) is \(text), outside \(Self.format(range.lowerBound)) to \(Self.format(range.upperBound))")
        }
        return value
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    /// A count's share of a total, as a percentage, refusing a part larger than the whole.
    static func percentage(_ part: Double, of total: Double, label: String) throws -> Double {
        guard total > 0 else { throw RowProblem("the total is 0, so \(label) has no percentage") }
        guard part <= total else { throw RowProblem("\(label) (\(format(part))) is more than the total (\(format(total)))") }
        return 100 * part / total
    }
}

/// A row that remembers the line it came from, for problems found once all rows are read.
public protocol LineNumbered {
    var line: Int { get set }
}

extension Array where Element: LineNumbered {
    /// Values that stand on more than one row, by `key`, in the order they first appear, with
    /// every line they are on: serials or codes repeated in one file.
    public func repeatedValues(key: (Element) -> (key: String, shown: String)?) -> [(shown: String, lines: [Int])] {
        var lines: [String: [Int]] = [:]
        var shown: [String: String] = [:]
        for row in self {
            guard let (key, text) = key(row) else { continue }
            lines[key, default: []].append(row.line)
            shown[key] = shown[key] ?? text
        }
        return lines.filter { $0.value.count > 1 }.map { (shown[$0.key]!, $0.value) }.sorted { $0.lines[0] < $1.lines[0] }
    }
}

extension RowParser where Row: LineNumbered {
    public func parse(_ fields: [String], line: Int) throws -> Row? {
        var row = try parse(fields)
        row?.line = line
        return row
    }
}

/// The columns of a council's own spreadsheet, found by name whatever their order: the
/// required ones must be there, the rest may be left out.
public struct NamedColumns: Sendable {
    let positions: [String: Int]

    public init(header: ColumnMap, required: [String], dataset: String) throws {
        _ = try header.require(required, dataset: dataset)
        var positions: [String: Int] = [:]
        for (index, name) in header.header.enumerated() { positions[name.lowercased()] = index }
        self.positions = positions
    }

    public func index(_ name: String) -> Int? { positions[name] }

    /// The trimmed text in a column, or nil when the column is missing or the cell empty.
    public func value(_ name: String, in fields: [String]) -> String? {
        guard let index = positions[name], index < fields.count else { return nil }
        let text = fields[index].trimmingCharacters(in: .whitespaces)
        return text.isEmpty ? nil : text
    }

    public func required(_ name: String, _ label: String, in fields: [String]) throws -> String {
        guard let text = value(name, in: fields) else { throw RowProblem("\(label) is empty") }
        return text
    }
}
