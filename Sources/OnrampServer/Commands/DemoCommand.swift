import Vapor

/// `onramp demo`: migrates the SQLite file, loads demo data, prints the demo accounts and
/// serves on http://127.0.0.1:8080.
struct DemoCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "hostname", help: "Address to listen on (default 127.0.0.1)")
        var hostname: String?
        @Option(name: "port", help: "Port to listen on (default 8080)")
        var port: Int?
    }

    var help: String { "Starts Onramp with demo data and one demo account per role" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        let accounts = try await Demo.load(on: app.db, passwordCost: app.onramp.settings.passwordCost)
        let hostname = signature.hostname ?? "127.0.0.1"
        let port = signature.port ?? 8080
        context.console.print(Demo.describe(accounts, address: "http://\(hostname):\(port)"))

        var serve = CommandContext(
            console: context.console,
            input: CommandInput(arguments: ["onramp serve", "--hostname", hostname, "--port", String(port)])
        )
        serve.application = app
        try await app.servers.asyncCommand.run(using: &serve)
    }
}
