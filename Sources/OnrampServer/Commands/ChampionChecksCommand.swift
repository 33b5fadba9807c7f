import OnrampCore
import Vapor

/// `onramp champion-checks`, run daily: pauses every active champion whose required checks are
/// not all done and in date, telling them and their coordinators. The champions' pages do the
/// same when opened; this catches the days nobody opens them.
struct ChampionChecksCommand: AsyncCommand {
    struct Signature: CommandSignature {}

    var help: String { "Pauses digital champions whose required checks have lapsed, and tells them and their coordinators" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        let paused = try await ChampionChecks.pauseLapsed(councilID: nil, today: WorkingDays.today(Date()), now: Date(), on: app.db)
        context.console.success("Paused \(paused) champion\(paused == 1 ? "" : "s") whose checks have lapsed.")
    }
}
