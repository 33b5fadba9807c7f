import Fluent
import Foundation
import OnrampCore

/// One snapshot of a learner's skills, at the start or the end of their help, recorded by the
/// person helping them. Reached only through its case or booking, which the person's scope
/// allowed; `organisationID` says whose staff or champion recorded it.
final class SkillsReview: Model, @unchecked Sendable {
    static let schema = "skills_reviews"

    @ID(key: .id) var id: UUID?
    @Field(key: "council_id") var councilID: UUID
    @Field(key: "organisation_id") var organisationID: UUID
    /// Nil for a learner who booked a session themselves and has no case.
    @OptionalField(key: "resident_id") var residentID: UUID?
    @OptionalField(key: "case_id") var caseID: UUID?
    @OptionalField(key: "referral_id") var referralID: UUID?
    @OptionalField(key: "booking_id") var bookingID: UUID?
    @Field(key: "stage") var stage: ReviewStage
    /// The `SkillsSnapshot` as JSON: tasks, areas and goals change together, and are read together.
    @Field(key: "snapshot") var snapshotJSON: String
    @Field(key: "recorded_by") var recordedBy: String
    @Field(key: "recorded_at") var recordedAt: Date

    init() {}

    init(councilID: UUID, organisationID: UUID, residentID: UUID?, caseID: UUID?, referralID: UUID?, bookingID: UUID?,
         stage: ReviewStage, snapshot: SkillsSnapshot, recordedBy: String, recordedAt: Date) throws {
        (self.councilID, self.organisationID, self.residentID, self.caseID) = (councilID, organisationID, residentID, caseID)
        (self.referralID, self.bookingID, self.stage, self.recordedBy, self.recordedAt) = (referralID, bookingID, stage, recordedBy, recordedAt)
        snapshotJSON = String(decoding: try JSONEncoder().encode(snapshot), as: UTF8.self)
    }

    var snapshot: SkillsSnapshot? { try? JSONDecoder().decode(SkillsSnapshot.self, from: Data(snapshotJSON.utf8)) }
}
