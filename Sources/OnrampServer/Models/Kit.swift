import Fluent
import Foundation
import OnrampCore

/// Devices given in one go: a council's refresh, a business's old laptops, a resident's tablet.
final class DonationBatch: Model, @unchecked Sendable {
    static let schema = "kit_batches"

    @ID(key: .id) var id: UUID?
    @Field(key: "council_id") var councilID: UUID
    @Field(key: "donor") var donor: String
    @Field(key: "source") var source: DonationSource
    @Field(key: "received_on") var receivedOn: String
    @Field(key: "notes") var notes: String
    @Field(key: "created_by") var createdBy: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// One device and where it is in the chain of custody.
final class KitDevice: Model, @unchecked Sendable {
    static let schema = "kit_devices"

    @ID(key: .id) var id: UUID?
    @Field(key: "council_id") var councilID: UUID
    @Field(key: "batch_id") var batchID: UUID
    @Field(key: "asset_tag") var assetTag: String
    @Field(key: "type") var type: DeviceType
    @Field(key: "make") var make: String
    @Field(key: "model") var model: String
    @Field(key: "serial") var serial: String
    /// Make and serial as compared: one device per make and serial in a council.
    @Field(key: "serial_key") var serialKey: String
    @OptionalField(key: "cpu") var cpu: String?
    @OptionalField(key: "ram_gb") var ramGB: Int?
    @OptionalField(key: "storage_gb") var storageGB: Int?
    @OptionalField(key: "os") var operatingSystem: String?
    @OptionalField(key: "accessories") var accessories: String?
    @OptionalField(key: "condition") var condition: ConditionGrade?
    @Field(key: "stage") var stage: DeviceStage
    @Field(key: "stage_since") var stageSince: Date
    /// A passed wipe has been recorded since the device was last received or returned.
    @Field(key: "wiped_since_arrival") var wipedSinceArrival: Bool
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// One step of a device's history: who moved it, when and why.
final class DeviceMove: Model, @unchecked Sendable {
    static let schema = "kit_device_moves"

    @ID(key: .id) var id: UUID?
    @Field(key: "council_id") var councilID: UUID
    @Field(key: "device_id") var deviceID: UUID
    /// The device's type, kept on each move so stock counts by type read the moves alone.
    @Field(key: "device_type") var deviceType: DeviceType
    @OptionalField(key: "from_stage") var fromStage: DeviceStage?
    @Field(key: "to_stage") var toStage: DeviceStage
    @Field(key: "at") var at: Date
    @Field(key: "actor") var actor: String
    @Field(key: "reason") var reason: String

    init() {}

    init(device: KitDevice, from: DeviceStage?, to: DeviceStage, at: Date, actor: String, reason: String) {
        self.councilID = device.councilID
        self.deviceID = device.id!
        self.deviceType = device.type
        self.fromStage = from
        self.toStage = to
        self.at = at
        self.actor = actor
        self.reason = reason
    }
}

/// A wipe, passed or failed, as the chain of custody records it.
final class DeviceWipe: Model, @unchecked Sendable {
    static let schema = "kit_wipes"

    @ID(key: .id) var id: UUID?
    @Field(key: "device_id") var deviceID: UUID
    @Field(key: "method") var method: WipeMethod
    @Field(key: "tool") var tool: String
    @Field(key: "tool_version") var toolVersion: String
    @Field(key: "operator") var operatorName: String
    @Field(key: "started") var started: Date
    @Field(key: "finished") var finished: Date
    @Field(key: "passed") var passed: Bool
    @Field(key: "verification") var verification: String
    @Field(key: "recorded_by") var recordedBy: String

    init() {}
}

/// Where a device went to be recycled, with the WEEE facility's certificate.
final class DeviceRecycling: Model, @unchecked Sendable {
    static let schema = "kit_recycling"

    @ID(key: .id) var id: UUID?
    @Field(key: "device_id") var deviceID: UUID
    @Field(key: "facility") var facility: String
    @Field(key: "recycled_on") var recycledOn: String
    @Field(key: "certificate") var certificate: String

    init() {}
}
