/// Finds columns by their names in a header row, so a parser follows the official layout
/// whatever order the columns come in and whatever else the file carries.
public struct ColumnMap: Sendable {
    public let header: [String]
    private let positions: [String: Int]

    public init(header: [String]) {
        self.header = header.map { $0.trimmingCharacters(in: .whitespaces) }
        var positions: [String: Int] = [:]
        for (index, name) in self.header.enumerated() where positions[name] == nil { positions[name] = index }
        self.positions = positions
    }

    /// The position of the first column with exactly this name.
    public func index(_ name: String) -> Int? { positions[name] }

    /// The position of the first column whose name starts with `prefix`, for names that carry
    /// a year or a note ("LAD23CD", "… Decile (where 1 is most deprived 10% of LSOAs)").
    public func index(prefix: String) -> Int? {
        header.firstIndex { $0.hasPrefix(prefix) }
    }

    /// The position of the first column matching `pattern`: "LAD##CD" matches LAD19CD, LAD23CD…
    public func index(pattern: String) -> Int? {
        header.firstIndex { name in
            name.count == pattern.count && zip(name, pattern).allSatisfy { n, p in p == "#" ? n.isNumber : n == p }
        }
    }

    /// Positions of every named column, or a refusal naming those that are missing.
    public func require(_ names: [String], dataset: String) throws -> [Int] {
        let missing = names.filter { positions[$0] == nil }
        guard missing.isEmpty else {
            throw ImportRefusal("This is not a \(dataset) file: its header has no column \(missing.map { "\u{201C}\($0)\u{201D}" }.joined(separator: ", "))")
        }
        return names.map { positions[$0]! }
    }
}

import Foundation
