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
        let answers = facts.answers
        let online = facts.flag("online") ?? false
        let gap = facts.number("skills-gap") ?? 8
        let motivated = !answers["wants"].contains("nothing")
        let safety = answers.first("safety") ?? "not-at-all"

        var access = (has: [String](), missing: [String]())
        if facts.flag("suitable-device") == true { access.has.append("A laptop, tablet or computer of your own") }
        else if facts.flag("own-device") == true { access.has.append("A phone of your own"); access.missing.append("A bigger screen of your own, for forms and video calls") }
        else { access.missing.append("A device of your own") }
        if answers["connection"].contains("home-broadband") { access.has.append("Broadband at home") }
        if online, answers.first("enough-internet") == "yes" { access.has.append("Enough internet for what you need") }
        else { access.missing.append(online ? "Enough internet for what you need" : "A way to get online") }
        if answers.first("struggling") == "yes" { access.missing.append("Internet you can afford") }

        let skills: (has: [String], missing: [String]) = gap == 0
            ? (["All eight everyday tasks, on your own"], [])
            : (gap < 8 ? ["\(8 - gap) of the eight everyday tasks, on your own"] : [], ["Help with \(gap) everyday \(gap == 1 ? "task" : "tasks")"])
        let motivation: (has: [String], missing: [String]) = motivated
            ? (["Things you would like to do online"], []) : ([], ["A reason to go online that matters to you"])
        let trust: (has: [String], missing: [String]) = ["very", "fairly"].contains(safety)
            ? (["Confidence about staying safe online"], []) : ([], ["Confidence about staying safe and spotting scams"])
        lines = [
            Line(barrier: .access, has: access.has, missing: access.missing),
            Line(barrier: .skills, has: skills.has, missing: skills.missing),
            Line(barrier: .motivation, has: motivation.has, missing: motivation.missing),
            Line(barrier: .trust, has: trust.has, missing: trust.missing),
        ]
        scale = Self.scale(online: online, usedBefore: answers.first("used-before") == "yes", motivated: motivated, gap: gap, safety: safety,
                           accessMissing: !access.missing.isEmpty)
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

    public let profile: NeedsProfile
    public let eligible: [Entry]
    public let notEligible: [Entry]

    public init(answers: TriageAnswers, catalogue: [Offer]) {
        let facts = TriageFacts(answers)
        let profile = NeedsProfile(facts)
        let entries = catalogue.map { offer in
            Entry(offer: offer, outcome: facts.evaluate(offer.rule), quantity: offer.kind.isDevice ? min(offer.maxPerHousehold, max(1, facts.devicesNeeded)) : 1)
        }
        let missing = profile.missing
        self.profile = profile
        eligible = entries.filter(\.outcome.passes).sorted { a, b in
            let key = { (entry: Entry) in (entry.offer.kind.lowers.isDisjoint(with: missing) ? 1 : 0, entry.offer.available == 0 ? 1 : 0, entry.offer.position) }
            let (x, y) = (key(a), key(b))
            return x < y
        }
        notEligible = entries.filter { !$0.outcome.passes }.sorted { $0.offer.position < $1.offer.position }
    }
}
