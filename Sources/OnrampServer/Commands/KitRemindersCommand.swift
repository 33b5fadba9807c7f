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
        let counts = try await KitReminders.run(today: WorkingDays.today(Date()), baseURL: base, now: Date(), on: app.db)
        let (loans, data, sessions, councils) = (counts.loans, counts.data, counts.sessions, counts.stockAlerts)
        context.console.success("Queued \(loans) loan reminder\(loans == 1 ? "" : "s"), \(data) data reminder\(data == 1 ? "" : "s"), \(sessions) session reminder\(sessions == 1 ? "" : "s"), and low-stock alerts for \(councils) council\(councils == 1 ? "" : "s").")
    }
}

/// The reminders `kit-reminders` and the scheduler send: loans, data, sessions, low stock.
enum KitReminders {
    struct Counts { var loans = 0, data = 0, sessions = 0, stockAlerts = 0 }

    static func run(today: CalendarDay, baseURL: String, now: Date, on database: any Database) async throws -> Counts {
        Counts(loans: try await Loans.remind(today: today, trackURL: baseURL + SiteURL.track.path, now: now, on: database),
               data: try await DataPacks.remind(today: today, trackURL: baseURL + SiteURL.track.path, now: now, on: database),
               sessions: try await SessionReminders.remind(today: today, now: now, on: database),
               stockAlerts: try await StockAlerts.send(today: today, kitURL: baseURL + SiteURL.kit.path, now: now, on: database))
    }
}
