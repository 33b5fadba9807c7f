import Fluent
import Foundation
import OnrampCore
import SQLKit

/// A council's retention settings, when it has changed them from `RetentionPolicy.standard`.
final class RetentionSettings: Model, @unchecked Sendable {
    static let schema = "retention_settings"

    @ID(key: .id) var id: UUID?
    @Field(key: "council_id") var councilID: UUID
    @Field(key: "closed_case_months") var closedCaseMonths: Int
    @Field(key: "unanswered_days") var unansweredDays: Int
    @Field(key: "message_body_days") var messageBodyDays: Int
    @Field(key: "champion_left_months") var championLeftMonths: Int
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    var policy: RetentionPolicy {
        RetentionPolicy(closedCaseMonths: closedCaseMonths, unansweredDays: unansweredDays, messageBodyDays: messageBodyDays, championLeftMonths: championLeftMonths)
    }
}

/// Applies each council's retention settings: the daily job inside `onramp serve`, and what an
/// administrator is shown as due next.
enum Retention {
    /// What one run removed, or what is due by a given day.
    struct Counts: Sendable, Equatable {
        var residents = 0, drafts = 0, followUps = 0, messages = 0, champions = 0, addresses = 0
        /// Residents whose anonymising failed: tried again at the next run.
        var failed = 0

        var words: String {
            "\(residents) residents anonymised, \(drafts) unfinished triages deleted, \(followUps) unanswered follow-ups\u{2019} links removed, \(messages) messages\u{2019} words removed, \(champions) former champions anonymised, \(addresses) IP addresses cleared from the audit log"
                + (failed == 0 ? "" : "; \(failed) residents could not be anonymised and are tried again at the next run")
        }

        static func + (lhs: Counts, rhs: Counts) -> Counts {
            Counts(residents: lhs.residents + rhs.residents, drafts: lhs.drafts + rhs.drafts, followUps: lhs.followUps + rhs.followUps,
                   messages: lhs.messages + rhs.messages, champions: lhs.champions + rhs.champions, addresses: lhs.addresses + rhs.addresses,
                   failed: lhs.failed + rhs.failed)
        }
    }

    /// At most this many residents a run, so one run stays short; the next run goes on.
    static let residentsPerRun = 2000
    /// Residents anonymised in one transaction with their audit line: a run killed part way
    /// keeps what it finished, on the record, and the next run does only the rest.
    static let residentsPerBatch = 100
    /// A run starts no new batch of residents after this long, so it ends well before the
    /// scheduler would take it for dead (`Scheduler.unfinishedAfter`).
    static let runBudget: Duration = .seconds(600)
    /// The IP address on a line of the audit log (a resident's, when they asked for help or
    /// booked online) is needed to look into misuse soon after, not for years: it is cleared
    /// after this many days, whatever the council's settings.
    static let addressDays = 90

    static func policy(councilID: UUID, on database: any Database) async throws -> RetentionPolicy {
        try await RetentionSettings.query(on: database).filter(\.$councilID == councilID).first()?.policy ?? .standard
    }

    static func save(_ policy: RetentionPolicy, councilID: UUID, actor: AuditActor, now: Date, on database: any Database) async throws {
        try await database.transaction { tx in
            let settings = try await RetentionSettings.query(on: tx).filter(\.$councilID == councilID).first() ?? RetentionSettings()
            settings.councilID = councilID
            (settings.closedCaseMonths, settings.unansweredDays) = (policy.closedCaseMonths, policy.unansweredDays)
            (settings.messageBodyDays, settings.championLeftMonths) = (policy.messageBodyDays, policy.championLeftMonths)
            settings.updatedAt = now
            try await settings.save(on: tx)
            let summary = RetentionPolicy.Field.allCases.map { "\($0.rawValue) \(policy[$0])" }.joined(separator: ", ")
            try await Audit.record(.retentionChanged, by: actor, recordType: "council", recordID: councilID, summary: summary, on: tx, now: now)
        }
    }

    /// The moments before which each kind of record is due, for a run at `now`.
    struct Cutoffs {
        let closedCases: Date, unanswered: Date, messages: Date, championsLeft: Date

        init(_ policy: RetentionPolicy, at now: Date) {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = SessionReminder.london
            closedCases = calendar.date(byAdding: .month, value: -policy.closedCaseMonths, to: now) ?? now
            championsLeft = calendar.date(byAdding: .month, value: -policy.championLeftMonths, to: now) ?? now
            unanswered = now.addingTimeInterval(-Double(policy.unansweredDays) * 86400)
            messages = now.addingTimeInterval(-Double(policy.messageBodyDays) * 86400)
        }
    }

    /// Residents of the council whose every case is closed (no open referral, loan or follow-up)
    /// and has been since before `cutoff`, and who are not yet anonymised: the oldest first.
    static func closedResidents(councilID: UUID, before cutoff: Date, limit: Int, on database: any Database) async throws -> [UUID] {
        let query: SQLQueryString = "SELECT r.id \(closedResidentsFrom(councilID: councilID, before: cutoff)) ORDER BY r.created_at LIMIT \(unsafeRaw: String(limit))"
        return try await (database as! any SQLDatabase).raw(query).all().map { try $0.decode(column: "id", as: UUID.self) }
    }

    /// How many of them there are: counted by the database, not read, for a council of a million.
    static func closedResidentCount(councilID: UUID, before cutoff: Date, on database: any Database) async throws -> Int {
        let query: SQLQueryString = "SELECT COUNT(*) AS due \(closedResidentsFrom(councilID: councilID, before: cutoff))"
        return try await (database as! any SQLDatabase).raw(query).first()?.decode(column: "due", as: Int.self) ?? 0
    }

    private static func closedResidentsFrom(councilID: UUID, before cutoff: Date) -> SQLQueryString {
        let open = ReferralStatus.allOpen.map(\.rawValue)
        let waiting = FollowUpStatus.allCases.filter { ![.answered, .unanswered].contains($0) }.map(\.rawValue)
        return """
            FROM residents r
            WHERE r.council_id = \(bind: councilID) AND r.anonymised_at IS NULL AND r.merged_into_id IS NULL AND r.created_at < \(bind: cutoff)
            AND NOT EXISTS (SELECT 1 FROM help_cases c WHERE c.resident_id = r.id AND c.created_at >= \(bind: cutoff))
            AND NOT EXISTS (SELECT 1 FROM help_cases c JOIN referrals f ON f.case_id = c.id
                WHERE c.resident_id = r.id AND (f.updated_at >= \(bind: cutoff) OR f.status IN (\(binds: open))))
            AND NOT EXISTS (SELECT 1 FROM help_cases c JOIN follow_ups u ON u.case_id = c.id
                WHERE c.resident_id = r.id AND u.status IN (\(binds: waiting)))
            AND NOT EXISTS (SELECT 1 FROM help_cases c JOIN referrals f ON f.case_id = c.id JOIN kit_allocations a ON a.referral_id = f.id
                WHERE c.resident_id = r.id AND a.is_loan = \(bind: true) AND a.returned_at IS NULL AND a.lost_at IS NULL)
            """
    }

    private static func unfinishedDrafts(councilID: UUID, before cutoff: Date, on database: any Database) -> QueryBuilder<TriageDraft> {
        TriageDraft.query(on: database).filter(\.$councilID == councilID).filter(\.$caseID == nil).filter(\.$updatedAt < cutoff)
    }

    /// Unanswered follow-ups still holding the links sent to the resident. The follow-up stays,
    /// as a count: "not answered" is part of every response rate the figures give.
    private static func unansweredFollowUps(councilID: UUID, before cutoff: Date, on database: any Database) -> QueryBuilder<FollowUp> {
        FollowUp.query(on: database).filter(\.$councilID == councilID).filter(\.$status == .unanswered)
            .filter(\.$createdAt < cutoff).filter(\.$tokenHash != nil)
    }

    /// Messages that have ended (sent, delivered, posted, done or failed) and still hold their words.
    private static func endedMessages(councilID: UUID, before cutoff: Date, on database: any Database) -> QueryBuilder<OutboxMessage> {
        let ended: [MessageStatus] = [.sent, .delivered, .posted, .returned, .failed, .done]
        return OutboxMessage.query(on: database).filter(\.$councilID == councilID).filter(\.$status ~~ ended.map(\.rawValue))
            .filter(\.$bodyRemovedAt == nil).filter(\.$createdAt < cutoff)
    }

    /// Lines of the audit log older than `addressDays` that still hold an IP address: the
    /// council's, or (`councilID` nil) those of no council, such as a failed sign-in.
    private static func oldAddresses(councilID: UUID?, at now: Date, on database: any Database) -> QueryBuilder<AuditEvent> {
        AuditEvent.query(on: database).filter(\.$councilID == councilID).filter(\.$ipAddress != nil)
            .filter(\.$occurredAt < now.addingTimeInterval(-Double(addressDays) * 86400))
    }

    private static func formerChampions(councilID: UUID, before cutoff: Date, on database: any Database) -> QueryBuilder<Champion> {
        Champion.query(on: database).filter(\.$councilID == councilID).filter(\.$status == .left).filter(\.$statusSince < cutoff).filter(\.$anonymisedAt == nil)
    }

    /// What the council's settings make due at `moment` (now, or a day to come).
    static func due(councilID: UUID, policy: RetentionPolicy, at moment: Date, on database: any Database) async throws -> Counts {
        let cutoffs = Cutoffs(policy, at: moment)
        return Counts(
            residents: try await closedResidentCount(councilID: councilID, before: cutoffs.closedCases, on: database),
            drafts: try await unfinishedDrafts(councilID: councilID, before: cutoffs.unanswered, on: database).count(),
            followUps: try await unansweredFollowUps(councilID: councilID, before: cutoffs.unanswered, on: database).count(),
            messages: try await endedMessages(councilID: councilID, before: cutoffs.messages, on: database).count(),
            champions: try await formerChampions(councilID: councilID, before: cutoffs.championsLeft, on: database).count(),
            addresses: try await oldAddresses(councilID: councilID, at: moment, on: database).count()
        )
    }

    /// One council's run: everything due is removed, and the run is in the audit log with its
    /// counts. Residents are anonymised a batch at a time until `deadline`; the next run goes on.
    static func apply(councilID: UUID, now: Date, deadline: ContinuousClock.Instant, on database: any Database) async throws -> Counts {
        let policy = try await policy(councilID: councilID, on: database)
        let cutoffs = Cutoffs(policy, at: now)
        var counts = Counts()
        let residents = try await closedResidents(councilID: councilID, before: cutoffs.closedCases, limit: residentsPerRun, on: database)
        for batch in stride(from: 0, to: residents.count, by: residentsPerBatch).map({ residents[$0..<min($0 + residentsPerBatch, residents.count)] }) {
            guard ContinuousClock.now < deadline else { break }
            do {
                counts.residents += try await anonymise(Array(batch), councilID: councilID, now: now, on: database)
            } catch {
                // One resident who cannot be anonymised does not hold back the rest of their batch.
                for residentID in batch {
                    do { counts.residents += try await anonymise([residentID], councilID: councilID, now: now, on: database) } catch { counts.failed += 1 }
                }
            }
        }
        counts.drafts = try await counted(unfinishedDrafts(councilID: councilID, before: cutoffs.unanswered, on: database)) { try await $0.delete() }
        counts.followUps = try await counted(unansweredFollowUps(councilID: councilID, before: cutoffs.unanswered, on: database)) {
            try await $0.set(\.$tokenHash, to: nil).set(\.$reminderTokenHash, to: nil).set(\.$other, to: nil).update()
        }
        counts.messages = try await counted(endedMessages(councilID: councilID, before: cutoffs.messages, on: database)) {
            try await $0.set(\.$body, to: "Removed \(policy.messageBodyDays) days after it was sent, under the council\u{2019}s retention settings.")
                .set(\.$bodyRemovedAt, to: now).update()
        }
        for champion in try await formerChampions(councilID: councilID, before: cutoffs.championsLeft, on: database).all() {
            try await Anonymiser.champion(champion, now: now, on: database)
            counts.champions += 1
        }
        counts.addresses = try await clearAddresses(councilID: councilID, at: now, on: database)
        try await Audit.record(.retentionApplied, by: .scheduler, recordType: "council", recordID: councilID, summary: counts.words, councilID: councilID, on: database, now: now)
        return counts
    }

    /// Anonymises these residents (and the records merged into them) in one transaction with
    /// its audit line. Returns how many records were anonymised.
    private static func anonymise(_ residentIDs: [UUID], councilID: UUID, now: Date, on database: any Database) async throws -> Int {
        try await database.transaction { tx in
            var anonymised = 0
            for residentID in residentIDs { anonymised += try await Anonymiser.resident(residentID, now: now, on: tx).residents }
            try await Audit.record(.retentionResidents, by: .scheduler, recordType: "council", recordID: councilID,
                                   summary: "\(anonymised) residents anonymised", councilID: councilID, on: tx, now: now)
            return anonymised
        }
    }

    /// How many rows `query` matches, then `change` done to them: a run's count, for its audit line.
    private static func counted<M: Model>(_ query: QueryBuilder<M>, _ change: (QueryBuilder<M>) async throws -> Void) async throws -> Int {
        let count = try await query.copy().count()
        try await change(query)
        return count
    }

    private static func clearAddresses(councilID: UUID?, at now: Date, on database: any Database) async throws -> Int {
        try await counted(oldAddresses(councilID: councilID, at: now, on: database)) { try await $0.set(\.$ipAddress, to: nil).update() }
    }

    /// The council's last run, as the audit log has it.
    static func lastRun(councilID: UUID, on database: any Database) async throws -> AuditEvent? {
        try await AuditEvent.query(on: database).filter(\.$councilID == councilID).filter(\.$action == AuditAction.retentionApplied.rawValue)
            .sort(\.$occurredAt, .descending).first()
    }

    /// Every council's run: the scheduler's daily job. One council's failure does not stop the
    /// others'; it is thrown at the end, so the job is logged as failed.
    static func run(now: Date, on database: any Database) async throws -> Counts {
        var total = Counts()
        var failure: (any Error)?
        let deadline = ContinuousClock.now.advanced(by: runBudget)
        for council in try await Organisation.query(on: database).filter(\.$type == .council).all() {
            do {
                total = total + (try await apply(councilID: council.id!, now: now, deadline: deadline, on: database))
            } catch {
                failure = failure ?? error
            }
        }
        total.addresses += try await clearAddresses(councilID: nil, at: now, on: database)
        if let failure { throw failure }
        return total
    }
}
