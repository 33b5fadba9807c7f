import Foundation

/// One row of the simple directory CSV: one service at one place. Rows with the same service
/// (the same `service_id`, or the same organisation and service name) are one service at
/// several places.
public struct DirectoryCSVRow: Sendable, Equatable, LineNumbered {
    public var line = 0
    public let serviceID: String
    public let serviceName: String
    public let description: String
    public let organization: String
    /// Kind-of-help codes or names, as written ("free-wifi; Public computers").
    public let categories: [String]
    public let status: ORUK.Status
    public let locationName: String?
    public let address: String?
    public let town: String?
    /// The county or region: ORUK's `state_province`.
    public let county: String?
    public let postcode: String?
    public let latitude: Double?
    public let longitude: Double?
    /// Monday first, "09:00-17:00" or empty.
    public let hours: [String]
    public let cost: Double
    public let costDescription: String?
    public let phone: String?
    public let email: String?
    public let website: String?
    public let languages: [String]
}

/// The simple CSV a council keeps in a spreadsheet. Required columns: `service_name`,
/// `description`, `organization`, `category`; the rest (`service_id`, `status`,
/// `location_name`, `address`, `town`, `county`, `postcode`, `latitude`, `longitude`, `monday` … `sunday`,
/// `cost`, `cost_description`, `phone`, `email`, `website`, `languages`) may be left out.
public struct DirectoryCSVParser: RowParser {
    let columns: NamedColumns
    static let required = ["service_name", "description", "organization", "category"]
    static let days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

    public init(header: ColumnMap) throws {
        columns = try NamedColumns(header: header, required: Self.required, dataset: "directory CSV")
    }

    public func parse(_ fields: [String]) throws -> DirectoryCSVRow? {
        let value = { (name: String) in columns.value(name, in: fields) }
        let required = { (name: String, label: String) in try columns.required(name, label, in: fields) }
        let name = try required("service_name", "The service name")
        if let problem = ORUKFeed.nameProblem(name) { throw RowProblem(problem) }
        let organization = try required("organization", "The organization")
        let description = try required("description", "The description")
        let categories = try required("category", "The category").split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var status = ORUK.Status.active
        if let text = value("status") {
            guard let known = ORUK.Status(rawValue: text.lowercased()) else { throw RowProblem("The status \u{201C}\(text)\u{201D} is not active, inactive, defunct or temporarily closed") }
            status = known
        }
        var postcode: String?
        if let typed = value("postcode") {
            guard let code = Postcode.normalise(typed) else { throw RowProblem("The postcode \u{201C}\(typed)\u{201D} is not a UK postcode") }
            postcode = code
        }
        let latitude = try value("latitude").map { _ in try Field.number(fields, columns.index("latitude")!, label: "The latitude", in: 49...61) }
        let longitude = try value("longitude").map { _ in try Field.number(fields, columns.index("longitude")!, label: "The longitude", in: -9...2) }
        let hours = try Self.days.map { day -> String in
            guard let text = value(day) else { return "" }
            guard WeeklyOpening.range(text) != nil else { throw RowProblem("\(day.capitalized) hours \u{201C}\(text)\u{201D} are not like 09:00-17:00") }
            return text
        }
        let cost = try value("cost").map { _ in try Field.number(fields, columns.index("cost")!, label: "The cost", in: 0...10_000) } ?? 0
        if let email = value("email"), !EmailAddress.isPlausible(EmailAddress.normalise(email)) { throw RowProblem("The email address \u{201C}\(email)\u{201D} is not in the right format") }
        if let website = value("website"), !ServiceDraft.isWebAddress(website) { throw RowProblem("The website \u{201C}\(website)\u{201D} does not start with https://") }
        let serviceID = value("service_id") ?? StableID.uuid(organization.lowercased() + "\u{1F}" + name.lowercased())
        guard UUID(uuidString: serviceID) != nil else { throw RowProblem("The service id \u{201C}\(serviceID)\u{201D} is not a UUID") }
        return DirectoryCSVRow(
            serviceID: serviceID.lowercased(), serviceName: name, description: description, organization: organization, categories: categories, status: status,
            locationName: value("location_name"), address: value("address"), town: value("town"), county: value("county"), postcode: postcode, latitude: latitude, longitude: longitude, hours: hours,
            cost: cost, costDescription: value("cost_description"), phone: value("phone"), email: value("email").map(EmailAddress.normalise), website: value("website"),
            languages: value("languages")?.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? []
        )
    }
}

/// A UUID that is always the same for the same text, so that records without ids of their own
/// (rows of a spreadsheet) keep one id from import to import. FNV-1a, twice, with different
/// starting points, laid out as a version 8 (custom) UUID.
public enum StableID {
    public static func uuid(_ text: String) -> String {
        func fnv(_ offset: UInt64) -> UInt64 {
            var hash = offset
            for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            return hash
        }
        var bytes = withUnsafeBytes(of: fnv(0xcbf2_9ce4_8422_2325).bigEndian, Array.init) + withUnsafeBytes(of: fnv(0x6c62_272e_07bb_0142).bigEndian, Array.init)
        bytes[6] = (bytes[6] & 0x0F) | 0x80
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let uuid = UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                               bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
        return uuid.uuidString.lowercased()
    }
}
