/// Validation problems for a form, in the order the fields appear on the page, so that the
/// error summary reads top to bottom.
public struct FormErrors: Sendable, Equatable {
    public struct Problem: Sendable, Equatable {
        public let field: String
        public let message: String

        public init(field: String, message: String) { (self.field, self.message) = (field, message) }
    }

    public private(set) var problems: [Problem] = []

    public init() {}

    public var isEmpty: Bool { problems.isEmpty }

    /// Only the first problem with a field is kept: one clear message per field.
    public mutating func add(_ field: String, _ message: String) {
        guard self[field] == nil else { return }
        problems.append(Problem(field: field, message: message))
    }

    public subscript(field: String) -> String? {
        problems.first { $0.field == field }?.message
    }

    /// Checks a free-text answer: required or not, and not longer than `maxLength`.
    /// Returns the trimmed text.
    @discardableResult
    public mutating func text(
        _ field: String, _ value: String?, label: String, required: Bool = true, maxLength: Int
    ) -> String {
        let trimmed = (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let named = label.prefix(1).uppercased() + label.dropFirst()
        if trimmed.isEmpty {
            if required { add(field, "Enter \(label)") }
        } else if trimmed.count > maxLength {
            add(field, "\(named) must be \(maxLength) characters or fewer")
        } else if trimmed.unicodeScalars.contains(where: Self.isUnprintable) {
            add(field, "\(named) must not contain characters that cannot be printed, such as control characters")
        }
        return trimmed
    }

    /// Control characters other than line breaks and tabs: nobody types them, and they make a
    /// name unreadable on a page, in a letter or in a spreadsheet.
    static func isUnprintable(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .control && !["\n", "\r", "\t"].contains(scalar)
    }

    /// Checks a choice from a fixed list, such as radios or a select.
    public mutating func choice<T: RawRepresentable>(
        _ field: String, _ value: String?, as type: T.Type, message: String
    ) -> T? where T.RawValue == String {
        guard let value, let parsed = T(rawValue: value) else {
            add(field, message)
            return nil
        }
        return parsed
    }
}

import Foundation
