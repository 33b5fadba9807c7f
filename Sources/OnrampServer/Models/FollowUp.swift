import Fluent
import Foundation
import OnrampCore

/// Asking a resident, some weeks after a referral was fulfilled, whether the help worked.
final class FollowUp: Model, @unchecked Sendable {
    static let schema = "follow_ups"

    @ID(key: .id) var id: UUID?
    @Field(key: "council_id") var councilID: UUID
    /// The partner that gave the help: their staff make the calls for their own residents.
    @Field(key: "organisation_id") var organisationID: UUID
    @Field(key: "case_id") var caseID: UUID
    @Field(key: "referral_id") var referralID: UUID
    @Field(key: "status") var status: FollowUpStatus
    @Field(key: "due_on") var dueOn: String
    /// How the resident was asked, once they were.
    /// `MessageChannel` raw value.
    @OptionalField(key: "channel") var channel: String?
    /// The hash of the link's secret, while the link may work.
    @OptionalField(key: "token_hash") var tokenHash: String?
    /// The reminder's link: both links work until 30 days after the first was sent.
    @OptionalField(key: "reminder_token_hash") var reminderTokenHash: String?
    @OptionalField(key: "asked_on") var askedOn: String?
    @OptionalField(key: "reminded_on") var remindedOn: String?
    @OptionalField(key: "online") var online: Bool?
    /// `OnlineBy` values separated by commas.
    @OptionalField(key: "online_by") var onlineBy: String?
    @OptionalField(key: "still_using") var stillUsing: Bool?
    /// "task=level" pairs separated by commas.
    @OptionalField(key: "tasks") var tasks: String?
    @OptionalField(key: "confidence") var confidence: Int?
    /// `OnlineUse` values separated by commas.
    @OptionalField(key: "uses") var uses: String?
    @OptionalField(key: "other") var other: String?
    @OptionalField(key: "consent") var consent: Bool?
    /// "The resident", or the member of staff who took the answers on the phone.
    @OptionalField(key: "recorded_by") var recordedBy: String?
    @OptionalField(key: "answered_at") var answeredAt: Date?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    var answers: FollowUpAnswers? {
        guard status == .answered, let online, let confidence else { return nil }
        return FollowUpAnswers(online: online, onlineBy: (onlineBy ?? "").split(separator: ",").compactMap { OnlineBy(rawValue: String($0)) }, stillUsing: stillUsing,
                               tasks: Self.taskLevels(tasks), confidence: confidence, uses: (uses ?? "").split(separator: ",").compactMap { OnlineUse(rawValue: String($0)) },
                               other: other ?? "", consent: consent ?? false)
    }

    /// The stored "task=level" pairs as task value → level.
    static func taskLevels(_ text: String?) -> [String: SkillLevel] {
        Dictionary((text ?? "").split(separator: ",").compactMap { pair -> (String, SkillLevel)? in
            let parts = pair.split(separator: "=")
            guard parts.count == 2, let level = SkillLevel(rawValue: String(parts[1])) else { return nil }
            return (String(parts[0]), level)
        }, uniquingKeysWith: { first, _ in first })
    }

    func take(_ answers: FollowUpAnswers, recordedBy: String, now: Date) {
        (online, onlineBy, stillUsing) = (answers.online, answers.onlineBy.map(\.rawValue).joined(separator: ","), answers.stillUsing)
        tasks = FoundationTasks.all.compactMap { task in answers.tasks[task.value].map { "\(task.value)=\($0.rawValue)" } }.joined(separator: ",")
        (confidence, uses, other, consent) = (answers.confidence, answers.uses.map(\.rawValue).joined(separator: ","), answers.other, answers.consent)
        (status, self.recordedBy, answeredAt) = (.answered, recordedBy, now)
    }
}

/// Partners make the calls for the residents they helped; the council's staff for all.
extension FollowUp: Scoped {
    static func organisation(_ organisationID: UUID, _ query: QueryBuilder<FollowUp>) -> QueryBuilder<FollowUp> {
        query.filter(\.$organisationID == organisationID)
    }
}
