import Fluent
import OnrampCore
import Vapor

/// Everything the result page shows: the package worked out from the council's published
/// catalogue, and free Wi-Fi places from the directory, nearest first when there is a postcode.
struct HelpResultView: Sendable {
    struct WifiPlace: Sendable { let serviceID: UUID; let name: String; let metres: Double? }

    let draft: TriageDraft
    let offers: [HelpOffer]
    let partners: [UUID: String]
    let package: MinimumAccessPackage
    let wifiPlaces: [WifiPlace]

    static func load(draft: TriageDraft, on database: any Database) async throws -> HelpResultView {
        let offers = try await HelpOffers.published(councilID: draft.councilID, on: database)
        let package = MinimumAccessPackage(answers: draft.triageAnswers, catalogue: offers.map(\.core))
        let partners = try await Organisation.query(on: database).filter(\.$id ~~ Set(offers.map(\.partnerID))).all()
        let wantsWifi = package.eligible.contains { $0.offer.kind == .wifiPlace }
        let wifi = wantsWifi ? try await wifiPlaces(near: draft.triageAnswers.first("postcode"), on: database) : []
        return HelpResultView(
            draft: draft, offers: offers, partners: Dictionary(uniqueKeysWithValues: partners.map { ($0.id!, $0.name) }),
            package: package, wifiPlaces: wifi
        )
    }

    static func wifiPlaces(near postcode: String?, on database: any Database) async throws -> [WifiPlace] {
        let wifiTerm = UUID(uuidString: DigitalInclusionTaxonomy.term(code: "free-wifi")!.id)!
        let query = ServiceQuery(termIDs: [wifiTerm], statuses: [.active])
        if let postcode, !postcode.isEmpty, let point = try await PostcodePoint.find(postcode, on: database) {
            let near = try await DirectoryServiceLocation.near(.init(latitude: point.latitude, longitude: point.longitude), within: 5000, query: query, on: database)
            var seen: Set<UUID> = []
            let nearest = near.filter { seen.insert($0.link.serviceID).inserted }.prefix(3)
            let services = try await DirectoryService.query(on: database).filter(\.$id ~~ nearest.map(\.link.serviceID)).all()
            return nearest.compactMap { hit in
                services.first { $0.id == hit.link.serviceID }.map { WifiPlace(serviceID: $0.id!, name: $0.name, metres: hit.metres) }
            }
        }
        let page = try await DirectoryService.page(query, page: 1, perPage: 3, on: database)
        return page.rows.map { WifiPlace(serviceID: $0.id!, name: $0.name, metres: nil) }
    }
}

enum HelpOffers {
    /// The council's live offers, in its order.
    static func published(councilID: UUID, on database: any Database) async throws -> [HelpOffer] {
        try await HelpOffer.query(on: database).filter(\.$councilID == councilID).filter(\.$active == true).sort(\.$position).all()
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

extension HelpOffers {
    static let standardSummaries: [OfferKind: (name: String, summary: String, days: Int, available: Int?)] = [
        .deviceGift: ("A laptop or tablet to keep", "A refurbished laptop or tablet that is yours to keep, set up and ready.", 10, 20),
        .deviceLoan: ("Borrow a laptop or tablet", "A laptop or tablet to borrow for 3 months, with help to get started.", 5, 15),
        .dataSIM: ("Free mobile data", "A free SIM with mobile data for 6 months, from the National Databank.", 5, 50),
        .socialTariff: ("Cheaper broadband", "Help to switch to a social tariff: home broadband from \u{A3}12 a month.", 10, nil),
        .skillsCourse: ("Free computer course", "A short, friendly course at your library: one morning a week for 6 weeks.", 10, 40),
        .championHelp: ("Help from a digital champion", "A trained volunteer to help you one to one, at your pace.", 5, nil),
        .wifiPlace: ("Free Wi-Fi near you", "Places where anyone can use free Wi-Fi and a computer.", 5, nil),
    ]

    /// The standard catalogue for a council, each offer fulfilled by the partner given for its
    /// kind. Used by the demo and the tests; a council edits it afterwards.
    @discardableResult
    static func addStandard(councilID: UUID, partner: (OfferKind) -> UUID, now: Date, on database: any Database) async throws -> [HelpOffer] {
        var offers: [HelpOffer] = []
        for (position, kind) in OfferKind.allCases.enumerated() {
            let standard = standardSummaries[kind]!
            let offer = HelpOffer()
            offer.councilID = councilID
            offer.kind = kind
            offer.name = standard.name
            offer.summary = standard.summary
            offer.partnerID = partner(kind)
            offer.available = standard.available
            offer.standardDays = standard.days
            offer.rule = StandardOffers.rules[kind]!.json
            offer.position = position
            offer.active = true
            offer.updatedAt = now
            try await offer.create(on: database)
            offers.append(offer)
        }
        return offers
    }
}
