import Foundation

/// A library from a file in the Library Data Schema (LibrariesHacked's, as Southwark publishes
/// its libraries): where it is, how to contact it, and its staffed hours each day.
public struct LibraryDataRow: Sendable, Equatable {
    public let name: String
    public let addressLines: [String]
    public let postcode: String
    public let uprn: String?
    /// Still open: no year of closing.
    public let isOpen: Bool
    /// Weekly sessions; the same hours on several days become one schedule.
    public let schedules: [WeeklyOpening.Hours]
    public let url: String?
    public let email: String?
}

public struct LibraryDataParser: RowParser {
    let name, address1, address2, address3, postcode, uprn, closed, url, email: Int
    let staffed: [Int]

    static let days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    public init(header: ColumnMap) throws {
        let named = try header.require(
            ["Library name", "Address 1", "Address 2", "Address 3", "Postcode", "Unique property reference number", "Year closed", "URL", "Email address"]
                + Self.days.map { "\($0) staffed hours" },
            dataset: "Library Data Schema libraries"
        )
        (name, address1, address2, address3, postcode, uprn, closed, url, email) = (named[0], named[1], named[2], named[3], named[4], named[5], named[6], named[7], named[8])
        staffed = Array(named[9...])
    }

    public func parse(_ fields: [String]) throws -> LibraryDataRow? {
        let name = try Field.text(fields, name, label: "The library name")
        let typed = try Field.text(fields, postcode, label: "The postcode")
        guard let postcode = Postcode.normalise(typed) else { throw RowProblem("The postcode \u{201C}\(typed)\u{201D} is not a UK postcode") }
        var sessions: [WeeklyOpening.Session] = []
        for (day, column) in staffed.enumerated() {
            for range in fields[column].split(whereSeparator: { $0 == "," || $0 == ";" }) where !range.isEmpty {
                guard let hours = WeeklyOpening.range(String(range)) else {
                    throw RowProblem("\(Self.days[day]) staffed hours \u{201C}\(range)\u{201D} are not like 09:00-17:00")
                }
                sessions.append(WeeklyOpening.Session(weekday: day + 1, opens: hours.opens, closes: hours.closes))
            }
        }
        func optional(_ index: Int) -> String? { fields[index].isEmpty ? nil : fields[index] }
        return LibraryDataRow(
            name: name, addressLines: [address1, address2, address3].compactMap(optional), postcode: postcode,
            uprn: optional(uprn), isOpen: fields[closed].isEmpty, schedules: WeeklyOpening.grouped(sessions), url: optional(url), email: optional(email)
        )
    }
}
