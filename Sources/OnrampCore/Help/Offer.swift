/// The kinds of help a digital inclusion programme offers.
public enum OfferKind: String, CaseIterable, Sendable, Codable {
    case deviceGift = "device-gift"
    case deviceLoan = "device-loan"
    case dataSIM = "data-sim"
    case socialTariff = "social-tariff"
    case skillsCourse = "skills-course"
    case championHelp = "champion-help"
    case wifiPlace = "wifi-place"

    public var label: String {
        switch self {
        case .deviceGift: "Device to keep"
        case .deviceLoan: "Device loan"
        case .dataSIM: "Free data SIM"
        case .socialTariff: "Cheaper broadband (social tariff)"
        case .skillsCourse: "Skills course"
        case .championHelp: "One-to-one help from a digital champion"
        case .wifiPlace: "Free Wi-Fi places"
        }
    }

    /// The barriers this kind of help lowers, for ranking a package.
    public var lowers: Set<Barrier> {
        switch self {
        case .deviceGift, .deviceLoan, .dataSIM, .socialTariff, .wifiPlace: Self.lowersAccess
        case .skillsCourse: Self.lowersSkills
        case .championHelp: Self.lowersWithChampion
        }
    }

    // Made once: a package asks for each offer's barriers every time it is put in order.
    private static let lowersAccess: Set<Barrier> = [.access]
    private static let lowersSkills: Set<Barrier> = [.skills, .motivation]
    private static let lowersWithChampion: Set<Barrier> = [.skills, .trust, .motivation]

    /// Help that is a device from the device bank, handed over to the resident.
    public var isDevice: Bool { self == .deviceGift || self == .deviceLoan }

    /// Help given only from the kit pages: a device by its handover, a SIM or voucher from the
    /// data bank. Never marked fulfilled by hand, so every device or SIM counted as given was.
    public var isGivenFromKit: Bool { isDevice || self == .dataSIM }

    /// Whether the resident is referred to a partner for it. Free Wi-Fi places are simply listed.
    public var needsReferral: Bool { self != .wifiPlace }
}

/// One entry of a council's catalogue, as the core sees it. A class, since it never changes and
/// a package keeps every offer of the catalogue, for every resident the triage engine decides:
/// each copy of a struct of four strings and two rules was six retains and releases.
public final class Offer: Sendable, Equatable {
    public let id: String
    public let kind: OfferKind
    public let name: String
    public let summary: String
    public let rule: EligibilityRule
    /// The rule with its facts found, once, for every resident it is tried on.
    let resolvedRule: EligibilityRule.Resolved
    /// Places or items left; nil when it is not counted.
    public let available: Int?
    /// The council's own order, used after how much the offer helps.
    public let position: Int
    /// How many one household can have: more than one for devices, so that children have one
    /// each for schoolwork, where the council's scheme allows.
    public let maxPerHousehold: Int

    public init(id: String, kind: OfferKind, name: String, summary: String, rule: EligibilityRule, available: Int? = nil, position: Int, maxPerHousehold: Int = 1) {
        self.id = id
        self.kind = kind
        self.name = name
        self.summary = summary
        self.rule = rule
        resolvedRule = EligibilityRule.Resolved(rule)
        self.available = available
        self.position = position
        self.maxPerHousehold = max(1, maxPerHousehold)
    }

    /// The same offer, field by field (a field added above must be added here); the resolved
    /// rule follows from the rule.
    public static func == (a: Offer, b: Offer) -> Bool {
        a.id == b.id && a.kind == b.kind && a.name == b.name && a.summary == b.summary && a.rule == b.rule
            && a.available == b.available && a.position == b.position && a.maxPerHousehold == b.maxPerHousehold
    }
}

/// A starting catalogue, which a council then edits. The data SIM rule follows the National
/// Databank: aged 18 or over, on a low income, and no or not enough internet, or cannot afford it.
public enum StandardOffers {
    typealias C = EligibilityRule.Condition

    static let livesHere = EligibilityRule.condition(C(fact: "lives-in-area", oneOf: ["yes"]))
    static let lowIncome = EligibilityRule.condition(C(fact: "low-income", is: true))
    /// No laptop, tablet or computer of their own, or children who need one for schoolwork: the
    /// Minimum Digital Living Standard expects a large screen per household, and more for children.
    static let needsDevice = EligibilityRule.any([.condition(C(fact: "suitable-device", is: false)), .condition(C(fact: "school-children", atLeast: 1))])

    public static let rules: [OfferKind: EligibilityRule] = [
        .deviceGift: .all([livesHere, needsDevice, .any([lowIncome, .condition(C(fact: "care-leaver", is: true))])]),
        .deviceLoan: .all([livesHere, needsDevice]),
        .dataSIM: .all([
            .condition(C(fact: "age", atLeast: 18)), lowIncome,
            .any([
                .condition(C(fact: "online", is: false)),
                .condition(C(fact: "enough-internet", oneOf: ["no", "sometimes"])),
                .condition(C(fact: "struggling", oneOf: ["yes"])),
            ]),
        ]),
        .socialTariff: .condition(C(fact: "benefits", oneOf: ["universal-credit", "pension-credit", "jsa", "esa", "income-support", "pip"])),
        .skillsCourse: .all([livesHere, .condition(C(fact: "skills-gap", atLeast: 1))]),
        .championHelp: .any([
            .condition(C(fact: "skills-gap", atLeast: 3)),
            .condition(C(fact: "safety", oneOf: ["not-very", "not-at-all"])),
        ]),
        .wifiPlace: .not(.condition(C(fact: "connection", oneOf: ["home-broadband"]))),
    ]

    /// What each standard offer is called and promises, beside its rule above.
    public struct Wording: Sendable {
        public let name: String
        public let summary: String
        /// First contact within this many working days.
        public let standardDays: Int
        /// Places or items to start with; nil when not counted.
        public let available: Int?
        /// How many one household can have.
        public var maxPerHousehold = 1
    }

    public static let wording: [OfferKind: Wording] = [
        .deviceGift: .init(name: "A laptop or tablet to keep", summary: "A refurbished laptop or tablet that is yours to keep, set up and ready.", standardDays: 10, available: 20, maxPerHousehold: 4),
        .deviceLoan: .init(name: "Borrow a laptop or tablet", summary: "A laptop or tablet to borrow for 3 months, with help to get started.", standardDays: 5, available: 15, maxPerHousehold: 4),
        .dataSIM: .init(name: "Free mobile data", summary: "A free SIM with mobile data for 6 months, from the National Databank.", standardDays: 5, available: 50),
        .socialTariff: .init(name: "Cheaper broadband", summary: "Help to switch to a social tariff: home broadband from \u{A3}12 a month.", standardDays: 10, available: nil),
        .skillsCourse: .init(name: "Free computer course", summary: "A short, friendly course at your library: one morning a week for 6 weeks.", standardDays: 10, available: 40),
        .championHelp: .init(name: "Help from a digital champion", summary: "A trained volunteer to help you one to one, at your pace.", standardDays: 5, available: nil),
        .wifiPlace: .init(name: "Free Wi-Fi near you", summary: "Places where anyone can use free Wi-Fi and a computer.", standardDays: 5, available: nil),
    ]
}
