import Foundation

/// The levels of a DBS (Disclosure and Barring Service) check, lowest first: a higher level
/// covers what a lower one does.
public enum DBSLevel: String, CaseIterable, Sendable, Codable, Comparable {
    case basic, standard, enhanced

    public var label: String {
        switch self {
        case .basic: "Basic"
        case .standard: "Standard"
        case .enhanced: "Enhanced"
        }
    }

    private var rank: Int { Self.allCases.firstIndex(of: self)! }

    public static func < (a: DBSLevel, b: DBSLevel) -> Bool { a.rank < b.rank }
}

/// What a council asks of its champions before they help residents. Data, per council: each
/// council keeps its own list.
public enum ChampionCheckKind: Sendable, Equatable {
    /// This many references, each recorded when it comes in.
    case references(count: Int)
    /// A DBS check at this level or higher.
    case dbs(level: DBSLevel)
    /// A training module, by its name ("Digital Champion Essentials", "Safeguarding").
    case training(module: String)

    /// The kind as stored and as forms send it.
    public var key: String {
        switch self {
        case .references: "references"
        case .dbs: "dbs"
        case .training: "training"
        }
    }

    public var name: String {
        switch self {
        case .references(let count): count == 1 ? "A reference" : "\(count) references"
        case .dbs(let level): "\(level.label) DBS check"
        case .training(let module): "Training: \(module)"
        }
    }

    /// How many recorded checks it takes.
    var needed: Int {
        if case .references(let count) = self { return count }
        return 1
    }
}

/// One check on a council's list, and how long it stays valid once done.
public struct ChampionRequirement: Sendable, Equatable, Identifiable {
    public let id: UUID
    public let kind: ChampionCheckKind
    /// Months a check stays valid from the day it was done; nil when it never lapses.
    public let validForMonths: Int?

    public init(id: UUID, kind: ChampionCheckKind, validForMonths: Int?) {
        (self.id, self.kind, self.validForMonths) = (id, kind, validForMonths)
    }

    public var name: String { kind.name }

    public var validity: String {
        guard let months = validForMonths else { return "Does not lapse" }
        return months == 1 ? "Valid for 1 month" : "Valid for \(months) months"
    }

    public static let maxMonths = 120

    /// Checks a requirement as an administrator typed it; nil with the problems in `errors`.
    /// Only the detail its kind needs is read: a count, a level or a module's name.
    public static func validate(
        kind: String?, referencesCount: String?, dbsLevel: String?, module: String?, validMonths: String?, into errors: inout FormErrors
    ) -> (ChampionCheckKind, Int?)? {
        var parsed: ChampionCheckKind?
        switch kind {
        case "references":
            let count = Int((referencesCount ?? "").trimmingCharacters(in: .whitespaces))
            if let count, (1...5).contains(count) { parsed = .references(count: count) } else { errors.add("references_count", "Enter how many references, from 1 to 5") }
        case "dbs":
            if let level = errors.choice("dbs_level", dbsLevel, as: DBSLevel.self, message: "Select the level of DBS check") { parsed = .dbs(level: level) }
        case "training":
            let name = errors.text("module", module, label: "the training module\u{2019}s name", maxLength: 100)
            if !name.isEmpty, errors["module"] == nil { parsed = .training(module: name) }
        default:
            errors.add("kind", "Select the kind of check")
        }
        let monthsText = (validMonths ?? "").trimmingCharacters(in: .whitespaces)
        var months: Int?
        if !monthsText.isEmpty {
            months = Int(monthsText)
            if months == nil || !(1...maxMonths).contains(months!) {
                errors.add("valid_months", "Enter how many months it stays valid, from 1 to \(maxMonths), or leave it empty if it does not lapse")
            }
        }
        guard errors.isEmpty, let parsed else { return nil }
        return (parsed, months)
    }
}

/// A check a champion has done: a reference received, a DBS certificate, a module passed.
public struct ChampionCheckRecord: Sendable, Equatable {
    public let requirementID: UUID
    /// The day it was done: a reference received, a DBS certificate issued (or, on the update
    /// service, the day its status was last checked online), a module passed.
    public let doneOn: CalendarDay
    public let dbsLevel: DBSLevel?
    public let onUpdateService: Bool
    public let note: String

    public init(requirementID: UUID, doneOn: CalendarDay, dbsLevel: DBSLevel? = nil, onUpdateService: Bool = false, note: String = "") {
        (self.requirementID, self.doneOn, self.dbsLevel, self.onUpdateService, self.note) = (requirementID, doneOn, dbsLevel, onUpdateService, note)
    }

    /// Checks a recorded check as staff typed it: a day today or before, and for a DBS check
    /// its level, at least the one the council asks for.
    public static func validate(
        for requirement: ChampionRequirement, doneOn: DateParts, dbsLevel: String?, onUpdateService: Bool, note: String?, today: CalendarDay, into errors: inout FormErrors
    ) -> ChampionCheckRecord? {
        let day = CalendarDay.parse(doneOn, field: "done", label: "The date it was done", required: "Enter the date it was done", into: &errors)
        if let day, today < day { errors.add("done", "The date it was done must be today or in the past") }
        var level: DBSLevel?
        if case .dbs(let needed) = requirement.kind, let chosen = errors.choice("dbs_level", dbsLevel, as: DBSLevel.self, message: "Select the level of the DBS check") {
            if chosen < needed { errors.add("dbs_level", "The council asks for a \(needed.label.lowercased()) DBS check or higher: this one is \(chosen.label.lowercased())") }
            level = chosen
        }
        let note = errors.text("note", note, label: "the note", required: false, maxLength: 300)
        guard errors.isEmpty, let day else { return nil }
        return ChampionCheckRecord(requirementID: requirement.id, doneOn: day, dbsLevel: level, onUpdateService: level != nil && onUpdateService, note: note)
    }
}

/// How one required check stands for a champion today.
public struct ChampionCheckStanding: Sendable, Equatable {
    public enum State: Sendable, Equatable {
        /// Done and in date; `lapses` is nil when it never does.
        case done(lapses: CalendarDay?)
        /// Done, and lapses within `ChampionCheckAssessment.warningDays`.
        case lapsingSoon(on: CalendarDay)
        case lapsed(on: CalendarDay)
        /// Never done, or not enough of it (one reference of two): `have` of the `needed`.
        case notDone(have: Int, needed: Int)
    }

    public let requirement: ChampionRequirement
    public let state: State

    public var isInDate: Bool {
        switch state {
        case .done, .lapsingSoon: true
        case .lapsed, .notDone: false
        }
    }

    /// For staff: how the check stands, in a few words.
    public var words: String {
        switch state {
        case .done(let lapses): lapses.map { "Done, lapses on \($0.spoken)" } ?? "Done"
        case .lapsingSoon(let day): "Lapses on \(day.spoken)"
        case .lapsed(let day): "Lapsed on \(day.spoken)"
        case .notDone(let have, let needed): needed > 1 && have > 0 ? "\(have) of \(needed) in date" : "Not done"
        }
    }

    /// Why this check stops a champion being active, as a sentence's clause; nil when it does not.
    public var problem: String? {
        switch state {
        case .done, .lapsingSoon: nil
        case .lapsed(let day): "\(requirement.name) lapsed on \(day.spoken)"
        case .notDone(let have, let needed): needed > 1 && have > 0 ? "\(requirement.name): only \(have) in date" : "\(requirement.name) not done"
        }
    }
}

/// The rule: a champion may be active only while every required check is done and in date.
public struct ChampionCheckAssessment: Sendable, Equatable {
    /// Checks that lapse within this many days are listed, for staff to renew them in time.
    public static let warningDays = 30

    public let standings: [ChampionCheckStanding]

    public init(required: [ChampionRequirement], recorded: [ChampionCheckRecord], today: CalendarDay) {
        standings = required.map { Self.standing($0, recorded: recorded, today: today) }
    }

    public var allDone: Bool { standings.allSatisfy(\.isInDate) }
    public var lapsingSoon: [ChampionCheckStanding] { standings.filter { if case .lapsingSoon = $0.state { true } else { false } } }
    public var lapsed: [ChampionCheckStanding] { standings.filter { if case .lapsed = $0.state { true } else { false } } }
    /// Each reason the champion cannot be active, in the council's order.
    public var problems: [String] { standings.compactMap(\.problem) }

    static func standing(_ requirement: ChampionRequirement, recorded: [ChampionCheckRecord], today: CalendarDay) -> ChampionCheckStanding {
        var counted = recorded.filter { $0.requirementID == requirement.id }
        if case .dbs(let needed) = requirement.kind { counted = counted.filter { ($0.dbsLevel ?? .basic) >= needed } }
        // The day each lapses (nil: never), best first; it takes the `needed` best to be done.
        let lapses = counted.map { record in requirement.validForMonths.map { record.doneOn.adding(months: $0) } }.sorted { a, b in
            switch (a, b) {
            case (nil, .some): true
            case (.some(let a), .some(let b)): a > b
            default: false
            }
        }
        let needed = requirement.kind.needed
        guard lapses.count >= needed else { return ChampionCheckStanding(requirement: requirement, state: .notDone(have: lapses.count, needed: needed)) }
        guard let lapsesOn = lapses[needed - 1] else { return ChampionCheckStanding(requirement: requirement, state: .done(lapses: nil)) }
        if !(today < lapsesOn) {
            // Some of several references still in date: say how many, not that all lapsed.
            let inDate = lapses.filter { $0.map { today < $0 } ?? true }.count
            return ChampionCheckStanding(requirement: requirement, state: needed > 1 && inDate > 0 ? .notDone(have: inDate, needed: needed) : .lapsed(on: lapsesOn))
        }
        let soon = lapsesOn < today.adding(days: warningDays + 1)
        return ChampionCheckStanding(requirement: requirement, state: soon ? .lapsingSoon(on: lapsesOn) : .done(lapses: lapsesOn))
    }
}

extension CalendarDay {
    /// The same day `months` months later (earlier, when negative); the month's last day when
    /// it is shorter (31 January and a month is 28 or 29 February).
    public func adding(months: Int) -> CalendarDay {
        let calendar = Self.utc
        return CalendarDay(calendar.date(byAdding: .month, value: months, to: start(in: calendar.timeZone))!, in: calendar.timeZone)
    }
}
