import Fluent
import Foundation
import OnrampCore

/// One entry of a council's offers catalogue.
final class HelpOffer: Model, @unchecked Sendable {
    static let schema = "help_offers"

    @ID(key: .id) var id: UUID?
    @Field(key: "council_id") var councilID: UUID
    @Field(key: "kind") var kind: OfferKind
    @Field(key: "name") var name: String
    @Field(key: "summary") var summary: String
    /// The partner organisation that fulfils it.
    @Field(key: "partner_id") var partnerID: UUID
    /// Places or items left; nil when not counted.
    @OptionalField(key: "available") var available: Int?
    /// First contact within this many working days.
    @Field(key: "standard_days") var standardDays: Int
    /// The published rule, as JSON.
    @Field(key: "rule") var rule: String
    @Field(key: "position") var position: Int
    @Field(key: "active") var active: Bool
    @Field(key: "updated_at") var updatedAt: Date
    /// How many one household can have (devices: one each for children who need one).
    @Field(key: "max_per_household") var maxPerHousehold: Int
    /// Weeks after a referral is fulfilled when the resident is asked how things are.
    @Field(key: "follow_up_weeks") var followUpWeeks: Int

    init() {}

    var core: Offer {
        let parsed = (try? EligibilityRule.parse(rule).get()) ?? .any([])
        return Offer(id: id!.uuidString, kind: kind, name: name, summary: summary, rule: parsed, available: available, position: position, maxPerHousehold: maxPerHousehold)
    }
}

/// A triage in progress. Its random token is in every address of the journey, so the address
/// is also the resume link: nothing is lost when a phone's session ends.
final class TriageDraft: Model, @unchecked Sendable {
    static let schema = "triage_drafts"

    @ID(key: .id) var id: UUID?
    @Field(key: "token") var token: String
    @Field(key: "council_id") var councilID: UUID
    @Field(key: "channel") var channel: CaseChannel
    /// The officer, champion or partner completing it with the resident.
    @OptionalField(key: "staff_user_id") var staffUserID: UUID?
    @Field(key: "answers") var answers: String
    @OptionalField(key: "case_id") var caseID: UUID?
    @Field(key: "updated_at") var updatedAt: Date
    /// The hash of the token held by the browser that asked for help (see `TriageDrafts.askedHere`).
    @OptionalField(key: "asked_token_hash") var askedTokenHash: String?

    init() {}

    var triageAnswers: TriageAnswers {
        get { .stored(answers) }
        set { answers = String(decoding: (try? JSONEncoder.sorted.encode(newValue)) ?? Data("{}".utf8), as: UTF8.self) }
    }
}

/// How a request reached the council.
enum CaseChannel: String, Codable, CaseIterable, Sendable {
    case online, phone
    case faceToFace = "face-to-face"
    case paper
    case partner

    var label: String {
        switch self {
        case .online: "The resident, online"
        case .phone: "Assisted, on the phone"
        case .faceToFace: "Assisted, face to face"
        case .paper: "Paper form, keyed in"
        case .partner: "Referred by a partner"
        }
    }
}

/// One person, however many requests they make.
final class Resident: Model, @unchecked Sendable {
    static let schema = "residents"

    @ID(key: .id) var id: UUID?
    @Field(key: "council_id") var councilID: UUID
    @Field(key: "name") var name: String
    @OptionalField(key: "date_of_birth") var dateOfBirth: String?
    @OptionalField(key: "postcode") var postcode: String?
    @OptionalField(key: "address") var address: String?
    @OptionalField(key: "phone") var phone: String?
    @OptionalField(key: "email") var email: String?
    @Field(key: "contact_by") var contactBy: String
    @Field(key: "contact_when") var contactWhen: String
    @Field(key: "language") var language: String
    @Field(key: "access_needs") var accessNeeds: String
    @OptionalField(key: "name_key") var nameKey: String?
    /// Set when an officer merged this record into another.
    @OptionalField(key: "merged_into_id") var mergedIntoID: UUID?
    @Field(key: "created_at") var createdAt: Date
    /// When the contact details and preferences were given; nil for the time the record was made.
    @OptionalField(key: "details_given_at") var detailsGivenAt: Date?
    /// `ResidentSearchKeys`, written with the record (see `refreshKeys`).
    @OptionalField(key: "search_name") var searchName: String?
    @OptionalField(key: "search_phone") var searchPhone: String?
    @OptionalField(key: "search_email") var searchEmail: String?
    @OptionalField(key: "search_postcode") var searchPostcode: String?
    /// The 2021 LSOA of the postcode, kept when the postcode itself is removed (anonymising).
    @OptionalField(key: "area_lsoa21") var areaLSOA21: String?
    @OptionalField(key: "anonymised_at") var anonymisedAt: Date?

    init() {}

    var identity: ResidentIdentity {
        ResidentIdentity(name: name, dateOfBirth: dateOfBirth.flatMap(CalendarDay.init(iso:)), postcode: postcode, phone: phone, email: email)
    }

    /// The keys duplicates are found by and search compares, from the details as they are now:
    /// call before every save that changes a name, phone, email or postcode.
    func refreshKeys() {
        nameKey = identity.nameKey
        let keys = ResidentSearchKeys(name: name, phone: phone, email: email, postcode: postcode)
        (searchName, searchPhone, searchEmail, searchPostcode) = (keys.name, keys.phone, keys.email, keys.postcode)
    }

    var contactDetails: ContactDetails {
        get {
            ContactDetails(contactBy: contactBy, contactWhen: contactWhen, phone: phone, email: email, address: address, postcode: postcode,
                           language: language, accessNeeds: accessNeeds)
        }
        set {
            (contactBy, contactWhen, phone, email) = (newValue.contactBy, newValue.contactWhen, newValue.phone, newValue.email)
            (address, postcode, language, accessNeeds) = (newValue.address, newValue.postcode, newValue.language, newValue.accessNeeds)
        }
    }
}

extension Resident {
    /// The resident and every record merged into them, however many merges back (a merged
    /// record keeps its own details): what anonymising, a subject access copy and "who has
    /// looked" all cover.
    static func withMerged(_ residentID: UUID, on database: any Database) async throws -> [UUID] {
        var ids = [residentID], frontier = [residentID]
        while !frontier.isEmpty {
            let merged = try await Resident.query(on: database).filter(\.$mergedIntoID ~~ frontier).all(\.$id).filter { !ids.contains($0) }
            ids += merged
            frontier = merged
        }
        return ids
    }
}

/// Equality-monitoring answers, kept apart from the resident record and shown only to roles
/// allowed to see them.
final class ResidentEquality: Model, @unchecked Sendable {
    static let schema = "resident_equality"

    @ID(key: .id) var id: UUID?
    @Field(key: "resident_id") var residentID: UUID
    @OptionalField(key: "age_band") var ageBand: String?
    @OptionalField(key: "disability") var disability: String?
    @OptionalField(key: "ethnicity") var ethnicity: String?
    @OptionalField(key: "sex") var sex: String?
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// One request for help: the triage answers and a referral per chosen offer.
final class HelpCase: Model, @unchecked Sendable {
    static let schema = "help_cases"

    @ID(key: .id) var id: UUID?
    @Field(key: "council_id") var councilID: UUID
    @Field(key: "reference") var reference: String
    @Field(key: "resident_id") var residentID: UUID
    @Field(key: "draft_id") var draftID: UUID
    @Field(key: "channel") var channel: CaseChannel
    @Field(key: "answers") var answers: String
    @Field(key: "consent_version") var consentVersion: String
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    /// The stored reference as a resident is given it ("HNAM-76FV-H"); one Onramp did not make
    /// is shown as stored, never a crash.
    var referenceNumber: ReferenceNumber { ReferenceNumber(stored: reference) }

    var triageAnswers: TriageAnswers { .stored(answers) }
}

extension TriageAnswers {
    /// The answers as a case or draft stores them (JSON); none when unreadable.
    static func stored(_ json: String) -> TriageAnswers {
        (try? JSONDecoder().decode(TriageAnswers.self, from: Data(json.utf8))) ?? TriageAnswers()
    }
}

/// A request passed to the partner that fulfils one offer.
final class Referral: Model, @unchecked Sendable {
    static let schema = "referrals"

    @ID(key: .id) var id: UUID?
    @Field(key: "council_id") var councilID: UUID
    @Field(key: "case_id") var caseID: UUID
    @Field(key: "offer_id") var offerID: UUID
    @Field(key: "organisation_id") var organisationID: UUID
    @Field(key: "status") var status: ReferralStatus
    /// The service standard's deadline for first contact, "2026-11-27".
    @Field(key: "contact_due") var contactDue: String
    @OptionalField(key: "contacted_at") var contactedAt: Date?
    @OptionalField(key: "outcome") var outcome: String?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    /// How many devices the household asked for: one each for those who need one.
    @Field(key: "quantity") var quantity: Int
    /// The same request on the resident's other case, when merging their records closed this one.
    @OptionalField(key: "combined_into_id") var combinedIntoID: UUID?

    init() {}

    /// A new referral of a case to the partner for `offer`, its first contact due within the
    /// offer's service standard in working days.
    init(caseID: UUID, councilID: UUID, offer: HelpOffer, partnerID: UUID, workingDays: WorkingDays, now: Date) {
        (self.councilID, self.caseID, self.offerID, self.organisationID) = (councilID, caseID, offer.id!, partnerID)
        status = .received
        quantity = 1
        contactDue = workingDays.adding(offer.standardDays, to: WorkingDays.today(now)).iso
        (createdAt, updatedAt) = (now, now)
    }

    func isOverdue(today: CalendarDay) -> Bool { status.isOverdue(contactDue: contactDue, today: today) }
}

/// A line on a case's timeline: who did what, when.
final class CaseEvent: Model, @unchecked Sendable {
    static let schema = "case_events"

    @ID(key: .id) var id: UUID?
    @Field(key: "case_id") var caseID: UUID
    @OptionalField(key: "referral_id") var referralID: UUID?
    @Field(key: "at") var at: Date
    @Field(key: "actor") var actor: String
    @Field(key: "text") var text: String

    init() {}

    init(caseID: UUID, referralID: UUID? = nil, at: Date, actor: String, text: String) {
        self.caseID = caseID
        self.referralID = referralID
        self.at = at
        self.actor = actor
        self.text = text
    }
}

/// Two resident records that may be the same person, for an officer to merge or keep apart.
final class PossibleDuplicate: Model, @unchecked Sendable {
    static let schema = "possible_duplicates"

    @ID(key: .id) var id: UUID?
    @Field(key: "council_id") var councilID: UUID
    /// The newer record.
    @Field(key: "resident_id") var residentID: UUID
    @Field(key: "existing_id") var existingID: UUID
    @Field(key: "matched_on") var matchedOn: String
    @Field(key: "decision") var decision: DuplicateDecision
    @OptionalField(key: "decided_by") var decidedBy: String?
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// What an officer decided about two records that may be one person.
enum DuplicateDecision: String, Codable, Sendable {
    case open, merged
    case keptApart = "kept-apart"
}

/// A wrong reference or check at /track, counted per address to stop guessing.
final class TrackFailure: Model, @unchecked Sendable {
    static let schema = "track_failures"

    @ID(key: .id) var id: UUID?
    @Field(key: "address") var address: String
    @Field(key: "at") var at: Date

    init() {}
}
