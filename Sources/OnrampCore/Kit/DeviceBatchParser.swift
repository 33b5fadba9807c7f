import Foundation

/// One device of a donated batch, as a refurbisher's spreadsheet lists it.
public struct DeviceBatchRow: Sendable, Equatable, LineNumbered {
    public var line = 0
    public let type: DeviceType
    public let make: String
    public let model: String
    public let serial: String
    public let assetTag: String?
    public let cpu: String?
    public let ramGB: Int?
    public let storageGB: Int?
    public let operatingSystem: String?
    public let accessories: String?
    public let condition: ConditionGrade?

    /// Serials compared as makers print them differently: no spaces or dashes, upper case.
    public var serialKey: String { Self.key(make: make, serial: serial) }

    public static func key(make: String, serial: String) -> String {
        make.lowercased().trimmingCharacters(in: .whitespaces) + "|" + serial.uppercased().filter { $0.isLetter || $0.isNumber }
    }
}

/// A donated batch's CSV. Required columns: `type`, `make`, `model`, `serial`; optional:
/// `asset_tag`, `cpu`, `ram_gb`, `storage_gb`, `os`, `accessories`, `condition` (A, B, C or U).
public struct DeviceBatchParser: RowParser {
    let columns: NamedColumns

    public init(header: ColumnMap) throws {
        columns = try NamedColumns(header: header, required: ["type", "make", "model", "serial"], dataset: "device batch")
    }

    public func parse(_ fields: [String]) throws -> DeviceBatchRow? {
        let value = { (name: String) in columns.value(name, in: fields) }
        func required(_ name: String, _ label: String) throws -> String {
            let text = try columns.required(name, label, in: fields)
            guard text.count <= 100 else { throw RowProblem("\(label) is longer than 100 characters") }
            return text
        }
        func size(_ name: String, _ label: String) throws -> Int? {
            guard let text = value(name) else { return nil }
            guard let number = Int(text), (1...100_000).contains(number) else { throw RowProblem("\(label) \u{201C}\(text)\u{201D} is not a whole number of GB") }
            return number
        }
        let typeText = try required("type", "The type")
        guard let type = DeviceType(rawValue: typeText.lowercased()) else {
            throw RowProblem("The type \u{201C}\(typeText)\u{201D} is not one of \(DeviceType.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        var condition: ConditionGrade?
        if let text = value("condition") {
            guard let grade = ConditionGrade(rawValue: text.uppercased()) else { throw RowProblem("The condition \u{201C}\(text)\u{201D} is not A, B, C or U") }
            condition = grade
        }
        var assetTag: String?
        if let tag = value("asset_tag")?.uppercased() {
            guard tag.count <= 40 else { throw RowProblem("The asset tag is longer than 40 characters") }
            guard !tag.hasPrefix(Self.madeTagPrefix) else {
                throw RowProblem("Asset tags starting \(Self.madeTagPrefix) are made by Onramp: leave the cell empty to have one made")
            }
            assetTag = tag
        }
        let serial = try required("serial", "The serial number")
        guard serial.contains(where: { $0.isLetter || $0.isNumber }) else { throw RowProblem("The serial number \u{201C}\(serial)\u{201D} has no letters or digits") }
        return DeviceBatchRow(
            type: type, make: try required("make", "The make"), model: try required("model", "The model"), serial: serial,
            assetTag: assetTag, cpu: value("cpu"), ramGB: try size("ram_gb", "The RAM"), storageGB: try size("storage_gb", "The storage"),
            operatingSystem: value("os"), accessories: value("accessories"), condition: condition
        )
    }

    /// The prefix of the asset tags Onramp makes (ONR-000001), which a file may not use.
    public static let madeTagPrefix = "ONR-"

    /// Serials that appear more than once in the batch, with every line they are on.
    public static func repeatedSerials(_ rows: [DeviceBatchRow]) -> [(serial: String, lines: [Int])] {
        rows.repeatedValues { ($0.serialKey, "\($0.make) \($0.serial)") }.map { (serial: $0.shown, lines: $0.lines) }
    }

    /// Asset tags that appear more than once in the batch, with every line they are on.
    public static func repeatedTags(_ rows: [DeviceBatchRow]) -> [(tag: String, lines: [Int])] {
        rows.repeatedValues { row in row.assetTag.map { ($0, $0) } }.map { (tag: $0.shown, lines: $0.lines) }
    }
}
