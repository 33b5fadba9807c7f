import Foundation

/// The page a visitor asked for, before anyone knows how many items there are. The number and
/// the size are clamped on the way in, so that nothing computed from them can overflow, however
/// large or negative the numbers sent: every list reads its page through this type.
public struct RequestedPage: Sendable, Equatable {
    /// No list is this long; a page past the end is simply empty (or the last page, see `Paging`).
    public static let maxNumber = 1_000_000
    /// Above any page size a list offers, so that `maxNumber × maxSize` fits an Int with room.
    public static let maxSize = 10_000

    /// From 1 to `maxNumber`.
    public let number: Int
    /// From 1 to the list's own largest size.
    public let size: Int

    /// `number` and `size` as sent (nil when absent); `size` falls back to `defaultSize` and is
    /// cut to `maxSize` (the list's largest page).
    public init(number: Int?, size: Int? = nil, defaultSize: Int, maxSize: Int? = nil) {
        let largest = min(Self.maxSize, max(1, maxSize ?? defaultSize))
        self.number = min(Self.maxNumber, max(1, number ?? 1))
        self.size = min(largest, max(1, size ?? defaultSize))
    }

    /// Reads a page number typed in an address: anything that is not a whole number is page 1,
    /// and numbers too long for an Int are the largest page.
    public static func number(fromText text: String?) -> Int? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        if let value = Int(text) { return value }
        let digits = text.hasPrefix("-") || text.hasPrefix("+") ? text.dropFirst() : Substring(text)
        guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit) else { return nil }
        return text.hasPrefix("-") ? Int.min : Int.max
    }

    /// How many items come before this page. Cannot overflow: both factors are clamped.
    public var offset: Int { (number - 1) * size }

    /// This page of a list already in memory; past the end, none.
    public func slice<T>(_ all: [T]) -> [T] {
        guard offset < all.count else { return [] }
        return Array(all[offset..<min(all.count, offset + size)])
    }
}

/// One page of a long list: which page was asked for, clamped to what exists.
public struct Paging: Sendable, Equatable {
    public let number: Int
    public let size: Int
    public let totalItems: Int

    public init(requested: Int?, size: Int, totalItems: Int) {
        self.size = min(RequestedPage.maxSize, max(1, size))
        self.totalItems = max(0, totalItems)
        let last = max(1, (self.totalItems + self.size - 1) / self.size)
        self.number = min(max(1, requested ?? 1), last)
    }

    /// The page asked for, clamped to the pages that exist.
    public init(_ request: RequestedPage, totalItems: Int) {
        self.init(requested: request.number, size: request.size, totalItems: totalItems)
    }

    public var totalPages: Int { max(1, (totalItems + size - 1) / size) }
    public var offset: Int { (number - 1) * size }
    public var hasPrevious: Bool { number > 1 }
    public var hasNext: Bool { number < totalPages }
    /// The request for exactly this page, to fetch it.
    public var request: RequestedPage { RequestedPage(number: number, size: size, defaultSize: size) }

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

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
