import Fluent
import OnrampCore
import Vapor

/// `onramp kit-reminders`, run daily: reminds residents a week before their loan ends and on the day.
struct KitRemindersCommand: AsyncCommand {
    struct Signature: CommandSignature {}

    var help: String { "Reminds residents whose device loans end in a week or today" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        guard let base = app.onramp.settings.siteAddress else {
            // Residents read reminders away from the site: a link needs the full address.
            context.console.error("Set ONRAMP_PUBLIC_URL, so reminders can link to /track.")
            throw ExitCode.usage
        }
        let sent = try await Loans.remind(today: WorkingDays.today(Date()), trackURL: base + SiteURL.track.path, now: Date(), on: app.db)
        context.console.success("Queued \(sent) loan reminder\(sent == 1 ? "" : "s").")
    }
}
