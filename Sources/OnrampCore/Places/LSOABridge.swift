/// Carries a rate or score between 2011 and 2021 LSOAs through ONS's lookup, either way.
///
/// A target area made from one source area (unchanged, or a part of a source that was split
/// or merged) takes that area's value: a rate does not change when an area is cut. One made
/// from several takes their mean weighted by population, where a source area that went to
/// several targets lends each an equal share of its people. If any contributing source area
/// has no value, neither does the target: a gap is never filled by guessing.
public struct LSOABridge: Sendable {
    public enum Direction: Sendable, Equatable {
        case to2021, to2011

        var sourceYear: Int { self == .to2021 ? 2011 : 2021 }
        var targetYear: Int { self == .to2021 ? 2021 : 2011 }
    }

    public enum Method: Sendable, Equatable {
        case unchanged
        /// The target is part of a larger source area: a 2011 area split in 2021, or a 2021 area
        /// that merged several 2011 ones.
        case partOf(String, Direction)
        case combined(from: [String], Direction, populationWeighted: Bool)

        public var description: String {
            switch self {
            case .unchanged: "Same area in 2011 and 2021: value carried unchanged."
            case .partOf(let code, .to2021): "Part of 2011 LSOA \(code), which was split: its value carried to each part."
            case .partOf(let code, .to2011): "Merged with its neighbours into 2021 LSOA \(code): that area\u{2019}s value carried to each 2011 part."
            case .combined(let from, let direction, let weighted):
                (direction == .to2021 ? "Made from 2011 LSOAs " : "Split in 2021 into LSOAs ") + from.joined(separator: ", ") + ": " + (weighted
                    ? "their values averaged, weighted by population."
                    : "their values averaged equally, as no population figures were imported.")
            }
        }
    }

    public struct Carried: Sendable, Equatable {
        public let value: Double
        public let method: Method
    }

    public let direction: Direction
    /// Target code → the source codes it came from.
    let sources: [String: [String]]
    /// Source code → how many target areas it went to.
    let targetCount: [String: Int]

    public init(links: [LSOALinkRow], direction: Direction = .to2021) {
        var sources: [String: [String]] = [:]
        var targetCount: [String: Int] = [:]
        for link in links {
            let (source, target) = direction == .to2021 ? (link.lsoa11, link.lsoa21) : (link.lsoa21, link.lsoa11)
            sources[target, default: []].append(source)
            targetCount[source, default: 0] += 1
        }
        self.direction = direction
        self.sources = sources.mapValues { Array(Set($0)).sorted() }
        self.targetCount = targetCount
    }

    /// The value for `target`, or nil when it cannot be carried honestly.
    public func carry(to target: String, values: [String: Double], population: [String: Double]) -> Carried? {
        guard let from = sources[target], !from.isEmpty else { return nil }
        let present = from.compactMap { code in values[code].map { (code, $0) } }
        guard present.count == from.count else { return nil }
        if from.count == 1 {
            let source = from[0]
            return Carried(value: present[0].1, method: (targetCount[source] ?? 1) > 1 ? .partOf(source, direction) : .unchanged)
        }
        let weighted = from.allSatisfy { population[$0] != nil }
        var total = 0.0, sum = 0.0
        for (code, value) in present {
            let weight = weighted ? population[code]! / Double(targetCount[code] ?? 1) : 1
            total += weight
            sum += weight * value
        }
        guard total > 0 else { return nil }
        return Carried(value: sum / total, method: .combined(from: from, direction, populationWeighted: weighted))
    }

    /// Every target area this bridge knows.
    public var targetCodes: [String] { sources.keys.sorted() }
}
