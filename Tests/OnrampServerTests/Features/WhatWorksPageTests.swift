import Fluent
import Foundation
import Testing
import Vapor
@testable import OnrampCore
@testable import OnrampServer

/// "What works" over real HTTP: the figures of a council's own offers, grouped, with small
/// numbers hidden, as a page, CSV and JSON; nobody else's referrals counted.
@Suite struct WhatWorksPageTests {
    @Test(arguments: TestDatabase.available)
    func theFiguresByOfferAndGroupAsAPageCSVAndJSON(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db)
            // Six referrals for the same offer, fulfilled on the day they were made, every follow-up answered online.
            let help = try await Fixture.helpCase(place, on: app.db)
            if let helpCase = try await HelpCase.unscoped(help.caseID, on: app.db), let resident = try await Resident.unscoped(helpCase.residentID, on: app.db) {
                resident.contactBy = "sms"
                try await resident.save(on: app.db)
            }
            let offer = try #require(try await HelpOffer.find(help.offerID, on: app.db))
            var referrals = [try #require(try await Referral.unscoped(help.referralID, on: app.db))]
            for _ in 0..<5 { referrals.append(try await Fixture.referral(offer.kind, alongside: help.referralID, organisationID: place.council.id!, on: app.db)) }
            for referral in referrals {
                for status in [ReferralStatus.contacted, .fulfilled] {
                    #expect(try await ReferralMoves.move(referral, to: status, reason: "", outcome: nil, actor: .commandLine, trackURL: "", now: Date(), on: app.db) == nil)
                }
            }
            for followUp in try await FollowUp.query(on: app.db).all() {
                followUp.dueOn = WorkingDays.today(Date()).iso
                try await followUp.save(on: app.db)
            }
            _ = try await FollowUps.run(today: WorkingDays.today(Date()), baseURL: "https://onramp.test", now: Date(), on: app.db)
            for followUp in try await FollowUp.query(on: app.db).all() {
                let answers = FollowUpAnswers(online: true, onlineBy: [.mobileData], stillUsing: true,
                                              tasks: Dictionary(uniqueKeysWithValues: FoundationTasks.all.map { ($0.value, SkillLevel.alone) }), confidence: 4, uses: [], other: "", consent: true)
                #expect(try await FollowUps.record(answers, for: followUp, recordedBy: "The resident", actor: .commandLine, now: Date(), on: app.db))
            }
            // Another council's referral is not counted.
            _ = try await FollowUpsTests.fulfilled(try await Fixture.council("Elsewhere Council", on: app.db), on: app.db)

            let analyst = Browser(app)
            try await analyst.signIn(try await Fixture.user(.analyst, in: place.council, on: app.db).email)
            let page = try await analyst.get(SiteURL.whatWorks.path)
            #expect(page.status == .ok && page.contains("What works") && page.contains("fewer than 5"))
            #expect(page.contains("100% (61% to 100%)"), "6 of 6 online, with its Wilson interval")

            let csv = try await analyst.get(SiteURL.whatWorksCSV.path(query: [("segment", "channel")]))
            #expect(csv.status == .ok && csv.headers.contentType?.subType == "csv")
            let rows = csv.body.split(separator: "\r\n").map(String.init)
            #expect(rows[0].hasPrefix("offer,group,referred,fulfilled"))
            // 6 referred and helped the same day, 6 follow-ups answered, all online (61% to 100%), 8 tasks gained from none at the triage.
            let figures = ["6", "6", "0", "0", "6", "100.0", "100.0", "61.0", "100.0", "8"]
            #expect(rows.contains(CSVWriting.line([offer.name, "Assisted, on the phone"] + figures)))
            #expect(rows.contains(CSVWriting.line([offer.name, "All"] + figures)))
            // The triage said no disability: all six in that group, none in the other.
            let byDisability = try await analyst.get(SiteURL.whatWorksCSV.path(query: [("segment", "disability")])).body.split(separator: "\r\n").map(String.init)
            #expect(byDisability.contains(CSVWriting.line([offer.name, "Did not tell us of one"] + figures)))
            #expect(byDisability.contains { $0.hasPrefix(CSVWriting.line([offer.name, "Told us of a disability or long-term condition", "0", "0"])) })

            // By the age the triage gave, and by the resident's language: all six in one group.
            let ageLabel = try #require(TriageQuestions.question("age")?.options.first { $0.value == "75-plus" }?.label)
            let byAge = try await analyst.get(SiteURL.whatWorksCSV.path(query: [("segment", "age")])).body.split(separator: "\r\n").map(String.init)
            #expect(byAge.contains(CSVWriting.line([offer.name, ageLabel] + figures)))
            let language = try #require(try await Resident.query(on: app.db).filter(\.$councilID == place.council.id!).first()).language
            let languageLabel = TriageQuestions.question("language")?.options.first { $0.value == language }?.label ?? "Not known"
            let byLanguage = try await analyst.get(SiteURL.whatWorksCSV.path(query: [("segment", "language")])).body.split(separator: "\r\n").map(String.init)
            #expect(byLanguage.contains(CSVWriting.line([offer.name, languageLabel] + figures)))

            let json = try await analyst.get(SiteURL.whatWorksJSON.path(query: [("period", FinancialQuarter(containing: WorkingDays.today(Date())).key)]))
            #expect(json.status == .ok && json.contains("\"council\":\"Testshire Council\"") && json.contains("fewer than 5"))
            // Partners and champions do not see the programme's figures.
            let partner = Browser(app)
            try await partner.signIn(try await Fixture.user(.partner, in: place.partner, on: app.db).email)
            #expect(try await partner.get(SiteURL.whatWorks.path).status == .forbidden)
        }
    }
}
