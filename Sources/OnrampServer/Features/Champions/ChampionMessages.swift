import Fluent
import OnrampCore
import Vapor

/// What a champion is told, by the way they chose, queued in the same transaction as the change
/// it reports. Letters and calls are for people offline: they give the council's phone number,
/// never a web address.
enum ChampionMessages {
    enum Kind {
        case applied
        case active
        case paused(reason: String)
    }

    static func text(_ kind: Kind, organisation: String, contact: CouncilContact?) -> (subject: String, body: String) {
        let questions = contact.map { "If you have a question, phone \($0.councilName) on \(PhoneNumber.display($0.phone)) (\($0.openingHours))." } ?? "If you have a question, phone the council."
        switch kind {
        case .applied:
            return ("Thank you for offering to be a digital champion", """
            Thank you for offering to volunteer as a digital champion with \(organisation). We will contact you about the next steps: references, a DBS check and training.
            \(questions)
            """)
        case .active:
            return ("You are now a digital champion", """
            Your checks and training are done: you can now help people get online as a digital champion with \(organisation).
            \(questions)
            """)
        case .paused(let reason):
            return ("Your volunteering as a digital champion is paused", """
            Your volunteering as a digital champion with \(organisation) is paused: \(reason). Once it is renewed you can carry on, and \(organisation) can help you renew it.
            \(questions)
            """)
        }
    }

    static func queue(_ kind: Kind, to champion: Champion, now: Date, on database: any Database) async throws {
        let (channel, recipient) = CaseMessages.destination(ways: champion.contactWays, name: champion.name, phone: champion.phone, email: champion.email, address: champion.address)
        let organisation = try await Champions.organisationName(of: champion, on: database)
        let (subject, body) = text(kind, organisation: organisation, contact: try await CouncilContacts.of(councilID: champion.councilID, on: database))
        try await Outbox.queue(on: database, councilID: champion.councilID, channel: channel, to: recipient, subject: subject, body: body, caseID: nil, now: now)
    }

    /// Emails the council's officers and administrators, and the staff of the partners whose
    /// champions these are, that `paused` champions were paused and why.
    static func tellCoordinators(councilID: UUID, paused: [(champion: Champion, reason: String)], now: Date, on database: any Database) async throws {
        guard !paused.isEmpty else { return }
        let partners = Set(paused.compactMap(\.champion.organisationID))
        let staff = try await User.query(on: database).filter(\.$councilID == councilID).filter(\.$isActive == true)
            .group(.or) { $0.filter(\.$role ~~ [.officer, .admin]).group(.and) { $0.filter(\.$role == .partner).filter(\.$organisation.$id ~~ partners) } }.all()
        for person in staff {
            let theirs = paused.filter { person.role != .partner || $0.champion.organisationID == person.$organisation.id }
            guard !theirs.isEmpty else { continue }
            try await Outbox.queueEmail(on: database, councilID: councilID, to: person.email, subject: "Digital champions paused because a check lapsed", body: """
            These digital champions have been paused, because a check they need is not done or has lapsed. Each has been told.
            \(theirs.map { "- \($0.champion.name): \($0.reason)" }.joined(separator: "\n"))
            Record the renewed checks on each champion's page under Champions in Onramp, then make them active again.
            """, now: now)
        }
    }
}
