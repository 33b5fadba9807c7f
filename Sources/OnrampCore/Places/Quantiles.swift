/// Class bounds for a choropleth: five classes holding as near equal numbers of areas as ties allow.
public enum Quantiles {
    /// The upper bound of each class but the last, which ends at the maximum. Fewer classes come
    /// back when there are fewer distinct values than classes.
    public static func breaks(_ values: [Double], classes: Int = 5) -> [Double] {
        let sorted = values.filter(\.isFinite).sorted()
        guard !sorted.isEmpty, classes > 1 else { return [] }
        var breaks: [Double] = []
        for k in 1..<classes {
            // Nearest-rank quantile: the value below which k/classes of the areas lie.
            let rank = Int((Double(k) * Double(sorted.count) / Double(classes)).rounded(.up)) - 1
            let value = sorted[max(0, min(sorted.count - 1, rank))]
            if value < sorted.last!, breaks.last.map({ value > $0 }) ?? true { breaks.append(value) }
        }
        return breaks
    }

    /// The class (0-based) that `value` falls in, given `breaks`: a value equal to a bound
    /// belongs to the lower class.
    public static func classIndex(of value: Double, breaks: [Double]) -> Int {
        breaks.firstIndex { value <= $0 } ?? breaks.count
    }

    static let bandNames = ["lowest band", "low band", "middle band", "high band", "highest band"]

    /// The class in words, "highest band" down to "lowest band". With fewer than five classes
    /// (ties), they are named from the top down, so the top class is always the highest band.
    public static func bandName(of value: Double, breaks: [Double]) -> String {
        let fromTop = breaks.count - classIndex(of: value, breaks: breaks)
        return bandNames[max(0, bandNames.count - 1 - fromTop)]
    }
}
