import Fluent
import OnrampCore
import Vapor

/// The JSON API under /api/v1. It answers with JSON, and with a problem body (see
/// `ErrorPagesMiddleware`) for anything it refuses.
struct APIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.api(.openAPI), use: openAPI)
        routes.get(.api(.me), requiring: .viewOwnAccount, use: me)
        routes.get(.api(.organisations), requiring: .viewOrganisations, use: organisations)
        routes.post(.api(.organisations), requiring: .manageOrganisations, use: createOrganisation)
    }

    struct Me: Content {
        let id: UUID
        let name: String
        let email: String
        let role: Role
        let organisation: OrganisationDTO
        let permissions: [String]
        /// Send this back as X-CSRF-Token with anything that changes data.
        let csrfToken: String
    }

    struct OrganisationDTO: Content {
        let id: UUID
        let name: String
        let type: OrganisationType

        init(_ organisation: Organisation) {
            id = organisation.id!
            name = organisation.name
            type = organisation.type
        }
    }

    /// The OpenAPI 3.1 document describing this API (`APIDocument`), open to anyone.
    func openAPI(req: Request) async throws -> Response {
        let response = Response(status: .ok, body: .init(string: APIDocument.json))
        response.headers.contentType = .json
        return response
    }

    func me(req: Request) async throws -> Me {
        let staff = try req.signedIn()
        return Me(
            id: staff.userID, name: staff.user.name, email: staff.user.email, role: staff.role,
            organisation: OrganisationDTO(staff.organisation), permissions: Permissions.actions(for: staff.role).map(\.rawValue),
            csrfToken: req.csrfToken ?? ""
        )
    }

    func organisations(req: Request) async throws -> [OrganisationDTO] {
        let staff = try req.signedIn()
        return try await Organisation.all(councilID: staff.councilID, on: req.db).map(OrganisationDTO.init)
    }

    func createOrganisation(req: Request) async throws -> Response {
        let staff = try req.signedIn()
        // Compared by hand: Vapor's == lets "*/*" through, and ignores nothing else of use here.
        guard let type = req.headers.contentType, type.type.lowercased() == "application", type.subType.lowercased() == "json" else {
            throw Abort(.unsupportedMediaType, reason: "Send the organisation as JSON, with Content-Type: application/json.")
        }
        let input: PartnerInput
        do {
            input = try req.content.decode(PartnerInput.self, as: .json)
        } catch {
            throw Abort(.badRequest, reason: "The body is not valid JSON for an organisation: send {\"name\": \"…\", \"type\": \"library\"}.")
        }
        var (organisation, errors) = try await input.validate(councilID: staff.councilID, on: req.db)
        if let valid = organisation {
            errors = try await Partners.add(valid, by: try req.auditActor(), on: req.db, now: Date())
            if !errors.isEmpty { organisation = nil }
        }
        guard let organisation else {
            return Problem(
                status: .unprocessableEntity, detail: "The organisation was not added.", instance: req.url.path,
                errors: errors.problems.map { .init(field: $0.field, message: $0.message) }
            ).response()
        }
        let response = Response(status: .created)
        try response.content.encode(OrganisationDTO(organisation), as: .json)
        return response
    }
}
