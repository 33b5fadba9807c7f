import Foundation

/// A SIM card with data on it, or a voucher code that tops a phone up.
public enum DataPackKind: String, CaseIterable, Sendable, Codable {
    case sim, voucher

    public var label: String {
        switch self {
        case .sim: "SIM card"
        case .voucher: "Data voucher"
        }
    }
}

/// One SIM or voucher of a batch, as a network's or the National Databank's spreadsheet lists it.
public struct DataPackRow: Sendable, Equatable, LineNumbered {
    public var line = 0
    public let kind: DataPackKind
    public let network: String
    public let allowanceGB: Int
    public let months: Int
    /// The last day the SIM can be activated or the voucher redeemed.
    public let expiresOn: CalendarDay
    public let code: String

    /// Codes compared as printed differently: letters and digits only, upper case.
    public var codeKey: String { DataCode.key(code) }
}

/// What staff may see of a code outside the moment it is handed over.
public enum DataCode {
    public static func key(_ code: String) -> String {
        code.uppercased().filter { $0.isLetter || $0.isNumber }
    }

    /// "ending 4821": enough to match a card in the hand, not enough to use it.
    public static func ending(_ code: String) -> String {
        "ending " + String(key(code).suffix(4))
    }
}

/// A batch of SIMs or vouchers as CSV. Required columns: `kind` (sim or voucher), `network`,
/// `allowance_gb` (a month), `months`, `expires_on` (YYYY-MM-DD), `code`.
public struct DataPackParser: RowParser {
    let columns: NamedColumns
    /// Codes that have already expired are refused: nobody could use them.
    let today: CalendarDay

    public init(header: ColumnMap, today: CalendarDay) throws {
        columns = try NamedColumns(header: header, required: ["kind", "network", "allowance_gb", "months", "expires_on", "code"], dataset: "data batch")
        self.today = today
    }

    public func parse(_ fields: [String]) throws -> DataPackRow? {
        func number(_ name: String, _ label: String, in range: ClosedRange<Int>) throws -> Int {
            let text = try columns.required(name, label, in: fields)
            guard let value = Int(text), range.contains(value) else {
                throw RowProblem("\(label) \u{201C}\(text)\u{201D} is not a whole number from \(range.lowerBound) to \(range.upperBound)")
            }
            return value
        }
        let kindText = try columns.required("kind", "The kind", in: fields)
        guard let kind = DataPackKind(rawValue: kindText.lowercased()) else { throw RowProblem("The kind \u{201C}\(kindText)\u{201D} is not sim or voucher") }
        let network = DataNetwork.named(try columns.required("network", "The network", in: fields))
        guard network.count <= 50 else { throw RowProblem("The network is longer than 50 characters") }
        let expiryText = try columns.required("expires_on", "The expiry date", in: fields)
        guard let expires = CalendarDay(iso: expiryText) else { throw RowProblem("The expiry date \u{201C}\(expiryText)\u{201D} is not a date like 2027-05-31") }
        guard !(expires < today) else { throw RowProblem("This code expired on \(expires.spoken)") }
        let code = try columns.required("code", "The code", in: fields)
        guard (6...64).contains(DataCode.key(code).count) else { throw RowProblem("The code should have 6 to 64 letters and digits") }
        return DataPackRow(kind: kind, network: network, allowanceGB: try number("allowance_gb", "The allowance", in: 1...1000),
                           months: try number("months", "The number of months", in: 1...24), expiresOn: expires, code: code)
    }

    /// Codes that appear more than once in the file, with every line they are on.
    public static func repeatedCodes(_ rows: [DataPackRow]) -> [(code: String, lines: [Int])] {
        rows.repeatedValues { ($0.codeKey, DataCode.ending($0.code)) }.map { (code: $0.shown, lines: $0.lines) }
    }
}

/// Network names as people type them, so one network's stock is counted in one row.
public enum DataNetwork {
    static let known = ["Vodafone", "O2", "Three", "EE", "Lyca Mobile", "giffgaff", "Tesco Mobile", "Sky Mobile", "VOXI", "SMARTY", "iD Mobile"]

    public static func named(_ typed: String) -> String {
        let trimmed = typed.trimmingCharacters(in: .whitespaces)
        return known.first { $0.caseInsensitiveCompare(trimmed) == .orderedSame } ?? trimmed
    }
}

/// When the data a resident was given runs out, and when to remind them to ask for more.
public enum DataPlan {
    /// Residents are reminded this many days before their data ends, once.
    public static let reminderDays = 14

    public static func endsOn(givenOn: CalendarDay, months: Int) -> CalendarDay {
        let calendar = CalendarDay.utc
        return CalendarDay(calendar.date(byAdding: .month, value: months, to: givenOn.start(in: calendar.timeZone))!, in: calendar.timeZone)
    }

    /// True from two weeks before the data ends until the day it ends, if not yet sent.
    public static func reminderDue(endsOn: CalendarDay, today: CalendarDay, sent: Bool) -> Bool {
        !sent && !(today < endsOn.adding(days: -reminderDays)) && !(endsOn < today)
    }
}
