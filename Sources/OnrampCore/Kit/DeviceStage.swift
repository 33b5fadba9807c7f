import Foundation

/// Where a donated device is in the chain of custody, and the moves allowed between stages.
public enum DeviceStage: String, CaseIterable, Sendable, Codable {
    case received, wiped
    case refurbished = "refurbished-tested"
    case ready, gifted, loaned, returned, recycled, lost

    public var label: String {
        switch self {
        case .received: "Received"
        case .wiped: "Wiped"
        case .refurbished: "Refurbished and tested"
        case .ready: "Ready"
        case .gifted: "Gifted"
        case .loaned: "On loan"
        case .returned: "Returned"
        case .recycled: "Recycled"
        case .lost: "Lost"
        }
    }

    /// The stages a device may go to next. Recycling or losing a device is possible at any
    /// stage before it leaves for good; a loaned device can be lost but comes back to be recycled.
    public var next: [DeviceStage] {
        switch self {
        case .received: [.wiped, .recycled, .lost]
        case .wiped: [.refurbished, .recycled, .lost]
        case .refurbished: [.ready, .recycled, .lost]
        case .ready: [.gifted, .loaned, .recycled, .lost]
        case .loaned: [.returned, .lost]
        case .returned: [.wiped, .recycled, .lost]
        case .gifted, .recycled, .lost: []
        }
    }

    /// Stages at which a device has come (back) in and must be wiped before anyone else has it.
    public var isArrival: Bool { self == .received || self == .returned }

    /// Stages that put a device in a resident's hands, or ready to be.
    var needsWipe: Bool { self == .ready || self == .gifted || self == .loaned }

    public var isFinal: Bool { next.isEmpty }

    /// Whether a move from `from` to this stage puts a device in a resident's hands. A loan's
    /// extension is recorded as a move from on loan to on loan, and is not a handover.
    public func isHandover(from: DeviceStage?) -> Bool { (self == .gifted || self == .loaned) && from != self }

    /// Gifted, on loan and returned are reached through a handover to a resident's referral or
    /// the loan's return, never by a plain move, so every one has its record.
    public var needsLoanRecord: Bool { self == .gifted || self == .loaned || self == .returned }
}

/// Why a move is refused, in words for the person trying it.
public enum DeviceMoveRefusal: Error, Sendable, Equatable {
    case notAllowed(from: DeviceStage, to: DeviceStage)
    case final(DeviceStage)
    case noWipeSinceArrival
    case wipeNeedsRecord
    case recyclingNeedsCertificate
    case changedMeanwhile

    public var message: String {
        switch self {
        case .notAllowed(let from, let to):
            "A device that is \(from.label.lowercased()) cannot be moved to \(to.label.lowercased()). Next it can be: \(from.next.map { $0.label.lowercased() }.joined(separator: ", "))"
        case .final(let stage): "This device is \(stage.label.lowercased()): its record is closed"
        case .noWipeSinceArrival: "This device has no passed wipe record since it last came in. Record a wipe first"
        case .wipeNeedsRecord: "Moving a device to wiped needs a wipe record: method, tool, operator, times, result"
        case .recyclingNeedsCertificate: "Recycling needs the WEEE facility, the date and the certificate reference"
        case .changedMeanwhile: "Someone else moved this device at the same moment. Its page now shows where it is: check it before you try again"
        }
    }
}

/// What a move carries besides the stage: a wipe record to become wiped, the WEEE record to be
/// recycled.
public enum DeviceEvidence: Sendable, Equatable {
    case none
    case wipe(WipeRecord)
    case recycling(facility: String, on: CalendarDay, certificate: String)
}

extension DeviceStage {
    /// Checks a move with what it carries: wiped needs a wipe record, recycled its certificate.
    public func move(to next: DeviceStage, wipedSinceArrival: Bool, evidence: DeviceEvidence) -> DeviceMoveRefusal? {
        switch (next, evidence) {
        case (.wiped, .wipe), (.recycled, .recycling): break
        case (.wiped, _): return .wipeNeedsRecord
        case (.recycled, _): return .recyclingNeedsCertificate
        default: break
        }
        return move(to: next, wipedSinceArrival: wipedSinceArrival)
    }

    /// Checks a move. `wipedSinceArrival` is whether a passed wipe has been recorded since the
    /// device was last received or returned: nothing reaches a resident without one.
    public func move(to next: DeviceStage, wipedSinceArrival: Bool) -> DeviceMoveRefusal? {
        if isFinal { return .final(self) }
        guard self.next.contains(next) else { return .notAllowed(from: self, to: next) }
        if next.needsWipe, !wipedSinceArrival { return .noWipeSinceArrival }
        return nil
    }
}
