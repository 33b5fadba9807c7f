import Foundation

/// A message as a sender sees it.
struct OutgoingMessage: Sendable {
    let id: UUID
    let channel: MessageChannel
    let recipient: String
    let subject: String
    let body: String
    /// A letter to print in large print.
    var largePrint = false
}

/// What became of one attempt to send.
enum SendOutcome: Sendable, Equatable {
    /// The provider has it; its id for delivery callbacks.
    case accepted(providerID: String)
    /// Nothing can send this: a person must (a phone call, or no sender is set up).
    case forStaff
    /// Worth trying again later: the provider is down or busy.
    case temporaryFailure(String)
    /// Trying again will not help: a bad number, an address the provider refuses.
    case permanentFailure(String)
}

/// Sends messages to residents and staff. The live sender is GOV.UK Notify; the default is the
/// outbox, which hands every message to staff.
protocol NotificationSender: Sendable {
    func send(_ message: OutgoingMessage) async -> SendOutcome
    /// The provider's id for a message it already has under our reference, asked after a crash
    /// mid-send so that a message is not sent twice.
    func alreadySent(reference: UUID) async -> String?
}

/// The default: nothing leaves Onramp; staff read the outbox and pass messages on.
struct OutboxSender: NotificationSender {
    func send(_ message: OutgoingMessage) async -> SendOutcome { .forStaff }
    func alreadySent(reference: UUID) async -> String? { nil }
}
