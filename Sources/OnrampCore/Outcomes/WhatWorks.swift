import Foundation

/// One referral as the outcome figures see it: nothing that names the resident.
public struct OutcomeRecord: Sendable, Equatable {
    /// What happened at the follow-up.
    public enum FollowUp: Sendable, Equatable {
        /// Scheduled or asked, no answer yet: counted nowhere until it ends.
        case waiting
        case unanswered
        /// `tasksGained`: foundation tasks done on their own now and not at the triage.
        case answered(online: Bool, tasksGained: Int)
    }

    public let offer: String
    /// The group the resident is in for the segment being looked at ("65-74", "phone"), or nil.
    public let segment: String?
    public let referredOn: CalendarDay
    public let contactedOn: CalendarDay?
    public let fulfilledOn: CalendarDay?
    public let followUp: FollowUp?

    public init(offer: String, segment: String?, referredOn: CalendarDay, contactedOn: CalendarDay?, fulfilledOn: CalendarDay?, followUp: FollowUp?) {
        (self.offer, self.segment, self.referredOn, self.contactedOn, self.fulfilledOn, self.followUp) = (offer, segment, referredOn, contactedOn, fulfilledOn, followUp)
    }
}

/// What worked, for one offer or one group within it: every count protected (`SmallNumbers`),
/// and every median and share left out when fewer than 5 people are behind it.
public struct WhatWorksLine: Sendable, Equatable {
    public let referrals: SmallNumbers.Cell
    public let fulfilled: SmallNumbers.Cell
    /// Median working days from referral to first contact, and to fulfilment.
    public let daysToContact: Double?
    public let daysToFulfil: Double?
    /// Follow-ups that ended (answered or not) and those answered.
    public let followUpsEnded: SmallNumbers.Cell
    public let responseRate: Proportion?
    /// Of those who answered, online at the follow-up.
    public let online: Proportion?
    public let tasksGained: Double?
}

public enum WhatWorks {
    /// Medians and shares need at least this many people behind them.
    public static let fewest = SmallNumbers.threshold

    /// Lines for each group of `records` (one offer's), in the order of `groups`, then the total.
    /// Referrals and fulfilled are protected as one table (fulfilled and not, by group), so the
    /// total cannot give a hidden group away.
    public static func lines(_ records: [OutcomeRecord], groups: [String?], workingDays: WorkingDays) -> (groups: [WhatWorksLine], total: WhatWorksLine) {
        let byGroup = groups.map { group in records.filter { $0.segment == group } }
        let table = SmallNumbers.protect(byGroup.map { rows in
            let fulfilled = rows.filter { $0.fulfilledOn != nil }.count
            return [fulfilled, rows.count - fulfilled]
        })
        let followUps = SmallNumbers.protect(byGroup.map { rows in [ended(rows).count] })
        func line(_ rows: [OutcomeRecord], referrals: SmallNumbers.Cell, fulfilled: SmallNumbers.Cell, followUpsEnded: SmallNumbers.Cell) -> WhatWorksLine {
            let ended = ended(rows)
            let answered = ended.compactMap { record -> (online: Bool, gained: Int)? in
                if case .answered(let online, let gained) = record.followUp { return (online, gained) } else { return nil }
            }
            return WhatWorksLine(
                referrals: referrals, fulfilled: fulfilled,
                daysToContact: median(rows, workingDays: workingDays, to: \.contactedOn),
                daysToFulfil: median(rows, workingDays: workingDays, to: \.fulfilledOn),
                followUpsEnded: followUpsEnded,
                responseRate: ended.count < fewest ? nil : Proportion(answered.count, of: ended.count),
                online: answered.count < fewest ? nil : Proportion(answered.filter { $0.online }.count, of: answered.count),
                tasksGained: answered.count < fewest ? nil : Median.of(answered.map { $0.gained }))
        }
        let lines = byGroup.indices.map { index in
            line(byGroup[index], referrals: table.rowTotals[index], fulfilled: table.cells[index][0], followUpsEnded: followUps.cells[index][0])
        }
        let all = byGroup.flatMap { $0 }
        return (lines, line(all, referrals: table.total, fulfilled: table.columnTotals.first ?? .count(0), followUpsEnded: followUps.total))
    }

    private static func ended(_ rows: [OutcomeRecord]) -> [OutcomeRecord] {
        rows.filter { record in
            switch record.followUp {
            case .unanswered, .answered: true
            case .waiting, nil: false
            }
        }
    }

    /// Median working days from referral to the day `to` gives, over those who reached it; nil
    /// when fewer than 5 did.
    static func median(_ rows: [OutcomeRecord], workingDays: WorkingDays, to day: KeyPath<OutcomeRecord, CalendarDay?>) -> Double? {
        let days = rows.compactMap { record in record[keyPath: day].map { workingDays.count(from: record.referredOn, to: $0) } }
        return days.count < fewest ? nil : Median.of(days)
    }
}
