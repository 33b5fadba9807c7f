import Fluent
import SQLKit

/// The resident journey: offers, triage drafts, residents, cases, referrals and their timeline,
/// and the notification queue's columns on the outbox.
struct CreateCases: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(HelpOffer.schema)
            .id()
            .field("council_id", .uuid, .required, .references(Organisation.schema, .id))
            .field("kind", .string, .required)
            .field("name", .string, .required)
            .field("summary", .string, .required)
            .field("partner_id", .uuid, .required, .references(Organisation.schema, .id))
            .field("available", .int)
            .field("standard_days", .int, .required)
            .field("rule", .string, .required)
            .field("position", .int, .required)
            .field("active", .bool, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await database.schema(TriageDraft.schema)
            .id()
            .field("token", .string, .required)
            .field("council_id", .uuid, .required, .references(Organisation.schema, .id))
            .field("channel", .string, .required)
            .field("staff_user_id", .uuid)
            .field("answers", .string, .required)
            .field("case_id", .uuid)
            .field("updated_at", .datetime, .required)
            .unique(on: "token")
            .create()
        try await database.schema(Resident.schema)
            .id()
            .field("council_id", .uuid, .required, .references(Organisation.schema, .id))
            .field("name", .string, .required)
            .field("date_of_birth", .string)
            .field("postcode", .string)
            .field("address", .string)
            .field("phone", .string)
            .field("email", .string)
            .field("contact_by", .string, .required)
            .field("contact_when", .string, .required)
            .field("language", .string, .required)
            .field("access_needs", .string, .required)
            .field("name_key", .string)
            .field("merged_into_id", .uuid)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema(ResidentEquality.schema)
            .id()
            .field("resident_id", .uuid, .required, .references(Resident.schema, .id))
            .field("age_band", .string)
            .field("disability", .string)
            .field("ethnicity", .string)
            .field("sex", .string)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema(HelpCase.schema)
            .id()
            .field("council_id", .uuid, .required, .references(Organisation.schema, .id))
            .field("reference", .string, .required)
            .field("resident_id", .uuid, .required, .references(Resident.schema, .id))
            .field("draft_id", .uuid, .required)
            .field("channel", .string, .required)
            .field("answers", .string, .required)
            .field("consent_version", .string, .required)
            .field("created_by", .uuid)
            .field("created_at", .datetime, .required)
            .unique(on: "reference")
            // One case per triage, however often "Ask for help" is pressed.
            .unique(on: "draft_id")
            .create()
        try await database.schema(Referral.schema)
            .id()
            .field("council_id", .uuid, .required)
            .field("case_id", .uuid, .required, .references(HelpCase.schema, .id))
            .field("offer_id", .uuid, .required, .references(HelpOffer.schema, .id))
            .field("organisation_id", .uuid, .required, .references(Organisation.schema, .id))
            .field("status", .string, .required)
            .field("contact_due", .string, .required)
            .field("contacted_at", .datetime)
            .field("outcome", .string)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await database.schema(CaseEvent.schema)
            .id()
            .field("case_id", .uuid, .required, .references(HelpCase.schema, .id))
            .field("referral_id", .uuid)
            .field("at", .datetime, .required)
            .field("actor", .string, .required)
            .field("text", .string, .required)
            .create()
        try await database.schema(PossibleDuplicate.schema)
            .id()
            .field("council_id", .uuid, .required)
            .field("resident_id", .uuid, .required, .references(Resident.schema, .id))
            .field("existing_id", .uuid, .required, .references(Resident.schema, .id))
            .field("matched_on", .string, .required)
            .field("decision", .string, .required)
            .field("decided_by", .string)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema(TrackFailure.schema)
            .id()
            .field("address", .string, .required)
            .field("at", .datetime, .required)
            .create()
        // One column at a time: SQLite adds a single column per ALTER TABLE.
        try await database.schema(OutboxMessage.schema).field("attempts", .int, .required, .sql(.default(0))).update()
        let queueColumns: [(String, DatabaseSchema.DataType)] = [
            ("case_id", .uuid), ("next_attempt_at", .datetime), ("lease_until", .datetime), ("last_error", .string),
            ("provider_id", .string), ("sent_at", .datetime),
        ]
        for (name, type) in queueColumns {
            try await database.schema(OutboxMessage.schema).field(.string(name), type).update()
        }

        let sql = database as! any SQLDatabase
        for statement in Self.referralQueueIndexes.map(\.sql) + [
            "CREATE INDEX referrals_case ON referrals (case_id)",
            "CREATE INDEX case_events_case ON case_events (case_id, at)",
            "CREATE INDEX residents_name_key ON residents (council_id, name_key)",
            "CREATE INDEX residents_phone ON residents (council_id, phone)",
            "CREATE INDEX residents_email ON residents (council_id, email)",
            "CREATE INDEX track_failures_address ON track_failures (address, at)",
            "CREATE INDEX outbox_due ON outbox_messages (status, next_attempt_at)",
        ] {
            try await sql.raw(SQLQueryString(statement)).run()
        }
    }

    /// A partner's queue and the council's: one status in deadline order, or every open
    /// referral in deadline order from a partial index that holds only the open ones.
    /// (`MendEditedDirectoryAndCases` makes them on a database from before they were these;
    /// `OrderReferralQueueByID` then adds id to each.)
    static let referralQueueIndexes: [(name: String, columns: [String], sql: String)] = [
        ("referrals_partner_status", ["organisation_id", "status", "contact_due", "created_at"],
         "CREATE INDEX referrals_partner_status ON referrals (organisation_id, status, contact_due, created_at)"),
        ("referrals_partner_open", ["organisation_id", "contact_due", "created_at"],
         "CREATE INDEX referrals_partner_open ON referrals (organisation_id, contact_due, created_at) WHERE \(ReferralQueue.openCondition.sql)"),
        ("referrals_council_status", ["council_id", "status", "contact_due", "created_at"],
         "CREATE INDEX referrals_council_status ON referrals (council_id, status, contact_due, created_at)"),
        ("referrals_council_open", ["council_id", "contact_due", "created_at"],
         "CREATE INDEX referrals_council_open ON referrals (council_id, contact_due, created_at) WHERE \(ReferralQueue.openCondition.sql)"),
    ]

    func revert(on database: any Database) async throws {
        // The index on the outbox's new columns goes first: SQLite will not drop an indexed column.
        try await (database as! any SQLDatabase).drop(index: "outbox_due").run()
        for column in ["case_id", "attempts", "next_attempt_at", "lease_until", "last_error", "provider_id", "sent_at"] {
            try await database.schema(OutboxMessage.schema).deleteField(.string(column)).update()
        }
        for schema in [TrackFailure.schema, PossibleDuplicate.schema, CaseEvent.schema, Referral.schema, HelpCase.schema,
                       ResidentEquality.schema, Resident.schema, TriageDraft.schema, HelpOffer.schema] {
            try await database.schema(schema).delete()
        }
    }
}
