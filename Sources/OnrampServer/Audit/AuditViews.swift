import Fluent
import SQLKit
import Vapor

/// One look at residents' personal data, as the audit log records it: a line of the log, and a
/// row per resident so that each resident's record can say who has looked at it.
struct AuditView: Sendable {
    let eventID: UUID
    let at: Date
    let actor: AuditActor
    let action: AuditAction
    let recordType: String
    let recordID: UUID?
    let summary: String
    let residents: [UUID]

    /// nil when no resident was shown: nothing to record.
    init?(
        _ residentIDs: some Collection<UUID>, on what: String, action: AuditAction = .residentsViewed, recordType: String = "resident",
        recordID: UUID? = nil, by actor: AuditActor, now: Date
    ) {
        let residents = Array(Set(residentIDs))
        guard !residents.isEmpty else { return nil }
        eventID = .timeOrdered(at: now)
        at = now
        self.actor = actor
        self.action = action
        self.recordType = recordType
        self.recordID = recordID ?? (residents.count == 1 ? residents[0] : nil)
        summary = "Viewed \(what): \(residents.count == 1 ? "1 resident" : "\(residents.count) residents")"
        self.residents = residents
    }
}

extension Audit {
    /// Records that `actor` was shown these residents' personal data on `what` ("the referral
    /// queue", "case HNAM-76FV-H"), in a transaction of its own. Requests record through
    /// `Request.recordViewed`, which shares the commit with other requests'.
    static func viewed(
        _ residentIDs: some Collection<UUID>, on what: String, action: AuditAction = .residentsViewed, recordType: String = "resident", recordID: UUID? = nil,
        by actor: AuditActor, on database: any Database, now: Date
    ) async throws {
        guard let view = AuditView(residentIDs, on: what, action: action, recordType: recordType, recordID: recordID, by: actor, now: now) else { return }
        try await database.transaction { tx in try await write([view], on: tx as! any SQLDatabase) }
    }

    /// Residents' rows a statement writes at most: four values each, well inside what either
    /// database binds in one statement.
    static let viewedResidentsPerStatement = 1_000

    /// Writes these looks: their lines in one statement, their residents' rows in as few as
    /// `viewedResidentsPerStatement` allows. The caller holds the transaction.
    static func write(_ views: [AuditView], on sql: any SQLDatabase) async throws {
        guard !views.isEmpty else { return }
        let lines = sql.insert(into: AuditEvent.schema).columns(lineColumns)
        for view in views {
            lines.values(lineValues(
                id: view.eventID, at: view.at, councilID: view.actor.councilID, by: view.actor, action: view.action,
                recordType: view.recordType, recordID: view.recordID, summary: view.summary
            ))
        }
        try await lines.run()
        let rows = views.flatMap { view in view.residents.map { (view, $0) } }
        for start in stride(from: 0, to: rows.count, by: viewedResidentsPerStatement) {
            let insert = sql.insert(into: ResidentView.schema).columns("id", "audit_event_id", "resident_id", "viewed_at")
            for (view, resident) in rows[start..<min(start + viewedResidentsPerStatement, rows.count)] {
                insert.values([SQLBind(UUID.timeOrdered(at: view.at)), SQLBind(view.eventID), SQLBind(resident), SQLBind(view.at)])
            }
            try await insert.run()
        }
    }
}

/// Writes the looks of requests that arrive together in one transaction: one commit, and one
/// sync to the disk, for all of them (group commit). Each request still waits until its own
/// look is on the disk before it shows anything.
///
/// Every page of residents records a look, so this is the write the server makes most. On
/// SQLite two connections writing at once do not queue: SQLiteNIO's busy handler tries again
/// at once, for ever, so the second spins on a core until the first has committed and synced.
/// Measured on the referral queue at 1,000,000 residents (`scripts/queue-load.sh`), a quarter
/// of the server's CPU went there. Here the looks wait in memory instead, for one writer.
actor AuditViewWriter {
    private var waiting: [(view: AuditView, database: any Database, done: CheckedContinuation<Void, any Error>)] = []
    private var isWriting = false

    /// Looks a transaction writes at most, so that one commit stays short.
    static let viewsPerCommit = 64

    /// Returns once the look is committed, or throws what writing it threw.
    func record(_ view: AuditView, on database: any Database) async throws {
        try await withCheckedThrowingContinuation { (done: CheckedContinuation<Void, any Error>) in
            waiting.append((view, database, done))
            if !isWriting {
                isWriting = true
                Task { await writeWaiting() }
            }
        }
    }

    private func writeWaiting() async {
        while !waiting.isEmpty {
            let batch = Array(waiting.prefix(Self.viewsPerCommit))
            waiting.removeFirst(batch.count)
            do {
                try await Self.commit(batch.map(\.view), on: batch[0].database)
                batch.forEach { $0.done.resume() }
            } catch {
                // One look that cannot be written must not lose the others: each alone.
                for entry in batch {
                    do {
                        try await Self.commit([entry.view], on: entry.database)
                        entry.done.resume()
                    } catch {
                        entry.done.resume(throwing: error)
                    }
                }
            }
        }
        isWriting = false
    }

    private static func commit(_ views: [AuditView], on database: any Database) async throws {
        try await database.transaction { tx in try await Audit.write(views, on: tx as! any SQLDatabase) }
    }
}

extension Request {
    /// Records that the signed-in person was shown these residents' personal data on `what`,
    /// in the same commit as other requests' looks (`AuditViewWriter`). Only call behind `Require`.
    func recordViewed(
        _ residentIDs: some Collection<UUID>, on what: String, action: AuditAction = .residentsViewed, recordType: String = "resident",
        recordID: UUID? = nil, now: Date
    ) async throws {
        guard let view = AuditView(residentIDs, on: what, action: action, recordType: recordType, recordID: recordID, by: try auditActor(), now: now) else { return }
        try await application.onramp.auditViews.record(view, on: db)
    }
}
