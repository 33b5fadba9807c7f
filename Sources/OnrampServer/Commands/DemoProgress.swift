import Fluent
import Foundation
import OnrampCore

/// Demo learners' progress: everyone who came to last week's drop-in has their skills at the
/// start and, for most, at the end; the first case with a skills referral starts from its triage.
enum DemoProgress {
    static func load(councilID: UUID, on database: any Database) async throws {
        guard try await SkillsReview.query(on: database).filter(\.$councilID == councilID).count() == 0 else { return }
        let now = Date()
        let came = try await SessionBooking.query(on: database).filter(\.$councilID == councilID).filter(\.$status == .attended).sort(\.$position).all()
        for (index, booking) in came.enumerated() {
            guard let session = try await SkillSession.find(booking.sessionID, on: database) else { continue }
            let learner = SkillsProgress.Learner(councilID: councilID, residentID: nil, caseID: booking.caseID, referralID: booking.referralID, bookingID: booking.id,
                                                 attended: true, triage: nil)
            // Each learner a little different: some tasks on their own already, the rest with help or not yet.
            let start = snapshot { task in task < index + 1 ? .alone : (task < index + 4 ? .withHelp : .notYet) }
            try await SkillsProgress.record(start, stage: .start, for: learner, actor: .commandLine, organisationID: session.organisationID,
                                            trackURL: "", now: session.startsAt, on: database)
            guard index < came.count - 1 else { continue }
            let end = snapshot { task in task < index + 5 ? .alone : .withHelp }
            try await SkillsProgress.record(end, stage: .end, for: learner, actor: .commandLine, organisationID: session.organisationID,
                                            trackURL: "", now: min(now, session.endsAt), on: database)
        }
        if let referral = try await Referral.query(on: database).filter(\.$councilID == councilID)
            .join(HelpOffer.self, on: \Referral.$offerID == \HelpOffer.$id).filter(HelpOffer.self, \.$kind == .skillsCourse).first(),
           let helpCase = try await HelpCase.unscoped(referral.caseID, on: database) {
            let learner = SkillsProgress.Learner(councilID: councilID, residentID: helpCase.residentID, caseID: helpCase.id, referralID: referral.id, bookingID: nil,
                                                 attended: false, triage: helpCase.triageAnswers)
            var start = SkillsSnapshot.fromTriage(helpCase.triageAnswers)
            for area in SkillsArea.allCases { start.areas[area.rawValue] = area == .communicating ? .withHelp : .notYet }
            for task in FoundationTasks.all where start.tasks[task.value] == nil { start.tasks[task.value] = .notYet }
            try await SkillsProgress.record(start, stage: .start, for: learner, actor: .commandLine, organisationID: councilID, trackURL: "", now: now, on: database)
        }
    }

    /// Every task at the level `level(position)` gives it, the areas one step behind.
    private static func snapshot(_ level: (Int) -> SkillLevel) -> SkillsSnapshot {
        let tasks = Dictionary(uniqueKeysWithValues: FoundationTasks.all.enumerated().map { ($1.value, level($0)) })
        let areas = Dictionary(uniqueKeysWithValues: SkillsArea.allCases.enumerated().map { ($1, level($0 + 2)) })
        return SkillsSnapshot(tasks: tasks, areas: areas, goals: ["family", "health"])
    }
}
