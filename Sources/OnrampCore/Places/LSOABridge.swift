/// Carries a rate or score from 2011 LSOAs to 2021 LSOAs through ONS's lookup.
///
/// A 2021 area made from one 2011 area (unchanged or split) takes that area's value: a rate
/// does not change when the area is cut. One made from several (merged, or irregular) takes
/// their mean weighted by population, where a 2011 area that went to several 2021 areas lends
/// each an equal share of its people. If any contributing 2011 area has no value, neither does
/// the 2021 area: a gap is never filled by guessing.
public struct LSOABridge: Sendable {
    public enum Method: Sendable, Equatable {
        case unchanged
        case split(from: String)
        case combined(from: [String], populationWeighted: Bool)

        public var description: String {
            switch self {
            case .unchanged: "Same area in 2011 and 2021: value carried unchanged."
            case .split(let from): "Part of 2011 LSOA \(from), which was split: its value carried to each part."
            case .combined(let from, let weighted):
                "Made from 2011 LSOAs \(from.joined(separator: ", ")): " + (weighted
                    ? "their values averaged, weighted by population."
                    : "their values averaged equally, as no population figures were imported.")
            }
        }
    }

    public struct Carried: Sendable, Equatable {
        public let value: Double
        public let method: Method
    }

    /// 2021 code → the 2011 codes it came from.
    let parents: [String: [String]]
    /// 2011 code → how many 2021 areas it went to.
    let childCount: [String: Int]

    public init(links: [LSOALinkRow]) {
        var parents: [String: [String]] = [:]
        var childCount: [String: Int] = [:]
        for link in links {
            parents[link.lsoa21, default: []].append(link.lsoa11)
            childCount[link.lsoa11, default: 0] += 1
        }
        self.parents = parents.mapValues { Array(Set($0)).sorted() }
        self.childCount = childCount
    }

    /// The 2021 value for `lsoa21`, or nil when it cannot be carried honestly.
    public func carry(to lsoa21: String, values: [String: Double], population: [String: Double]) -> Carried? {
        guard let from = parents[lsoa21], !from.isEmpty else { return nil }
        let present = from.compactMap { code in values[code].map { (code, $0) } }
        guard present.count == from.count else { return nil }
        if from.count == 1 {
            let parent = from[0]
            return Carried(value: present[0].1, method: (childCount[parent] ?? 1) > 1 ? .split(from: parent) : .unchanged)
        }
        let weighted = from.allSatisfy { population[$0] != nil }
        var total = 0.0, sum = 0.0
        for (code, value) in present {
            let weight = weighted ? population[code]! / Double(childCount[code] ?? 1) : 1
            total += weight
            sum += weight * value
        }
        guard total > 0 else { return nil }
        return Carried(value: sum / total, method: .combined(from: from, populationWeighted: weighted))
    }

    /// Every 2021 LSOA this bridge knows.
    public var lsoa21Codes: [String] { parents.keys.sorted() }
}
