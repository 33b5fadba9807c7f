import Foundation

/// Services read from another directory's ORUK 3.0 feed, saved as JSON (one service, a list of
/// them, or a list page with `contents`) or as ndjson (one service a line). Every record is
/// decoded and checked on its own, so a problem names its line or its place in the list.
public enum ORUKFeed {
    public struct Record: Sendable {
        /// The ndjson line, or the position in the JSON list (from 1).
        public let line: Int
        public let service: ORUK.Service
    }

    /// Each record, or the problems of those that cannot be imported.
    public static func read(_ data: Data, fileName: String) throws -> [Record] {
        var problems = ImportProblems(file: fileName)
        var records: [Record] = []
        func take(_ json: Data, line: Int) {
            do {
                let service = try JSONDecoder().decode(ORUK.Service.self, from: json)
                let wrong = self.problems(service)
                if wrong.isEmpty { records.append(Record(line: line, service: service)) } else { wrong.forEach { problems.add(line: line, $0) } }
            } catch let error as DecodingError {
                problems.add(line: line, describe(error))
            } catch {
                problems.add(line: line, "this is not a service: \(error)")
            }
        }
        let trimmed = data.drop { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF }
        if trimmed.first == UInt8(ascii: "[") || isSingleDocument(trimmed) {
            guard let value = try? JSONSerialization.jsonObject(with: Data(trimmed)) else {
                throw ImportRefusal("This is not JSON that Onramp can read: check the file is a whole ORUK feed")
            }
            let list = (value as? [Any]) ?? ((value as? [String: Any])?["contents"] as? [Any]) ?? [value]
            for (index, element) in list.enumerated() {
                // Only an object is written back: JSONSerialization traps on a bare number or string.
                guard element is [String: Any], let json = try? JSONSerialization.data(withJSONObject: element) else {
                    problems.add(line: index + 1, "this is not a JSON object"); continue
                }
                take(json, line: index + 1)
            }
        } else {
            for (index, line) in data.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
                let text = line.filter { $0 != 0x0D }
                guard text.contains(where: { $0 != 0x20 && $0 != 0x09 }) else { continue }
                take(Data(text), line: index + 1)
            }
        }
        guard problems.isEmpty else { throw problems }
        return records
    }

    /// A file that is one JSON document (an object spanning lines), not ndjson.
    static func isSingleDocument(_ data: Data.SubSequence) -> Bool {
        guard data.first == UInt8(ascii: "{"), let newline = data.firstIndex(of: 0x0A) else { return data.first == UInt8(ascii: "{") }
        return (try? JSONSerialization.jsonObject(with: Data(data[data.startIndex..<newline]))) == nil
    }

    /// The longest service name an import takes: far more than any real name, and few enough
    /// bytes (4 at most a character) for a database's index of names in order to hold.
    public static let longestServiceName = 500

    /// Why an imported service's name cannot be kept, or nil: the feed's and the CSV's one rule.
    static func nameProblem(_ name: String) -> String? {
        name.count > longestServiceName ? "The service name is longer than \(longestServiceName) characters" : nil
    }

    /// What makes a decoded service unusable, in words for whoever has the file.
    public static func problems(_ service: ORUK.Service) -> [String] {
        var problems: [String] = []
        func uuid(_ id: String?, _ what: String) {
            if let id, UUID(uuidString: id) == nil { problems.append("\(what) id \u{201C}\(id)\u{201D} is not a UUID") }
        }
        uuid(service.id, "The service")
        uuid(service.organization_id, "The organization")
        if service.name.trimmingCharacters(in: .whitespaces).isEmpty { problems.append("The service has no name") }
        if let problem = nameProblem(service.name) { problems.append(problem) }
        for link in service.service_at_locations ?? [] {
            uuid(link.id, "A service_at_location")
            guard let location = link.location else {
                problems.append("service_at_location \(link.id) has no location: Onramp imports locations with the service")
                continue
            }
            uuid(location.id, "A location")
            if let latitude = location.latitude, !(-90...90).contains(latitude) { problems.append("location \(location.id) has latitude \(latitude), outside -90 to 90") }
            if let longitude = location.longitude, !(-180...180).contains(longitude) { problems.append("location \(location.id) has longitude \(longitude), outside -180 to 180") }
        }
        for attribute in service.attributes ?? [] { uuid(attribute.taxonomy_term_id, "A taxonomy term") }
        return problems
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingCharacters(in: CharacterSet(charactersIn: "."))
        }
        switch error {
        case .keyNotFound(let key, let context): return "\(path(context).isEmpty ? "the service" : path(context)) has no \u{201C}\(key.stringValue)\u{201D}"
        case .typeMismatch(_, let context), .valueNotFound(_, let context): return "\(path(context)) has the wrong kind of value"
        case .dataCorrupted(let context): return path(context).isEmpty ? "this line is not JSON" : "\(path(context)): \(context.debugDescription)"
        @unknown default: return "this is not a service"
        }
    }
}

extension ImportProblems: Error {}
