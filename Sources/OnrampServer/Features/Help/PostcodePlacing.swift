import Fluent
import OnrampCore
import Vapor

/// Where a resident's postcode is: whether it exists, and whether their council serves it. A
/// postcode decides "lives in the council's area", rather than the resident having to know.
enum PostcodePlacing {
    /// Adds to a postcode answer its local authority ("postcode.area") and whether the council
    /// serves it ("postcode.inside"). Returns the problem to show for a postcode Onramp does not
    /// know. With no postcodes loaded at all, a well-formed one is taken as typed.
    static func place(_ stored: inout [String: [String]], councilID: UUID, on database: any Database) async throws -> String? {
        (stored["postcode.area"], stored["postcode.inside"]) = ([], [])
        guard let code = stored["postcode"]?.first, !code.isEmpty, try await PostcodePoint.query(on: database).first() != nil else { return nil }
        guard let point = try await PostcodePoint.find(code, on: database) else {
            return "We do not know the postcode \(code). Check it, or leave it empty"
        }
        guard let area = point.ladCode, let contact = try await CouncilContacts.of(councilID: councilID, on: database) else { return nil }
        (stored["postcode.area"], stored["postcode.inside"]) = ([area], [contact.localAuthorities.contains(area) ? "yes" : "no"])
        return nil
    }

    /// A resident whose postcode is outside the council's area: where it is, and the council
    /// that serves it if that council uses this Onramp too.
    struct Elsewhere: Sendable {
        let postcode: String
        let areaName: String?
        let council: CouncilContact?
    }

    static func elsewhere(_ answers: TriageAnswers, on database: any Database) async throws -> Elsewhere? {
        guard answers.first("postcode.inside") == "no", let area = answers.first("postcode.area") else { return nil }
        return Elsewhere(postcode: answers.first("postcode") ?? "", areaName: try await PlaceArea.find(.lad, area, on: database)?.name,
                         council: try await CouncilContacts.serving(localAuthority: area, on: database))
    }
}
