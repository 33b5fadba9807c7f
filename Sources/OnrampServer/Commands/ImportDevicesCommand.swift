import Fluent
import OnrampCore
import Vapor

/// `onramp import-devices FILE --council NAME --donor NAME --source council-refresh [--received 2026-11-22]`:
/// a donated batch from its CSV, every row checked, all or nothing.
struct ImportDevicesCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "The batch's CSV: type, make, model, serial and optional columns")
        var file: String
        @Option(name: "council", help: "The council whose device bank it joins, by name")
        var council: String?
        @Option(name: "donor", help: "Who gave the devices")
        var donor: String?
        @Option(name: "source", help: "council-refresh, business, resident or other")
        var source: String?
        @Option(name: "received", help: "The date received, like 2026-11-22 (default today)")
        var received: String?
    }

    var help: String { "Records a donated batch of devices from its CSV" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.council != nil, let donor = signature.donor, let source = signature.source.flatMap(DonationSource.init(rawValue:)) else {
            context.console.error("Give --council, --donor and --source (\(DonationSource.allCases.map(\.rawValue).joined(separator: ", "))).")
            throw ExitCode.usage
        }
        guard let received = signature.received.map({ CalendarDay(iso: $0) }) ?? WorkingDays.today(Date()) else {
            context.console.error("--received must be a date like 2026-11-22.")
            throw ExitCode.usage
        }
        let app = context.application
        try await app.autoMigrate()
        let council = try await ImportCommand.council(named: signature.council, on: app.db, console: context.console)
        let started = ContinuousClock.now
        do {
            let (_, rows, _) = try PlacesReader.readCSV(DataFile(path: signature.file)) { try DeviceBatchParser(header: $0) }
            _ = try await DeviceBank.importBatch(
                rows, details: .init(donor: donor, source: source, receivedOn: received, notes: ""), file: signature.file,
                councilID: council.id!, actor: .commandLine, now: Date(), on: app.db
            )
            context.console.success("Recorded \(rows.count) devices from \(donor) (\(ContinuousClock.now - started))")
        } catch let failure as ImportFailure {
            context.console.error(failure.description)
            throw ExitCode.failure
        }
    }
}
