import Foundation

/// Where a volunteer digital champion stands. Stored by its raw value.
public enum ChampionStatus: String, CaseIterable, Sendable, Codable {
    case applied, checking, active, paused, left

    public var label: String {
        switch self {
        case .applied: "Applied"
        case .checking: "Being checked"
        case .active: "Active"
        case .paused: "Paused"
        case .left: "Left"
        }
    }

    /// Where staff may move a champion from here. Leaving is always possible; nobody comes back
    /// from having left (they apply again, and are checked again).
    public var next: [ChampionStatus] {
        switch self {
        case .applied: [.checking, .left]
        case .checking: [.active, .left]
        case .active: [.paused, .left]
        case .paused: [.active, .left]
        case .left: []
        }
    }

    /// Whether the champion may help residents and be put on a session.
    public var canVolunteer: Bool { self == .active }
}

/// Why a champion cannot be moved as staff asked.
public enum ChampionMoveRefusal: Error, Equatable, Sendable {
    case notAllowed(from: ChampionStatus, to: ChampionStatus)
    case checksNotDone(reasons: [String])
    case reasonNeeded

    public var message: String {
        switch self {
        case .notAllowed(let from, let to): "A champion who is \(from.label.lowercased()) cannot be moved to \(to.label.lowercased())"
        case .checksNotDone(let reasons): "A champion can be active only when every required check is done and in date: \(reasons.joined(separator: "; "))"
        case .reasonNeeded: "Enter why the champion is paused"
        }
    }
}

public enum ChampionMoves {
    /// Whether staff may move a champion from `from` to `to`: only the moves `next` allows, to
    /// active only when every required check is done and in date, and a pause with its reason.
    public static func refusal(from: ChampionStatus, to: ChampionStatus, checks: ChampionCheckAssessment, reason: String) -> ChampionMoveRefusal? {
        guard from.next.contains(to) else { return .notAllowed(from: from, to: to) }
        if to == .active, !checks.allDone { return .checksNotDone(reasons: checks.problems) }
        if to == .paused, reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return .reasonNeeded }
        return nil
    }

    /// An active champion whose required checks are not all done and in date is paused, with
    /// the reason in one sentence; nil when they may stay as they are.
    public static func automaticPause(_ status: ChampionStatus, checks: ChampionCheckAssessment) -> String? {
        guard status == .active, !checks.allDone else { return nil }
        return checks.problems.joined(separator: "; ")
    }
}
