import Fluent
import Foundation
import OnrampCore
import SQLKit
import Vapor

/// Asking residents whether the help worked: scheduled when a referral is fulfilled, asked by
/// text or email with a secret link (or put on staff's calls list for letters and phone calls),
/// reminded once, then counted as unanswered. Each step is claimed by a conditional update, so
/// several Onramp processes on one database never ask twice.
enum FollowUps {
    /// Called when a referral is fulfilled, in the same transaction: one follow-up a referral.
    static func schedule(_ referral: Referral, offer: HelpOffer, now: Date, on tx: any Database) async throws {
        guard try await FollowUp.query(on: tx).filter(\.$referralID == referral.id!).count() == 0 else { return }
        let followUp = FollowUp()
        (followUp.councilID, followUp.organisationID, followUp.caseID, followUp.referralID) = (referral.councilID, referral.organisationID, referral.caseID, referral.id!)
        (followUp.status, followUp.createdAt) = (.scheduled, now)
        followUp.dueOn = FollowUpSchedule.due(helpGiven: WorkingDays.today(now), weeks: offer.followUpWeeks).iso
        try await followUp.create(on: tx)
    }

    struct Counts: Equatable {
        var asked = 0, toCall = 0, reminded = 0, unanswered = 0
    }

    /// What one follow-up's step did.
    private enum Done { case asked, toCall, reminded, unanswered }

    /// Everything due today, across every council. `baseURL`: the public address for links.
    static func run(today: CalendarDay, baseURL: String, now: Date, on database: any Database) async throws -> Counts {
        var counts = Counts()
        let open = try await FollowUp.query(on: database).filter(\.$status ~~ [.scheduled, .asked, .reminded, .toCall]).filter(\.$dueOn <= today.iso).all()
        for followUp in open {
            guard let due = CalendarDay(iso: followUp.dueOn),
                  let step = FollowUpSchedule.step(followUp.status, dueOn: due, askedOn: followUp.askedOn.flatMap(CalendarDay.init(iso:)),
                                                   remindedOn: followUp.remindedOn.flatMap(CalendarDay.init(iso:)), today: today)
            else { continue }
            let done = try await database.transaction { tx in try await take(step, for: followUp, today: today, baseURL: baseURL, now: now, on: tx) }
            switch done {
            case .asked: counts.asked += 1
            case .toCall: counts.toCall += 1
            case .reminded: counts.reminded += 1
            case .unanswered: counts.unanswered += 1
            case nil: break
            }
        }
        return counts
    }

    /// One step, claimed first: nil when another process took it, or the referral has gone.
    private static func take(_ step: FollowUpSchedule.Step, for followUp: FollowUp, today: CalendarDay, baseURL: String, now: Date, on tx: any Database) async throws -> Done? {
        switch step {
        case .ask:
            guard let found = try await context(followUp, on: tx) else { return nil }
            let (helpCase, resident, offer, partner) = found
            let (channel, _) = CaseMessages.destination(for: resident)
            let asking = channel == .sms || channel == .email
            guard try await claim(followUp, from: .scheduled, to: asking ? .asked : .toCall, on: tx) else { return nil }
            (followUp.askedOn, followUp.channel) = (today.iso, channel.rawValue)
            var token: String?
            if asking {
                token = SecretToken.make()
                followUp.tokenHash = token.map(SecretToken.hash)
            }
            try await followUp.save(on: tx)
            if let token {
                try await CaseMessages.queue(.followUp(offer: offer.name, partner: partner, link: baseURL + SiteURL.followUp(.value(token)).path,
                                                      until: today.adding(days: FollowUpSchedule.linkDays), reminder: false),
                                             to: resident, caseID: helpCase.id!, trackURL: "", now: now, on: tx)
            }
            try await event(followUp, asking ? "Asked by \(channel.label.lowercased()) whether the help worked" : "Follow-up call to make: did the help work?", now: now, on: tx)
            return asking ? .asked : .toCall
        case .remind:
            guard let found = try await context(followUp, on: tx), try await claim(followUp, from: .asked, to: .reminded, on: tx) else { return nil }
            let (helpCase, resident, offer, partner) = found
            let token = SecretToken.make()
            (followUp.reminderTokenHash, followUp.remindedOn) = (SecretToken.hash(token), today.iso)
            try await followUp.save(on: tx)
            let asked = followUp.askedOn.flatMap(CalendarDay.init(iso:)) ?? today
            try await CaseMessages.queue(.followUp(offer: offer.name, partner: partner, link: baseURL + SiteURL.followUp(.value(token)).path,
                                                  until: asked.adding(days: FollowUpSchedule.linkDays), reminder: true),
                                         to: resident, caseID: helpCase.id!, trackURL: "", now: now, on: tx)
            return .reminded
        case .giveUp:
            guard try await claim(followUp, from: followUp.status, to: .unanswered, on: tx) else { return nil }
            try await event(followUp, "Follow-up: no answer", now: now, on: tx)
            return .unanswered
        }
    }

    /// Moves the status only if it is still `from`; false when another process got there first.
    private static func claim(_ followUp: FollowUp, from: FollowUpStatus, to: FollowUpStatus, on database: any Database) async throws -> Bool {
        let moved = try await (database as! any SQLDatabase).update(FollowUp.schema).set("status", to: to.rawValue)
            .where("id", .equal, followUp.id!).where("status", .equal, from.rawValue).returning("id").all()
        guard !moved.isEmpty else { return false }
        followUp.status = to
        return true
    }

    /// The help a follow-up asks about: the case, the resident, the offer and the partner's name.
    static func context(_ followUp: FollowUp, on database: any Database) async throws -> (HelpCase, Resident, HelpOffer, String)? {
        guard let referral = try await Referral.unscoped(followUp.referralID, on: database) else { return nil }
        let (helpCase, resident, offer) = try await ReferralMoves.context(of: referral, on: database)
        let partner = try await Organisation.find(referral.organisationID, on: database)?.name ?? "We"
        return (helpCase, resident, offer, partner)
    }

    private static func event(_ followUp: FollowUp, _ text: String, now: Date, on database: any Database) async throws {
        try await CaseEvent(caseID: followUp.caseID, referralID: followUp.referralID, at: now, actor: "Onramp", text: text).create(on: database)
    }

    /// The follow-up a link leads to, whether or not the link still works (`FollowUpSchedule.linkWorks`).
    static func byLink(_ token: String, on database: any Database) async throws -> FollowUp? {
        let hash = SecretToken.hash(token)
        return try await FollowUp.query(on: database).group(.or, { $0.filter(\.$tokenHash == hash).filter(\.$reminderTokenHash == hash) }).first()
    }

    /// Keeps the answers, whoever took them, with a line on the case and the audit. False when
    /// the follow-up was already answered or closed meanwhile.
    static func record(_ answers: FollowUpAnswers, for followUp: FollowUp, recordedBy: String, actor: AuditActor, now: Date, on database: any Database) async throws -> Bool {
        try await database.transaction { tx in
            guard followUp.status.isOpen, followUp.status != .scheduled, try await claim(followUp, from: followUp.status, to: .answered, on: tx) else { return false }
            followUp.take(answers, recordedBy: recordedBy, now: now)
            try await followUp.save(on: tx)
            try await event(followUp, "Follow-up answered: \(answers.summary)", now: now, on: tx)
            try await Audit.record(.followUpAnswered, by: actor, recordType: "follow_up", recordID: followUp.id, summary: "Recorded the answers to a follow-up",
                                   councilID: followUp.councilID, on: tx, now: now)
            return true
        }
    }

    /// Staff tried and could not reach the resident: counted as unanswered.
    static func noAnswer(_ followUp: FollowUp, actor: AuditActor, now: Date, on database: any Database) async throws -> Bool {
        try await database.transaction { tx in
            guard try await claim(followUp, from: .toCall, to: .unanswered, on: tx) else { return false }
            try await event(followUp, "Follow-up: could not reach them by phone", now: now, on: tx)
            try await Audit.record(.followUpUnanswered, by: actor, recordType: "follow_up", recordID: followUp.id, summary: "Could not reach a resident for their follow-up",
                                   councilID: followUp.councilID, on: tx, now: now)
            return true
        }
    }
}
