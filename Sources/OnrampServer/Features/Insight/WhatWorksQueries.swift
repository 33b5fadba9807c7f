import Fluent
import Foundation
import OnrampCore
import SQLKit

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
            let bounds = period.londonBounds
            query = query.filter(\.$createdAt >= bounds.start).filter(\.$createdAt < bounds.end)
        }
        // One narrow row a referral, its case joined in the database, read as it comes: a
        // council's history can be millions of referrals, too many to hold as whole records.
        let referral = { (column: String) in SQLColumn(column, table: Referral.schema) }
        var select = query.sqlSelect()
            .join(HelpCase.schema, on: referral("case_id"), .equal, SQLColumn("id", table: HelpCase.schema))
            .column(referral("id"), as: "id").column(referral("offer_id"), as: "offer_id").column(referral("status"), as: "status")
            .column(referral("created_at"), as: "created_at").column(referral("contacted_at"), as: "contacted_at").column(referral("updated_at"), as: "updated_at")
            .column(SQLColumn("channel", table: HelpCase.schema), as: "channel")
        if segment == .age || segment == .disability { select = select.column(SQLColumn("answers", table: HelpCase.schema), as: "answers") }
        if segment == .language || segment.isByArea {
            select = select.join(Resident.schema, on: SQLColumn("resident_id", table: HelpCase.schema), .equal, SQLColumn("id", table: Resident.schema))
                .join(PostcodePoint.schema, method: SQLJoinMethod.left, on: SQLColumn("postcode", table: Resident.schema), .equal, SQLColumn("postcode", table: PostcodePoint.schema))
                .column(SQLColumn("language", table: Resident.schema), as: "language").column(ProgrammeAreas.residentArea, as: "area")
        }
        let areas = segment.isByArea ? try await ProgrammeAreas.load(scope, on: database) : ProgrammeAreas(areas: [:], runs: [])
        let offers = try await HelpOffer.query(on: database).filter(\.$councilID == scope.councilID).sort(\.$position).all()
        // For a quarter, only its referrals' follow-ups; for all time, all of them.
        let referred = period == nil ? nil : query.sqlSelect().column(referral("id")).select
        let reading = Reading(followUps: try await outcomes(scope, of: referred, on: database), offers: Dictionary(uniqueKeysWithValues: offers.map { ($0.id!, $0.id!.uuidString) }))
        try await select.run { row in
            reading.read {
                func text(_ column: String) throws -> String? { row.contains(column: column) ? try row.decode(column: column, as: String?.self) : nil }
                let answers = try text("answers").map(TriageAnswers.stored)
                let area = try text("area").flatMap { areas.areas[$0] }
                let group: String? = switch segment {
                case .everyone: nil
                case .age: answers?.first("age")
                case .disability: answers.map { $0["about-you"].contains("disability") ? "yes" : "no" }
                case .channel: try row.decode(column: "channel", as: String.self)
                case .language: try text("language")
                case .imdDecile: area?.imdDecile.map(String.init)
                case .riskBand: area?.riskBand.map(String.init)
                }
                return (id: try row.decode(column: "id", as: UUID.self), offerID: try row.decode(column: "offer_id", as: UUID.self), group: group,
                        fulfilled: try row.decode(column: "status", as: String.self) == ReferralStatus.fulfilled.rawValue,
                        createdAt: try row.decode(column: "created_at", as: Date.self), contactedAt: try row.decode(column: "contacted_at", as: Date?.self),
                        updatedAt: try row.decode(column: "updated_at", as: Date.self))
            }
        }
        let records = try reading.records()
        return offers.map { Offered(offer: $0, records: records[$0.id!] ?? []) }
    }

    /// The records of the referrals as they are read, by offer. The rows come one at a time, in
    /// turn, from the database's handler, which cannot throw: the first failure is kept.
    private final class Reading: @unchecked Sendable {
        typealias Row = (id: UUID, offerID: UUID, group: String?, fulfilled: Bool, createdAt: Date, contactedAt: Date?, updatedAt: Date)
        let followUps: [UUID: OutcomeRecord.FollowUp]
        /// Offer id → its id as text, made once and shared by every record.
        let offers: [UUID: String]
        private var byOffer: [UUID: [OutcomeRecord]] = [:]
        private var failure: (any Error)?
        /// London days by UTC hour: London's clock changes on the hour, so every moment of an
        /// hour falls on the same London day.
        private var days: [Int: CalendarDay] = [:]

        init(followUps: [UUID: OutcomeRecord.FollowUp], offers: [UUID: String]) { (self.followUps, self.offers) = (followUps, offers) }

        func read(_ row: () throws -> Row) {
            guard failure == nil else { return }
            do {
                let row = try row()
                guard let offer = offers[row.offerID] else { return }
                byOffer[row.offerID, default: []].append(OutcomeRecord(
                    offer: offer, segment: row.group, referredOn: day(row.createdAt), contactedOn: row.contactedAt.map(day),
                    fulfilledOn: row.fulfilled ? day(row.updatedAt) : nil, followUp: followUps[row.id]))
            } catch {
                failure = error
            }
        }

        func records() throws -> [UUID: [OutcomeRecord]] {
            if let failure { throw failure }
            return byOffer
        }

        private func day(_ date: Date) -> CalendarDay {
            let hour = Int((date.timeIntervalSince1970 / 3600).rounded(.down))
            if let day = days[hour] { return day }
            let day = WorkingDays.today(date)
            days[hour] = day
            return day
        }
    }

    /// What came of the follow-up of each of the `referred` (all, when nil; the first, if one had more). An
    /// answered one is set against the triage of its case, joined in the database, to count the
    /// tasks gained since.
    private static func outcomes(_ scope: Scope, of referred: SQLSelect?, on database: any Database) async throws -> [UUID: OutcomeRecord.FollowUp] {
        struct Row: Decodable {
            let referral_id: UUID
            let status: FollowUpStatus
            let online: Bool?, confidence: Int?, tasks: String?
            /// The case's triage, read only for an answered follow-up.
            let answers: String?
        }
        let followUp = { (column: String) in SQLColumn(column, table: FollowUp.schema) }
        var select = scope.query(FollowUp.self, on: database).sqlSelect()
            .join(HelpCase.schema, method: SQLJoinMethod.left, on: followUp("case_id"), .equal, SQLColumn("id", table: HelpCase.schema))
        if let referred { select = select.where(followUp("referral_id"), .in, SQLGroupExpression(referred)) }
        let rows = try await select
            .column(followUp("referral_id"), as: "referral_id").column(followUp("status"), as: "status").column(followUp("online"), as: "online")
            .column(followUp("confidence"), as: "confidence").column(followUp("tasks"), as: "tasks")
            .column(SQLQueryString("CASE WHEN \(followUp("status")) = \(bind: FollowUpStatus.answered.rawValue) THEN \(SQLColumn("answers", table: HelpCase.schema)) END"), as: "answers")
            .all(decoding: Row.self)
        var outcomes: [UUID: OutcomeRecord.FollowUp] = [:]
        for row in rows where outcomes[row.referral_id] == nil {
            outcomes[row.referral_id] = outcome(row.status, online: row.online, confidence: row.confidence, tasks: row.tasks, triage: row.answers.map(TriageAnswers.stored))
        }
        return outcomes
    }

    static func outcome(_ status: FollowUpStatus, online: Bool?, confidence: Int?, tasks: String?, triage: TriageAnswers?) -> OutcomeRecord.FollowUp {
        switch status {
        case .unanswered: return .unanswered
        case .answered:
            guard let online, confidence != nil else { return .unanswered }
            let before = triage.map(SkillsSnapshot.fromTriage) ?? SkillsSnapshot(tasks: [:], areas: [:], goals: [])
            return .answered(online: online, tasksGained: SkillsSnapshot.tasksGained(from: before, to: SkillsSnapshot(tasks: FollowUp.taskLevels(tasks), areas: [:], goals: [])))
        case .scheduled, .asked, .reminded, .toCall: return .waiting
        }
    }
}
