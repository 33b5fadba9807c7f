import Fluent
import Foundation

/// The risk-index run a council shows the public, and the narrative beside it (kept already
/// cleaned by `Narrative.clean`). One a council: publishing again replaces it.
final class PublishedMap: Model, @unchecked Sendable {
    static let schema = "published_maps"

    @ID(key: .id) var id: UUID?
    @Field(key: "council_id") var councilID: UUID
    @Field(key: "run_id") var runID: UUID
    @Field(key: "narrative") var narrative: String
    @Field(key: "published_at") var publishedAt: Date
    @Field(key: "published_by") var publishedBy: String

    init() {}
}

extension PublishedMap: Scoped {}
