import Foundation
import Fluent
import Vapor
import OnrampCore

extension Request {
    /// The full address of /track, for messages: residents read them away from the site.
    var trackURL: String { Invitations.baseURL(for: self) + SiteURL.track.path }
}

/// What a resident is told, by the channel they chose. Queued in the same transaction as the
/// change it reports.
enum CaseMessages {
    enum Kind {
        case received(reference: ReferenceNumber, offers: [(offer: String, partner: String)])
        case statusChanged(reference: ReferenceNumber, offer: String, partner: String, status: ReferralStatus)
        case rerouted(reference: ReferenceNumber, offer: String, partner: String)
        case loanDue(reference: ReferenceNumber, device: String, due: CalendarDay, today: Bool)
        case dataEnding(reference: ReferenceNumber, data: String, ends: CalendarDay)
        /// Asking whether the help worked, with the link to the questions (text and email only).
        case followUp(offer: String, partner: String, link: String, until: CalendarDay, reminder: Bool)
    }

    /// The words for `channel`. A text or an email may send the resident to /track; a letter
    /// or a phone call is for someone offline, so it names who is helping and gives the
    /// council's phone number instead of a web address.
    static func text(_ kind: Kind, channel: MessageChannel, trackURL: String, contact: CouncilContact?) -> (subject: String, body: String) {
        let offline = channel == .letter || channel == .phone
        func questions(_ reference: ReferenceNumber) -> String {
            let phone = contact.map { "phone \($0.councilName) on \(PhoneNumber.display($0.phone)) (\($0.openingHours))" } ?? "phone the council"
            return offline ? "If you have a question, \(phone) and give your reference, \(reference)."
                : "Check on your request at \(trackURL) with your reference, \(reference), or \(phone)."
        }
        switch kind {
        case .received(let reference, let offers):
            let who = offers.map { "\($0.partner) will contact you about \($0.offer.prefix(1).lowercased() + $0.offer.dropFirst())." }.joined(separator: "\n")
            return ("Your request for help: \(reference)", """
            Your reference is \(reference). We have passed on your request.
            \(who)
            \(questions(reference))
            """)
        case .statusChanged(let reference, let offer, let partner, let status):
            return ("Update on your request \(reference)", """
            \(offer), from \(partner): \(status.label.lowercased()). \(status.forResident)
            \(questions(reference))
            """)
        case .rerouted(let reference, let offer, let partner):
            return ("Update on your request \(reference)", """
            \(offer): we have passed your request to \(partner), who will contact you soon.
            \(questions(reference))
            """)
        case .loanDue(let reference, let device, let due, let today):
            return ("Your loan \(today ? "ends today" : "ends in a week")", """
            The \(device) you borrowed is due back \(today ? "today" : "on \(due.spoken)"). Please bring it back, or ask us to extend the loan.
            \(questions(reference))
            """)
        case .dataEnding(let reference, let data, let ends):
            return ("Your free data ends on \(ends.spoken)", """
            The \(data) you were given ends on \(ends.spoken). If you still need data to get online, ask us for more.
            \(questions(reference))
            """)
        case .followUp(let offer, let partner, let link, let until, let reminder):
            let talk = contact.map { " If you would rather talk, phone \($0.councilName) on \(PhoneNumber.display($0.phone)) (\($0.openingHours))." } ?? ""
            return (reminder ? "A reminder: did our help work for you?" : "Did our help work for you?", """
            \(partner) helped you with \(offer.prefix(1).lowercased() + offer.dropFirst()). Please tell us whether it worked, so we can help others better: \(link)
            It takes about 3 minutes. The link works until \(until.spoken).\(talk)
            """)
        }
    }

    /// Where to reach a resident on their chosen channel. Without a number or address for it,
    /// a member of staff phones or writes instead: the message becomes a task.
    static func destination(for resident: Resident) -> (MessageChannel, String) {
        destination(ways: ContactWays(stored: resident.contactBy), name: resident.name, phone: resident.phone, email: resident.email, address: resident.address)
    }

    /// The same for anyone with chosen ways and details, such as a volunteer.
    static func destination(ways: ContactWays, name: String, phone: String?, email: String?, address: String?) -> (MessageChannel, String) {
        switch ways.forMessages {
        case "sms" where phone != nil: return (.sms, phone!)
        case "email" where email != nil: return (.email, email!)
        case "letter" where address != nil: return (.letter, ([name] + address!.split(whereSeparator: \.isNewline).map(String.init)).joined(separator: "\n"))
        default: return (.phone, phone.map(PhoneNumber.display) ?? "no phone number: see the case")
        }
    }

    static func queue(_ kind: Kind, to resident: Resident, caseID: UUID, trackURL: String, now: Date, on database: any Database) async throws {
        let (channel, recipient) = destination(for: resident)
        let (subject, body) = text(kind, channel: channel, trackURL: trackURL, contact: try await CouncilContacts.of(councilID: resident.councilID, on: database))
        try await Outbox.queue(on: database, councilID: resident.councilID, channel: channel, to: recipient, subject: subject, body: body, caseID: caseID,
                               largePrint: channel == .letter && resident.accessNeeds.split(separator: ",").contains("large-print"), now: now)
    }

    /// Tells the resident whose referral this is; false when its case or resident is gone.
    static func queue(forReferral id: UUID, trackURL: String, now: Date, on database: any Database, _ kind: (ReferenceNumber) -> Kind) async throws -> Bool {
        guard let referral = try await Referral.unscoped(id, on: database), let helpCase = try await HelpCase.unscoped(referral.caseID, on: database),
              let resident = try await Resident.unscoped(helpCase.residentID, on: database)
        else { return false }
        try await queue(kind(helpCase.referenceNumber), to: resident, caseID: helpCase.id!, trackURL: trackURL, now: now, on: database)
        return true
    }
}
