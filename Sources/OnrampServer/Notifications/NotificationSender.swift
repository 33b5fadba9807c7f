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
    /// A fault in Onramp's own set-up (a refused API key, a template missing or left unset): not
    /// the resident's fault, so the message is held until the setting is mended.
    case setupFault(String)
}

/// Whether the provider is ready to send on one channel, as far as Onramp's settings go.
enum SetupCheck: Sendable, Equatable {
    case ready
    /// What is wrong, in words an administrator can act on.
    case fault(String)
    /// The provider did not answer: nothing is known either way.
    case unreachable
}

/// Where a letter the provider accepted has got to.
enum LetterProgress: Sendable, Equatable {
    /// Still being checked or printed: ask again later.
    case waiting
    /// Handed to the post.
    case posted
    /// Trying again may help (the provider's own fault).
    case retry(String)
    /// It will not be posted.
    case failed(String)
    /// The provider no longer knows it (past its retention) or did not answer usefully.
    case unknown
}

/// Sends messages to residents and staff. The live sender is GOV.UK Notify; the default is the
/// outbox, which hands every message to staff.
protocol NotificationSender: Sendable {
    func send(_ message: OutgoingMessage) async -> SendOutcome
    /// The provider's id for a message it already has under our reference, asked after a crash
    /// mid-send so that a message is not sent twice: not `except` (an earlier try that failed,
    /// for a message being sent again), nor one the provider says failed.
    func alreadySent(reference: UUID, except: String?) async -> String?
    /// Checks the settings a channel needs (the key, the template), without sending anything.
    func check(_ channel: MessageChannel) async -> SetupCheck
    /// Asks where a letter the provider accepted has got to; letters get no delivery receipt.
    func letterProgress(providerID: String) async -> LetterProgress
}

/// The default: nothing leaves Onramp; staff read the outbox and pass messages on.
struct OutboxSender: NotificationSender {
    func send(_ message: OutgoingMessage) async -> SendOutcome { .forStaff }
    func alreadySent(reference: UUID, except: String?) async -> String? { nil }
    func check(_ channel: MessageChannel) async -> SetupCheck { .ready }
    func letterProgress(providerID: String) async -> LetterProgress { .unknown }
}
