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
    /// The records `scope` reaches. By default: the scope's council's, and of those, for partner
    /// staff and champions, what `organisation(_:_:)` keeps.
    static func within(_ scope: Scope, _ query: QueryBuilder<Self>) -> QueryBuilder<Self>
    /// What staff of the organisation reach of their council's records; by default all of them
    /// (a device, an offer, a batch belong to the council as a whole).
    static func organisation(_ organisationID: UUID, _ query: QueryBuilder<Self>) -> QueryBuilder<Self>
}

extension Scoped {
    static func within(_ scope: Scope, _ query: QueryBuilder<Self>) -> QueryBuilder<Self> {
        let query = query.filter("council_id", .equal, scope.councilID)
        return scope.organisationID.map { organisation($0, query) } ?? query
    }

    static func organisation(_ organisationID: UUID, _ query: QueryBuilder<Self>) -> QueryBuilder<Self> { query }
}

extension DonationBatch: Scoped {}
extension KitDevice: Scoped {}
extension KitFile: Scoped {}
extension IndexRun: Scoped {}
extension HelpOffer: Scoped {}
extension Organisation: Scoped {}
extension OutboxMessage: Scoped {}
extension PossibleDuplicate: Scoped {}
extension User: Scoped {}

/// Referrals are the organisation's work: partners and champions reach only their own.
extension Referral {
    static func organisation(_ organisationID: UUID, _ query: QueryBuilder<Referral>) -> QueryBuilder<Referral> {
        query.filter(\.$organisationID == organisationID)
    }

    /// The rule above for a SQLKit select of `referrals`, or of `referral_counts` or
    /// `referral_due_counts`, which are keyed as they are. A partner's select names the
    /// organisation alone, so that its index of open referrals (organisation, deadline, age)
    /// answers a page of the queue without reading the table for each row's council. That reaches
    /// what the rule above does because Onramp makes a partner's referrals only in its own council:
    /// for the council's offers, whose partners are the council's organisations, and re-routed only
    /// to those.
    static func within(_ scope: Scope, _ select: SQLSelectBuilder) -> SQLSelectBuilder {
        if let organisationID = scope.organisationID { select.where("organisation_id", .equal, organisationID) } else { select.where("council_id", .equal, scope.councilID) }
    }
}

/// A case, and its resident, through the referrals an organisation was sent.
extension HelpCase {
    static func organisation(_ organisationID: UUID, _ query: QueryBuilder<HelpCase>) -> QueryBuilder<HelpCase> {
        query.filter(.sql(SQLBinaryExpression(SQLColumn("id", table: HelpCase.schema), .in, referred(to: organisationID, column: "case_id"))))
    }

    /// The `column` of the referrals sent to `organisationID`, as a subquery.
    static func referred(to organisationID: UUID, column: String) -> some SQLExpression {
        SQLSubquery.select { $0.column(column).from(Referral.schema).where("organisation_id", .equal, organisationID) }
    }
}

extension Resident {
    static func organisation(_ organisationID: UUID, _ query: QueryBuilder<Resident>) -> QueryBuilder<Resident> {
        let cases = SQLSubquery.select { $0.column("resident_id").from(HelpCase.schema).where("id", .in, HelpCase.referred(to: organisationID, column: "case_id")) }
        return query.filter(.sql(SQLBinaryExpression(SQLColumn("id", table: Resident.schema), .in, cases)))
    }
}

/// A device handed over for a referral: a loan names its resident.
extension KitAllocation {
    static func organisation(_ organisationID: UUID, _ query: QueryBuilder<KitAllocation>) -> QueryBuilder<KitAllocation> {
        query.filter(.sql(SQLBinaryExpression(SQLColumn("referral_id", table: KitAllocation.schema), .in, HelpCase.referred(to: organisationID, column: "id"))))
    }
}

/// A SIM or data code given for a referral, reached as the referral is.
extension DataPack: Scoped {
    static func organisation(_ organisationID: UUID, _ query: QueryBuilder<DataPack>) -> QueryBuilder<DataPack> {
        query.filter(.sql(SQLBinaryExpression(SQLColumn("referral_id", table: DataPack.schema), .in, HelpCase.referred(to: organisationID, column: "id"))))
    }
}

/// A place in the council's directory: public, but the council's to analyse.
extension DirectoryLocation: Scoped {}

/// Champions' time, the council's as a whole.
extension ChampionHoursEntry: Scoped {}

/// Proposals are the proposing organisation's, but for the council's editors.
extension DirectoryProposal: Scoped {
    static func organisation(_ organisationID: UUID, _ query: QueryBuilder<DirectoryProposal>) -> QueryBuilder<DirectoryProposal> {
        query.filter(\.$organisationID == organisationID)
    }
}

/// A directory service as its editors reach it (the public reaches live ones without a scope).
extension DirectoryService: Scoped {
    static func organisation(_ organisationID: UUID, _ query: QueryBuilder<DirectoryService>) -> QueryBuilder<DirectoryService> {
        query.filter(\.$ownerOrganisationID == organisationID)
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
