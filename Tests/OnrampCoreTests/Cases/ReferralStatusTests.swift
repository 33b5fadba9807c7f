import Testing
@testable import OnrampCore

/// Every move between statuses, with and without a reason.
@Suite struct ReferralStatusTests {
    typealias S = ReferralStatus

    /// The moves allowed without a reason; every other one is refused or needs a reason.
    static let forward: Set<String> = [
        "received>contacted", "received>in-progress", "received>declined", "received>could-not-contact", "received>closed",
        "contacted>in-progress", "contacted>fulfilled", "contacted>declined", "contacted>could-not-contact", "contacted>closed",
        "in-progress>fulfilled", "in-progress>declined", "in-progress>closed",
        "could-not-contact>contacted", "could-not-contact>in-progress", "could-not-contact>declined", "could-not-contact>closed",
        "fulfilled>closed", "fulfilled>declined", "declined>closed",
    ]

    static let pairs = S.allCases.flatMap { from in S.allCases.map { (from, $0) } }

    @Test(arguments: pairs)
    func moveWithoutReason(from: S, to: S) {
        let refusal = from.move(to: to, reason: "")
        let key = "\(from.rawValue)>\(to.rawValue)"
        if from == to { #expect(refusal == .unchanged) }
        else if from == .closed { #expect(refusal == .closed) }
        else if to == .fulfilled, ![.contacted, .inProgress].contains(from) { #expect(refusal == .fulfilledNeedsContact, "\(key)") }
        else if Self.forward.contains(key) { #expect(refusal == nil, "\(key)") }
        else { #expect(refusal == .backwardsWithoutReason, "\(key)") }
    }

    @Test(arguments: pairs)
    func moveWithReason(from: S, to: S) {
        let refusal = from.move(to: to, reason: "Resident asked us to reopen it")
        if from == to { #expect(refusal == .unchanged) }
        else if from == .closed { #expect(refusal == .closed, "no fulfilment of a closed referral") }
        else if to == .fulfilled, ![.contacted, .inProgress].contains(from) { #expect(refusal == .fulfilledNeedsContact) }
        else { #expect(refusal == nil, "\(from) > \(to)") }
    }

    @Test func everyStatusSpeaksToTheResident() {
        for status in S.allCases { #expect(!status.forResident.isEmpty && !status.label.isEmpty) }
        #expect(S.allCases.filter(\.canReroute) == [.declined, .couldNotContact])
    }

    @Test(arguments: OfferKind.allCases)
    func devicesAndDataAreNeverFulfilledByHand(kind: OfferKind) {
        let fromKit = [OfferKind.deviceGift, .deviceLoan, .dataSIM].contains(kind)
        #expect(kind.isGivenFromKit == fromKit)
        let refusal = S.contacted.moveByHand(to: .fulfilled, reason: "", kind: kind)
        #expect(refusal == (fromKit ? .givenFromKit(device: kind.isDevice) : nil), "\(kind)")
        #expect(S.contacted.choicesByHand(kind: kind).contains(.fulfilled) == !fromKit)
        // Every other move is judged as before.
        #expect(S.received.moveByHand(to: .contacted, reason: "", kind: kind) == nil)
        #expect(S.inProgress.moveByHand(to: .contacted, reason: "", kind: kind) == .backwardsWithoutReason)
    }
}
