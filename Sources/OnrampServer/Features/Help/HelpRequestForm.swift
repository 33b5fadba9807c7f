import Foundation
import OnrampCore

/// What residents agree to, with its version stored on each case, so a change of wording is
/// traceable to the requests made under it.
enum Consent {
    static let version = "2026-11-v1"
    static let wording = "I agree that the council can keep my answers and contact details, and share them with the organisations that will help me, to deal with my request. I can ask for them to be deleted at any time."
}

/// "Ask for help": which offers, who the resident is, how to reach them, and consent.
struct HelpRequestForm: Sendable {
    var offers: [String] = []
    var name = ""
    var dateOfBirth = DateParts()
    var phone = ""
    var email = ""
    var address = ""
    var consent = false

    init(_ fields: FormFields) {
        offers = fields.all("offer")
        name = fields["name"] ?? ""
        dateOfBirth = .init(day: fields["dob-day"] ?? "", month: fields["dob-month"] ?? "", year: fields["dob-year"] ?? "")
        phone = fields["phone"] ?? ""
        email = fields["email"] ?? ""
        address = fields["address"] ?? ""
        consent = fields["consent"] == "yes"
    }

    private init() {}

    /// Nothing is ticked that the resident did not choose: keeping a device and borrowing one
    /// are both offered, and only they know which they want.
    static let empty = HelpRequestForm()

    struct Details: Sendable {
        let offerIDs: [UUID]
        let name: String
        let dateOfBirth: CalendarDay
        let phone: String?
        let email: String?
        let address: String?
    }

    func validated(answers: TriageAnswers, package: MinimumAccessPackage, today: CalendarDay = WorkingDays.today(Date())) -> (FormErrors, Details?) {
        var errors = FormErrors()
        let allowed = Set(package.eligible.filter { $0.offer.kind.needsReferral }.map { $0.offer.id.lowercased() })
        let chosen = offers.map { $0.lowercased() }.filter(allowed.contains)
        if chosen.isEmpty { errors.add("offer", "Select at least one kind of help to ask for") }
        let name = errors.text("name", name, label: "your full name", maxLength: 100)
        var dob = CalendarDay.parse(dateOfBirth, field: "dob", label: "Date of birth", required: "Enter your date of birth", into: &errors)
        if let day = dob, !(day < today) || day.year < today.year - 120 {
            errors.add("dob", "Date of birth must be in the past")
            dob = nil
        }
        // Each way chosen needs its detail: a mobile to text, a number to phone, an email, an address.
        let contact = ContactWays(answers["contact-by"]).validate(name: name, phone: phone, email: email, address: address, postcode: answers.first("postcode"), into: &errors)
        if !consent { errors.add("consent", "Tick the box to agree, so we can pass your request on") }
        guard errors.isEmpty, let dob else { return (errors, nil) }
        return (errors, Details(
            offerIDs: chosen.compactMap(UUID.init(uuidString:)), name: name, dateOfBirth: dob,
            phone: contact.phone, email: contact.email, address: contact.address
        ))
    }
}
