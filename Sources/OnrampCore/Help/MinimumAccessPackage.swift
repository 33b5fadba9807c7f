/// The four barriers to being online.
public enum Barrier: String, CaseIterable, Sendable {
    case access, skills, motivation, trust

    public var label: String {
        switch self {
        case .access: "Access: a device, a connection, and being able to afford them"
        case .skills: "Skills: the everyday tasks"
        case .motivation: "Motivation: seeing what being online could do for you"
        case .trust: "Trust: feeling safe online"
        }
    }
}

/// What a resident has, and what is missing, across the four barriers.
public struct NeedsProfile: Sendable, Equatable {
    public struct Line: Sendable, Equatable {
        public let barrier: Barrier
        public let has: [String]
        public let missing: [String]
    }

    public let lines: [Line]
    /// 1 to 9 on the digital inclusion scale.
    public let scale: Int

    public var missing: Set<Barrier> { Set(lines.filter { !$0.missing.isEmpty }.map(\.barrier)) }

    public static let scaleLabels = [
        "Never have, never will", "Was online, but no longer", "Willing and unable", "Reluctantly online",
        "Learning the ropes", "Task specific", "Basic digital skills", "Confident", "Expert",
    ]

    public var scaleLabel: String { Self.scaleLabels[scale - 1] }

    public init(_ answers: TriageAnswers) { self.init(TriageFacts(answers)) }

    init(_ facts: TriageFacts) {
        let standing = Standing(facts)
        var access = (has: [String](), missing: [String]())
        if standing.suitableDevice { access.has.append("A laptop, tablet or computer of your own") }
        else if standing.ownDevice { access.has.append("A phone of your own"); access.missing.append("A bigger screen of your own, for forms and video calls") }
        else { access.missing.append("A device of your own") }
        if standing.broadband { access.has.append("Broadband at home") }
        if standing.online, standing.enoughInternet { access.has.append("Enough internet for what you need") }
        else { access.missing.append(standing.online ? "Enough internet for what you need" : "A way to get online") }
        if standing.struggling { access.missing.append("Internet you can afford") }

        let gap = standing.gap
        let skills: (has: [String], missing: [String]) = gap == 0
            ? (["All eight everyday tasks, on your own"], [])
            : (gap < 8 ? ["\(8 - gap) of the eight everyday tasks, on your own"] : [], ["Help with \(gap) everyday \(gap == 1 ? "task" : "tasks")"])
        let motivation: (has: [String], missing: [String]) = standing.motivated
            ? (["Things you would like to do online"], []) : ([], ["A reason to go online that matters to you"])
        let trust: (has: [String], missing: [String]) = standing.feelsSafe
            ? (["Confidence about staying safe online"], []) : ([], ["Confidence about staying safe and spotting scams"])
        lines = [
            Line(barrier: .access, has: access.has, missing: access.missing),
            Line(barrier: .skills, has: skills.has, missing: skills.missing),
            Line(barrier: .motivation, has: motivation.has, missing: motivation.missing),
            Line(barrier: .trust, has: trust.has, missing: trust.missing),
        ]
        scale = Self.scale(online: standing.online, usedBefore: standing.usedBefore, motivated: standing.motivated, gap: gap, safety: standing.safety,
                           accessMissing: !access.missing.isEmpty)
    }

    /// Where a resident stands on each barrier, as facts without words: the lines are written
    /// from it, and a package is put in order by it without writing them.
    struct Standing {
        let suitableDevice: Bool, ownDevice: Bool, broadband: Bool, online: Bool, enoughInternet: Bool, struggling: Bool
        /// Everyday tasks they need help with; all eight when not answered.
        let gap: Int
        let motivated: Bool, usedBefore: Bool
        let safety: String

        init(_ facts: TriageFacts) {
            suitableDevice = facts.flag(.suitableDevice)
            ownDevice = facts.flag(.ownDevice)
            broadband = facts[.connection].contains("home-broadband")
            online = facts.flag(.online)
            enoughInternet = facts[.enoughInternet].first == "yes"
            struggling = facts[.struggling].first == "yes"
            gap = facts.number(.skillsGap) ?? 8
            motivated = !facts[.wants].contains("nothing")
            usedBefore = facts[.usedBefore].first == "yes"
            safety = facts[.safety].first ?? "not-at-all"
        }

        var feelsSafe: Bool { safety == "very" || safety == "fairly" }

        /// Whether the line for `barrier` has something missing.
        func isMissing(_ barrier: Barrier) -> Bool {
            switch barrier {
            case .access: !suitableDevice || !(online && enoughInternet) || struggling
            case .skills: gap != 0
            case .motivation: !motivated
            case .trust: !feelsSafe
            }
        }
    }

    /// The placement follows from the same facts as the table: someone still missing part of
    /// their access (a suitable device, enough internet, internet they can afford) can only do
    /// some tasks online, however skilled, so is at most "Task specific".
    static func scale(online: Bool, usedBefore: Bool, motivated: Bool, gap: Int, safety: String, accessMissing: Bool) -> Int {
        if !online { return motivated ? 3 : (usedBefore ? 2 : 1) }
        if !motivated { return 4 }
        let bySkills: Int = switch gap {
        case 5...: 5
        case 2...4: 6
        case 1: 7
        default: safety == "very" ? 9 : (safety == "fairly" ? 8 : 7)
        }
        return accessMissing ? min(bySkills, 6) : bySkills
    }
}

/// Every offer in the catalogue, sorted into what the resident can have, best first, and what
/// they cannot, each with its reason.
public struct MinimumAccessPackage: Sendable {
    public struct Entry: Sendable {
        public let offer: Offer
        public let outcome: RuleOutcome
        /// How many the household can have: for a device, one each for those who need one, up to
        /// the offer's limit; otherwise 1.
        public let quantity: Int
    }

    private let facts: TriageFacts
    public let eligible: [Entry]
    public let notEligible: [Entry]

    /// What they have and what is missing, written when read: the package itself is decided
    /// and ordered from the facts alone.
    public var profile: NeedsProfile { NeedsProfile(facts) }

    public init(answers: TriageAnswers, catalogue: [Offer]) {
        let facts = TriageFacts(answers)
        let standing = NeedsProfile.Standing(facts)
        // Decided and put in order as indexes, in one list, so that each entry is made once: what
        // they can have first, help for a barrier still standing first, then help that is not
        // used up, then the catalogue's order; then what they cannot have, in the catalogue's
        // order. The index last, so that offers in the same place keep the catalogue's order.
        var order: [(cannot: Int, barrierMet: Int, usedUp: Int, position: Int, index: Int)] = []
        order.reserveCapacity(catalogue.count)
        for (index, offer) in catalogue.enumerated() {
            if facts.holds(offer.resolvedRule) {
                order.append((0, offer.kind.lowers.contains(where: standing.isMissing) ? 0 : 1, offer.available == 0 ? 1 : 0, offer.position, index))
            } else {
                order.append((1, 0, 0, offer.position, index))
            }
        }
        order.sort(by: <)
        let eligibleCount = order.firstIndex { $0.cannot == 1 } ?? order.count
        func entry(_ index: Int, passes: Bool) -> Entry {
            let offer = catalogue[index]
            return Entry(offer: offer, outcome: RuleOutcome(passes: passes, explaining: offer.rule, for: facts),
                         quantity: offer.kind.isDevice ? min(offer.maxPerHousehold, max(1, facts.devicesNeeded)) : 1)
        }
        self.facts = facts
        eligible = order[..<eligibleCount].map { entry($0.index, passes: true) }
        notEligible = order[eligibleCount...].map { entry($0.index, passes: false) }
    }
}
