import Fluent
import Foundation

/// One line of the audit log. Rows are only ever inserted: the database refuses updates and
/// deletes (see `CreateAuditEvents`), and Onramp has no route that tries. They are written
/// column by column in `Audit.insertLine`, not through this model: a new field goes there too.
final class AuditEvent: Model, @unchecked Sendable {
    static let schema = "audit_events"

    @ID(key: .id) var id: UUID?
    @Field(key: "occurred_at") var occurredAt: Date
    @OptionalField(key: "council_id") var councilID: UUID?
    @OptionalField(key: "organisation_id") var organisationID: UUID?
    @OptionalField(key: "actor_id") var actorID: UUID?
    /// Who did it, as it read at the time: an email address, or "command line".
    @Field(key: "actor") var actor: String
    @Field(key: "action") var action: String
    @Field(key: "record_type") var recordType: String
    @OptionalField(key: "record_id") var recordID: String?
    @Field(key: "summary") var summary: String
    @OptionalField(key: "ip_address") var ipAddress: String?

    init() {}

    init(
        occurredAt: Date, councilID: UUID?, organisationID: UUID?, actorID: UUID?, actor: String,
        action: String, recordType: String, recordID: String?, summary: String, ipAddress: String?
    ) {
        self.occurredAt = occurredAt
        self.councilID = councilID
        self.organisationID = organisationID
        self.actorID = actorID
        self.actor = actor
        self.action = action
        self.recordType = recordType
        self.recordID = recordID
        self.summary = summary
        self.ipAddress = ipAddress
    }
}

/// One resident covered by a "viewed" line of the audit log.
final class ResidentView: Model, @unchecked Sendable {
    static let schema = "audit_resident_views"

    @ID(key: .id) var id: UUID?
    @Field(key: "audit_event_id") var auditEventID: UUID
    @Field(key: "resident_id") var residentID: UUID
    @Field(key: "viewed_at") var viewedAt: Date

    init() {}
}
