import Fluent
import Foundation
import OnrampCore

/// The council or a partner taking part in its programme. A council's `councilID` is its own
/// id, so "records of this council" is always one equality test.
final class Organisation: Model, @unchecked Sendable {
    static let schema = "organisations"

    @ID(key: .id) var id: UUID?
    @Field(key: "council_id") var councilID: UUID
    @Field(key: "name") var name: String
    @Field(key: "type") var type: OrganisationType
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    /// A new council, which is its own council.
    static func council(name: String) -> Organisation {
        let id = UUID()
        return Organisation(id: id, councilID: id, name: name, type: .council)
    }

    init(id: UUID = UUID(), councilID: UUID, name: String, type: OrganisationType) {
        self.id = id
        self.councilID = councilID
        self.name = name
        self.type = type
    }
}
