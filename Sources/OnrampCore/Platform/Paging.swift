/// One page of a long list: which page was asked for, clamped to what exists.
public struct Paging: Sendable, Equatable {
    public let number: Int
    public let size: Int
    public let totalItems: Int

    public init(requested: Int?, size: Int, totalItems: Int) {
        self.size = max(1, size)
        self.totalItems = max(0, totalItems)
        let last = max(1, (self.totalItems + self.size - 1) / self.size)
        self.number = min(max(1, requested ?? 1), last)
    }

    public var totalPages: Int { max(1, (totalItems + size - 1) / size) }
    public var offset: Int { (number - 1) * size }
    public var hasPrevious: Bool { number > 1 }
    public var hasNext: Bool { number < totalPages }

    /// Page numbers to show as links, with `nil` for a gap ("…"), GOV.UK style:
    /// first, last, and the current page with its neighbours.
    public var visiblePages: [Int?] {
        var shown: [Int?] = []
        for page in 1...totalPages where page == 1 || page == totalPages || abs(page - number) <= 1 {
            if let previous = shown.last ?? nil, page - previous > 1 { shown.append(nil) }
            shown.append(page)
        }
        return shown
    }
}
