import Fluent
import Foundation
import OnrampCore

/// A device handed to a resident for a referral, as a gift or a loan, with the handover record
/// and, for a loan, its due date, extensions, reminders and return.
final class KitAllocation: Model, @unchecked Sendable {
    static let schema = "kit_allocations"

    @ID(key: .id) var id: UUID?
    @Field(key: "council_id") var councilID: UUID
    @Field(key: "device_id") var deviceID: UUID
    @Field(key: "referral_id") var referralID: UUID
    @Field(key: "is_loan") var isLoan: Bool
    @Field(key: "handed_over_on") var handedOverOn: String
    @Field(key: "place") var place: String
    @Field(key: "staff") var staff: String
    @Field(key: "acknowledged") var acknowledged: Bool
    @OptionalField(key: "due") var due: String?
    @OptionalField(key: "extended_reason") var extendedReason: String?
    @OptionalField(key: "returned_at") var returnedAt: Date?
    /// When a lent device was recorded lost, which ends the loan too.
    @OptionalField(key: "lost_at") var lostAt: Date?
    @OptionalField(key: "reminded_before") var remindedBefore: Date?
    @OptionalField(key: "reminded_due") var remindedDue: Date?
    @Field(key: "created_at") var createdAt: Date

    init() {}
}
