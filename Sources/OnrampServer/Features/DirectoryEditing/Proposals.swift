import Fluent
import Foundation
import OnrampCore
import SQLKit

/// Proposals and their decisions, and the re-checking of services. Each change is written with
/// its audit record, and the people it concerns are told through the outbox.
enum Proposals {
    struct Refusal: Error { let message: String }

    /// Files a proposal from a partner's member of staff.
    static func propose(_ service: ORUK.Service, by staff: StaffContext, actor: AuditActor, on database: any Database, now: Date) async throws -> DirectoryProposal {
        let id = UUID(uuidString: service.id)!
        let published = try await DirectoryService.find(id, on: database)
        if let published, published.councilID != staff.councilID { throw Refusal(message: "This service belongs to another council\u{2019}s directory.") }
        let proposal = DirectoryProposal()
        proposal.councilID = staff.councilID
        proposal.serviceID = id
        proposal.organisationID = staff.organisation.id!
        proposal.proposedBy = staff.userID
        proposal.proposerName = staff.user.name
        proposal.document = try DirectoryRecords.json(service)
        proposal.publishedDocument = try await published.asyncMap { try DirectoryRecords.json(try await DirectoryRecords.nested([$0], on: database)[0]) }
        proposal.status = .pending
        proposal.createdAt = now
        try await database.transaction { tx in
            try await proposal.create(on: tx)
            try await Audit.record(
                .serviceProposed, by: actor, recordType: "directory_proposal", recordID: proposal.id,
                summary: "\(published == nil ? "Proposed a new service" : "Proposed a change to") \u{201C}\(service.name)\u{201D}", on: tx, now: now
            )
        }
        return proposal
    }

    /// Publishes a pending proposal as the service, marked as checked today.
    static func approve(_ proposal: DirectoryProposal, actor: AuditActor, on database: any Database, now: Date) async throws {
        guard proposal.status == .pending else { throw Refusal(message: "This proposal was already \(proposal.status.rawValue).") }
        var service = try proposal.proposed()
        service.assured_date = ORUKDates.day(now)
        service.assurer_email = actor.label
        let published = service
        try await database.transaction { tx in
            try await DirectoryRecords.publish([published], councilID: proposal.councilID, owner: proposal.organisationID, on: tx, now: now)
            try await decide(proposal, .approved, reason: nil, actor: actor, on: tx, now: now)
            try await Audit.record(
                .proposalApproved, by: actor, recordType: "directory_service", recordID: proposal.serviceID,
                summary: "Approved and published \u{201C}\(published.name)\u{201D}", on: tx, now: now
            )
        }
    }

    static func reject(_ proposal: DirectoryProposal, reason: String, actor: AuditActor, on database: any Database, now: Date) async throws {
        guard proposal.status == .pending else { throw Refusal(message: "This proposal was already \(proposal.status.rawValue).") }
        let name = proposal.serviceName
        try await database.transaction { tx in
            try await decide(proposal, .rejected, reason: reason, actor: actor, on: tx, now: now)
            try await Audit.record(
                .proposalRejected, by: actor, recordType: "directory_proposal", recordID: proposal.id,
                summary: "Rejected the proposal for \u{201C}\(name)\u{201D}: \(reason)", on: tx, now: now
            )
        }
    }

    /// Records the decision and tells whoever proposed it.
    private static func decide(_ proposal: DirectoryProposal, _ status: DirectoryProposal.Status, reason: String?, actor: AuditActor, on tx: any Database, now: Date) async throws {
        proposal.status = status
        proposal.reason = reason
        proposal.decidedBy = actor.label
        proposal.decidedAt = now
        try await proposal.update(on: tx)
        guard let proposer = try await User.find(proposal.proposedBy, on: tx) else { return }
        let name = proposal.serviceName
        let body = status == .approved
            ? "Your proposal for \u{201C}\(name)\u{201D} was approved and is now in the public directory."
            : "Your proposal for \u{201C}\(name)\u{201D} was not approved. The reason given: \(reason ?? "")\n\nYou can change it and propose it again."
        try await Outbox.queueEmail(on: tx, councilID: proposal.councilID, to: proposer.email, subject: "Your directory proposal was \(status.rawValue)", body: body, now: now)
    }

    /// Published services of the council not checked in `months` months, oldest first: never
    /// checked, then by the day of the last check (PostgreSQL would put "never" last), name, id.
    static func dueForReview(councilID: UUID, months: Int, on database: any Database, now: Date) -> QueryBuilder<DirectoryService> {
        let cutoff = ServiceChanges.reviewCutoff(now: now, months: months, calendar: DirectoryController.calendar)
        return DirectoryService.query(on: database).filter(\.$councilID == councilID)
            .filter(\.$status ~~ [ORUK.Status.active.rawValue, ORUK.Status.temporarilyClosed.rawValue])
            .group(.or) { $0.filter(\.$assuredOn == nil).filter(\.$assuredOn <= cutoff) }
            .sort(.custom(SQLOrderBy(expression: SQLBinaryExpression(left: SQLColumn("assured_on"), op: SQLBinaryOperator.is, right: SQLLiteral.null), direction: SQLDirection.descending)))
            .sort(\.$assuredOn).sort(\.$name).sort(\.$id)
    }

    /// Marks a service as checked today.
    static func assure(_ row: DirectoryService, actor: AuditActor, on database: any Database, now: Date) async throws {
        var service = try DirectoryRecords.decode(ORUK.Service.self, row.document)
        service.assured_date = ORUKDates.day(now)
        service.assurer_email = actor.label
        row.document = try DirectoryRecords.json(service)
        row.assuredOn = service.assured_date
        row.lastModified = now
        try await database.transaction { tx in
            try await row.update(on: tx)
            try await Audit.record(.serviceAssured, by: actor, recordType: "directory_service", recordID: row.id, summary: "Checked \u{201C}\(row.name)\u{201D} is still right", on: tx, now: now)
        }
    }

    /// Asks the partner that looks after an overdue service to check it.
    static func askToCheck(_ row: DirectoryService, actor: AuditActor, on database: any Database, now: Date) async throws -> Int {
        guard let owner = row.ownerOrganisationID else { throw Refusal(message: "No partner looks after \u{201C}\(row.name)\u{201D}: check it yourself.") }
        let people = try await User.query(on: database).filter(\.$organisation.$id == owner).filter(\.$isActive == true).all()
        guard !people.isEmpty else { throw Refusal(message: "Nobody at the partner that looks after \u{201C}\(row.name)\u{201D} has an account.") }
        try await database.transaction { tx in
            for person in people {
                try await Outbox.queueEmail(
                    on: tx, councilID: row.councilID, to: person.email, subject: "Please check your service in the directory",
                    body: "\u{201C}\(row.name)\u{201D} has not been checked for a while. Sign in to Onramp and propose any change, or tell the council it is still right.", now: now
                )
            }
            try await Audit.record(
                .serviceReviewRequested, by: actor, recordType: "directory_service", recordID: row.id,
                summary: "Asked the partner to check \u{201C}\(row.name)\u{201D}", councilID: row.councilID, on: tx, now: now
            )
        }
        return people.count
    }

    /// Asks the partners of every overdue service to check it, each at most once a month: what
    /// `onramp directory-reminders` runs, from a daily timer. Returns how many services.
    /// Only services a partner looks after are read: a national feed's (hundreds of thousands,
    /// looked after by nobody here) took seconds and 500 MB each day, and held up requests.
    static func remindOverdue(months: Int, on database: any Database, now: Date) async throws -> Int {
        let since = now.addingTimeInterval(-30 * 24 * 60 * 60)
        var asked = 0
        for council in try await Organisation.councils(on: database) {
            for row in try await dueForReview(councilID: council.id!, months: months, on: database, now: now).filter(\.$ownerOrganisationID != nil).all() {
                let recently = try await AuditEvent.query(on: database).filter(\.$action == AuditAction.serviceReviewRequested.rawValue)
                    .filter(\.$recordID == row.id!.uuidString).filter(\.$occurredAt >= since).first()
                guard recently == nil else { continue }
                do {
                    _ = try await askToCheck(row, actor: .commandLine, on: database, now: now)
                    asked += 1
                } catch is Refusal {
                    continue   // nobody at the partner has an account: the review list still shows it
                }
            }
        }
        return asked
    }
}

extension DirectoryProposal {
    /// The service as proposed.
    func proposed() throws -> ORUK.Service { try DirectoryRecords.decode(ORUK.Service.self, document) }

    /// Its name, for lists and messages.
    var serviceName: String { (try? proposed().name) ?? "a service" }
}
