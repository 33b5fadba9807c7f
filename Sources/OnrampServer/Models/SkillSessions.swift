import Fluent
import FluentSQL
import Foundation
import OnrampCore
import SQLKit

/// A skills session: a drop-in, a one-to-one appointment slot or a course, run by an
/// organisation at a place in the directory, or by phone or online.
final class SkillSession: Model, @unchecked Sendable {
    static let schema = "skill_sessions"

    @ID(key: .id) var id: UUID?
    @Field(key: "council_id") var councilID: UUID
    /// The organisation that runs it (the council itself, or a partner).
    @Field(key: "organisation_id") var organisationID: UUID
    @Field(key: "kind") var kind: SessionKind
    @Field(key: "title") var title: String
    @Field(key: "description") var summary: String
    @Field(key: "mode") var mode: SessionMode
    /// A place in the directory, for a session in person.
    @OptionalField(key: "location_id") var locationID: UUID?
    /// The first meeting's start and end; a course meets again each week at the same time.
    @Field(key: "starts_at") var startsAt: Date
    @Field(key: "ends_at") var endsAt: Date
    @Field(key: "meetings") var meetings: Int
    @Field(key: "capacity") var capacity: Int
    /// An ISO 639-1 code, "en" by default.
    @Field(key: "language") var language: String
    @Field(key: "access_notes") var accessNotes: String
    /// `SkillsArea` raw values, comma-separated.
    @Field(key: "skills_areas") var skillsAreasStored: String
    @Field(key: "cancelled") var cancelled: Bool
    /// Bumped by every booking's transaction before it counts places: the row lock that makes
    /// simultaneous bookings take turns (see `SessionBookings.book`).
    @Field(key: "booking_sequence") var bookingSequence: Int
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    var skillsAreas: [SkillsArea] {
        get { skillsAreasStored.split(separator: ",").compactMap { SkillsArea(rawValue: String($0)) } }
        set { skillsAreasStored = newValue.map(\.rawValue).joined(separator: ",") }
    }

    /// The last meeting's end: a course is over after its last week.
    var lastEndsAt: Date { CourseMeetings.starts(first: endsAt, count: meetings).last ?? endsAt }
}

/// Who runs a session: a champion, or a member of partner or council staff.
final class SkillSessionRunner: Model, @unchecked Sendable {
    static let schema = "skill_session_runners"

    @ID(key: .id) var id: UUID?
    @Field(key: "session_id") var sessionID: UUID
    @OptionalField(key: "champion_id") var championID: UUID?
    @OptionalField(key: "user_id") var userID: UUID?
    /// As shown on the session's pages.
    @Field(key: "name") var name: String

    init() {}
}

/// A place in a session, or on its waiting list, for a resident who gave a name and a way to
/// reach them; from staff on the phone or face to face, or from a skills referral.
final class SessionBooking: Model, @unchecked Sendable {
    static let schema = "session_bookings"

    @ID(key: .id) var id: UUID?
    @Field(key: "council_id") var councilID: UUID
    @Field(key: "session_id") var sessionID: UUID
    @Field(key: "name") var name: String
    @Field(key: "contact_way") var contactWay: BookingContactWay
    /// The email address or phone number, normalised; empty for a walk-in who left none.
    @Field(key: "contact") var contact: String
    /// `BookingContactWay.key` of the contact while the booking is open, nil once cancelled or
    /// for a walk-in without one: the unique key on (session, key) makes a second place for the
    /// same person impossible, even for two requests at the same moment.
    @OptionalField(key: "contact_key") var contactKey: String?
    @Field(key: "access_needs") var accessNeeds: String
    /// SHA-256 of the secret in the resident's link to see or cancel the booking.
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "status") var status: BookingStatus
    /// Order of joining: the waiting list's order.
    @Field(key: "position") var position: Int
    @OptionalField(key: "referral_id") var referralID: UUID?
    @OptionalField(key: "case_id") var caseID: UUID?
    @Field(key: "walk_in") var walkIn: Bool
    /// "online", or the member of staff who booked it.
    @Field(key: "booked_by") var bookedBy: String
    @OptionalField(key: "reminded_at") var remindedAt: Date?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    /// The name a champion sees.
    var firstName: String { name.split(separator: " ").first.map(String.init) ?? name }
}

extension SkillSession: Scoped {
    /// Partners reach the sessions their organisation runs.
    static func organisation(_ organisationID: UUID, _ query: QueryBuilder<SkillSession>) -> QueryBuilder<SkillSession> {
        query.filter(\.$organisationID == organisationID)
    }
}

extension SessionBooking: Scoped {
    /// Bookings of the sessions an organisation runs.
    static func organisation(_ organisationID: UUID, _ query: QueryBuilder<SessionBooking>) -> QueryBuilder<SessionBooking> {
        let sessions = SQLSubquery.select { $0.column("id").from(SkillSession.schema).where("organisation_id", .equal, organisationID) }
        return query.filter(.sql(SQLBinaryExpression(SQLColumn("session_id", table: SessionBooking.schema), .in, sessions)))
    }
}
