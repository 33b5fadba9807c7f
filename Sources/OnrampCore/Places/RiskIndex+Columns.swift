/// The index worked out column by column, as pandas works over a frame: each indicator's values
/// side by side in one flat array, scored in one tight pass, instead of a dictionary keyed by
/// name for every area and every score. Each area's sums are then made in the same order as the
/// method's (indicators in the settings' order, then components), so every figure is the same
/// to the last bit as scoring the areas one by one.
extension RiskIndex {
    /// Indicator values in columns: the value of `keys[k]` for `codes[row]` is at
    /// `k * codes.count + row`, NaN where it is missing.
    public struct Table: Sendable, Equatable {
        public let codes: [String]
        public let keys: [String]
        public let values: [Double]

        public init(codes: [String], keys: [String], values: [Double]) {
            precondition(values.count == codes.count * keys.count, "a value or NaN for every area and key")
            self.codes = codes
            self.keys = keys
            self.values = values
        }

        /// The `keys` values of `areas`.
        public init(_ areas: [Area], keys: [String]) {
            let values = [Double](unsafeUninitializedCapacity: areas.count * keys.count) { values, written in
                for (row, area) in areas.enumerated() {
                    for (k, key) in keys.enumerated() { values[k * areas.count + row] = area.values[key] ?? .nan }
                }
                written = areas.count * keys.count
            }
            self.init(codes: areas.map(\.code), keys: keys, values: values)
        }

        public var count: Int { codes.count }

        func column(_ key: String) -> ArraySlice<Double>? {
            keys.firstIndex(of: key).map { values[$0 * count..<($0 + 1) * count] }
        }
    }

    /// The smallest and largest value of each indicator in `table`.
    public static func ranges(of table: Table, for indicators: [Indicator]) -> [String: Range] {
        var ranges: [String: Range] = [:]
        for indicator in indicators {
            guard let column = table.column(indicator.key) else { continue }
            var low = Double.infinity, high = -Double.infinity
            for value in column where !value.isNaN {
                low = Swift.min(low, value)
                high = Swift.max(high, value)
            }
            if low <= high { ranges[indicator.key] = Range(low: low, high: high) }
        }
        return ranges
    }

    /// The scores of a table, in columns as its values are: NaN where an area has no score.
    public struct Scores: Sendable {
        public let codes: [String]
        /// The counted indicators, in the settings' order; their 0–10 scores at `k * count + row`.
        public let indicators: [String]
        public let indicatorScores: [Double]
        /// The counted components; their 0–10 scores at `k * count + row`.
        public let components: [Component]
        public let componentScores: [Double]
        public let index: [Double]

        public var count: Int { codes.count }

        /// One area's scores, as the method describes them.
        public subscript(row: Int) -> Score {
            var scores: [String: Double] = [:]
            scores.reserveCapacity(indicators.count)
            var missing: [String] = []
            for (k, key) in indicators.enumerated() {
                let score = indicatorScores[k * count + row]
                if score.isNaN { missing.append(key) } else { scores[key] = score }
            }
            var componentScores: [Component: Double] = [:]
            var missingComponents: [Component] = []
            for (k, component) in components.enumerated() {
                let score = self.componentScores[k * count + row]
                if score.isNaN { missingComponents.append(component) } else { componentScores[component] = score }
            }
            return Score(
                code: codes[row], indicatorScores: scores, componentScores: componentScores,
                index: index[row].isNaN ? nil : index[row], missing: missing, missingComponents: missingComponents
            )
        }

        public var scores: [Score] { (0..<count).map { self[$0] } }
    }

    /// Scores every area of `table` against `ranges`.
    public static func compute(_ table: Table, ranges: [String: Range], settings: Settings) throws -> Scores {
        let problems = settings.problems
        guard problems.isEmpty else { throw Problem(messages: problems) }
        let counted = counted(settings)
        let components = Component.allCases.filter { component in counted.contains { $0.component == component } }
        let rows = table.count
        guard rows > 0 else {
            return Scores(codes: [], indicators: counted.map(\.key), indicatorScores: [], components: components, componentScores: [], index: [])
        }
        let indicatorScores = [Double](unsafeUninitializedCapacity: rows * counted.count) { scores, written in
            for (k, indicator) in counted.enumerated() {
                let scores = scores.baseAddress! + k * rows
                guard let range = ranges[indicator.key], let column = table.column(indicator.key) else {
                    scores.initialize(repeating: .nan, count: rows)
                    continue
                }
                column.withUnsafeBufferPointer { values in
                    score(values.baseAddress!, count: rows, against: range, reversed: indicator.reversed, into: scores)
                }
            }
            written = rows * counted.count
        }
        // Each component's column, then the index's, is summed one indicator at a time, in the
        // settings' order, which is each area's order of sums in the method. A missing score
        // adds 0 rather than being skipped, so that the loops have no branch: adding +0 changes
        // no sum but -0, and each sum starts at +0 and adds nothing below 0. A block of areas at a
        // time, so that the weights summed beside fit on the stack.
        let componentWeights = components.map { Double(settings.weight(of: $0)) }
        let steps = components.map { component in
            counted.indices.filter { counted[$0].component == component }.map { (column: $0 * rows, weight: Double(settings.weight(of: counted[$0]))) }
        }
        let block = 512
        var componentScores: [Double] = []
        let index = [Double](unsafeUninitializedCapacity: rows) { index, written in
            componentScores = [Double](unsafeUninitializedCapacity: rows * components.count) { componentScores, written in
                indicatorScores.withUnsafeBufferPointer { scores in
                    withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * block) { both in
                        let weights = both.baseAddress!, indexWeights = both.baseAddress! + block
                        for first in stride(from: 0, to: rows, by: block) {
                            let areaCount = min(block, rows - first), indexSums = index.baseAddress! + first
                            indexSums.initialize(repeating: 0, count: areaCount)
                            indexWeights.initialize(repeating: 0, count: areaCount)
                            for (slot, componentWeight) in componentWeights.enumerated() {
                                let sums = componentScores.baseAddress! + slot * rows + first
                                sums.initialize(repeating: 0, count: areaCount)
                                weights.initialize(repeating: 0, count: areaCount)
                                for step in steps[slot] {
                                    add(scores.baseAddress! + step.column + first, weight: step.weight, count: areaCount, to: sums, weights: weights)
                                }
                                divide(sums, by: weights, count: areaCount)
                                // A component's mean is NaN exactly where none of its scores is present.
                                add(sums, weight: componentWeight, count: areaCount, to: indexSums, weights: indexWeights)
                            }
                            divide(indexSums, by: indexWeights, count: areaCount)
                        }
                    }
                }
                written = rows * components.count
            }
            written = rows
        }
        return Scores(
            codes: table.codes, indicators: counted.map(\.key), indicatorScores: indicatorScores,
            components: components, componentScores: componentScores, index: index
        )
    }

    // The loops below are each a plain pass over `count` values through pointers, with every
    // value computed before it is chosen: so that the compiler works on two values an
    // instruction. Each value is the same to the last bit as one value at a time.

    /// `range.score` of each of `values` into `scores`, NaN where a value is missing.
    private static func score(_ values: UnsafePointer<Double>, count: Int, against range: Range, reversed: Bool, into scores: UnsafeMutablePointer<Double>) {
        guard range.high > range.low else {
            for row in 0..<count { scores[row] = values[row].isNaN ? .nan : Range.noSpreadScore }
            return
        }
        let low = range.low, spread = range.high - range.low
        for row in 0..<count {
            let value = values[row], scaled = Range.scaled(value, low: low, spread: spread)
            scores[row] = value.isNaN ? .nan : reversed ? 10 - scaled : scaled
        }
    }

    /// Adds each score times `weight` to `sums`, and `weight` to `weights`, where a score is not
    /// missing (NaN).
    private static func add(_ scores: UnsafePointer<Double>, weight: Double, count: Int, to sums: UnsafeMutablePointer<Double>, weights: UnsafeMutablePointer<Double>) {
        for row in 0..<count {
            let score = scores[row], present = !score.isNaN
            sums[row] += present ? score * weight : 0
            weights[row] += present ? weight : 0
        }
    }

    /// Each of `sums` divided by its weight, in place: NaN where the weight is not above 0.
    private static func divide(_ sums: UnsafeMutablePointer<Double>, by weights: UnsafePointer<Double>, count: Int) {
        for row in 0..<count {
            let weight = weights[row], mean = sums[row] / weight
            sums[row] = weight > 0 ? mean : .nan
        }
    }
}
