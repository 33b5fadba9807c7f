import Foundation

extension JSONEncoder {
    /// Keys in order and slashes as they are: stored settings and documents compare equal when
    /// they mean the same, and the ORUK feed's URLs read as URLs.
    static let sorted: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
}
