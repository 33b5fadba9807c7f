import Fluent
import Foundation
import Vapor

/// What the queue checks besides sending: whether a fault in Onramp's set-up that holds
/// messages has been mended, and where each letter has got to.
extension NotificationQueue {
    /// Sends again the held messages whose channel now checks out with the provider; those
    /// still at fault wait another ten minutes, with what is wrong now. `dueOnly: false` (at
    /// start-up, after a setting may have changed) checks every held message at once.
    @discardableResult
    static func releaseHeld(on database: any Database, sender: any NotificationSender, now: Date, dueOnly: Bool = true) async throws -> Int {
        var query = OutboxMessage.query(on: database).filter(\.$status == MessageStatus.held.rawValue)
        if dueOnly { query = query.filter(\.$nextAttemptAt <= now) }
        let held = try await query.all()
        var checks: [MessageChannel: SetupCheck] = [:]
        var released = 0
        for message in held {
            let channel = MessageChannel(rawValue: message.channel) ?? .email
            let check: SetupCheck
            if let known = checks[channel] { check = known } else { check = await sender.check(channel); checks[channel] = check }
            switch check {
            case .ready:
                message.status = MessageStatus.queued.rawValue
                message.lastError = nil
                message.nextAttemptAt = now
                released += 1
            case .fault(let reason):
                message.lastError = reason
                message.nextAttemptAt = now.addingTimeInterval(setupRecheck)
            case .unreachable:
                message.nextAttemptAt = now.addingTimeInterval(setupRecheck)
            }
            try await message.save(on: database)
        }
        return released
    }

    /// Asks the provider about each letter it accepted and Onramp has not yet heard of for an
    /// hour: posted, failed, to be sent again, or still on its way (asked for two weeks at most).
    static func followLetters(on database: any Database, sender: any NotificationSender, now: Date, limit: Int) async throws -> Int {
        let letters = try await OutboxMessage.query(on: database)
            .filter(\.$channel == MessageChannel.letter.rawValue).filter(\.$status == MessageStatus.sent.rawValue)
            .filter(\.$providerID != nil).filter(\.$nextAttemptAt <= now).sort(\.$nextAttemptAt).limit(limit).all()
        var posted = 0
        for letter in letters {
            switch await sender.letterProgress(providerID: letter.providerID ?? "") {
            case .posted:
                letter.status = MessageStatus.posted.rawValue
                letter.nextAttemptAt = nil
                posted += 1
            case .waiting:
                let givenUp = (letter.sentAt ?? letter.createdAt) < now.addingTimeInterval(-letterFollowedFor)
                letter.nextAttemptAt = givenUp ? nil : now.addingTimeInterval(letterRecheck)
            case .unknown:
                letter.nextAttemptAt = nil
            case .retry(let reason):
                try await retry(letter, reason: reason, on: database, now: now)
                continue
            case .failed(let reason):
                letter.lastError = reason
                try await fail(letter, on: database, now: now)
                continue
            }
            try await letter.save(on: database)
        }
        return posted
    }

    /// Held messages for a council, each distinct reason once: what its administrators are told.
    static func heldReasons(councilID: UUID, on database: any Database) async throws -> (count: Int, reasons: [String]) {
        let held = try await OutboxMessage.query(on: database).filter(\.$councilID == councilID).filter(\.$status == MessageStatus.held.rawValue)
            .field(\.$lastError).all()
        var reasons: [String] = []
        for reason in held.compactMap(\.lastError) where !reasons.contains(reason) { reasons.append(reason) }
        return (held.count, reasons)
    }
}

/// `onramp serve` checks GOV.UK Notify's set-up as it starts: each template is asked for, and
/// what is wrong is said plainly in the log. Messages held by a fault now mended are released.
public func checkNotifySetup(_ app: Application) async {
    guard app.onramp.settings.notify != nil else {
        app.logger.notice("GOV.UK Notify is not set up (ONRAMP_NOTIFY_API_KEY): every message waits in the outbox for staff to pass on")
        return
    }
    let sender = app.onramp.sender(app)
    for channel in [MessageChannel.email, .sms, .letter] {
        switch await sender.check(channel) {
        case .ready:
            app.logger.info("GOV.UK Notify: the template for \(NotifySetupWords.plural(channel)) is ready")
        case .fault(let reason):
            app.logger.error("GOV.UK Notify cannot send \(NotifySetupWords.plural(channel)): \(reason). Until this is mended they are held, not sent, and administrators are told on the Messages page")
        case .unreachable:
            app.logger.warning("GOV.UK Notify did not answer when Onramp checked the template for \(NotifySetupWords.plural(channel)): it is checked again before any held message is sent")
        }
    }
    do {
        let released = try await NotificationQueue.releaseHeld(on: app.db, sender: sender, now: Date(), dueOnly: false)
        if released > 0 { app.logger.notice("GOV.UK Notify: \(released) held messages will now be sent") }
    } catch {
        app.logger.error("GOV.UK Notify: held messages could not be checked: \(error)")
    }
}
