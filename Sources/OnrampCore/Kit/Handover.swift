import Foundation

/// Handing a ready device to a resident: gift or loan, where, and the resident's acknowledgement.
public struct Handover: Sendable, Equatable {
    public let place: String
    public let day: CalendarDay
    public let acknowledged: Bool
    /// A loan's due date; nil for a gift.
    public let due: CalendarDay?

    /// Checks a handover form. A loan needs a due date after the handover, at most a year on.
    public static func validate(
        isLoan: Bool, place: String?, day: DateParts, due: DateParts, acknowledged: Bool, into errors: inout FormErrors
    ) -> Handover? {
        let place = errors.text("place", place, label: "where the device was handed over", maxLength: 200)
        let handed = CalendarDay.parse(day, field: "handed", label: "The handover date", required: "Enter the handover date", into: &errors)
        var dueDay: CalendarDay?
        if isLoan {
            dueDay = CalendarDay.parse(due, field: "due", label: "The due date", required: "Enter when the loan ends", into: &errors)
            if let dueDay, let handed, !(handed < dueDay) || dueDay > handed.adding(days: 366) {
                errors.add("due", "The due date must be after the handover and within a year of it")
            }
        }
        if !acknowledged { errors.add("acknowledged", "Tick to confirm the resident has received the device and its terms") }
        guard errors.isEmpty, let handed else { return nil }
        return Handover(place: place, day: handed, acknowledged: acknowledged, due: dueDay)
    }

    /// Checks a loan's extension: a new due date after the current one, and why.
    public static func `extension`(
        of current: CalendarDay?, to typed: DateParts, reason: String?, into errors: inout FormErrors
    ) -> (due: CalendarDay, reason: String)? {
        let reason = errors.text("extend_reason", reason, label: "why the loan is extended", maxLength: 300)
        let due = CalendarDay.parse(typed, field: "due", label: "The new due date", required: "Enter the new due date", into: &errors)
        if let due, let current, !(current < due) { errors.add("due", "The new due date must be after \(current.spoken)") }
        guard errors.isEmpty, let due else { return nil }
        return (due, reason)
    }
}
