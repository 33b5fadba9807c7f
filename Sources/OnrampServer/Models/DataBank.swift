import Fluent
import Foundation
import OnrampCore

/// A SIM or voucher in the data bank, and, once given, the referral it went to.
final class DataPack: Model, @unchecked Sendable {
    static let schema = "kit_data_packs"

    @ID(key: .id) var id: UUID?
    @Field(key: "council_id") var councilID: UUID
    @Field(key: "batch") var batch: String
    @Field(key: "kind") var kind: DataPackKind
    @Field(key: "network") var network: String
    @Field(key: "allowance_gb") var allowanceGB: Int
    @Field(key: "months") var months: Int
    @Field(key: "expires_on") var expiresOn: String
    /// The code sealed by `DataVault`; opened once, to hand it over.
    @Field(key: "code_sealed") var codeSealed: String
    /// A keyed hash of the code, unique in a council: a code reused is refused.
    @Field(key: "code_digest") var codeDigest: String
    @Field(key: "code_ending") var codeEnding: String
    @OptionalField(key: "referral_id") var referralID: UUID?
    @OptionalField(key: "given_on") var givenOn: String?
    @OptionalField(key: "given_by") var givenBy: String?
    /// When the resident's data runs out: the months from the day it was given.
    @OptionalField(key: "ends_on") var endsOn: String?
    @OptionalField(key: "reminded_at") var remindedAt: Date?
    @Field(key: "created_by") var createdBy: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    /// "Vodafone SIM card, 20 GB a month for 6 months".
    var words: String { "\(network) \(kind.label), \(allowanceGB) GB a month for \(months) month\(months == 1 ? "" : "s")" }
}

/// A low-stock alert sent to a council's officers, so the same one is not sent every day.
final class StockAlert: Model, @unchecked Sendable {
    static let schema = "kit_stock_alerts"

    @ID(key: .id) var id: UUID?
    @Field(key: "council_id") var councilID: UUID
    /// What ran low, like "device:laptop" or "data:Vodafone:sim".
    @Field(key: "item") var item: String
    @Field(key: "sent_on") var sentOn: String

    init() {}
}

/// A file kept with a device's record: a wipe or recycling certificate, or a photo. Its bytes
/// are in `KitFileContent`, so lists never load them.
final class KitFile: Model, @unchecked Sendable {
    static let schema = "kit_files"

    @ID(key: .id) var id: UUID?
    @Field(key: "council_id") var councilID: UUID
    @Field(key: "device_id") var deviceID: UUID
    @Field(key: "purpose") var purpose: KitFilePurpose
    @OptionalField(key: "wipe_id") var wipeID: UUID?
    @Field(key: "filename") var filename: String
    @Field(key: "content_type") var contentType: String
    @Field(key: "size") var size: Int
    @Field(key: "created_by") var createdBy: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

final class KitFileContent: Model, @unchecked Sendable {
    static let schema = "kit_file_contents"

    /// The file's own id.
    @ID(custom: "id", generatedBy: .user) var id: UUID?
    @Field(key: "data") var data: Data

    init() {}
}
