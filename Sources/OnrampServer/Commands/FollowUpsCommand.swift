import OnrampCore
import Vapor

/// `onramp follow-ups`, run daily: asks residents whose help was given some weeks ago whether it
/// worked (by text or email with a link, or onto staff's calls list), reminds once a week later,
/// then counts the unanswered.
struct FollowUpsCommand: AsyncCommand {
    struct Signature: CommandSignature {}

    var help: String { "Asks residents whether the help they were given worked, reminds them once, and counts who did not answer" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        guard let base = app.onramp.settings.siteAddress else {
            // Residents answer away from the site: a link needs the full address.
            context.console.error("Set ONRAMP_PUBLIC_URL, so follow-ups can link to their questions.")
            throw ExitCode.usage
        }
        let counts = try await FollowUps.run(today: WorkingDays.today(Date()), baseURL: base, now: Date(), on: app.db)
        context.console.success("Asked \(counts.asked) by text or email, added \(counts.toCall) to the follow-up calls, reminded \(counts.reminded), and recorded \(counts.unanswered) as not answered.")
    }
}
