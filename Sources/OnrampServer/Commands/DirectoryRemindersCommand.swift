import Vapor

/// `onramp directory-reminders`: asks the partner that looks after each service not checked for
/// 6 months to check it, at most once a month per service. Run it daily from a timer.
struct DirectoryRemindersCommand: AsyncCommand {
    struct Signature: CommandSignature {}

    var help: String { "Asks partners to check their directory services that have not been checked for 6 months" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        let asked = try await Proposals.remindOverdue(months: DirectoryEditingController.reviewMonths, on: app.db, now: Date())
        context.console.success("Asked partners to check \(asked) service\(asked == 1 ? "" : "s").")
    }
}
