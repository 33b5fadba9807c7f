import Fluent
import OnrampCore
import Vapor

extension Organisation {
    /// The council first, then its partners by name.
    static func all(councilID: UUID, on database: any Database) async throws -> [Organisation] {
        let organisations = try await Organisation.query(on: database)
            .filter(\.$councilID == councilID).sort(\.$name).all()
        return organisations.filter { $0.type == .council } + organisations.filter { $0.type != .council }
    }

    /// Every council Onramp serves, by name.
    static func councils(on database: any Database) async throws -> [Organisation] {
        try await Organisation.query(on: database).filter(\.$type == .council).sort(\.$name).all()
    }

    /// A council by its name, as the command line's `--council` gives it.
    static func council(named name: String, on database: any Database) async throws -> Organisation? {
        try await Organisation.query(on: database).filter(\.$name == name).filter(\.$type == .council).first()
    }

    static func named(_ name: String, councilID: UUID, on database: any Database) async throws -> Organisation? {
        try await Organisation.query(on: database).filter(\.$councilID == councilID).filter(\.$name == name).first()
    }
}

/// A partner organisation as the form and the API send it.
struct PartnerInput: Content {
    var name: String?
    var type: String?

    /// Partners are any type but council: a new council is set up from the command line.
    static let types = OrganisationType.allCases.filter { $0 != .council }

    func validate(councilID: UUID, on database: any Database) async throws -> (Organisation?, FormErrors) {
        var errors = FormErrors()
        let name = errors.text("name", name, label: "the organisation's name", maxLength: 150)
        let type = errors.choice("type", type, as: OrganisationType.self, message: "Select the type of organisation")
        if type == .council { errors.add("type", "Select the type of organisation: a partner cannot be a council") }
        if errors["name"] == nil, try await Organisation.named(name, councilID: councilID, on: database) != nil {
            errors.add("name", "There is already an organisation called \(name)")
        }
        guard errors.isEmpty, let type else { return (nil, errors) }
        return (Organisation(councilID: councilID, name: name, type: type), errors)
    }
}

enum Partners {
    /// Adds a partner to the council and records it, in one transaction. Returns the form's
    /// errors instead when another request took the name a moment before.
    static func add(_ organisation: Organisation, by actor: AuditActor, on database: any Database, now: Date) async throws -> FormErrors {
        var errors = FormErrors()
        do {
            try await add(organisation, actor: actor, on: database, now: now)
        } catch where error.isConstraintFailure {
            errors.add("name", "There is already an organisation called \(organisation.name)")
        }
        return errors
    }

    private static func add(_ organisation: Organisation, actor: AuditActor, on database: any Database, now: Date) async throws {
        try await database.transaction { tx in
            try await organisation.create(on: tx)
            try await Audit.record(
                .organisationCreated, by: actor, recordType: "organisation", recordID: organisation.id,
                summary: "Added \(organisation.name) (\(organisation.type.label.lowercased()))", on: tx, now: now
            )
        }
    }
}
