import Fluent
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
        let now = Date()
        let accounts = try await Demo.load(on: app.db, passwordCost: app.onramp.settings.passwordCost, now: now)
        if let directory = DemoPlaces.dataDirectory(environment: ProcessInfo.processInfo.environment),
           let council = try await Organisation.query(on: app.db).filter(\.$name == Demo.councilName).first() {
            let loaded = try await DemoPlaces.load(from: directory, councilID: council.id!, on: app.db, now: now)
                + DemoDirectory.load(from: directory, councilID: council.id!, now: now, on: app.db)
            if !loaded.isEmpty { context.console.print("Loaded open data from \(directory):\n" + loaded.joined(separator: "\n")) }
        }
        if let council = try await Organisation.query(on: app.db).filter(\.$name == Demo.councilName).first() {
            try await Demo.loadOffers(councilID: council.id!, on: app.db)
            try await Demo.loadKit(councilID: council.id!, on: app.db)
            try await Demo.loadChampions(councilID: council.id!, on: app.db)
            try await DemoSessions.load(councilID: council.id!, on: app.db)
            try await DemoProgress.load(councilID: council.id!, on: app.db)
            if let vault = app.onramp.dataVault { try await Demo.loadData(councilID: council.id!, vault: vault, on: app.db) }
            try await DemoFollowUps.load(councilID: council.id!, baseURL: app.onramp.settings.siteAddress ?? "", on: app.db)
            if let made = try await DemoActivity.load(councilID: council.id!, vault: app.onramp.dataVault, now: now, on: app.db) { context.console.print(made) }
        }
        startNotificationWorker(app)
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
