import Fluent
import OnrampCore
import Vapor

/// `onramp kit-reminders`, run daily: reminds residents a week before their loan ends and on
/// the day, and two weeks before their free data ends; reminds booked residents the day before
/// their skills session; tells officers when stock runs low.
struct KitRemindersCommand: AsyncCommand {
    struct Signature: CommandSignature {}

    var help: String { "Reminds residents whose device loans or free data end soon or whose skills session is tomorrow, and tells officers when stock is low" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        guard let base = app.onramp.settings.siteAddress else {
            // Residents read reminders away from the site: a link needs the full address.
            context.console.error("Set ONRAMP_PUBLIC_URL, so reminders can link to /track.")
            throw ExitCode.usage
        }
        let (today, now) = (WorkingDays.today(Date()), Date())
        let loans = try await Loans.remind(today: today, trackURL: base + SiteURL.track.path, now: now, on: app.db)
        let data = try await DataPacks.remind(today: today, trackURL: base + SiteURL.track.path, now: now, on: app.db)
        let sessions = try await SessionReminders.remind(today: today, now: now, on: app.db)
        let councils = try await StockAlerts.send(today: today, kitURL: base + SiteURL.kit.path, now: now, on: app.db)
        context.console.success("Queued \(loans) loan reminder\(loans == 1 ? "" : "s"), \(data) data reminder\(data == 1 ? "" : "s"), \(sessions) session reminder\(sessions == 1 ? "" : "s"), and low-stock alerts for \(councils) council\(councils == 1 ? "" : "s").")
    }
}
