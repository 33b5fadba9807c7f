import Fluent
import Foundation
import OnrampCore

/// Demo follow-ups: three made-up residents who had one-to-one help some weeks ago and are now
/// asked whether it worked. Olu was asked by text (the published `link` opens his questions,
/// for the browser checks), Rita chose phone calls so is on the calls list, Joe has answered.
enum DemoFollowUps {
    /// Made up and published, like the demo's passwords: it opens one demo follow-up's questions.
    static let link = "demo-follow-up-link-published-for-the-browser-checks"

    static func load(councilID: UUID, baseURL: String, on database: any Database) async throws {
        guard try await FollowUp.query(on: database).filter(\.$councilID == councilID).count() == 0,
              let offer = try await HelpOffer.query(on: database).filter(\.$councilID == councilID).filter(\.$kind == .championHelp).first()
        else { return }
        let now = Date(), today = WorkingDays.today(now)
        let people = [("Olu Adeyemi (demo)", "sms", "+447700900501"), ("Rita Marsh (demo)", "phone", "+447700900502"), ("Joe Patel (demo)", "sms", "+447700900503")]
        var followUps: [FollowUp] = []
        for (index, (name, way, phone)) in people.enumerated() {
            let draft = try await TriageDrafts.start(councilID: councilID, channel: .phone, staffUserID: nil, on: database)
            var answers = ExampleResidents.all[index].answers
            answers["contact-by"] = [way]
            draft.triageAnswers = answers
            try await draft.save(on: database)
            let details = HelpRequestForm.Details(offerIDs: [offer.id!], name: name, dateOfBirth: CalendarDay(year: 1948 + 12 * index, month: 3, day: 14)!,
                                                  phone: phone, email: nil, address: nil)
            let helpCase = try await CaseIntake.submit(draft: draft, details: details, offers: [offer], actor: .commandLine, workingDays: WorkingDays(),
                                                       random: { Int.random(in: 0..<$0) }, trackURL: baseURL + SiteURL.track.path, now: now, on: database)
            guard let referral = try await Referral.query(on: database).filter(\.$caseID == helpCase.id!).first() else { continue }
            for status in [ReferralStatus.contacted, .fulfilled] {
                _ = try await ReferralMoves.move(referral, to: status, reason: "", outcome: status == .fulfilled ? "Three one-to-one sessions at the library" : nil,
                                                 actor: .commandLine, trackURL: baseURL + SiteURL.track.path, now: now, on: database)
            }
            // As if the weeks had passed: due today.
            guard let followUp = try await FollowUp.query(on: database).filter(\.$referralID == referral.id!).first() else { continue }
            followUp.dueOn = today.iso
            try await followUp.save(on: database)
            followUps.append(followUp)
        }
        _ = try await FollowUps.run(today: today, baseURL: baseURL, now: now, on: database)
        if let olu = followUps.first, let asked = try await FollowUp.find(olu.id, on: database) {
            asked.tokenHash = SecretToken.hash(link)
            try await asked.save(on: database)
        }
        if followUps.count == 3, let joe = try await FollowUp.find(followUps[2].id, on: database) {
            let tasks = Dictionary(uniqueKeysWithValues: FoundationTasks.all.enumerated().map { ($1.value, $0 < 6 ? SkillLevel.alone : .withHelp) })
            let answers = FollowUpAnswers(online: true, onlineBy: [.mobileData, .publicWiFi], stillUsing: nil, tasks: tasks, confidence: 4,
                                          uses: [.nhs, .benefits, .videoCalls], other: "", consent: true)
            _ = try await FollowUps.record(answers, for: joe, recordedBy: "The resident", actor: .commandLine, now: now, on: database)
        }
    }
}
