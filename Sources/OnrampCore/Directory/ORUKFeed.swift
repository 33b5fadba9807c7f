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

    /// Each record of a feed in memory, or the problems of those that cannot be imported: for
    /// the fuzzer and tests, since an import reads a feed a record at a time (ORUKFeedRecords).
    public static func read(_ data: Data, fileName: String) throws -> [Record] {
        var records = ORUKFeedRecords(data)
        var problems = ImportProblems(file: fileName)
        var read: [Record] = []
        while let record = try records.next(problems: &problems) { read.append(record) }
        guard problems.isEmpty else { throw problems }
        return read
    }

    /// One record's JSON as a service that can be imported, or what is wrong with it.
    static func decode(_ json: Data) -> Result<ORUK.Service, Problems> {
        do {
            let service = try JSONDecoder().decode(ORUK.Service.self, from: json)
            let wrong = problems(service)
            return wrong.isEmpty ? .success(service) : .failure(Problems(messages: wrong))
        } catch let error as DecodingError {
            return .failure(Problems(messages: [describe(error)]))
        } catch {
            return .failure(Problems(messages: ["this is not a service: \(error)"]))
        }
    }

    struct Problems: Error {
        let messages: [String]
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
            if let id, UUID(text: id) == nil { problems.append("\(what) id \u{201C}\(id)\u{201D} is not a UUID") }
        }
        uuid(service.id, "The service")
        uuid(service.organization_id, "The organization")
        uuid(service.organization?.id, "The organization")
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
