import Fluent
import Vapor

/// A record that belongs to one council: staff of another council never see it.
protocol CouncilOwned: Model where IDValue == UUID {
    var councilID: UUID { get }
}

extension DonationBatch: CouncilOwned {}
extension KitDevice: CouncilOwned {}
extension KitFile: CouncilOwned {}

extension Request {
    /// The record whose id is in the path under `key`, if it is the signed-in staff member's
    /// council's; otherwise 404, as if it did not exist.
    func councilRecord<M: CouncilOwned>(_ type: M.Type, at key: String) async throws -> M {
        let staff = try signedIn()
        guard let id = parameters.get(key, as: UUID.self), let record = try await M.find(id, on: db), record.councilID == staff.councilID
        else { throw Abort(.notFound) }
        return record
    }
}
