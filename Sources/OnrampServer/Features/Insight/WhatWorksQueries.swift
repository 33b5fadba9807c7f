import Fluent
import Foundation
import OnrampCore

/// The groups a council can look at "what works" by. Each reads the group from what the
/// resident told the triage or how the request came in; none names anyone.
enum OutcomeSegment: String, CaseIterable, Sendable {
    case everyone = ""
    case age
    /// From the triage: whether they told us of a disability or long-term condition.
    case disability
    case channel
    case language
    /// Where the resident lives, by their postcode: its IMD 2019 decile and risk band.
    case imdDecile = "imd"
    case riskBand = "risk"

    var label: String {
        switch self {
        case .everyone: "Everyone together"
        case .age: "Age band"
        case .disability: "Disability"
        case .channel: "How the request came in"
        case .language: "Language"
        case .imdDecile: "Deprivation decile (IMD 2019) of their area"
        case .riskBand: "Risk band of their area"
        }
    }

    /// Grouped by where residents live, which needs their postcodes placed in areas.
    var isByArea: Bool { self == .imdDecile || self == .riskBand }

    /// Every group, in order, with its words; empty for `none`.
    var groups: [(value: String, label: String)] {
        switch self {
        case .everyone: []
        case .age: TriageQuestions.question("age")?.options.map { ($0.value, $0.label) } ?? []
        case .disability: [("yes", "Told us of a disability or long-term condition"), ("no", "Did not tell us of one")]
        case .channel: CaseChannel.allCases.map { ($0.rawValue, $0.label) }
        case .language: TriageQuestions.question("language")?.options.map { ($0.value, $0.label) } ?? []
        case .imdDecile: (1...10).map { decile -> (value: String, label: String) in
            let words: String = switch decile {
            case 1: "1 (most deprived tenth of England)"
            case 10: "10 (least deprived tenth)"
            default: String(decile)
            }
            return (String(decile), words)
        }
        case .riskBand: ProgrammeAreas.riskBands.indices.reversed().map { band -> (value: String, label: String) in (String(band), ProgrammeAreas.riskBands[band]) }
        }
    }
}

/// The rows behind "what works": a council's referrals made in a period, with their case,
/// resident and follow-up, read through the person's scope.
enum WhatWorksQueries {
    struct Offered: Sendable {
        let offer: HelpOffer
        let records: [OutcomeRecord]
    }

    static func load(_ scope: Scope, period: FinancialQuarter?, segment: OutcomeSegment, on database: any Database) async throws -> [Offered] {
        var query = scope.query(Referral.self, on: database).filter(\.$combinedIntoID == nil)
        if let period {
            query = query.filter(\.$createdAt >= period.firstDay.start(in: SessionReminder.london))
                .filter(\.$createdAt < period.lastDay.adding(days: 1).start(in: SessionReminder.london))
        }
        let referrals = try await query.all()
        // A thousand ids a query: a council's year can hold more than a database takes in one.
        var cases: [UUID: HelpCase] = [:]
        for chunk in Array(Set(referrals.map(\.caseID))).chunked(into: 1000) {
            for helpCase in try await scope.query(HelpCase.self, on: database).filter(\.$id ~~ Array(chunk)).all() { cases[helpCase.id!] = helpCase }
        }
        var languages: [UUID: String] = [:]
        if segment == .language {
            for chunk in Array(Set(cases.values.map(\.residentID))).chunked(into: 1000) {
                for resident in try await scope.query(Resident.self, on: database).filter(\.$id ~~ Array(chunk)).all() { languages[resident.id!] = resident.language }
            }
        }
        let (areas, residentAreas) = segment.isByArea
            ? (try await ProgrammeAreas.load(scope, on: database), try await ProgrammeAreas.residentAreas(councilID: scope.councilID, on: database))
            : (ProgrammeAreas(areas: [:], runs: []), [:])
        var followUps: [UUID: FollowUp] = [:]
        for chunk in referrals.compactMap(\.id).chunked(into: 1000) {
            for followUp in try await scope.query(FollowUp.self, on: database).filter(\.$referralID ~~ Array(chunk)).all() where followUps[followUp.referralID] == nil {
                followUps[followUp.referralID] = followUp
            }
        }
        let offers = try await HelpOffer.query(on: database).filter(\.$councilID == scope.councilID).sort(\.$position).all()
        return offers.map { offer in
            let records = referrals.filter { $0.offerID == offer.id }.map { referral -> OutcomeRecord in
                let helpCase = cases[referral.caseID]
                let group: String? = switch segment {
                case .everyone: nil
                case .age: helpCase?.triageAnswers.first("age")
                case .disability: helpCase.map { $0.triageAnswers["about-you"].contains("disability") ? "yes" : "no" }
                case .channel: helpCase?.channel.rawValue
                case .language: helpCase.flatMap { languages[$0.residentID] }
                case .imdDecile: helpCase.flatMap { residentAreas[$0.residentID] }.flatMap { areas.areas[$0]?.imdDecile }.map(String.init)
                case .riskBand: helpCase.flatMap { residentAreas[$0.residentID] }.flatMap { areas.areas[$0]?.riskBand }.map(String.init)
                }
                return OutcomeRecord(offer: offer.id!.uuidString, segment: group, referredOn: WorkingDays.today(referral.createdAt),
                                     contactedOn: referral.contactedAt.map(WorkingDays.today),
                                     fulfilledOn: referral.status == .fulfilled ? WorkingDays.today(referral.updatedAt) : nil,
                                     followUp: followUps[referral.id!].map { outcome($0, triage: helpCase?.triageAnswers) })
            }
            return Offered(offer: offer, records: records)
        }
    }

    static func outcome(_ followUp: FollowUp, triage: TriageAnswers?) -> OutcomeRecord.FollowUp {
        switch followUp.status {
        case .unanswered: return .unanswered
        case .answered:
            guard let answers = followUp.answers else { return .unanswered }
            let before = triage.map(SkillsSnapshot.fromTriage) ?? SkillsSnapshot(tasks: [:], areas: [:], goals: [])
            return .answered(online: answers.online, tasksGained: SkillsSnapshot.tasksGained(from: before, to: answers.snapshot))
        case .scheduled, .asked, .reminded, .toCall: return .waiting
        }
    }
}
