import Fluent
import FluentSQL
import OnrampCore
import SQLKit
import Vapor

/// What a signed-in person may reach: their council's records and, for partner staff and
/// champions, residents only through their own organisation's referrals. Made in one place
/// (`Request.scope`) from the person, and the only way a request loads a council's or an
/// organisation's record by id: outside the scope a record does not exist (404).
struct Scope: Sendable, Equatable {
    let councilID: UUID
    /// Set for partner staff and champions.
    let organisationID: UUID?

    init(councilID: UUID, organisationID: UUID?) {
        self.councilID = councilID
        self.organisationID = organisationID
    }

    init(_ staff: StaffContext) {
        councilID = staff.councilID
        organisationID = staff.role.isLimitedToOwnOrganisation ? staff.organisation.id : nil
    }

    /// Every record of `type` this scope reaches, as a query to narrow further.
    func query<M: Scoped>(_ type: M.Type, on database: any Database) -> QueryBuilder<M> {
        M.within(self, M.query(on: database))
    }

    /// The record with `id` if this scope reaches it.
    func find<M: Scoped>(_ type: M.Type, _ id: UUID?, on database: any Database) async throws -> M? {
        guard let id else { return nil }
        return try await query(type, on: database).filter(\._$id == id).first()
    }
}

/// A record that belongs to a council, and perhaps to an organisation within it. Each type says
/// once how a scope narrows it; `Scope` does the rest.
protocol Scoped: Model where IDValue == UUID {
    static func within(_ scope: Scope, _ query: QueryBuilder<Self>) -> QueryBuilder<Self>
}

/// Belongs to a council as a whole: anyone of the council with the permission reaches it.
protocol CouncilOwned: Scoped {
    var councilID: UUID { get }
}

extension CouncilOwned {
    static func within(_ scope: Scope, _ query: QueryBuilder<Self>) -> QueryBuilder<Self> {
        query.filter("council_id", .equal, scope.councilID)
    }
}

extension DonationBatch: CouncilOwned {}
extension KitDevice: CouncilOwned {}
extension KitFile: CouncilOwned {}
extension IndexRun: CouncilOwned {}
extension HelpOffer: CouncilOwned {}
extension Organisation: CouncilOwned {}
extension OutboxMessage: CouncilOwned {}
extension PossibleDuplicate: CouncilOwned {}

extension User: CouncilOwned {}

/// Referrals are the organisation's work: partners and champions reach only their own.
extension Referral: Scoped {
    static func within(_ scope: Scope, _ query: QueryBuilder<Referral>) -> QueryBuilder<Referral> {
        let query = query.filter(\.$councilID == scope.councilID)
        guard let organisationID = scope.organisationID else { return query }
        return query.filter(\.$organisationID == organisationID)
    }
}

/// A case, and its resident, through the referrals an organisation was sent.
extension HelpCase: Scoped {
    static func within(_ scope: Scope, _ query: QueryBuilder<HelpCase>) -> QueryBuilder<HelpCase> {
        let query = query.filter(\.$councilID == scope.councilID)
        guard let organisationID = scope.organisationID else { return query }
        return query.filter(.sql(SQLBinaryExpression(SQLColumn("id", table: HelpCase.schema), .in, Self.referred(to: organisationID, column: "case_id"))))
    }

    /// The `column` of the referrals sent to `organisationID`, as a subquery.
    static func referred(to organisationID: UUID, column: String) -> some SQLExpression {
        SQLSubquery.select { $0.column(column).from(Referral.schema).where("organisation_id", .equal, organisationID) }
    }
}

extension Resident: Scoped {
    static func within(_ scope: Scope, _ query: QueryBuilder<Resident>) -> QueryBuilder<Resident> {
        let query = query.filter(\.$councilID == scope.councilID)
        guard let organisationID = scope.organisationID else { return query }
        let cases = SQLSubquery.select { $0.column("resident_id").from(HelpCase.schema).where("id", .in, HelpCase.referred(to: organisationID, column: "case_id")) }
        return query.filter(.sql(SQLBinaryExpression(SQLColumn("id", table: Resident.schema), .in, cases)))
    }
}

/// A device handed over for a referral: a loan names its resident.
extension KitAllocation: Scoped {
    static func within(_ scope: Scope, _ query: QueryBuilder<KitAllocation>) -> QueryBuilder<KitAllocation> {
        let query = query.filter(\.$councilID == scope.councilID)
        guard let organisationID = scope.organisationID else { return query }
        return query.filter(.sql(SQLBinaryExpression(SQLColumn("referral_id", table: KitAllocation.schema), .in, HelpCase.referred(to: organisationID, column: "id"))))
    }
}

/// Proposals are the proposing organisation's, but for the council's editors.
extension DirectoryProposal: Scoped {
    static func within(_ scope: Scope, _ query: QueryBuilder<DirectoryProposal>) -> QueryBuilder<DirectoryProposal> {
        let query = query.filter(\.$councilID == scope.councilID)
        guard let organisationID = scope.organisationID else { return query }
        return query.filter(\.$organisationID == organisationID)
    }
}

/// A directory service as its editors reach it (the public reaches live ones without a scope).
extension DirectoryService: Scoped {
    static func within(_ scope: Scope, _ query: QueryBuilder<DirectoryService>) -> QueryBuilder<DirectoryService> {
        let query = query.filter(\.$councilID == scope.councilID)
        guard let organisationID = scope.organisationID else { return query }
        return query.filter(\.$ownerOrganisationID == organisationID)
    }
}

/// Onramp's shipped kinds of help belong to everyone; a council's own to that council.
extension DirectoryTerm: Scoped {
    static func within(_ scope: Scope, _ query: QueryBuilder<DirectoryTerm>) -> QueryBuilder<DirectoryTerm> {
        query.group(.or) { $0.filter(\.$councilID == nil).filter(\.$councilID == scope.councilID) }
    }
}

extension Request {
    /// The signed-in person's scope (see `Scope`); for nobody, what `signedIn()` does.
    var scope: Scope {
        get throws { Scope(try signedIn()) }
    }

    /// The record whose id is in the path under `key`, if the signed-in person's scope reaches
    /// it; otherwise 404, as if it did not exist.
    func scoped<M: Scoped>(_ type: M.Type, at key: String) async throws -> M {
        guard let id = parameters.get(key, as: UUID.self), let record = try await scope.find(type, id, on: db) else { throw Abort(.notFound) }
        return record
    }

    /// The record whose id was sent in a form field: nil when none was chosen (for the form to
    /// ask for one), and 404 for an id the scope does not reach, which no page of Onramp offers.
    func scoped<M: Scoped>(_ type: M.Type, id text: String?) async throws -> M? {
        guard let text, !text.isEmpty else { return nil }
        guard let record = try await scope.find(type, UUID(uuidString: text), on: db) else { throw Abort(.notFound) }
        return record
    }
}

/// A record of a resident's personal data. Features never call `find` on these (a test reads the
/// sources to keep it so): a staff request goes through `Scope`, and jobs, commands, a resident's
/// own link and re-reads inside a change that a scope already allowed say so with `unscoped`.
protocol ResidentRecord: Scoped {}

extension ResidentRecord {
    /// By id alone: not for a staff member's request (see `Scope`).
    static func unscoped(_ id: UUID?, on database: any Database) async throws -> Self? {
        guard let id else { return nil }
        return try await query(on: database).filter(\._$id == id).first()
    }
}

extension Resident: ResidentRecord {}
extension HelpCase: ResidentRecord {}
extension Referral: ResidentRecord {}
extension KitAllocation: ResidentRecord {}
