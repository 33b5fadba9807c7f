import Fluent
import Foundation
import SQLKit
import Vapor

/// Sends what the outbox holds. A message is claimed with a lease before it is sent, so two
/// Onramp processes never send the same one; if a process dies mid-send, the lease runs out and
/// the next pass first asks the provider whether it already has the message, so nothing is sent
/// twice and nothing is lost.
enum NotificationQueue {
    static let lease: TimeInterval = 60
    static let maxAttempts = 8
    /// How often messages held by a fault in Onramp's set-up are checked again.
    static let setupRecheck: TimeInterval = 600
    /// How often Notify is asked where a letter has got to, and for how long.
    static let letterRecheck: TimeInterval = 3600
    static let letterFollowedFor: TimeInterval = 14 * 86400

    /// Seconds to wait after a failed attempt: 30 s, doubling, at most an hour.
    static func backoff(afterAttempt attempt: Int) -> TimeInterval {
        min(3600, 30 * pow(2, Double(max(0, attempt - 1))))
    }

    struct Pass: Equatable, Sendable {
        var sent = 0, forStaff = 0, retrying = 0, failed = 0, recovered = 0
        var held = 0, released = 0, posted = 0
    }

    /// One pass over the messages that are due. Returns what happened, for logs and tests.
    @discardableResult
    static func sendDue(on database: any Database, sender: any NotificationSender, now: Date, limit: Int = 50) async throws -> Pass {
        var pass = Pass()
        pass.released = try await releaseHeld(on: database, sender: sender, now: now)
        pass.posted = try await followLetters(on: database, sender: sender, now: now, limit: limit)
        let due = try await OutboxMessage.query(on: database)
            .group(.or) { either in
                either.group(.and) { waiting in
                    waiting.filter(\.$status ~~ [MessageStatus.queued.rawValue, MessageStatus.retrying.rawValue])
                    waiting.group(.or) { $0.filter(\.$nextAttemptAt == nil).filter(\.$nextAttemptAt <= now) }
                }
                either.group(.and) { $0.filter(\.$status == MessageStatus.sending.rawValue).filter(\.$leaseUntil < now) }
            }
            .sort(\.$createdAt).limit(limit).all()
        // A fault in Onramp's set-up holds the rest of its channel in this pass without asking
        // the provider again: one refused request, not one per message.
        var heldChannels: [String: String] = [:]
        for message in due {
            let interrupted = message.status == MessageStatus.sending.rawValue
            guard try await claim(message, on: database, now: now) else { continue }
            if let reason = heldChannels[message.channel] {
                try await record(.setupFault(reason), for: message, on: database, now: now)
                pass.held += 1
                continue
            }
            if interrupted, let providerID = await sender.alreadySent(reference: message.id!, except: message.providerID) {
                try await record(.accepted(providerID: providerID), for: message, on: database, now: now)
                pass.recovered += 1
                continue
            }
            let outgoing = OutgoingMessage(
                id: message.id!, channel: MessageChannel(rawValue: message.channel) ?? .email,
                recipient: message.recipient, subject: message.subject, body: message.body, largePrint: message.largePrint
            )
            let outcome = await sender.send(outgoing)
            try await record(outcome, for: message, on: database, now: now)
            switch outcome {
            case .accepted: pass.sent += 1
            case .forStaff: pass.forStaff += 1
            case .temporaryFailure: if message.status == MessageStatus.failed.rawValue { pass.failed += 1 } else { pass.retrying += 1 }
            case .permanentFailure: pass.failed += 1
            case .setupFault(let reason):
                pass.held += 1
                heldChannels[message.channel] = reason
            }
        }
        return pass
    }

    /// Takes the message if nobody else has since it was read: the update only matches the
    /// attempt count we saw.
    private static func claim(_ message: OutboxMessage, on database: any Database, now: Date) async throws -> Bool {
        let sql = database as! any SQLDatabase
        let rows = try await sql.update(OutboxMessage.schema)
            .set("status", to: MessageStatus.sending.rawValue)
            .set("lease_until", to: now.addingTimeInterval(lease))
            .set("attempts", to: message.attempts + 1)
            .where("id", .equal, message.id!)
            .where("attempts", .equal, message.attempts)
            .where("status", .equal, message.status)
            .returning("id")
            .all()
        guard !rows.isEmpty else { return false }
        message.attempts += 1
        message.status = MessageStatus.sending.rawValue
        return true
    }

    private static func record(_ outcome: SendOutcome, for message: OutboxMessage, on database: any Database, now: Date) async throws {
        message.leaseUntil = nil
        // Once a message has left the queue, a link with a secret in it (an invitation) is no
        // longer kept: the person it was for has it, and nobody else should.
        switch outcome {
        case .setupFault: break
        case .temporaryFailure where message.attempts < maxAttempts: break
        default: message.body = SiteURL.maskingSecrets(in: message.body)
        }
        switch outcome {
        case .accepted(let providerID):
            message.status = MessageStatus.sent.rawValue
            message.providerID = providerID
            message.sentAt = now
            message.lastError = nil
            // Letters get no delivery receipt: Notify is asked where each has got to.
            message.nextAttemptAt = message.channel == MessageChannel.letter.rawValue ? now.addingTimeInterval(letterRecheck) : nil
        case .setupFault(let reason):
            // Not the resident's fault, and no attempt used up: held until the setting is mended.
            message.status = MessageStatus.held.rawValue
            message.lastError = reason
            message.attempts -= 1
            message.nextAttemptAt = now.addingTimeInterval(setupRecheck)
        case .forStaff:
            message.status = MessageStatus.forStaff.rawValue
        case .temporaryFailure(let error) where message.attempts < maxAttempts:
            message.status = MessageStatus.retrying.rawValue
            message.lastError = error
            message.nextAttemptAt = now.addingTimeInterval(backoff(afterAttempt: message.attempts))
        case .temporaryFailure(let error), .permanentFailure(let error):
            message.lastError = error
            try await fail(message, on: database, now: now)
            return
        }
        try await message.save(on: database)
    }

    /// Sends again a message the provider could not send through a fault of its own, unless
    /// it has been tried as often as the queue tries anything.
    static func retry(_ message: OutboxMessage, reason: String, on database: any Database, now: Date) async throws {
        message.lastError = reason
        // A link with a secret was taken out once the provider had it; sent again without it,
        // the message would be no use: the person must be sent a new one.
        if message.body.contains(SiteURL.maskedSecret) {
            message.lastError = reason + ", and it held a link that is no longer kept: send a new one"
            return try await fail(message, on: database, now: now)
        }
        guard message.attempts < maxAttempts else { return try await fail(message, on: database, now: now) }
        message.status = MessageStatus.retrying.rawValue
        message.nextAttemptAt = now.addingTimeInterval(backoff(afterAttempt: message.attempts))
        try await message.save(on: database)
    }

    /// Marks a message undeliverable and says so on its case, with what to try instead.
    static func fail(_ message: OutboxMessage, on database: any Database, now: Date) async throws {
        try await database.transaction { tx in
            message.status = MessageStatus.failed.rawValue
            try await message.save(on: tx)
            guard let caseID = message.caseID else { return }
            let channel = MessageChannel(rawValue: message.channel)?.label.lowercased() ?? message.channel
            try await CaseEvent(
                caseID: caseID, at: now, actor: "Onramp",
                text: "Our \(channel) \u{201C}\(message.subject)\u{201D} could not be delivered (\(message.lastError ?? "no reason given")). Try another way: phone the resident or send a letter."
            ).create(on: tx)
        }
    }
}

/// Runs the queue every few seconds while Onramp serves.
enum NotificationWorker {
    static func start(_ app: Application, every interval: TimeInterval) {
        let task = Task {
            while !Task.isCancelled {
                do {
                    let pass = try await NotificationQueue.sendDue(on: app.db, sender: app.onramp.sender(app), now: Date())
                    if pass != NotificationQueue.Pass() { app.logger.info("notifications", metadata: ["sent": "\(pass.sent)", "for-staff": "\(pass.forStaff)", "retrying": "\(pass.retrying)", "failed": "\(pass.failed)", "recovered": "\(pass.recovered)"]) }
                } catch {
                    app.logger.error("notification queue: \(error)")
                }
                try? await Task.sleep(nanoseconds: UInt64(interval * 1_000_000_000))
            }
        }
        app.lifecycle.use(Stopper(task: task))
    }

    private struct Stopper: LifecycleHandler {
        let task: Task<Void, Never>
        func shutdown(_ application: Application) { task.cancel() }
    }
}

extension OnrampState {
    /// GOV.UK Notify when it is set up, otherwise the outbox.
    func sender(_ app: Application) -> any NotificationSender {
        guard let notify = settings.notify else { return OutboxSender() }
        return NotifyClient(settings: notify, client: app.client, now: { Date() })
    }
}
