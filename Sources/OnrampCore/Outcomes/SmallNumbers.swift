/// Small numbers are protected in every published figure: a count from 1 to 4 could point to a
/// person, so it shows as "fewer than 5" (primary suppression). Where one hidden cell could be
/// worked out from its row's or column's total and the rest, another cell of that line is
/// hidden too (secondary suppression), the smallest first, until no line has exactly one.
public enum SmallNumbers {
    public static let threshold = 5

    /// One cell as published.
    public enum Cell: Sendable, Equatable {
        case count(Int)
        /// 1 to 4.
        case fewerThan5
        /// Hidden so that a total cannot give away a small number.
        case withheld

        public var words: String {
            switch self {
            case .count(let count): String(count)
            case .fewerThan5: "fewer than 5"
            case .withheld: "not shown"
            }
        }

        public var isHidden: Bool { if case .count = self { false } else { true } }
    }

    /// A table of counts with its row and column totals and the grand total, all protected.
    public struct Table: Sendable, Equatable {
        public let cells: [[Cell]]
        public let rowTotals: [Cell]
        public let columnTotals: [Cell]
        public let total: Cell
    }

    /// A single count on its own.
    public static func protect(_ count: Int) -> Cell {
        (1..<threshold).contains(count) ? .fewerThan5 : .count(count)
    }

    /// `counts`: rows of the same length. Totals are worked out here, so they always agree.
    public static func protect(_ counts: [[Int]]) -> Table {
        let rows = counts.count, columns = counts.first?.count ?? 0
        // The grid with its totals as an extra column and row, so every line is cells + total.
        var grid = counts.map { $0 + [$0.reduce(0, +)] }
        grid.append((0...columns).map { column in grid.map { $0[column] }.reduce(0, +) })
        var hidden = grid.map { $0.map { (1..<threshold).contains($0) } }
        let primary = hidden

        // Each line: its positions, the last being its total.
        let lines: [[(Int, Int)]] = (0...rows).map { row in (0...columns).map { (row, $0) } } + (0...columns).map { column in (0...rows).map { ($0, column) } }
        var changed = true
        while changed {
            changed = false
            for line in lines {
                let hiddenHere = line.filter { hidden[$0.0][$0.1] }
                guard hiddenHere.count == 1 else { continue }
                // Hide the smallest other cell of the line that is not 0, then a 0, the total last.
                let total = line.last!
                let candidates = line.filter { !hidden[$0.0][$0.1] }.sorted { a, b in
                    func key(_ at: (Int, Int)) -> (Int, Int, Int) { (at == total ? 1 : 0, grid[at.0][at.1] == 0 ? 1 : 0, grid[at.0][at.1]) }
                    return key(a) < key(b)
                }
                guard let next = candidates.first else { continue }
                hidden[next.0][next.1] = true
                changed = true
            }
        }
        func cell(_ row: Int, _ column: Int) -> Cell {
            guard hidden[row][column] else { return .count(grid[row][column]) }
            return primary[row][column] ? .fewerThan5 : .withheld
        }
        return Table(cells: (0..<rows).map { row in (0..<columns).map { cell(row, $0) } }, rowTotals: (0..<rows).map { cell($0, columns) },
                     columnTotals: (0..<columns).map { cell(rows, $0) }, total: cell(rows, columns))
    }
}
