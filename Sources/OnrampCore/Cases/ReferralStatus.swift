import Foundation

/// Where a referral to a partner has got to, and the moves allowed between them.
public enum ReferralStatus: String, CaseIterable, Sendable, Codable {
    case received, contacted
    case inProgress = "in-progress"
    case fulfilled, declined
    case couldNotContact = "could-not-contact"
    case closed

    public var label: String {
        switch self {
        case .received: "Received"
        case .contacted: "Contacted"
        case .inProgress: "In progress"
        case .fulfilled: "Fulfilled"
        case .declined: "Declined"
        case .couldNotContact: "Could not contact"
        case .closed: "Closed"
        }
    }

    /// What the resident reads at /track.
    public var forResident: String {
        switch self {
        case .received: "We have passed your request on. They will contact you soon."
        case .contacted: "They have been in touch with you."
        case .inProgress: "They are working on it."
        case .fulfilled: "Done: you should have what you asked for."
        case .declined: "They cannot help with this. We will look for someone else who can, and tell you."
        case .couldNotContact: "They tried to contact you but could not reach you. Please phone the council or reply to our message."
        case .closed: "This request is closed."
        }
    }

    /// How far along the path a status is: moving to a lower step goes back, and needs a reason.
    var step: Int {
        switch self {
        case .received: 0
        case .contacted, .couldNotContact: 1
        case .inProgress: 2
        case .fulfilled, .declined: 3
        case .closed: 4
        }
    }

    /// Whether the first contact the service standard counts has happened.
    public var isContactMade: Bool { ![.received, .couldNotContact].contains(self) }

    /// Declined and not-contactable referrals can go to another partner.
    public var canReroute: Bool { self == .declined || self == .couldNotContact }

    public var isOpen: Bool { ![.fulfilled, .declined, .closed].contains(self) }
    /// Every open status, in the order they are declared.
    public static let allOpen = allCases.filter(\.isOpen)

    /// Open and the resident not yet reached: what a first-contact deadline can be missed by.
    public var awaitsContact: Bool { isOpen && !isContactMade }

    /// Awaiting contact, and the first-contact deadline (`contactDue`, "2026-11-27") passed.
    public func isOverdue(contactDue: String, today: CalendarDay) -> Bool {
        awaitsContact && contactDue < today.iso
    }

    /// Fulfilment needs the resident reached first: contacted, or work in progress.
    public var canBeFulfilled: Bool { self == .contacted || self == .inProgress }
}

/// Why a move is refused.
public enum ReferralMoveRefusal: Error, Sendable, Equatable {
    case unchanged
    case closed
    case backwardsWithoutReason
    case fulfilledNeedsContact
    case notReroutable
    /// Someone else moved the referral after this person's page was loaded.
    case changedMeanwhile
    /// Devices and data are fulfilled by giving them from the kit pages (`OfferKind.isGivenFromKit`).
    case givenFromKit(device: Bool)

    public var message: String {
        switch self {
        case .unchanged: "The referral is already at that status"
        case .closed: "This referral is closed. It cannot be moved; start a new request instead"
        case .backwardsWithoutReason: "Give a reason for moving the referral back"
        case .fulfilledNeedsContact: "A referral must be contacted or in progress before it is fulfilled"
        case .notReroutable: "Only a declined or not-contactable referral can go to another partner"
        case .changedMeanwhile: "Someone else updated this referral while you had it open. Check its status and try again"
        case .givenFromKit(let device):
            device ? "A device referral is fulfilled by handing a device over from its page in Devices, so the handover is recorded"
                : "A data referral is fulfilled by giving a SIM or voucher from the data bank"
        }
    }
}

extension ReferralStatus {
    /// Checks a move. Closed is final; going back a step needs a reason; fulfilment needs
    /// contact first, so nobody is marked helped without being reached.
    public func move(to next: ReferralStatus, reason: String) -> ReferralMoveRefusal? {
        if next == self { return .unchanged }
        if self == .closed { return .closed }
        if next == .fulfilled, !canBeFulfilled { return .fulfilledNeedsContact }
        if next.step < step, reason.trimmingCharacters(in: .whitespaces).isEmpty { return .backwardsWithoutReason }
        return nil
    }
}

extension ReferralStatus {
    /// A move chosen on the referral's own page: as `move(to:reason:)`, and help given from the
    /// kit pages is never marked fulfilled by hand.
    public func moveByHand(to next: ReferralStatus, reason: String, kind: OfferKind) -> ReferralMoveRefusal? {
        if next == .fulfilled, kind.isGivenFromKit { return .givenFromKit(device: kind.isDevice) }
        return move(to: next, reason: reason)
    }

    /// The statuses the referral's page offers.
    public func choicesByHand(kind: OfferKind) -> [ReferralStatus] {
        Self.allCases.filter { $0 != self && !($0 == .fulfilled && kind.isGivenFromKit) }
    }
}
