import Foundation

/// Where asking a resident how things are has got to.
public enum FollowUpStatus: String, CaseIterable, Sendable, Codable {
    /// Waiting for its day.
    case scheduled
    /// Asked by text or email, with a link to the questions.
    case asked
    /// Asked again, once, a week later.
    case reminded
    /// The resident chose letters or phone calls: staff phone them (the "Follow-up calls" list).
    case toCall = "to-call"
    case answered
    /// No answer: counted, so response rates are never flattered.
    case unanswered

    public var label: String {
        switch self {
        case .scheduled: "Not asked yet"
        case .asked: "Asked, waiting for an answer"
        case .reminded: "Reminded, waiting for an answer"
        case .toCall: "To phone"
        case .answered: "Answered"
        case .unanswered: "No answer"
        }
    }

    public var isOpen: Bool { ![.answered, .unanswered].contains(self) }
}

/// When a follow-up is asked, reminded and given up, from the day the help was given.
public enum FollowUpSchedule {
    /// Weeks after a referral is fulfilled (or a course ends) when an offer does not say.
    public static let defaultWeeks = 6
    public static let weeksAllowed = 1...52
    /// Days without an answer before the one reminder, and again before it counts as unanswered.
    public static let reminderDays = 7
    /// A link to the questions works for this many days from when it was sent.
    public static let linkDays = 30

    /// A link works from the day it was first sent until `linkDays` later, that day included.
    public static func linkWorks(askedOn: CalendarDay?, today: CalendarDay) -> Bool {
        guard let askedOn else { return false }
        return !(askedOn.adding(days: linkDays) < today)
    }

    public static func due(helpGiven day: CalendarDay, weeks: Int) -> CalendarDay {
        day.adding(days: 7 * min(max(weeks, weeksAllowed.lowerBound), weeksAllowed.upperBound))
    }

    public enum Step: Sendable, Equatable {
        /// Ask now: by text or email, or onto the calls list.
        case ask
        case remind
        case giveUp
    }

    /// What today brings for a follow-up, if anything. `askedOn`/`remindedOn`: when those happened.
    /// A call waits on the list until staff record it or the link's time has passed.
    public static func step(_ status: FollowUpStatus, dueOn: CalendarDay, askedOn: CalendarDay?, remindedOn: CalendarDay?, today: CalendarDay) -> Step? {
        switch status {
        case .scheduled: return dueOn <= today ? .ask : nil
        case .asked: return askedOn.map { $0.adding(days: reminderDays) <= today } == true ? .remind : nil
        case .reminded: return remindedOn.map { $0.adding(days: reminderDays) <= today } == true ? .giveUp : nil
        case .toCall: return askedOn.map { $0.adding(days: linkDays) <= today } == true ? .giveUp : nil
        case .answered, .unanswered: return nil
        }
    }
}

/// How a resident gets online now.
public enum OnlineBy: String, CaseIterable, Sendable {
    case homeBroadband = "home-broadband"
    case mobileData = "mobile-data"
    case publicWiFi = "public-wifi"
}

/// What they now do online: the everyday services the strategies count.
public enum OnlineUse: String, CaseIterable, Sendable {
    case nhs, benefits, banking, shopping
    case videoCalls = "video-calls"
    case work, learning
}

/// A resident's answers to a follow-up, whoever typed them.
public struct FollowUpAnswers: Sendable, Equatable {
    public var online: Bool
    public var onlineBy: [OnlineBy]
    /// Whether they still have and use the device or SIM; nil when the help was neither.
    public var stillUsing: Bool?
    /// Foundation task value to level, as `SkillsSnapshot` keeps them.
    public var tasks: [String: SkillLevel]
    /// 1 (not at all) to 5 (very).
    public var confidence: Int
    public var uses: [OnlineUse]
    public var other: String
    /// They agreed to their answers being used, without their name, in reports.
    public var consent: Bool

    public init(online: Bool, onlineBy: [OnlineBy], stillUsing: Bool?, tasks: [String: SkillLevel], confidence: Int, uses: [OnlineUse], other: String, consent: Bool) {
        (self.online, self.onlineBy, self.stillUsing, self.tasks, self.confidence) = (online, onlineBy, stillUsing, tasks, confidence)
        (self.uses, self.other, self.consent) = (uses, other, consent)
    }

    public static let confidenceScale = 1...5

    /// Foundation tasks done on their own, for "tasks gained" against the triage.
    public var snapshot: SkillsSnapshot { SkillsSnapshot(tasks: tasks, areas: [:], goals: []) }

    /// "Online by mobile data; 6 of 8 everyday tasks on their own; confidence 4 of 5".
    public var summary: String {
        let how = online ? "Online" + (onlineBy.isEmpty ? "" : " by " + onlineBy.map(\.words).joined(separator: " and ")) : "Not online"
        return "\(how); \(snapshot.tasksOnTheirOwn) of \(FoundationTasks.all.count) everyday tasks on their own; confidence \(confidence) of 5"
    }
}

extension OnlineBy {
    public var words: String {
        switch self {
        case .homeBroadband: "home broadband"
        case .mobileData: "mobile data"
        case .publicWiFi: "public Wi-Fi"
        }
    }
}
