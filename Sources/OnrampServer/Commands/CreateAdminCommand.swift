import Foundation
import Vapor

/// `onramp users create-admin --email … --organisation …`: the first administrator of a council.
/// The password is asked for at a terminal, or read from the first line of standard input.
struct CreateAdminCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "email", help: "Their email address, used to sign in")
        var email: String?
        @Option(name: "organisation", help: "The council's name; a new council is set up if none has this name")
        var organisation: String?
        @Option(name: "name", help: "Their full name (defaults to the first part of the email address)")
        var name: String?
    }

    var help: String { "Creates an administrator, and their council if it is new" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let email = signature.email, let organisation = signature.organisation else {
            context.console.error("Give both --email and --organisation.")
            throw ExitCode.usage
        }
        let password: String
        if isatty(STDIN_FILENO) == 1 {
            password = context.console.ask("Password for \(email) (at least 10 characters):", isSecure: true)
        } else {
            password = readLine(strippingNewline: true) ?? ""
        }
        let app = context.application
        try await app.autoMigrate()
        do {
            let council = try await AdminAccounts.create(
                email: email, name: signature.name, organisationName: organisation, password: password,
                passwordCost: app.onramp.settings.passwordCost, on: app.db, now: Date()
            )
            context.console.success("Created administrator \(email.lowercased()) in \(council.name).")
        } catch let problem as AdminAccounts.Problem {
            context.console.error(problem.description)
            throw ExitCode.failure
        }
    }
}
