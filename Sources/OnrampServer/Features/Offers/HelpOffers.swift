import Fluent
import Foundation
import OnrampCore

/// A council's offers catalogue.
enum HelpOffers {
    /// The council's live offers, in its order.
    static func published(councilID: UUID, on database: any Database) async throws -> [HelpOffer] {
        try await HelpOffer.query(on: database).filter(\.$councilID == councilID).filter(\.$active == true).sort(\.$position).all()
    }

    /// The standard catalogue for a council, each offer fulfilled by the partner given for its
    /// kind: a new council's start (and the demo's and the tests'), which it then edits.
    @discardableResult
    static func addStandard(councilID: UUID, partner: (OfferKind) -> UUID, now: Date, on database: any Database) async throws -> [HelpOffer] {
        var offers: [HelpOffer] = []
        for (position, kind) in OfferKind.allCases.enumerated() {
            let standard = StandardOffers.wording[kind]!
            let offer = HelpOffer()
            offer.councilID = councilID
            offer.kind = kind
            offer.name = standard.name
            offer.summary = standard.summary
            offer.partnerID = partner(kind)
            offer.available = standard.available
            offer.maxPerHousehold = standard.maxPerHousehold
            offer.followUpWeeks = FollowUpSchedule.defaultWeeks
            offer.standardDays = standard.standardDays
            offer.rule = StandardOffers.rules[kind]!.json
            offer.position = position
            offer.active = true
            offer.updatedAt = now
            try await offer.create(on: database)
            offers.append(offer)
        }
        try await SocialTariffRecords.addStandard(councilID: councilID, on: database)
        return offers
    }
}
