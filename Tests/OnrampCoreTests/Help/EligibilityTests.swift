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

    /// An age band is read by its leading digits; one too long for a number is no age, not a crash.
    @Test func anAgeBandIsReadByItsLeadingDigits() {
        #expect(TriageFacts.leadingNumber("65-74") == 65)
        #expect(TriageFacts.leadingNumber("75-plus") == 75)
        #expect(TriageFacts.leadingNumber("prefer-not") == nil)
        #expect(TriageFacts.leadingNumber(String(repeating: "9", count: 40)) == nil)
        let facts = TriageFacts(TriageAnswers(["age": [String(repeating: "9", count: 40)]]))
        #expect(!facts.holds(.condition(.init(fact: "age", atLeast: 18))))
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

    /// Each answer the facts read is found by its key's length and a comparison: every such key
    /// has its own place, keys of the same length are told apart, and other keys have none.
    @Test func everyAnswerKeyHasItsOwnPlace() {
        let slots = AnswerSlots.standard
        #expect(Set(slots.keys).count == slots.keys.count)
        for (slot, key) in slots.keys.enumerated() { #expect(slots.of(key) == slot, "\(key)") }
        for unknown in ["", "x", "ages", "Age", "devicez", "skills.", "skills.wifi2", String(repeating: "a", count: 200)] {
            #expect(slots.of(unknown) == nil, "\(unknown)")
        }
        // "connection" and "struggling" are both ten bytes long; so is "contact-by", which no fact reads.
        #expect(Set(["connection", "struggling"].compactMap(slots.of)).count == 2 && slots.of("contact-by") == nil)
        #expect(Set(TriageQuestions.standard.map(\.id)).isSuperset(of: AnswerKey.allCases.map(\.name).filter { $0 != "postcode.inside" }))
        #expect(slots.skills.map { slots.keys[$0] } == TriageQuestions.skillTasks.map { "skills.\($0.value)" })
    }

    /// A rule is resolved once, when its offer is made; resolving must not change what it says:
    /// a key no question has is read from the answers as given, and a fact no one has never holds.
    @Test func aResolvedRuleDecidesAsTheRuleReads() {
        let facts = TriageFacts(TriageAnswers(["made-up": ["a"], "age": ["65-74"], "lives-in-area": ["no"], "postcode.inside": ["yes"], "contact-by": ["phone"]]))
        typealias C = EligibilityRule.Condition
        #expect(facts.holds(.condition(C(fact: "made-up", oneOf: ["a"]))))
        #expect(facts.holds(.condition(C(fact: "contact-by", oneOf: ["email", "phone"]))) && !facts.holds(.condition(C(fact: "contact-by", oneOf: ["email"]))))
        #expect(!facts.holds(.condition(C(fact: "made-up", oneOf: ["b"]))))
        #expect(!facts.holds(.condition(C(fact: "no-such-fact", is: true))) && !facts.holds(.condition(C(fact: "no-such-fact", is: false))))
        #expect(!facts.holds(.condition(C(fact: "no-such-number", atLeast: 0))))
        #expect(facts.holds(.condition(C(fact: "age", atLeast: 65, atMost: 74))) && !facts.holds(.condition(C(fact: "age", atMost: 64))))
        // A placed postcode outweighs what was answered, and a condition reads "is" before its numbers.
        #expect(facts.holds(.condition(C(fact: "lives-in-area", oneOf: ["yes"]))) && facts.holds(.condition(C(fact: "placed-by-postcode", atLeast: 1, is: true))))
        let offer = Offer(id: "o", kind: .wifiPlace, name: "", summary: "", rule: .all([.condition(C(fact: "made-up", oneOf: ["a"])), .not(.condition(C(fact: "online", is: true)))]), position: 0)
        #expect(facts.holds(offer.resolvedRule) && facts.evaluate(offer.rule).passes)
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

    /// Offers a council put in the same place keep the catalogue's order, whether or not the
    /// resident can have them, and what they cannot have follows the council's order.
    @Test func offersInTheSamePlaceKeepTheCataloguesOrder() {
        let yes = EligibilityRule.everyone, no = EligibilityRule.not(.everyone)
        let catalogue = [("a", yes, 2), ("b", no, 1), ("c", yes, 1), ("d", yes, 1), ("e", no, 0), ("f", no, 1)].map { id, rule, position in
            Offer(id: id, kind: .wifiPlace, name: id, summary: "", rule: rule, position: position)
        }
        let package = MinimumAccessPackage(answers: TriageAnswers(), catalogue: catalogue)
        #expect(package.eligible.map(\.offer.id) == ["c", "d", "a"] && package.eligible.allSatisfy(\.outcome.passes))
        #expect(package.notEligible.map(\.offer.id) == ["e", "b", "f"] && !package.notEligible.contains(where: \.outcome.passes))
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
        // Phone only and running out of data: not yet "Basic digital skills", however skilled.
        #expect(NeedsProfile(ExampleResidents.all[1].answers).scale == 6)
        #expect(NeedsProfile(ExampleResidents.all[3].answers).scale == 6)
    }

    /// Once placed at "9: Expert" while the table listed a bigger screen, enough internet and
    /// affordable internet as missing: the placement follows from the same facts as the table.
    @Test func theScaleNeverContradictsTheTable() {
        var values = ExampleResidents.all[4].answers.values
        (values["device-ownership"], values["devices"], values["connection"]) = (["own"], ["smartphone"], ["mobile-data"])
        (values["enough-internet"], values["struggling"]) = (["no"], ["yes"])
        let profile = NeedsProfile(TriageAnswers(values))
        let access = profile.lines.first { $0.barrier == .access }!
        #expect(access.missing == ["A bigger screen of your own, for forms and video calls", "Enough internet for what you need", "Internet you can afford"])
        #expect(profile.scale == 6 && profile.scaleLabel == "Task specific")
        for (_, answers) in ExampleResidents.all {
            let profile = NeedsProfile(answers)
            if profile.missing.contains(.access) { #expect(profile.scale <= 6) }
            if profile.missing.contains(.trust) { #expect(profile.scale <= 7) }
        }
    }

    @Test func aBasicMobilePhoneIsNoWayOnline() {
        let answers = TriageAnswers(["devices": ["basic-phone"], "connection": ["none"], "used-before": ["no"]])
        let facts = TriageFacts(answers)
        #expect(facts.flag("own-device") == false && facts.flag("suitable-device") == false)
        #expect(!answers.questions().contains { $0.id == "device-ownership" }, "whose device is not asked of a basic phone")
        #expect(NeedsProfile(answers).lines[0].missing.contains("A device of your own"))
    }

    @Test func childrenWhoNeedADeviceForSchoolworkEachGetOneWhereTheOfferAllows() {
        let catalogue = OfferKind.allCases.enumerated().map { position, kind in
            Offer(id: kind.rawValue, kind: kind, name: kind.label, summary: "", rule: StandardOffers.rules[kind]!, position: position,
                  maxPerHousehold: StandardOffers.wording[kind]!.maxPerHousehold)
        }
        let family = MinimumAccessPackage(answers: ExampleResidents.all[2].answers, catalogue: catalogue)
        #expect(family.eligible.first { $0.offer.kind == .deviceGift }?.quantity == 3, "one for the household, one for each of 2 children")
        #expect(family.eligible.first { $0.offer.kind == .dataSIM }.map(\.quantity) ?? 1 == 1)
        // With a laptop of their own, the children still need theirs.
        var values = ExampleResidents.all[2].answers.values
        values["device-ownership"] = ["own"]
        let owned = MinimumAccessPackage(answers: TriageAnswers(values), catalogue: catalogue)
        #expect(owned.eligible.first { $0.offer.kind == .deviceLoan }?.quantity == 2)
        // Without children at school, nobody with a laptop of their own is offered one.
        values["school-children"] = ["0"]
        #expect(MinimumAccessPackage(answers: TriageAnswers(values), catalogue: catalogue).eligible.allSatisfy { !$0.offer.kind.isDevice })
        // An offer that allows one a household gives one.
        let single = catalogue.map { Offer(id: $0.id, kind: $0.kind, name: $0.name, summary: "", rule: $0.rule, position: $0.position) }
        #expect(MinimumAccessPackage(answers: ExampleResidents.all[2].answers, catalogue: single).eligible.first { $0.offer.kind == .deviceGift }?.quantity == 1)
    }

    @Test func aPostcodeInTheAreaSaysWhereSomeoneLives() {
        var answers = ExampleResidents.all[0].answers
        answers["lives-in-area"] = []
        answers["postcode"] = ["SE1 7PB"]
        answers["postcode.inside"] = ["no"]
        #expect(!answers.questions().contains { $0.id == "lives-in-area" }, "not asked when the postcode says")
        #expect(TriageFacts(answers).evaluate(.condition(.init(fact: "lives-in-area", oneOf: ["yes"]))).passes == false)
        #expect(TriageFacts(answers).evaluate(.condition(.init(fact: "lives-in-area", oneOf: ["yes"]))).because == "your postcode is outside the council\u{2019}s area")
        answers["postcode.inside"] = ["yes"]
        #expect(TriageFacts(answers).evaluate(.condition(.init(fact: "lives-in-area", oneOf: ["yes"]))).passes)
        #expect(answers.pruned()["postcode.inside"] == ["yes"], "kept with the postcode question")
        answers["postcode.inside"] = []
        #expect(answers.questions().contains { $0.id == "lives-in-area" }, "asked when no postcode placed them")
    }

    @Test func contactWaysAreOneOrMoreAndWrittenOnesCarryTheMessages() {
        let both = ContactWays(["phone", "letter"])
        #expect(both.stored == "letter,phone" && both.forMessages == "letter" && both.words == "a letter or a phone call")
        #expect(ContactWays(["phone"]).forMessages == "phone" && ContactWays([]).ways == ["phone"])
        #expect(ContactWays(stored: "sms,email").forMessages == "sms")
        var answers = TriageAnswers(["contact-by": ["letter"]])
        #expect(!answers.questions().contains { $0.id == "contact-when" }, "when to phone is asked only of those who want a call")
        answers["contact-by"] = ["letter", "phone"]
        #expect(answers.questions().contains { $0.id == "contact-when" })
    }

    @Test func socialTariffsFollowBenefits() {
        #expect(SocialTariffs.available(to: TriageAnswers(["benefits": ["pip"]])).map(\.provider) == ["Hyperoptic", "Vodafone"])
        #expect(SocialTariffs.available(to: TriageAnswers(["benefits": ["none"]])).isEmpty)
    }
}

@Suite struct SocialTariffTests {
    static let today = CalendarDay(year: 2026, month: 12, day: 3)!

    @Test func aPriceCarriesTheDayItWasCheckedAndAYearOldOneIsFlagged() throws {
        var errors = FormErrors()
        let tariff = try #require(SocialTariff.validate(provider: "BT", name: "Home Essentials", monthlyPrice: "£16", speed: "36Mbps", benefits: ["universal-credit", "none"],
                                                        checkedOn: DateParts(day: "3", month: "11", year: "2026"), today: Self.today, into: &errors))
        #expect(tariff.monthlyPrice == "16.00" && tariff.qualifyingBenefits == ["universal-credit"])
        #expect(!SocialTariffs.isStale(tariff, today: Self.today))
        #expect(SocialTariffs.standard.allSatisfy { SocialTariffs.isStale($0, today: Self.today) }, "the shipped list, checked April 2023")
        var bad = FormErrors()
        _ = SocialTariff.validate(provider: "", name: "X", monthlyPrice: "free", speed: "1", benefits: [], checkedOn: DateParts(day: "1", month: "1", year: "2027"), today: Self.today, into: &bad)
        #expect(bad.problems.map(\.field) == ["provider", "monthly_price", "benefits", "checked"])
    }
}
