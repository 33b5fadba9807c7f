import Foundation
import OnrampCore
import Vapor

/// Handing a device over, and a loan's extension and return, as typed.
struct HandoverForm: Content {
    var referral: String?
    var place: String?
    var handed_day: String?, handed_month: String?, handed_year: String?
    var due_day: String?, due_month: String?, due_year: String?
    var acknowledged: String?
    var extend_reason: String?

    /// The date boxes' names, as `Components.dateInput` writes them.
    enum CodingKeys: String, CodingKey {
        case referral, place, acknowledged, extend_reason
        case handed_day = "handed-day", handed_month = "handed-month", handed_year = "handed-year"
        case due_day = "due-day", due_month = "due-month", due_year = "due-year"
    }

    init() {}

    var handedParts: DateParts { .init(day: handed_day ?? "", month: handed_month ?? "", year: handed_year ?? "") }
    var dueParts: DateParts { .init(day: due_day ?? "", month: due_month ?? "", year: due_year ?? "") }
}

enum KitLoanPages {
    /// The part of a device's page for handing it over (when ready) or for its loan (when lent).
    static func handover(_ device: KitDevice, waiting: [QueueRow], loan: KitAllocation?, form: HandoverForm, errors: FormErrors, token: String) -> HTML {
        if let loan {
            let overdue = loan.due.flatMap(CalendarDay.init(iso:)).map { LoanSchedule.isOverdue(due: $0, today: WorkingDays.today(Date())) } ?? false
            return """
            <h2 class="govuk-heading-m">On loan</h2>
            \(Components.summaryList([
                .init(key: "Due back", value: "\(CalendarDay.spoken(loan.due))" + HTML.when(overdue, " \(Components.tag("Overdue", colour: .red))")),
                .init(key: "Handed over", value: "\(CalendarDay.spoken(loan.handedOverOn)) at \(loan.place) by \(loan.staff)"),
                .init(key: "Extended", value: "\(loan.extendedReason ?? "No")"),
            ]))
            \(Components.form(action: SiteURL.kitLoanExtend(.value(device.id!)).path, token: token, """
            \(Components.dateInput(name: "due", legend: "New due date", value: form.dueParts, error: errors["due"]))
            \(Components.textInput(name: "extend_reason", label: "Why the loan is extended", value: form.extend_reason, error: errors["extend_reason"]))
            \(Components.button("Extend loan", style: .secondary))
            """))
            \(Components.form(action: SiteURL.kitLoanReturn(.value(device.id!)).path, token: token, Components.button("Record the device as returned", style: .secondary)))
            """
        }
        if device.stage == .loaned {
            return "<h2 class=\"govuk-heading-m\">On loan</h2><p class=\"govuk-body\">This device is on loan to a resident another organisation is helping. They look after the loan.</p>"
        }
        guard device.stage == .ready else { return .empty }
        let choices = [Components.Choice(value: "", label: waiting.isEmpty ? "No referral is waiting for a device" : "Choose a referral")] + waiting.map {
            Components.Choice(value: $0.referral.id.uuidString.lowercased(), label: "\($0.reference): \($0.residentName), \($0.offerName)")
        }
        return """
        <h2 class="govuk-heading-m">Hand over to a resident</h2>
        \(Components.form(action: SiteURL.kitHandover(.value(device.id!)).path, token: token, """
        \(Components.select(name: "referral", label: "Referral", options: choices, selected: form.referral?.lowercased(), error: errors["referral"], hint: "Referrals for a device gift or loan whose resident has been contacted"))
        \(Components.textInput(name: "place", label: "Where", value: form.place, error: errors["place"], hint: "Like Canada Water Library"))
        \(Components.dateInput(name: "handed", legend: "Handover date", value: form.handedParts, error: errors["handed"]))
        \(Components.dateInput(name: "due", legend: "Due back (loans only)", value: form.dueParts, error: errors["due"]))
        \(Components.checkboxes(name: "acknowledged", legend: "Resident\u{2019}s acknowledgement", options: [.init(value: "yes", label: "The resident has received the device, its charger and the loan or gift terms")], selected: form.acknowledged == "yes" ? ["yes"] : [], error: errors["acknowledged"]))
        \(Components.button("Hand over"))
        """))
        """
    }

    static func loans(_ loans: [KitAllocation], devices: [KitDevice], referrals: [QueueRow], today: CalendarDay) -> Page {
        let rows = loans.map { loan -> [HTML] in
            let device = devices.first { $0.id == loan.deviceID }
            let referral = referrals.first { $0.referral.id == loan.referralID }
            let overdue = loan.due.flatMap(CalendarDay.init(iso:)).map { LoanSchedule.isOverdue(due: $0, today: today) } ?? false
            return [
                device.map { "<a class=\"govuk-link\" href=\"\(SiteURL.kitDevice(.value($0.id!)).path)\">\($0.assetTag)</a>" } ?? .empty,
                "\(referral?.residentName ?? "")", "\(referral?.reference ?? "")",
                "\(CalendarDay.spoken(loan.due))" + HTML.when(overdue, " \(Components.tag("Overdue", colour: .red))"),
            ]
        }
        return Page(title: "Devices on loan", backLink: SiteURL.kit.path, content: """
        <h1 class="govuk-heading-l">Devices on loan</h1>
        <p class="govuk-body">Residents are reminded by their chosen way a week before a loan ends and on the day (<code>onramp kit-reminders</code>, run daily).</p>
        \(rows.isEmpty ? "<p class=\"govuk-body\">No devices are on loan.</p>" as HTML : Components.table(caption: "\(loans.count) loans, soonest due first", head: ["Device", "Resident", "Case", "Due back"], rows: rows))
        """)
    }
}
