import Fluent
import OnrampCore
import Vapor

/// `onramp import <dataset> <file> [--lad E09000028,E09000022] [--vintage …]`: one official file,
/// all or nothing. Lists the datasets when the name is unknown. A council's own indicator is
/// `onramp import indicator FILE --council NAME --key KEY --label LABEL --component C [--less-is-risk]`.
struct ImportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "dataset", help: "Which dataset the file is (run with any name to see the list)")
        var dataset: String
        @Argument(name: "file", help: "The file, as published (.gz is read as it is)")
        var file: String
        @Option(name: "lad", help: "Keep only these local authorities: codes separated by commas")
        var lad: String?
        @Option(name: "vintage", help: "The data's edition, when the file does not say")
        var vintage: String?
        @Option(name: "council", help: "indicator, oruk: the council whose records these are, by name")
        var council: String?
        @Option(name: "key", help: "indicator: its key, such as no_home_internet_pct")
        var key: String?
        @Option(name: "label", help: "indicator: what it measures, in words")
        var label: String?
        @Option(name: "component", help: "indicator: demography, connectivity or deprivation")
        var component: String?
        @Flag(name: "less-is-risk", help: "indicator: a higher value means less risk (its score is reversed)")
        var lessIsRisk: Bool
    }

    var help: String { "Imports an official open-data file: deprivation, census, lookups, population, broadband" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let dataset = PlacesDataset(rawValue: signature.dataset) else {
            context.console.error("Onramp does not know the dataset \u{201C}\(signature.dataset)\u{201D}. It knows:")
            for known in PlacesDataset.allCases { context.console.print("  \(known.rawValue.padding(toLength: 22, withPad: " ", startingAt: 0)) \(known.summary)") }
            throw ExitCode.usage
        }
        let lads = (signature.lad ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let app = context.application
        try await app.autoMigrate()
        let own = dataset == .councilIndicator ? try await ownIndicator(signature, on: app.db, console: context.console) : nil
        let owner = [.oruk, .directoryCSV].contains(dataset) ? ImportOwner(councilID: try await council(signature, on: app.db, console: context.console).id!) : nil
        let started = ContinuousClock.now
        do {
            let outcome = try await PlacesImport.run(dataset, path: signature.file, localAuthorities: lads, vintage: signature.vintage, own: own, owner: owner, on: app.db, now: Date())
            context.console.success("\(outcome.summary) (\(ContinuousClock.now - started))")
        } catch let failure as ImportFailure {
            context.console.error(failure.description)
            throw ExitCode.failure
        }
    }

    /// The council and definition of an `indicator` import, or a usage error saying what is wrong.
    private func ownIndicator(_ signature: Signature, on db: any Database, console: any Console) async throws -> OwnIndicator {
        guard signature.council != nil, let key = signature.key, let label = signature.label, let component = signature.component else {
            console.error("An indicator needs --council, --key, --label and --component.")
            throw ExitCode.usage
        }
        let council = try await self.council(signature, on: db, console: console)
        do {
            let indicator = try CustomIndicator.make(key: key, label: label, component: component, reversed: signature.lessIsRisk)
            return OwnIndicator(councilID: council.id!, indicator: indicator)
        } catch let problem as RiskIndex.Problem {
            for message in problem.messages { console.error(message) }
            throw ExitCode.usage
        }
    }

    private func council(_ signature: Signature, on db: any Database, console: any Console) async throws -> Organisation {
        try await Self.council(named: signature.council, on: db, console: console)
    }

    /// The council named by a command's `--council`, or a usage error that says what is wrong.
    static func council(named name: String?, on db: any Database, console: any Console) async throws -> Organisation {
        guard let name else {
            console.error("Say whose records these are with --council NAME.")
            throw ExitCode.usage
        }
        guard let council = try await Organisation.council(named: name, on: db) else {
            console.error("There is no council called \(name).")
            throw ExitCode.failure
        }
        return council
    }
}
