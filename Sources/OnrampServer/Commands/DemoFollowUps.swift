import Fluent
import Foundation
import OnrampCore

/// Demo follow-ups: the help already given is asked about as if its weeks had passed. One
/// resident answered; one chose phone calls, so is on the calls list; the rest were asked by
/// text. The first text's link is the published `link`, so the browser checks can open it.
enum DemoFollowUps {
    /// Made up and published, like the demo's passwords: it opens one demo follow-up's questions.
    static let link = "demo-follow-up-link-published-for-the-browser-checks"

    static func load(councilID: UUID, baseURL: String, on database: any Database) async throws {
        let followUps = try await FollowUp.query(on: database).filter(\.$councilID == councilID).sort(\.$createdAt).all()
        guard !followUps.isEmpty, followUps.allSatisfy({ $0.status == .scheduled }) else { return }
        let now = Date(), today = WorkingDays.today(now)
        for (index, followUp) in followUps.enumerated() {
            followUp.dueOn = today.adding(days: -index).iso
            try await followUp.save(on: database)
            // The second resident chose phone calls, so staff ask them.
            if index == 1, let referral = try await Referral.unscoped(followUp.referralID, on: database) {
                let (_, resident, _) = try await ReferralMoves.context(of: referral, on: database)
                resident.contactBy = "phone"
                try await resident.save(on: database)
            }
        }
        _ = try await FollowUps.run(today: today, baseURL: baseURL, now: now, on: database)
        let asked = try await FollowUp.query(on: database).filter(\.$councilID == councilID).filter(\.$status == .asked).sort(\.$createdAt).all()
        if let first = asked.first {
            first.tokenHash = SecretToken.hash(link)
            try await first.save(on: database)
        }
        if asked.count > 1 {
            let tasks = Dictionary(uniqueKeysWithValues: FoundationTasks.all.enumerated().map { ($1.value, $0 < 6 ? SkillLevel.alone : .withHelp) })
            let answers = FollowUpAnswers(online: true, onlineBy: [.mobileData, .publicWiFi], stillUsing: true, tasks: tasks, confidence: 4,
                                          uses: [.nhs, .benefits, .videoCalls], other: "", consent: true)
            _ = try await FollowUps.record(answers, for: asked[1], recordedBy: "The resident", actor: .commandLine, now: now, on: database)
        }
    }
}
