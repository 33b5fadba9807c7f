import Foundation
import OnrampCore
@testable import OnrampServer
import Testing

/// The API's lists cut each service's one-to-one fields from its stored document. What they
/// give must be, byte for byte, what decoding the document and encoding those fields again
/// gives, whatever the fields hold; and a page of them, what encoding the page gives.
@Suite struct StoredMembersTests {
    /// Texts that JSON must escape, or that a reader stepping over values could mistake for
    /// the end of one: quotes, backslashes, control characters, brackets, commas, slashes,
    /// letters outside ASCII.
    static let awkward = ["", "plain", "a \"quoted\" word", "back\\slash", "line\nbreak\ttab\r", "\u{01}\u{1F}\u{7F}", "{[,:]}", "}", "]",
                          "https://example.org/a/b?c=d&e", "Café – ñ 🙂", "\\\"", "null", "true", "1e5", " spaced "]

    /// Services that between them fill every one-to-one field with each awkward text, and
    /// nest the same texts in their hours, places, costs, contacts and organisation.
    static func services() -> [ORUK.Service] {
        awkward.indices.map { index in
            let text = awkward[index], other = awkward[(index + 1) % awkward.count]
            let id = String(format: "%08x-5e7c-4b1a-9d2e-3f4a5b6c7d8e", index)
            var service = ORUK.Service(id: id, organization_id: index % 3 == 0 ? nil : id, name: text, description: index % 2 == 0 ? other : nil,
                                       status: ORUK.Status.allCases[index % ORUK.Status.allCases.count])
            service.url = index % 4 == 1 ? nil : other
            service.email = text
            service.fees = index % 5 == 0 ? nil : text + other
            service.minimum_age = index % 2 == 0 ? index : nil
            service.maximum_age = index % 3 == 0 ? nil : -index * 1_000_003
            service.assured_date = index % 2 == 1 ? "2026-11-\(10 + index)" : nil
            service.assurer_email = text
            service.alert = index % 3 == 2 ? nil : other
            service.last_modified = index % 7 == 3 ? nil : "2026-12-07T06:0\(index % 10):00Z"
            if index % 2 == 0 {
                service.organization = ORUK.Organization(id: id, name: text, description: other, email: other)
                service.schedules = [ORUK.Schedule(id: id, byday: "MO", opens_at: text, closes_at: other)]
                var link = ORUK.ServiceAtLocation(id: id, service_id: id, location_id: id)
                link.location = ORUK.Location(id: id, name: other, latitude: 51.5 + Double(index) / 7, longitude: -0.1)
                service.service_at_locations = [link]
                service.contacts = [ORUK.Contact(id: id, service_id: id, name: text)]
            }
            return service
        }
    }

    /// The service as a list gives it: its one-to-one fields, or for `minimal` what
    /// identifies it and when it changed.
    static func listed(_ service: ORUK.Service, minimal: Bool) -> ORUK.Service {
        var listed = ORUK.Service(id: service.id, organization_id: minimal ? nil : service.organization_id, name: service.name,
                                  description: minimal ? nil : service.description, status: service.status)
        listed.last_modified = service.last_modified
        guard !minimal else { return listed }
        (listed.url, listed.email, listed.fees, listed.alert) = (service.url, service.email, service.fees, service.alert)
        (listed.minimum_age, listed.maximum_age, listed.assured_date) = (service.minimum_age, service.maximum_age, service.assured_date)
        return listed
    }

    static func stored(_ service: ORUK.Service) throws -> String {
        try DirectoryRecords.json(service)
    }

    @Test(arguments: [false, true])
    func aListedServiceIsItsFieldsEncodedAgain(minimal: Bool) throws {
        let services = Self.services()
        for service in services {
            var cut: [UInt8] = []
            try (minimal ? ORUKQuery.minimal : ORUKQuery.oneToOne).append(from: try Self.stored(service), to: &cut)
            let encoded = try JSONEncoder.sorted.encode(Self.listed(service, minimal: minimal))
            #expect(cut.elementsEqual(encoded), "\(service.name): \(String(decoding: cut, as: UTF8.self)) against \(String(decoding: encoded, as: UTF8.self))")
        }
        // Every field was given by some service, and left out by another.
        let all = try services.map { try JSONSerialization.jsonObject(with: JSONEncoder.sorted.encode(Self.listed($0, minimal: minimal))) as! [String: Any] }
        let fields = minimal ? ["id", "last_modified", "name", "status"]
            : ["alert", "assured_date", "description", "email", "fees", "id", "last_modified", "maximum_age", "minimum_age", "name", "organization_id", "status", "url"]
        #expect(Set(all.flatMap(\.keys)) == Set(fields))
    }

    /// A page of cut services is the page encoded whole: on its first page, further on, past
    /// its end, and with nothing found.
    @Test func aPageOfCutServicesIsThePageEncoded() throws {
        let services = Self.services()
        for (total, number, size) in [(services.count, 1, 5), (services.count, 2, 7), (services.count, 3, 7), (services.count, 9, 5), (0, 1, 50)] {
            let page = RequestedPage(number: number, size: size, defaultSize: 50, maxSize: 200)
            let shown = total == 0 ? [] : page.slice(services)
            var contents = ORUKContents()
            for service in shown { try contents.append(ORUKQuery.oneToOne, of: try Self.stored(service)) }
            let response = try ORUKResponse.json(contents, total: total, page: page)
            let encoded = try JSONEncoder.sorted.encode(ORUKPage(contents: shown.map { Self.listed($0, minimal: false) }, total: total, page: page))
            #expect(response.body.data == encoded, "page \(number) of \(size)")
            #expect(response.headers.contentType == .json)
        }
    }

    /// Space between members, members that are null, escapes, literals and an empty object are
    /// read as JSON reads them; a document that is not a JSON object (unclosed, brackets that
    /// do not match, a misspelt literal, a bad escape, a control character in a string) is
    /// refused, leaving what was written before it as it was.
    @Test func membersAreCutAsJSONReadsThem() throws {
        let names = StoredMembers(["a", "c", "e"])
        func cut(_ json: String) throws -> String {
            var out: [UInt8] = []
            try names.append(from: json, to: &out)
            return String(decoding: out, as: UTF8.self)
        }
        #expect(try cut(#" { "a" : 1 , "b" : [ {"a": 2} , "]" ] , "c" : null, "d":{"e":"}"}, "e":"x\"y" } "#) == #"{"a":1,"e":"x\"y"}"#)
        #expect(try cut("{}") == "{}")
        #expect(try cut(#"{"b":true}"#) == "{}")
        #expect(try cut(#"{"a":-1.5e3,"c":false}"#) == #"{"a":-1.5e3,"c":false}"#)
        #expect(try cut(#"{"a":[true,false,null,{"b":[]}],"c":"\\\"\/\b\f\n\r\t\u00e9"}"#) == #"{"a":[true,false,null,{"b":[]}],"c":"\\\"\/\b\f\n\r\t\u00e9"}"#)
        let malformed = ["", "[]", "\"a\"", "{", #"{"a":1"#, #"{"a":"1}"#, #"{"a" 1}"#, #"{"a":}"#, #"{"a":[1}"#, #"{a:1}"#, #"{"a":1;"c":2}"#,
                         #"{"a":1,}"#, #"{"a":1} {"#, #"{"a":[1}}"#, #"{"a":{"b":1]}"#, #"{"a":tru}"#, #"{"a":1x}"#, #"{"a":NULL}"#, #"{"a":"x\q"}"#,
                         "{\"a\":\"x\u{01}\"}", #"{"a":"\"#, #"{"a":"\"}"#]
        for json in malformed {
            #expect(throws: StoredMembers.Malformed.self, "\(json)") { try cut(json) }
            // Nothing of it is left behind in what was written before.
            var out = Array("{\"kept\":1}".utf8)
            #expect(throws: StoredMembers.Malformed.self) { try names.append(from: json, to: &out) }
            #expect(out == Array("{\"kept\":1}".utf8), "\(json)")
        }
    }
}
