import Vapor

/// `onramp kit-recount`: counts the device bank's tallies again from its devices and moves
/// (`StockCounts.recount`), for when they may have gone wrong: devices changed in SQL by hand,
/// or moved by a server still running an older Onramp after the database was migrated.
struct KitRecountCommand: AsyncCommand {
    struct Signature: CommandSignature {}

    var help: String { "Counts the device bank's stock and handovers again from its devices and their moves" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        let counted = try await StockCounts.recount(on: app.db)
        context.console.success("Counted \(counted.counts) stock count\(counted.counts == 1 ? "" : "s") and \(counted.days) day\(counted.days == 1 ? "" : "s") of handovers again.")
    }
}
