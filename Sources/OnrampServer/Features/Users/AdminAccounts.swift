import Fluent
import OnrampCore
import Vapor

/// Setting up a council's first administrator, from the command line or the demo.
enum AdminAccounts {
    enum Problem: Error, CustomStringConvertible {
        case invalid([String])
        case emailTaken(String)

        var description: String {
            switch self {
            case .invalid(let messages): messages.joined(separator: "\n")
            case .emailTaken(let email): "Someone already has an account with the email address \(email)."
            }
        }
    }

    /// Creates an administrator in `organisationName`, creating that organisation as a new
    /// council if no organisation has the name yet. Returns the organisation.
    @discardableResult
    static func create(
        email rawEmail: String, name rawName: String?, organisationName: String, password: String,
        passwordCost: Int, checkPassword: Bool = true, on database: any Database, now: Date
    ) async throws -> Organisation {
        var errors = FormErrors()
        let email = EmailAddress.validateForMessages(rawEmail, field: "email", into: &errors)
        let organisationName = errors.text("organisation", organisationName, label: "the organisation's name", maxLength: 150)
        let name = errors.text("name", rawName ?? String(email.split(separator: "@").first ?? ""), label: "a name", maxLength: 100)
        if checkPassword {
            PasswordPolicy.validate(password: password, confirmation: password, email: email, into: &errors)
        }
        guard errors.isEmpty else { throw Problem.invalid(errors.problems.map(\.message)) }
        if try await User.find(email: email, on: database) != nil { throw Problem.emailTaken(email) }

        let hash = try Bcrypt.hash(password, cost: passwordCost)
        return try await database.transaction { tx in
            // Only a council: an admin made here runs the whole council, never a partner in another.
            let existing = try await Organisation.query(on: tx)
                .filter(\.$name == organisationName).filter(\.$type == .council).first()
            let organisation = existing ?? Organisation.council(name: organisationName)
            if existing == nil {
                try await organisation.create(on: tx)
                try await Audit.record(
                    .organisationCreated, by: .commandLine, recordType: "organisation", recordID: organisation.id,
                    summary: "Set up \(organisationName) as a council", councilID: organisation.councilID, on: tx, now: now
                )
            }
            let user = User(organisation: organisation, email: email, name: name, role: .admin, passwordHash: hash)
            try await user.create(on: tx)
            try await Audit.record(
                .adminCreated, by: .commandLine, recordType: "user", recordID: user.id,
                summary: "Created administrator \(email)", councilID: organisation.councilID, on: tx, now: now
            )
            return organisation
        }
    }
}
