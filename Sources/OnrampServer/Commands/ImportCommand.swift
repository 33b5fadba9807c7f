import Vapor

/// `onramp import <dataset> <file> [--lad E09000028,E09000022] [--vintage …]`: one official file,
/// all or nothing. Lists the datasets when the name is unknown.
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
        let started = ContinuousClock.now
        do {
            let outcome = try await PlacesImport.run(dataset, path: signature.file, localAuthorities: lads, vintage: signature.vintage, on: app.db)
            context.console.success("\(outcome.summary) (\(ContinuousClock.now - started))")
        } catch let failure as ImportFailure {
            context.console.error(failure.description)
            throw ExitCode.failure
        }
    }
}
