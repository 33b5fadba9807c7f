import Fluent
import Foundation
import SQLKit
import Vapor

/// What the queue checks besides sending: whether a fault in Onramp's set-up that holds
/// messages has been mended, and where each letter has got to.
extension NotificationQueue {
    /// Sends again the held messages whose channel now checks out with the provider; those
    /// still at fault wait another ten minutes, with what is wrong now. `dueOnly: false` (at
    /// start-up, after a setting may have changed) checks every held message at once. Each
    /// change is one update that only touches messages still held, so another process that
    /// has already released and sent one is never undone.
    @discardableResult
    static func releaseHeld(on database: any Database, sender: any NotificationSender, now: Date, dueOnly: Bool = true) async throws -> Int {
        let sql = database as! any SQLDatabase
        var channels = sql.select().distinct().column("channel").from(OutboxMessage.schema).where("status", .equal, MessageStatus.held.rawValue)
        if dueOnly { channels = channels.where("next_attempt_at", .lessThanOrEqual, now) }
        var released = 0
        for row in try await channels.all() {
            let channel = try row.decode(column: "channel", as: String.self)
            var update = sql.update(OutboxMessage.schema)
            switch await sender.check(MessageChannel(rawValue: channel) ?? .email) {
            case .ready:
                update = update.set("status", to: MessageStatus.queued.rawValue).set("next_attempt_at", to: now).set("last_error", to: SQLLiteral.null)
            case .fault(let reason):
                update = update.set("last_error", to: reason).set("next_attempt_at", to: now.addingTimeInterval(setupRecheck))
            case .unreachable:
                update = update.set("next_attempt_at", to: now.addingTimeInterval(setupRecheck))
            }
            update = update.where("status", .equal, MessageStatus.held.rawValue).where("channel", .equal, channel)
            if dueOnly { update = update.where("next_attempt_at", .lessThanOrEqual, now) }
            let changed = try await update.returning("status").all()
            released += changed.filter { (try? $0.decode(column: "status", as: String.self)) == MessageStatus.queued.rawValue }.count
        }
        return released
    }

    /// Asks the provider about each letter it accepted and Onramp has not yet heard of for an
    /// hour: posted, failed, to be sent again, or still on its way (asked for two weeks at most).
    /// Each letter is claimed first, by moving its next check on, so two processes never both ask.
    static func followLetters(on database: any Database, sender: any NotificationSender, now: Date, limit: Int) async throws -> Int {
        let letters = try await OutboxMessage.query(on: database)
            .filter(\.$status == MessageStatus.sent.rawValue).filter(\.$nextAttemptAt <= now)
            .filter(\.$channel == MessageChannel.letter.rawValue).filter(\.$providerID != nil).sort(\.$nextAttemptAt).limit(limit).all()
        var posted = 0
        for letter in letters {
            let next = now.addingTimeInterval(letterRecheck)
            let claimed = try await (database as! any SQLDatabase).update(OutboxMessage.schema).set("next_attempt_at", to: next)
                .where("id", .equal, letter.id!).where("status", .equal, MessageStatus.sent.rawValue).where("next_attempt_at", .lessThanOrEqual, now)
                .returning("id").all()
            guard !claimed.isEmpty else { continue }
            letter.nextAttemptAt = next
            switch await sender.letterProgress(providerID: letter.providerID ?? "") {
            case .posted:
                letter.status = MessageStatus.posted.rawValue
                letter.nextAttemptAt = nil
                posted += 1
            case .waiting:
                if (letter.sentAt ?? letter.createdAt) < now.addingTimeInterval(-letterFollowedFor) { letter.nextAttemptAt = nil }
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
