import Foundation

/// How to reach a resident and what suits them: what a merge keeps from the more recent record.
public struct ContactDetails: Sendable, Equatable {
    public var contactBy: String
    public var contactWhen: String
    public var phone: String?
    public var email: String?
    /// The address letters go to, and the postcode of where they live: they move together.
    public var address: String?
    public var postcode: String?
    public var language: String
    public var accessNeeds: String

    public init(contactBy: String, contactWhen: String, phone: String?, email: String?, address: String?, postcode: String?, language: String, accessNeeds: String) {
        (self.contactBy, self.contactWhen, self.phone, self.email) = (contactBy, contactWhen, phone, email)
        (self.address, self.postcode, self.language, self.accessNeeds) = (address, postcode, language, accessNeeds)
    }

    /// Each detail, in the order a page lists them.
    public enum Field: String, CaseIterable, Sendable {
        case contactBy, contactWhen, phone, email, address, postcode, language, accessNeeds
    }

    public subscript(field: Field) -> String? {
        let value: String? = switch field {
        case .contactBy: contactBy
        case .contactWhen: contactWhen
        case .phone: phone
        case .email: email
        case .address: address
        case .postcode: postcode
        case .language: language
        case .accessNeeds: accessNeeds
        }
        guard let value, !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        return value
    }
}

/// What merging two records of one resident will do, worked out before anything changes so an
/// officer can read it first: which contact details are kept, and which open requests for the
/// same help are combined into one.
public struct ResidentMergePlan: Sendable, Equatable {
    public enum Side: String, Sendable { case earlier, newer }

    /// One record's details and when the resident gave them.
    public struct Record: Sendable, Equatable {
        public let id: UUID
        public let details: ContactDetails
        public let givenAt: Date

        public init(id: UUID, details: ContactDetails, givenAt: Date) {
            (self.id, self.details, self.givenAt) = (id, details, givenAt)
        }
    }

    /// A request (referral) of either record, as the plan needs it.
    public struct Request: Sendable, Equatable {
        public let id: UUID
        public let offerID: UUID
        public let status: ReferralStatus
        public let createdAt: Date

        public init(id: UUID, offerID: UUID, status: ReferralStatus, createdAt: Date) {
            (self.id, self.offerID, self.status, self.createdAt) = (id, offerID, status, createdAt)
        }
    }

    /// Open requests for one offer: one is kept, the rest close into it.
    public struct Combination: Sendable, Equatable {
        public let kept: Request
        public let closed: [Request]
    }

    public let earlier: Record
    public let newer: Record
    /// The details the merged record will have.
    public let details: ContactDetails
    /// When those details were given: the more recent record's time.
    public let givenAt: Date
    /// Where each kept detail comes from; a detail neither record has is not listed.
    public let sources: [ContactDetails.Field: Side]
    public let combinations: [Combination]

    /// The more recently given details win, each detail on its own: a detail the more recent
    /// record lacks (no email, say) is kept from the other. Of open requests for the same offer,
    /// the one furthest along is kept (the resident has been reached), then the oldest.
    public init(earlier: Record, newer: Record, requests: [Request]) {
        self.earlier = earlier
        self.newer = newer
        let recentSide: Side = newer.givenAt >= earlier.givenAt ? .newer : .earlier
        let recent = recentSide == .newer ? newer : earlier, other = recentSide == .newer ? earlier : newer
        let otherSide: Side = recentSide == .newer ? .earlier : .newer
        var sources: [ContactDetails.Field: Side] = [:]
        var kept = recent.details
        for field in ContactDetails.Field.allCases where !Self.place.contains(field) {
            if recent.details[field] != nil {
                sources[field] = recentSide
            } else if other.details[field] != nil {
                sources[field] = otherSide
                kept.take(field, from: other.details)
            }
        }
        // The address and the postcode describe one place, so they go together: both from the
        // more recent record that gave either, never a letter to one place with another's postcode.
        let placeFrom = Self.place.contains { recent.details[$0] != nil } ? recent : other
        for field in Self.place {
            kept.take(field, from: placeFrom.details)
            if placeFrom.details[field] != nil { sources[field] = placeFrom.id == recent.id ? recentSide : otherSide }
        }
        details = kept
        givenAt = max(earlier.givenAt, newer.givenAt)
        self.sources = sources

        let open = requests.filter(\.status.isOpen)
        var combinations: [Combination] = []
        for offerID in Self.ordered(open.map(\.offerID)) {
            let same = open.filter { $0.offerID == offerID }.sorted(by: Self.keepsBefore)
            if same.count > 1 { combinations.append(Combination(kept: same[0], closed: Array(same.dropFirst()))) }
        }
        self.combinations = combinations
    }

    /// The details that say where the resident lives.
    static let place: [ContactDetails.Field] = [.address, .postcode]

    /// Which of two open requests for the same help to keep: the one where the resident has
    /// been reached, then the one further along, then the older.
    static func keepsBefore(_ a: Request, _ b: Request) -> Bool {
        if a.status.isContactMade != b.status.isContactMade { return a.status.isContactMade }
        if a.status.step != b.status.step { return a.status.step > b.status.step }
        if a.createdAt != b.createdAt { return a.createdAt < b.createdAt }
        return a.id.precedes(b.id)
    }

    private static func ordered(_ ids: [UUID]) -> [UUID] {
        var seen: Set<UUID> = []
        return ids.filter { seen.insert($0).inserted }
    }

    /// The requests that will be closed.
    public var closing: [Request] { combinations.flatMap(\.closed) }

    /// Stands for everything the plan will do, so that a confirmation can be refused when the
    /// records changed after the officer read it: FNV-1a over the plan's text, in hex.
    public var fingerprint: String {
        var text = "\(earlier.id)|\(newer.id)|\(givenAt.timeIntervalSince1970)"
        for field in ContactDetails.Field.allCases { text += "|\(field.rawValue)=\(details[field] ?? "")" }
        for combination in combinations {
            text += "|\(combination.kept.id):\(combination.kept.status.rawValue)"
            for request in combination.closed { text += ",\(request.id):\(request.status.rawValue)" }
        }
        var hash: UInt64 = 0xcbf29ce484222325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100000001b3
        }
        return String(hash, radix: 16)
    }
}

extension ContactDetails {
    mutating func take(_ field: Field, from other: ContactDetails) {
        switch field {
        case .contactBy: contactBy = other.contactBy
        case .contactWhen: contactWhen = other.contactWhen
        case .phone: phone = other.phone
        case .email: email = other.email
        case .address: address = other.address
        case .postcode: postcode = other.postcode
        case .language: language = other.language
        case .accessNeeds: accessNeeds = other.accessNeeds
        }
    }
}
