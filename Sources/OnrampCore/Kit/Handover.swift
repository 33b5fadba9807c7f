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
}
