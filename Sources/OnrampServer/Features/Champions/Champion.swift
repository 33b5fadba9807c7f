import Fluent
import OnrampCore
import Vapor

/// A volunteer digital champion, from their application on. Volunteers with a partner
/// organisation, or with the council itself (`organisationID` nil).
final class Champion: Model, @unchecked Sendable {
    static let schema = "champions"

    @ID(key: .id) var id: UUID?
    @Field(key: "council_id") var councilID: UUID
    /// nil: volunteers with the council itself.
    @OptionalField(key: "organisation_id") var organisationID: UUID?
    @Field(key: "name") var name: String
    @Field(key: "status") var status: ChampionStatus
    /// Their Onramp account, once invited.
    @OptionalField(key: "user_id") var userID: UUID?
    @OptionalField(key: "email") var email: String?
    /// As `PhoneNumber.normalise` writes it.
    @OptionalField(key: "phone") var phone: String?
    @OptionalField(key: "address") var address: String?
    /// The ways they chose to be told things, as `ContactWays` stores them.
    @Field(key: "contact_by") var contactBy: String
    /// When they are free, as `ChampionAvailability` values separated by commas.
    @Field(key: "availability") var availability: String
    @Field(key: "languages") var languages: String
    /// What they are good at: `SkillsArea` values separated by commas.
    @Field(key: "strengths") var strengths: String
    /// The wording they agreed to (`ChampionConsent.version`).
    @Field(key: "consent_version") var consentVersion: String
    /// Why they are paused, while they are.
    @OptionalField(key: "paused_reason") var pausedReason: String?
    @OptionalField(key: "anonymised_at") var anonymisedAt: Date?
    @Field(key: "status_since") var statusSince: Date
    @Field(key: "created_at") var createdAt: Date

    init() {}

    var contactWays: ContactWays { ContactWays(stored: contactBy) }
    var skillsAreas: [SkillsArea] { strengths.split(separator: ",").compactMap { SkillsArea(rawValue: String($0)) } }
    var freeTimes: [ChampionAvailability] { availability.split(separator: ",").compactMap { ChampionAvailability(rawValue: String($0)) } }
}

/// Partner staff reach only the champions who volunteer with their own organisation; the
/// council's staff reach all of the council's.
extension Champion: Scoped {
    static func organisation(_ organisationID: UUID, _ query: QueryBuilder<Champion>) -> QueryBuilder<Champion> {
        query.filter(\.$organisationID == organisationID)
    }
}

/// When a champion is free to help.
enum ChampionAvailability: String, CaseIterable, Sendable {
    case weekdayMornings = "weekday-mornings"
    case weekdayAfternoons = "weekday-afternoons"
    case weekdayEvenings = "weekday-evenings"
    case weekends

    var label: String {
        switch self {
        case .weekdayMornings: "Weekday mornings"
        case .weekdayAfternoons: "Weekday afternoons"
        case .weekdayEvenings: "Weekday evenings"
        case .weekends: "Weekends"
        }
    }
}

/// A check on the council's list (see `ChampionRequirement`). Removing one keeps it, marked,
/// so the checks recorded against it still say what they were.
final class ChampionRequiredCheck: Model, @unchecked Sendable {
    static let schema = "champion_required_checks"

    @ID(key: .id) var id: UUID?
    @Field(key: "council_id") var councilID: UUID
    /// `ChampionCheckKind.key`.
    @Field(key: "kind") var kind: String
    @OptionalField(key: "references_count") var referencesCount: Int?
    @OptionalField(key: "dbs_level") var dbsLevel: DBSLevel?
    @OptionalField(key: "module") var module: String?
    @OptionalField(key: "valid_months") var validMonths: Int?
    @Field(key: "position") var position: Int
    @OptionalField(key: "removed_at") var removedAt: Date?

    init() {}

    var requirement: ChampionRequirement {
        let parsed: ChampionCheckKind = switch kind {
        case "references": .references(count: referencesCount ?? 1)
        case "dbs": .dbs(level: dbsLevel ?? .basic)
        default: .training(module: module ?? "")
        }
        return ChampionRequirement(id: id!, kind: parsed, validForMonths: validMonths)
    }

    func take(_ kind: ChampionCheckKind, validMonths months: Int?) {
        self.kind = kind.key
        (referencesCount, dbsLevel, module, validMonths) = (nil, nil, nil, months)
        switch kind {
        case .references(let count): referencesCount = count
        case .dbs(let level): dbsLevel = level
        case .training(let name): module = name
        }
    }
}

extension ChampionRequiredCheck: Scoped {}

/// A check a champion has done (see `ChampionCheckRecord`).
final class ChampionCheck: Model, @unchecked Sendable {
    static let schema = "champion_checks"

    @ID(key: .id) var id: UUID?
    @Field(key: "council_id") var councilID: UUID
    @Field(key: "champion_id") var championID: UUID
    @Field(key: "requirement_id") var requirementID: UUID
    @Field(key: "done_on") var doneOn: String
    @OptionalField(key: "dbs_level") var dbsLevel: DBSLevel?
    @Field(key: "on_update_service") var onUpdateService: Bool
    @Field(key: "note") var note: String
    @Field(key: "recorded_by") var recordedBy: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    var record: ChampionCheckRecord? {
        CalendarDay(iso: doneOn).map { ChampionCheckRecord(requirementID: requirementID, doneOn: $0, dbsLevel: dbsLevel, onUpdateService: onUpdateService, note: note) }
    }
}

/// Time a champion gave, perhaps at a session (`skill_sessions`), on a day.
final class ChampionHoursEntry: Model, @unchecked Sendable {
    static let schema = "champion_hours"

    @ID(key: .id) var id: UUID?
    @Field(key: "council_id") var councilID: UUID
    @Field(key: "champion_id") var championID: UUID
    @OptionalField(key: "session_id") var sessionID: UUID?
    @Field(key: "day") var day: String
    @Field(key: "hours") var hours: Double
    @Field(key: "recorded_by") var recordedBy: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}
