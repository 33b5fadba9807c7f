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
        case received(reference: ReferenceNumber, offers: [String])
        case statusChanged(reference: ReferenceNumber, offer: String, status: ReferralStatus)
        case rerouted(reference: ReferenceNumber, offer: String, partner: String)
        case loanDue(reference: ReferenceNumber, device: String, due: CalendarDay, today: Bool)
        case dataEnding(reference: ReferenceNumber, data: String, ends: CalendarDay)
    }

    static func text(_ kind: Kind, trackURL: String) -> (subject: String, body: String) {
        switch kind {
        case .received(let reference, let offers):
            return ("Your request for help: \(reference)", """
            Your reference is \(reference). We have passed on your request for: \(offers.joined(separator: ", ")). They will contact you soon.
            Check on your request at \(trackURL) with your reference and your postcode or date of birth, or phone the council.
            """)
        case .statusChanged(let reference, let offer, let status):
            return ("Update on your request \(reference)", """
            \(offer): \(status.label.lowercased()). \(status.forResident)
            Check on your request at \(trackURL) with reference \(reference).
            """)
        case .loanDue(let reference, let device, let due, let today):
            return ("Your loan \(today ? "ends today" : "ends in a week")", """
            The \(device) you borrowed is due back \(today ? "today" : "on \(due.spoken)"). Please bring it back, or ask us to extend the loan: reply, or phone the council with reference \(reference).
            """)
        case .dataEnding(let reference, let data, let ends):
            return ("Your free data ends on \(ends.spoken)", """
            The \(data) you were given ends on \(ends.spoken). If you still need data to get online, ask us for more: reply, or phone the council with reference \(reference).
            """)
        case .rerouted(let reference, let offer, let partner):
            return ("Update on your request \(reference)", """
            \(offer): we have passed your request to \(partner), who will contact you soon.
            Check on your request at \(trackURL) with reference \(reference).
            """)
        }
    }

    /// Where to reach a resident on their chosen channel. Without a number or address for it,
    /// a member of staff phones or writes instead: the message becomes a task.
    static func destination(for resident: Resident) -> (MessageChannel, String) {
        switch resident.contactBy {
        case "sms" where resident.phone != nil: return (.sms, resident.phone!)
        case "email" where resident.email != nil: return (.email, resident.email!)
        case "letter" where resident.address != nil: return (.letter, ([resident.name] + resident.address!.split(whereSeparator: \.isNewline).map(String.init)).joined(separator: "\n"))
        default: return (.phone, resident.phone.map(PhoneNumber.display) ?? "no phone number: see the case")
        }
    }

    static func queue(_ kind: Kind, to resident: Resident, caseID: UUID, trackURL: String, now: Date, on database: any Database) async throws {
        let (channel, recipient) = destination(for: resident)
        let (subject, body) = text(kind, trackURL: trackURL)
        try await Outbox.queue(on: database, councilID: resident.councilID, channel: channel, to: recipient, subject: subject, body: body, caseID: caseID, now: now)
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
