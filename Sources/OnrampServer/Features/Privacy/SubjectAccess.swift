import Fluent
import Foundation
import OnrampCore
import Vapor

/// Everything Onramp holds about one resident (and any record merged into theirs), for a
/// subject access request: as JSON, and as a page in plain English to print.
struct SubjectAccessCopy: Content {
    struct Person: Codable, Sendable {
        let name: String
        let dateOfBirth: String?, postcode: String?, address: String?, phone: String?, email: String?
        let contactBy: String, bestTimeToContact: String, language: String, accessNeeds: String
        let firstAsked: Date
        let anonymisedAt: Date?
    }

    struct Referral: Codable, Sendable {
        let offer: String, status: String, made: Date, contacted: Date?, lastChanged: Date, outcome: String?
    }

    struct Event: Codable, Sendable { let at: Date, by: String, text: String }

    struct FollowUp: Codable, Sendable {
        let due: String, status: String, online: Bool?, confidence: Int?, tasks: String?, uses: String?, other: String?, answeredAt: Date?
    }

    struct Handover: Codable, Sendable { let what: String, on: String, due: String?, returnedAt: Date?, lostAt: Date? }

    /// A SIM or voucher given: what it was and the last digits of its code, never the code.
    struct DataGiven: Codable, Sendable { let what: String, givenOn: String?, endsOn: String?, codeEnding: String }

    struct Case: Codable, Sendable {
        let reference: String, howTheyAsked: String, made: Date
        let answers: [String: [String]]
        let referrals: [Referral], events: [Event], followUps: [FollowUp], handovers: [Handover], dataGiven: [DataGiven]
    }

    struct Message: Codable, Sendable { let channel: String, to: String, subject: String, body: String, status: String, queued: Date, sent: Date? }

    struct Booking: Codable, Sendable { let session: String, starts: Date?, status: String, name: String, contact: String }

    struct Equality: Codable, Sendable { let ageBand: String?, disability: String?, ethnicity: String?, sex: String? }

    struct Look: Codable, Sendable { let at: Date, who: String, what: String }

    /// What a learner could do, as the person helping them recorded it.
    struct Skills: Codable, Sendable { let stage: String, recordedAt: Date, recordedBy: String, skills: SkillsSnapshot? }

    let council: String
    let madeAt: Date
    let people: [Person]
    let cases: [Case]
    let messages: [Message]
    let bookings: [Booking]
    let equality: [Equality]
    let skills: [Skills]
    /// Who has looked at the resident's record, newest first.
    let looks: [Look]

    static func gather(resident: Resident, councilName: String, now: Date, on database: any Database) async throws -> SubjectAccessCopy {
        let ids = try await Resident.withMerged(resident.id!, on: database)
        let residents = try await Resident.query(on: database).filter(\.$id ~~ ids).sort(\.$createdAt).all()
        let contacts = Array(Set(residents.flatMap { [$0.phone, $0.email].compactMap { $0 } }.filter { !$0.isEmpty }))
        let helpCases = try await HelpCase.query(on: database).filter(\.$residentID ~~ ids).sort(\.$createdAt).all()
        let caseIDs = helpCases.compactMap(\.id)
        let offers = Dictionary(try await HelpOffer.query(on: database).filter(\.$councilID == resident.councilID).all().map { ($0.id!, $0.name) }, uniquingKeysWith: { a, _ in a })
        var cases: [Case] = []
        for helpCase in helpCases {
            let referrals = try await OnrampServer.Referral.query(on: database).filter(\.$caseID == helpCase.id!).sort(\.$createdAt).sort(\.$id).all()
            let events = try await CaseEvent.query(on: database).filter(\.$caseID == helpCase.id!).sort(\.$at).all()
            let followUps = try await OnrampServer.FollowUp.query(on: database).filter(\.$caseID == helpCase.id!).sort(\.$dueOn).all()
            let handovers = referrals.isEmpty ? [] : try await KitAllocation.query(on: database).filter(\.$referralID ~~ referrals.compactMap(\.id)).all()
            let packs = referrals.isEmpty ? [] : try await DataPack.query(on: database).filter(\.$referralID ~~ referrals.compactMap(\.id)).all()
            cases.append(Case(
                reference: helpCase.referenceNumber.description, howTheyAsked: helpCase.channel.label, made: helpCase.createdAt,
                answers: helpCase.triageAnswers.values,
                referrals: referrals.map { Referral(offer: offers[$0.offerID] ?? "An offer", status: $0.status.label, made: $0.createdAt, contacted: $0.contactedAt, lastChanged: $0.updatedAt, outcome: $0.outcome) },
                events: events.map { Event(at: $0.at, by: $0.actor, text: $0.text) },
                followUps: followUps.map { FollowUp(due: $0.dueOn, status: $0.status.rawValue, online: $0.online, confidence: $0.confidence, tasks: $0.tasks, uses: $0.uses, other: $0.other, answeredAt: $0.answeredAt) },
                handovers: handovers.map { Handover(what: $0.isLoan ? "A device on loan" : "A device to keep", on: $0.handedOverOn, due: $0.due, returnedAt: $0.returnedAt, lostAt: $0.lostAt) },
                dataGiven: packs.map { DataGiven(what: $0.words, givenOn: $0.givenOn, endsOn: $0.endsOn, codeEnding: $0.codeEnding) }
            ))
        }
        // Messages and bookings made without a case are theirs by the address they gave.
        let unlinked = caseIDs.isEmpty && contacts.isEmpty
        let messages = unlinked ? [] : try await OutboxMessage.query(on: database).filter(\.$councilID == resident.councilID).group(.or) { either in
            if !caseIDs.isEmpty { either.filter(\.$caseID ~~ caseIDs) }
            if !contacts.isEmpty { either.filter(\.$recipient ~~ contacts) }
            // A phone task for a booking made without a case: "Ada Example, 07700 900123".
            for phone in residents.compactMap(\.phone) where !phone.isEmpty { either.filter(\.$recipient ~= ", " + PhoneNumber.display(phone)) }
        }.sort(\.$createdAt).all()
        let bookings = unlinked ? [] : try await SessionBooking.query(on: database).filter(\.$councilID == resident.councilID).group(.or) { either in
            if !caseIDs.isEmpty { either.filter(\.$caseID ~~ caseIDs) }
            if !contacts.isEmpty { either.filter(\.$contact ~~ contacts) }
        }.all()
        let sessions = Dictionary(try await SkillSession.query(on: database).filter(\.$id ~~ Set(bookings.map(\.sessionID))).all().map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        let equality = try await ResidentEquality.query(on: database).filter(\.$residentID ~~ ids).all()
        let bookingIDs = bookings.compactMap(\.id)
        let reviews = try await SkillsReview.query(on: database).filter(\.$councilID == resident.councilID).group(.or) { either in
            either.filter(\.$residentID ~~ ids)
            if !caseIDs.isEmpty { either.filter(\.$caseID ~~ caseIDs) }
            if !bookingIDs.isEmpty { either.filter(\.$bookingID ~~ bookingIDs) }
        }.sort(\.$recordedAt).all()
        return SubjectAccessCopy(
            council: councilName, madeAt: now,
            people: residents.map {
                Person(name: $0.name, dateOfBirth: $0.dateOfBirth, postcode: $0.postcode, address: $0.address, phone: $0.phone, email: $0.email,
                       contactBy: $0.contactBy, bestTimeToContact: $0.contactWhen, language: $0.language, accessNeeds: $0.accessNeeds,
                       firstAsked: $0.createdAt, anonymisedAt: $0.anonymisedAt)
            },
            cases: cases,
            messages: messages.map {
                Message(channel: MessageChannel(rawValue: $0.channel)?.label ?? $0.channel, to: $0.recipient, subject: $0.subject, body: $0.body,
                        status: MessageStatus(rawValue: $0.status)?.label ?? $0.status, queued: $0.createdAt, sent: $0.sentAt)
            },
            bookings: bookings.map { Booking(session: sessions[$0.sessionID]?.title ?? "A session", starts: sessions[$0.sessionID]?.startsAt, status: $0.status.rawValue, name: $0.name, contact: $0.contact) },
            equality: equality.map { Equality(ageBand: $0.ageBand, disability: $0.disability, ethnicity: $0.ethnicity, sex: $0.sex) },
            skills: reviews.map { Skills(stage: $0.stage.label, recordedAt: $0.recordedAt, recordedBy: $0.recordedBy, skills: $0.snapshot) },
            looks: try await CaseQueries.looks(at: resident, limit: nil, on: database).map { Look(at: $0.at, who: $0.who, what: $0.what) }
        )
    }
}
