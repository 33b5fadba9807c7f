import Fluent
import OnrampCore
import Vapor

/// Handing ready devices to residents for their referrals, and the loans that follow: due
/// dates, extensions, reminders and returns.
enum Loans {
    enum Refusal: Error, Equatable {
        case deviceNotReady(DeviceStage)
        case referralNotForADevice
        case referralNotContacted
        /// Someone moved the device or the referral while this handover was being recorded.
        case changedMeanwhile(String)

        var message: String {
            switch self {
            case .changedMeanwhile(let why): "The device or referral changed while you were recording this: \(why)"
            case .deviceNotReady(let stage): "Only a ready device can be handed over; this one is \(stage.label.lowercased())"
            case .referralNotForADevice: "Select an open referral for a device gift or loan"
            case .referralNotContacted: "Record on the referral that the resident has been contacted before handing the device over"
            }
        }
    }

    /// The handover: the allocation and its record, the device gifted or lent, the referral
    /// fulfilled, and the resident told. One transaction.
    static func handOver(
        _ device: KitDevice, to referral: Referral, handover: Handover, actor: AuditActor, trackURL: String, now: Date, on database: any Database
    ) async throws -> Refusal? {
        guard device.stage == .ready else { return .deviceNotReady(device.stage) }
        guard referral.councilID == device.councilID, let offer = try await HelpOffer.find(referral.offerID, on: database),
              offer.kind.isDevice, referral.status.isOpen
        else { return .referralNotForADevice }
        guard referral.status.canBeFulfilled else { return .referralNotContacted }
        let isLoan = offer.kind == .deviceLoan
        do {
            try await record(device, referral: referral, isLoan: isLoan, handover: handover, actor: actor, trackURL: trackURL, now: now, on: database)
        } catch let refusal as DeviceMoveRefusal {
            return .changedMeanwhile(refusal.message)
        } catch let refusal as ReferralMoveRefusal {
            return .changedMeanwhile(refusal.message)
        }
        return nil
    }

    /// The handover's writes. A refused move throws, so nothing of it is kept.
    private static func record(
        _ device: KitDevice, referral: Referral, isLoan: Bool, handover: Handover, actor: AuditActor, trackURL: String, now: Date, on database: any Database
    ) async throws {
        try await database.transaction { tx in
            // Read again inside the transaction: two people handing the same device over at once.
            guard let device = try await KitDevice.find(device.id, on: tx), let referral = try await Referral.unscoped(referral.id, on: tx) else { throw Abort(.notFound) }
            // A household may have asked for one device each: the referral is fulfilled with the last.
            let handed = try await KitAllocation.query(on: tx).filter(\.$referralID == referral.id!).count() + 1
            let allocation = KitAllocation()
            (allocation.councilID, allocation.deviceID, allocation.referralID, allocation.isLoan) = (device.councilID, device.id!, referral.id!, isLoan)
            (allocation.handedOverOn, allocation.place, allocation.staff, allocation.acknowledged) = (handover.day.iso, handover.place, actor.label, handover.acknowledged)
            (allocation.due, allocation.createdAt) = (handover.due?.iso, now)
            try await allocation.create(on: tx)
            let what = isLoan ? "lent until \(handover.due?.spoken ?? "")" : "given"
            if let refusal = try await DeviceBank.move(device, to: isLoan ? .loaned : .gifted, reason: "Handed over at \(handover.place) on \(handover.day.spoken), \(what)",
                                                       evidence: .none, actor: actor, now: now, on: tx) { throw refusal }
            let count = referral.quantity > 1 ? " (\(handed) of \(referral.quantity))" : ""
            let outcome = "\(device.type.label) \(device.assetTag) \(what), handed over at \(handover.place)\(count)"
            guard handed >= referral.quantity else {
                try await CaseEvent(caseID: referral.caseID, referralID: referral.id, at: now, actor: actor.label, text: outcome).create(on: tx)
                if referral.status == .contacted, let refusal = try await ReferralMoves.move(referral, to: .inProgress, reason: "", outcome: nil, actor: actor, trackURL: trackURL, now: now, on: tx) {
                    throw refusal
                }
                return
            }
            if let refusal = try await ReferralMoves.move(referral, to: .fulfilled, reason: "", outcome: outcome, actor: actor, trackURL: trackURL, now: now, on: tx) { throw refusal }
        }
    }

    /// The device's loan, if `scope` reaches it: partners see only their own residents' loans.
    static func current(_ device: KitDevice, scope: Scope, on database: any Database) async throws -> KitAllocation? {
        try await scope.query(KitAllocation.self, on: database).filter(\.$deviceID == device.id!).filter(\.$isLoan == true).filter(\.$returnedAt == nil).filter(\.$lostAt == nil).first()
    }

    static func extend(_ loan: KitAllocation, to due: CalendarDay, reason: String, actor: AuditActor, now: Date, on database: any Database) async throws {
        try await database.transaction { tx in
            let before = loan.due ?? ""
            loan.due = due.iso
            loan.extendedReason = reason
            // New reminders for the new date.
            (loan.remindedBefore, loan.remindedDue) = (nil, nil)
            try await loan.save(on: tx)
            try await DeviceMove(device: try await KitDevice.find(loan.deviceID, on: tx)!, from: .loaned, to: .loaned, at: now, actor: actor.label,
                                 reason: "Loan extended from \(CalendarDay.spoken(before)) to \(due.spoken): \(reason)").create(on: tx)
            try await Audit.record(.kitLoanExtended, by: actor, recordType: "kit_allocation", recordID: loan.id, summary: "Extended a loan from \(CalendarDay.spoken(before)) to \(due.spoken)", on: tx, now: now)
        }
    }

    /// A returned loan: the device goes back to be wiped before anyone else has it. Refused,
    /// keeping nothing, if the device was moved meanwhile.
    static func receiveBack(_ loan: KitAllocation, device: KitDevice, actor: AuditActor, now: Date, on database: any Database) async throws -> DeviceMoveRefusal? {
        do {
            try await database.transaction { tx in
                loan.returnedAt = now
                try await loan.save(on: tx)
                if let refusal = try await DeviceBank.move(device, to: .returned, reason: "Loan returned", evidence: .none, actor: actor, now: now, on: tx) { throw refusal }
            }
        } catch let refusal as DeviceMoveRefusal {
            return refusal
        }
        return nil
    }

    /// Open loans, the soonest due first.
    static func open(_ scope: Scope, on database: any Database) async throws -> [KitAllocation] {
        try await scope.query(KitAllocation.self, on: database).filter(\.$isLoan == true).filter(\.$returnedAt == nil).filter(\.$lostAt == nil)
            .sort(\.$due).limit(500).all()
    }

    /// Queues the reminders that are due: a week before the loan ends and on the day, each once,
    /// by the resident's chosen channel. Run daily (`onramp kit-reminders`).
    static func remind(today: CalendarDay, trackURL: String, now: Date, on database: any Database) async throws -> Int {
        let loans = try await KitAllocation.query(on: database).filter(\.$isLoan == true).filter(\.$returnedAt == nil).filter(\.$lostAt == nil)
            .group(.or) { $0.filter(\.$remindedBefore == nil).filter(\.$remindedDue == nil) }.all()
        var sent = 0
        for loan in loans {
            guard let due = loan.due.flatMap(CalendarDay.init(iso:)) else { continue }
            guard let reminder = LoanSchedule.reminderDue(due: due, today: today, sentWeekBefore: loan.remindedBefore != nil, sentOnTheDay: loan.remindedDue != nil)
            else { continue }
            let onTheDay = reminder == .onTheDay
            try await database.transaction { tx in
                guard let device = try await KitDevice.find(loan.deviceID, on: tx),
                      try await CaseMessages.queue(forReferral: loan.referralID, trackURL: trackURL, now: now, on: tx, {
                          .loanDue(reference: $0, device: "\(device.type.label.lowercased()) \(device.assetTag)", due: due, today: onTheDay)
                      })
                else { return }
                if onTheDay { loan.remindedDue = now; loan.remindedBefore = loan.remindedBefore ?? now } else { loan.remindedBefore = now }
                try await loan.save(on: tx)
            }
            sent += 1
        }
        return sent
    }
}
