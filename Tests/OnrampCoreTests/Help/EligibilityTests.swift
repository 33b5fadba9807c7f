import Foundation
import Testing
@testable import OnrampCore

/// The standard catalogue's rules against the example residents, and the rule language itself.
@Suite struct EligibilityTests {
    static let names = ExampleResidents.all.map(\.name)

    /// Which offers each example resident qualifies for, as a programme officer would expect.
    static let expected: [(resident: Int, kind: OfferKind, qualifies: Bool)] = [
        // Pensioner on Pension Credit, no device, offline.
        (0, .deviceGift, true), (0, .deviceLoan, true), (0, .dataSIM, true), (0, .socialTariff, true),
        (0, .skillsCourse, true), (0, .championHelp, true), (0, .wifiPlace, true),
        // Care leaver, 19, phone only, runs out of data.
        (1, .deviceGift, true), (1, .deviceLoan, true), (1, .dataSIM, true), (1, .socialTariff, true),
        (1, .skillsCourse, true), (1, .championHelp, false), (1, .wifiPlace, true),
        // Family on Universal Credit, home broadband, shared laptop.
        (2, .deviceGift, true), (2, .deviceLoan, true), (2, .dataSIM, true), (2, .socialTariff, true),
        (2, .skillsCourse, true), (2, .championHelp, false), (2, .wifiPlace, false),
        // Disabled adult on PIP, own tablet, public Wi-Fi only: not low income.
        (3, .deviceGift, false), (3, .deviceLoan, false), (3, .dataSIM, false), (3, .socialTariff, true),
        (3, .skillsCourse, true), (3, .championHelp, true), (3, .wifiPlace, true),
        // Working adult with everything.
        (4, .deviceGift, false), (4, .deviceLoan, false), (4, .dataSIM, false), (4, .socialTariff, false),
        (4, .skillsCourse, false), (4, .championHelp, false), (4, .wifiPlace, false),
        // Outside the area, offline, does not want to be online.
        (5, .deviceGift, false), (5, .deviceLoan, false), (5, .dataSIM, false), (5, .socialTariff, false),
        (5, .skillsCourse, false), (5, .championHelp, true), (5, .wifiPlace, true),
    ]

    @Test(arguments: expected.indices)
    func standardRuleMatchesExpectation(index: Int) {
        let (resident, kind, qualifies) = Self.expected[index]
        let outcome = TriageFacts(ExampleResidents.all[resident].answers).evaluate(StandardOffers.rules[kind]!)
        #expect(outcome.passes == qualifies, "\(Self.names[resident]) / \(kind): \(outcome.because)")
        #expect(!outcome.reasons.isEmpty, "every decision says why")
    }

    @Test func reasonsAreInPlainEnglish() {
        let pensioner = TriageFacts(ExampleResidents.all[0].answers)
        #expect(pensioner.evaluate(StandardOffers.rules[.socialTariff]!).because == "you get Pension Credit")
        #expect(pensioner.evaluate(StandardOffers.rules[.deviceGift]!).because
            == "you live in the council\u{2019}s area, you have no laptop, tablet or computer of your own and you are on a low income")
        let worker = TriageFacts(ExampleResidents.all[4].answers)
        #expect(worker.evaluate(StandardOffers.rules[.dataSIM]!).because
            == "you did not tell us you are on a low income, you get online, you have enough internet for what you need and you have not struggled to pay a bill")
        let young = TriageFacts(TriageAnswers(["age": ["under-18"]]))
        #expect(young.evaluate(.condition(.init(fact: "age", atLeast: 18))).because == "you are under 18")
        #expect(TriageFacts(TriageAnswers()).evaluate(.condition(.init(fact: "age", atLeast: 18))).because == "you did not tell us your age")
    }

    @Test func notAnyAndAllCombine() {
        let facts = TriageFacts(TriageAnswers(["benefits": ["pip"], "age": ["65-74"]]))
        let pip = EligibilityRule.condition(.init(fact: "benefits", oneOf: ["pip"]))
        let young = EligibilityRule.condition(.init(fact: "age", atMost: 24))
        #expect(facts.evaluate(.all([pip, .not(young)])).passes)
        #expect(!facts.evaluate(.all([pip, young])).passes)
        #expect(facts.evaluate(.any([young, pip])).passes)
        #expect(!facts.evaluate(.not(.any([young, pip]))).passes)
        #expect(facts.evaluate(.everyone).passes)
    }

    @Test func rulesRoundTripAsJSON() throws {
        for rule in StandardOffers.rules.values {
            #expect(try EligibilityRule.parse(rule.json).get() == rule)
        }
    }

    @Test(arguments: [
        ("{", "not valid JSON"),
        (#"{"fact": "shoe-size", "atLeast": 9}"#, "no fact called"),
        (#"{"fact": "age", "oneOf": ["18-24"]}"#, "is a number"),
        (#"{"fact": "own-device", "atLeast": 1}"#, "is yes or no"),
        (#"{"fact": "benefits", "oneOf": ["lottery-win"]}"#, "is not an answer"),
        (#"{"all": [{"fact": "benefits"}]}"#, "list the answers"),
        (#"{"some": []}"#, "Each part of the rule"),
    ])
    func badRulesAreRefusedWithReason(text: String, message: String) {
        guard case .failure(let problem) = EligibilityRule.parse(text) else {
            Issue.record("accepted \(text)")
            return
        }
        #expect(problem.message.contains(message), "\(problem.message)")
    }

    @Test func packageRanksWhatLowersMissingBarriersFirst() {
        let catalogue = OfferKind.allCases.enumerated().map { index, kind in
            Offer(id: kind.rawValue, kind: kind, name: kind.label, summary: "", rule: StandardOffers.rules[kind]!, available: kind == .deviceGift ? 0 : nil, position: index)
        }
        let package = MinimumAccessPackage(answers: ExampleResidents.all[3].answers, catalogue: catalogue)
        #expect(package.eligible.map(\.offer.kind) == [.socialTariff, .skillsCourse, .championHelp, .wifiPlace])
        #expect(package.notEligible.count == 3)
        let pensioner = MinimumAccessPackage(answers: ExampleResidents.all[0].answers, catalogue: catalogue)
        #expect(pensioner.eligible.last?.offer.kind == .deviceGift, "out of stock goes last among equals")
        #expect(pensioner.profile.scale == 3)
        #expect(pensioner.profile.missing == Set(Barrier.allCases).subtracting([.motivation]))
    }

    @Test func scaleFollowsTheNinePoints() {
        #expect(NeedsProfile(ExampleResidents.all[5].answers).scale == 2)
        #expect(NeedsProfile(ExampleResidents.all[4].answers).scale == 9)
        #expect(NeedsProfile(ExampleResidents.all[1].answers).scale == 7)
        #expect(NeedsProfile(ExampleResidents.all[3].answers).scale == 6)
    }

    @Test func socialTariffsFollowBenefits() {
        #expect(SocialTariffs.available(to: TriageAnswers(["benefits": ["pip"]])).map(\.provider) == ["Hyperoptic", "Vodafone"])
        #expect(SocialTariffs.available(to: TriageAnswers(["benefits": ["none"]])).isEmpty)
    }
}
