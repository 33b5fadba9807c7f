import Fluent
import OnrampCore
import Vapor

/// Recording a learner's skills: the review, its line on the case's timeline and the audit
/// record in one transaction; an end review from an attended booking also fulfils the skills
/// referral the booking came from.
enum SkillsProgress {
    /// Whom a review is about and where it came from.
    struct Learner: Sendable {
        let councilID: UUID
        let residentID: UUID?
        let caseID: UUID?
        let referralID: UUID?
        let bookingID: UUID?
        /// The booking's register says they came: an end review can then fulfil the referral.
        let attended: Bool
        /// The triage's answers, the starting point when there is no review yet.
        let triage: TriageAnswers?
    }

    /// The reviews of a case's resident, or of one booking's learner, oldest first. The caller
    /// has reached the case or the booking through the person's scope; its reviews come with it.
    static func reviews(caseID: UUID?, bookingID: UUID?, on database: any Database) async throws -> [SkillsReview] {
        let query = SkillsReview.query(on: database).sort(\.$recordedAt)
        if let caseID { return try await query.filter(\.$caseID == caseID).all() }
        if let bookingID { return try await query.filter(\.$bookingID == bookingID).all() }
        return []
    }

    /// What the form starts from: the latest review of the learner, else the triage's answers.
    static func starting(_ learner: Learner, reviews: [SkillsReview]) -> SkillsSnapshot {
        reviews.last?.snapshot ?? learner.triage.map(SkillsSnapshot.fromTriage) ?? SkillsSnapshot(tasks: [:], areas: [:], goals: [])
    }

    /// The referral this end review completes: a skills referral whose booking was attended.
    static func referralToFulfil(_ learner: Learner, stage: ReviewStage, on database: any Database) async throws -> Referral? {
        guard stage == .end, learner.attended, let referralID = learner.referralID,
              let referral = try await Referral.unscoped(referralID, on: database), referral.status.isOpen else { return nil }
        return referral
    }

    @discardableResult
    static func record(
        _ snapshot: SkillsSnapshot, stage: ReviewStage, for learner: Learner, actor: AuditActor, organisationID: UUID,
        trackURL: String, now: Date, on database: any Database
    ) async throws -> SkillsReview {
        try await database.transaction { tx in
            let earlier = try await reviews(caseID: learner.caseID, bookingID: learner.bookingID, on: tx).last { $0.stage == .start }
            let review = try SkillsReview(councilID: learner.councilID, organisationID: organisationID, residentID: learner.residentID, caseID: learner.caseID,
                                          referralID: learner.referralID, bookingID: learner.bookingID, stage: stage, snapshot: snapshot,
                                          recordedBy: actor.label, recordedAt: now)
            try await review.create(on: tx)
            if let caseID = learner.caseID {
                try await CaseEvent(caseID: caseID, referralID: learner.referralID, at: now, actor: actor.label,
                                    text: timelineLine(snapshot, stage: stage, start: earlier?.snapshot)).create(on: tx)
            }
            try await Audit.record(.skillsReviewed, by: actor, recordType: "skills_review", recordID: review.id,
                                   summary: "Recorded skills \(stage == .start ? "at the start" : "at the end")", councilID: learner.councilID, on: tx, now: now)
            if let referral = try await referralToFulfil(learner, stage: stage, on: tx) {
                if referral.status == .received {
                    _ = try await ReferralMoves.move(referral, to: .inProgress, reason: "", outcome: nil, actor: actor, trackURL: trackURL, now: now, on: tx)
                }
                _ = try await ReferralMoves.move(referral, to: .fulfilled, reason: "", outcome: "Came to the session; \(snapshot.summary)",
                                                 actor: actor, trackURL: trackURL, now: now, on: tx)
            }
            return review
        }
    }

    /// "Skills at the end: 6 of 8 everyday tasks and 2 of 5 skills areas on their own; 4 tasks
    /// gained since the start."
    static func timelineLine(_ snapshot: SkillsSnapshot, stage: ReviewStage, start: SkillsSnapshot?) -> String {
        let line = "Skills \(stage.label.lowercased()): \(snapshot.summary)"
        guard stage == .end, let start else { return line + "." }
        let gained = SkillsSnapshot.tasksGained(from: start, to: snapshot)
        return line + "; \(gained) \(gained == 1 ? "task" : "tasks") newly done on their own since the start."
    }
}
