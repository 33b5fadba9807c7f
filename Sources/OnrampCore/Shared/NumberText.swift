/// Numbers as official CSV files write them: maybe quoted, maybe with thousands separators
/// ("1,296"), maybe with spaces around.
public enum NumberText {
    public static func parse(_ text: String) -> Double? {
        // The common case, a plain number, goes straight to Double: this runs for every cell
        // of a Census file, and Foundation's trimming cost more than the parsing.
        if let value = Double(text) { return value.isFinite ? value : nil }
        var cleaned = text.trimmingCharacters(in: .whitespaces)
        guard !cleaned.isEmpty else { return nil }
        if cleaned.contains(",") {
            // Only well-placed separators: "1,296" yes, "1,2" no (that is a decimal comma).
            let parts = cleaned.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
            let groups = parts[0].split(separator: ",", omittingEmptySubsequences: false)
            let headOK = (1...3).contains(groups[0].filter(\.isNumber).count)
            guard headOK, groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
            cleaned = cleaned.replacingOccurrences(of: ",", with: "")
        }
        guard let value = Double(cleaned), value.isFinite else { return nil }
        return value
    }
}

import Foundation
