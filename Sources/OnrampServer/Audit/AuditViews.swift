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
    /// Residents' rows a statement writes at most: four values each, well inside what either
    /// database binds in one statement.
    static let viewedResidentsPerStatement = 1_000

    /// Writes these looks: their lines in one statement, their residents' rows in as few as
    /// `viewedResidentsPerStatement` allows. The caller holds the transaction.
    static func writeViews(_ views: [AuditView], on sql: any SQLDatabase) async throws {
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
/// On the referral queue at 1,000,000 residents (`scripts/queue-load.sh`) that was a quarter of
/// the server's CPU. Here the looks wait in memory instead, for one writer.
actor AuditViewWriter {
    typealias Commit = @Sendable ([AuditView], any Database) async throws -> Void

    private var waiting: [(view: AuditView, database: any Database, done: CheckedContinuation<Void, any Error>)] = []
    private var isWriting = false
    private let commit: Commit

    /// Looks waiting for the next commit, for tests to wait on.
    var waitingCount: Int { waiting.count }

    /// Looks a transaction writes at most: their lines, 11 values each, stay within the 999
    /// values older SQLite binds in one statement.
    static let viewsPerCommit = 64

    /// `commit` writes a batch; tests wrap it to hold or count commits.
    init(commit: @escaping Commit = AuditViewWriter.commitInTransaction) {
        self.commit = commit
    }

    static func commitInTransaction(_ views: [AuditView], on database: any Database) async throws {
        try await database.transaction { tx in try await Audit.writeViews(views, on: tx as! any SQLDatabase) }
    }

    /// Returns once the look is committed, or throws what writing it threw. `database` must not
    /// be inside a transaction: other requests' looks are written on it, and would be called
    /// committed before that transaction is.
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
                try await commit(batch.map(\.view), batch[0].database)
                batch.forEach { $0.done.resume() }
            } catch let error as any DatabaseError where error.isConstraintFailure && batch.count > 1 {
                // One look the database refuses must not lose the others: each alone. Any other
                // failure (the database gone, the disk full) would only be met again, 64 times.
                for entry in batch {
                    do {
                        try await commit([entry.view], entry.database)
                        entry.done.resume()
                    } catch {
                        entry.done.resume(throwing: error)
                    }
                }
            } catch {
                batch.forEach { $0.done.resume(throwing: error) }
            }
        }
        isWriting = false
    }
}

extension Request {
    /// Records that the signed-in person was shown these residents' personal data on `what`
    /// ("the referral queue", "case HNAM-76FV-H"), in the same commit as other requests' looks
    /// (`AuditViewWriter`). Only call behind `Require`, and outside any transaction.
    func recordViewed(
        _ residentIDs: some Collection<UUID>, on what: String, action: AuditAction = .residentsViewed, recordType: String = "resident",
        recordID: UUID? = nil, now: Date
    ) async throws {
        guard let view = AuditView(residentIDs, on: what, action: action, recordType: recordType, recordID: recordID, by: try auditActor(), now: now) else { return }
        try await application.onramp.auditViews.record(view, on: db)
    }
}
