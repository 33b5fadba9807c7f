import Foundation

/// A share of people with its 95% Wilson score interval: the interval stays inside 0 to 1 and
/// behaves with small groups and with shares near 0 or 1, where the usual ± interval does not
/// (Newcombe, 1998, method 3).
public struct Proportion: Sendable, Equatable {
    public let successes: Int
    public let total: Int

    /// The normal quantile for 95%.
    static let z = 1.959963984540054

    public init?(_ successes: Int, of total: Int) {
        guard total > 0, (0...total).contains(successes) else { return nil }
        (self.successes, self.total) = (successes, total)
    }

    public var share: Double { Double(successes) / Double(total) }

    public var interval: ClosedRange<Double> {
        let n = Double(total), p = share, z2 = Self.z * Self.z
        let denominator = 1 + z2 / n
        let centre = (p + z2 / (2 * n)) / denominator
        let half = Self.z / denominator * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()
        return max(0, centre - half)...min(1, centre + half)
    }

    /// "31% (26% to 37%)".
    public var words: String {
        func percent(_ value: Double) -> String { "\(Int((value * 100).rounded()))%" }
        return "\(percent(share)) (\(percent(interval.lowerBound)) to \(percent(interval.upperBound)))"
    }
}

/// The middle value: for an even count, halfway between the two middle ones. Nil when empty.
public enum Median {
    public static func of(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted(), middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    public static func of(_ values: [Int]) -> Double? { of(values.map(Double.init)) }
}
