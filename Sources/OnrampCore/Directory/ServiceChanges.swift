import Foundation

/// A service as an editor reads it, field by field, so that a proposed change can be shown
/// beside what is published and nothing that changed goes unseen.
public enum ServiceChanges {
    public struct Field: Sendable, Equatable {
        public let label: String
        public let published: String?
        public let proposed: String
        public var isChanged: Bool { published != proposed }
    }

    /// Each field of `proposed` beside the same field of `published` (nil for a new service).
    /// `termNames` turns taxonomy term ids into the names people know.
    public static func compare(published: ORUK.Service?, proposed: ORUK.Service, termNames: [String: String]) -> [Field] {
        let before = published.map { fields($0, termNames: termNames) }
        return fields(proposed, termNames: termNames).enumerated().map { index, field in
            Field(label: field.0, published: before?[index].1, proposed: field.1)
        }
    }

    static func fields(_ service: ORUK.Service, termNames: [String: String]) -> [(String, String)] {
        let places = (service.service_at_locations ?? []).map { link -> String in
            let name = link.location?.name ?? link.location_id ?? ""
            let hours = WeeklyOpening(schedules: link.schedules ?? []).sessions.isEmpty ? "" : ": " + WeeklyOpening(schedules: link.schedules ?? []).lines.joined(separator: "; ")
            return name + hours
        }
        let phones = (service.contacts ?? []).flatMap { $0.phones ?? [] }.map(\.number)
        return [
            ("Name", service.name),
            ("Description", service.description ?? ""),
            ("Status", service.status.rawValue),
            ("Kind of help", (service.attributes ?? []).map { termNames[$0.taxonomy_term_id.lowercased()] ?? $0.taxonomy_term_id }.sorted().joined(separator: ", ")),
            ("Places and hours", places.joined(separator: "\n")),
            ("Cost", service.costWords),
            ("Phone", phones.joined(separator: ", ")),
            ("Email", service.email ?? ""),
            ("Website", service.url ?? ""),
            ("Languages", (service.languages ?? []).compactMap { $0.name ?? $0.code }.joined(separator: ", ")),
        ]
    }

    /// The last day a check can have been made on for the service to be due again: one
    /// checked on or before it ("2026-05-22" when `months` is 6 on 2026-11-22) is listed for
    /// review, as is one never checked.
    public static func reviewCutoff(now: Date, months: Int, calendar: Calendar) -> String {
        let cutoff = calendar.date(byAdding: .month, value: -months, to: now)!
        let day = calendar.dateComponents([.year, .month, .day], from: cutoff)
        return String(format: "%04d-%02d-%02d", day.year!, day.month!, day.day!)
    }
}
