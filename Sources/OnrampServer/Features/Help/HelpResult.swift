import Fluent
import OnrampCore
import Vapor

/// Everything the result page shows: the package worked out from the council's published
/// catalogue, and free Wi-Fi places from the directory, nearest first when there is a postcode.
struct HelpResultView: Sendable {
    /// Free Wi-Fi: near a postcode, a place with its own page; otherwise a service.
    struct WifiPlace: Sendable { let link: SiteURL; let name: String; let metres: Double? }

    let draft: TriageDraft
    let offers: [HelpOffer]
    let partners: [UUID: String]
    let package: MinimumAccessPackage
    let wifiPlaces: [WifiPlace]
    /// The council's phone and address, for residents who would rather talk to someone.
    let contact: CouncilContact?
    /// The council's social tariffs, each with the day its price was checked.
    let tariffs: [SocialTariff]
    /// Set when the postcode is outside the council's area.
    let elsewhere: PostcodePlacing.Elsewhere?

    static func load(draft: TriageDraft, on database: any Database) async throws -> HelpResultView {
        let offers = try await HelpOffers.published(councilID: draft.councilID, on: database)
        let package = MinimumAccessPackage(answers: draft.triageAnswers, catalogue: offers.map(\.core))
        let partners = try await Organisation.query(on: database).filter(\.$id ~~ Set(offers.map(\.partnerID))).all()
        let wantsWifi = package.eligible.contains { $0.offer.kind == .wifiPlace }
        let wifi = wantsWifi ? try await wifiPlaces(near: draft.triageAnswers.first("postcode"), on: database) : []
        return HelpResultView(
            draft: draft, offers: offers, partners: Dictionary(uniqueKeysWithValues: partners.map { ($0.id!, $0.name) }),
            package: package, wifiPlaces: wifi, contact: try await CouncilContacts.of(councilID: draft.councilID, on: database),
            tariffs: try await SocialTariffRecords.list(councilID: draft.councilID, on: database),
            elsewhere: try await PostcodePlacing.elsewhere(draft.triageAnswers, on: database)
        )
    }

    static func wifiPlaces(near postcode: String?, on database: any Database) async throws -> [WifiPlace] {
        let wifiTerm = UUID(uuidString: DigitalInclusionTaxonomy.term(code: "free-wifi")!.id)!
        let query = ServiceQuery(termIDs: [wifiTerm], statuses: [.active])
        if let postcode, !postcode.isEmpty, let point = try await PostcodePoint.find(postcode, on: database) {
            let near = try await DirectoryServiceLocation.near(.init(latitude: point.latitude, longitude: point.longitude), within: 5000, query: query, on: database)
            // The three nearest places, each to its own page: one service is often at many places.
            var seen: Set<UUID> = []
            let nearest = near.filter { seen.insert($0.link.locationID).inserted }.prefix(3)
            let places = try await DirectoryLocation.query(on: database).filter(\.$id ~~ nearest.map(\.link.locationID)).all()
            return nearest.compactMap { hit in
                places.first { $0.id == hit.link.locationID }.map { WifiPlace(link: .directoryPlace(.value($0.id!)), name: $0.name, metres: hit.metres) }
            }
        }
        let page = try await DirectoryService.page(query, RequestedPage(number: 1, defaultSize: 3), on: database)
        return page.rows.map { WifiPlace(link: .directoryService(.value($0.id!)), name: $0.name, metres: nil) }
    }
}

/// Equality-monitoring answers: optional, stored apart from the resident's record.
enum EqualityMonitoring {
    static let questions: [(field: String, legend: String, options: [(String, String)])] = [
        ("age_band", "Your age", [("16-24", "16 to 24"), ("25-49", "25 to 49"), ("50-64", "50 to 64"), ("65-plus", "65 or over"), ("prefer-not", "Prefer not to say")]),
        ("disability", "Do you consider yourself to have a disability?", [("yes", "Yes"), ("no", "No"), ("prefer-not", "Prefer not to say")]),
        ("ethnicity", "Your ethnic group", [("asian", "Asian or Asian British"), ("black", "Black, Black British, Caribbean or African"), ("mixed", "Mixed or multiple ethnic groups"), ("white", "White"), ("other", "Another ethnic group"), ("prefer-not", "Prefer not to say")]),
        ("sex", "Your sex", [("female", "Female"), ("male", "Male"), ("prefer-not", "Prefer not to say")]),
    ]

    static func save(_ fields: FormFields, residentID: UUID, now: Date, on database: any Database) async throws {
        let answer = { (field: String) -> String? in
            guard let value = fields[field], let question = questions.first(where: { $0.field == field }),
                  question.options.contains(where: { $0.0 == value }) else { return nil }
            return value
        }
        let existing = try await ResidentEquality.query(on: database).filter(\.$residentID == residentID).first()
        let row = existing ?? ResidentEquality()
        row.residentID = residentID
        row.ageBand = answer("age_band")
        row.disability = answer("disability")
        row.ethnicity = answer("ethnicity")
        row.sex = answer("sex")
        row.createdAt = existing?.createdAt ?? now
        try await row.save(on: database)
    }

    /// The stored answer to one question.
    static func value(_ field: String, of row: ResidentEquality) -> String? {
        switch field {
        case "age_band": row.ageBand
        case "disability": row.disability
        case "ethnicity": row.ethnicity
        default: row.sex
        }
    }

    static func label(_ field: String, _ value: String?) -> String {
        guard let value else { return "Not answered" }
        return questions.first { $0.field == field }?.options.first { $0.0 == value }?.1 ?? value
    }
}
