import Fluent
import OnrampCore
import Vapor

/// `onramp index --council NAME --lad E09000028[,…] | london | england [--base lad|london|england]
/// [--geography lsoa21|lsoa11]`: computes and stores one run of the risk index per local
/// authority, with standard weights.
struct IndexCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "council", help: "The council the runs belong to, by name")
        var council: String?
        @Option(name: "lad", help: "Local authority codes separated by commas, or london, or england")
        var lad: String?
        @Option(name: "base", help: "lad (default), london or england")
        var base: String?
        @Option(name: "geography", help: "lsoa21 (default) or lsoa11")
        var geography: String?
    }

    var help: String { "Computes the Digital Exclusion Risk Index for local authorities, with the standard weights" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard let name = signature.council, let which = signature.lad else {
            context.console.error("Give --council and --lad.")
            throw ExitCode.usage
        }
        guard let base = IndexBase(rawValue: signature.base ?? "lad") else {
            context.console.error("--base is lad, london or england.")
            throw ExitCode.usage
        }
        guard let geography = LSOAGeography(rawValue: signature.geography ?? "lsoa21") else {
            context.console.error("--geography is lsoa21 or lsoa11.")
            throw ExitCode.usage
        }
        try await app.autoMigrate()
        guard let council = try await Organisation.council(named: name, on: app.db) else {
            context.console.error("There is no council called \(name).")
            throw ExitCode.failure
        }
        let all = try await PlaceArea.localAuthorities(geography, on: app.db).map(\.code)
        let lads: [String] = switch which {
        case "london": all.filter { $0.hasPrefix("E09") }
        case "england": all.filter { $0.hasPrefix("E") }
        default: which.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        let started = ContinuousClock.now
        do {
            let runs = try await IndexRuns.computeMany(lads: lads, geography: geography, base: base, settings: .standard, councilID: council.id!, by: .commandLine, on: app.db, now: Date())
            let areas = runs.reduce(0) { $0 + $1.areaCount }
            context.console.success("Computed \(runs.count) runs, \(areas) areas (\(geography.year) LSOAs), against \(base.label.lowercased()) (\(ContinuousClock.now - started))")
        } catch let refusal as IndexRuns.Refusal {
            context.console.error(refusal.description)
            throw ExitCode.failure
        }
    }
}

/// `onramp index-inputs --base england FILE`: the indicator values the index is computed from,
/// one 2021 LSOA a row, as CSV, for checking Onramp's figures with other tools.
struct IndexInputsCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "Where to write the CSV")
        var file: String
        @Option(name: "base", help: "london or england (default)")
        var base: String?
    }

    var help: String { "Writes the indicator values behind the risk index as CSV" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        let codes = signature.base == "london" ? try await PlaceArea.lsoas(ladPrefix: "E09", on: app.db).map(\.code) : nil
        let inputs = try await IndexInputs.load(codes: codes, on: app.db)
        let keys = RiskIndex.standardIndicators.map(\.key)
        var lines = ["lsoa21_code," + keys.joined(separator: ",")]
        for code in inputs.areas.keys.sorted() where code.hasPrefix("E01") {
            let values = inputs.areas[code]!.values
            lines.append(code + "," + keys.map { values[$0].map { String($0) } ?? "" }.joined(separator: ","))
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: signature.file, atomically: true, encoding: .utf8)
        context.console.success("Wrote \(lines.count - 1) areas to \(signature.file)")
    }
}
