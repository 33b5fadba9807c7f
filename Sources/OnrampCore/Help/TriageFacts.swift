import Foundation

/// What rules can ask about a resident: each question's answers, and facts worked out from them
/// (age, low income, owning a device, how many everyday tasks they need help with). A class, so
/// that each of a package's outcomes can keep it, for its reasons, without copying it.
public final class TriageFacts: Sendable {
    /// The facts that are yes or no, by the names rules give them.
    enum Flag: String, Sendable {
        case ownDevice = "own-device", suitableDevice = "suitable-device", lowIncome = "low-income", children, careLeaver = "care-leaver"
        case disability, online, placedByPostcode = "placed-by-postcode"
    }

    /// The facts that are numbers, by the names rules give them.
    enum Number: String, Sendable {
        case age, skillsGap = "skills-gap", schoolChildren = "school-children"
    }

    /// Each answer in its place among `AnswerSlots`; no answer is an empty list.
    private let chosen: [[String]]
    /// The answers as given, for a key no question has, which a rule may still name.
    private let given: TriageAnswers

    // Worked out once, so a catalogue of rules reads them without recomputing.
    private let ownDevice: Bool, suitableDevice: Bool, lowIncome: Bool, online: Bool, placedByPostcode: Bool
    private let children: Bool, careLeaver: Bool, disability: Bool
    private let age: Int?, skillsGap: Int?, schoolChildren: Int

    public init(_ given: TriageAnswers) {
        // Each answer is read once, in one pass over them: every offer's rule then reads its place.
        let slots = AnswerSlots.standard
        var chosen = [[String]](repeating: [], count: slots.keys.count)
        for (key, values) in given.values {
            if let slot = slots.of(key) { chosen[slot] = values }
        }
        // A postcode placed by Onramp says where someone lives, whatever else was answered.
        let inside = chosen[.postcodeInside].first
        if let inside { chosen[AnswerKey.livesInArea.rawValue] = [inside == "yes" ? "yes" : "no"] }
        placedByPostcode = inside != nil

        let devices = chosen[.devices]
        let owns = chosen[.deviceOwnership].first == "own"
        ownDevice = owns && devices.contains { TriageQuestions.internetDevices.contains($0) }
        suitableDevice = owns && devices.contains { $0 == "tablet" || $0 == "laptop" || $0 == "desktop" }
        lowIncome = chosen[.benefits].contains { Self.meansTestedBenefits.contains($0) } || chosen[.income].first == "under-16k"
        let connection = chosen[.connection]
        online = !connection.isEmpty && !connection.contains("none")
        age = chosen[.age].first.flatMap { band in band == "under-18" ? 0 : Self.leadingNumber(band) }
        var answered = 0, needHelp = 0
        for slot in slots.skills {
            guard let level = chosen[slot].first else { continue }
            answered += 1
            if level != "alone" { needHelp += 1 }
        }
        skillsGap = answered == 0 ? nil : needHelp
        let aboutYou = chosen[.aboutYou]
        children = aboutYou.contains("children")
        careLeaver = aboutYou.contains("care-leaver")
        disability = aboutYou.contains("disability")
        schoolChildren = children ? chosen[.schoolChildren].first.flatMap { Int($0) } ?? 0 : 0
        self.chosen = chosen
        self.given = given
    }

    /// The number an age band starts with, "65" of "65-74": nil when it starts with no digit,
    /// or with more than an Int holds.
    static func leadingNumber(_ band: String) -> Int? {
        Int(String(decoding: band.utf8.prefix { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }, as: UTF8.self))
    }

    /// Devices a household needs: one if nobody has a laptop, tablet or computer of their own,
    /// and one for each child who needs one for schoolwork.
    public var devicesNeeded: Int { (suitableDevice ? 0 : 1) + schoolChildren }

    static let skillKeys = TriageQuestions.skillTasks.map { "skills.\($0.value)" }

    /// Benefits that show a low income, for the "low-income" fact.
    public static let meansTestedBenefits: Set<String> = [
        "universal-credit", "pension-credit", "jsa", "esa", "income-support", "housing-benefit", "council-tax-reduction",
    ]

    /// The answers under one of the keys the facts read.
    subscript(_ key: AnswerKey) -> [String] { chosen[key] }

    /// The answers under a key, as a rule names it: after a placed postcode, "lives-in-area" is
    /// what the postcode says.
    func answers(_ key: String) -> [String] { AnswerSlots.standard.of(key).map { chosen[$0] } ?? given[key] }

    func flag(_ flag: Flag) -> Bool {
        switch flag {
        case .ownDevice: ownDevice
        case .suitableDevice: suitableDevice
        case .lowIncome: lowIncome
        case .children: children
        case .careLeaver: careLeaver
        case .disability: disability
        case .online: online
        case .placedByPostcode: placedByPostcode
        }
    }

    public func flag(_ fact: String) -> Bool? { Flag(rawValue: fact).map(flag) }

    func number(_ number: Number) -> Int? {
        switch number {
        case .age: age
        case .skillsGap: skillsGap
        case .schoolChildren: schoolChildren
        }
    }

    public func number(_ fact: String) -> Int? { Number(rawValue: fact).flatMap(number) }

    /// Whether a rule holds, and why. The decision is made now; the words only when read, since a
    /// package decides every offer in the catalogue but a resident reads the reasons of a few.
    public func evaluate(_ rule: EligibilityRule) -> RuleOutcome {
        RuleOutcome(passes: holds(rule), explaining: rule, for: self)
    }

    /// Whether a rule holds, without the words.
    public func holds(_ rule: EligibilityRule) -> Bool { holds(EligibilityRule.Resolved(rule)) }

    func holds(_ rule: EligibilityRule.Resolved) -> Bool {
        switch rule {
        case .all(let rules): rules.allSatisfy { holds($0) }
        case .any(let rules): rules.contains { holds($0) }
        case .not(let inner): !holds(inner)
        case .flag(let fact, let wanted): fact.map { flag($0) == wanted } ?? false
        case .number(let fact, let least, let most):
            if let value = fact.flatMap(number) { (least.map { value >= $0 } ?? true) && (most.map { value <= $0 } ?? true) } else { false }
        case .answer(let slot?, _, let wanted): chosen[slot].contains { wanted.contains($0) }
        case .answer(nil, let key, let wanted): given[key].contains { wanted.contains($0) }
        }
    }
}

/// The answers the facts are worked out from, which the standard catalogue's rules also read,
/// each with its place: the everyday tasks' answers follow them, in the tasks' order.
enum AnswerKey: Int, CaseIterable, Sendable {
    case devices, deviceOwnership, connection, enoughInternet, usedBefore, age, benefits, income, struggling
    case aboutYou, schoolChildren, safety, wants, livesInArea, postcodeInside

    /// The key the answer is stored under.
    var name: String {
        switch self {
        case .devices: "devices"
        case .deviceOwnership: "device-ownership"
        case .connection: "connection"
        case .enoughInternet: "enough-internet"
        case .usedBefore: "used-before"
        case .age: "age"
        case .benefits: "benefits"
        case .income: "income"
        case .struggling: "struggling"
        case .aboutYou: "about-you"
        case .schoolChildren: "school-children"
        case .safety: "safety"
        case .wants: "wants"
        case .livesInArea: "lives-in-area"
        case .postcodeInside: "postcode.inside"
        }
    }
}

extension Array<[String]> {
    /// The answers in the place of one of the keys the facts read.
    fileprivate subscript(_ key: AnswerKey) -> [String] { self[key.rawValue] }
}

/// Where each answer the facts read has its place: a package reads a resident's answers for
/// every offer in the catalogue, so each is found once, by its key's length and a comparison or
/// two, rather than hashed again wherever it is read. An answer without a place (contact,
/// language, access needs, the postcode typed: questions no standard rule reads) is not touched
/// unless a rule names it, when it is looked up in the answers as given. A class, so that reading
/// `standard` for each resident is one retain and release, not one for each of its lists.
final class AnswerSlots: Sendable {
    static let standard = AnswerSlots()

    /// Every key with a place, at its place.
    let keys: [String]
    /// The places of the everyday tasks' answers.
    let skills: Range<Int>
    /// The keys' places in order of the keys' length in bytes; the keys of length n are at
    /// `byLength[lengthStarts[n] ..< lengthStarts[n + 1]]`.
    private let byLength: [(key: String, slot: Int)]
    private let lengthStarts: [Int]

    private init() {
        keys = AnswerKey.allCases.map(\.name) + TriageFacts.skillKeys
        skills = AnswerKey.allCases.count..<keys.count
        let byLength: [(key: String, slot: Int)] = keys.enumerated().map { ($1, $0) }.sorted { $0.key.utf8.count < $1.key.utf8.count }
        self.byLength = byLength
        lengthStarts = (0...(byLength.last!.key.utf8.count + 1)).map { length in
            byLength.firstIndex { $0.key.utf8.count >= length } ?? byLength.count
        }
    }

    /// The place of an answer's key, or nil when it has none.
    func of(_ key: String) -> Int? {
        let length = key.utf8.count
        guard length + 1 < lengthStarts.count else { return nil }
        for index in lengthStarts[length]..<lengthStarts[length + 1] where byLength[index].key == key { return byLength[index].slot }
        return nil
    }
}
