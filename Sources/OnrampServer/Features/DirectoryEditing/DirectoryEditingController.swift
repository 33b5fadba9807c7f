import Fluent
import Foundation
import OnrampCore
import Vapor

/// Partners propose services and changes; the council's editors approve or reject them, and
/// re-check services that have not been checked for a while.
struct DirectoryEditingController: RouteCollection {
    /// How long a service may go unchecked before it is listed for review.
    static let reviewMonths = 6
    /// Services listed a page at a time, on the overview and the list to check.
    static let pageSize = 50

    func boot(routes: any RoutesBuilder) throws {
        routes.get(.manageDirectory, requiring: .proposeService, use: overview)
        routes.get(.proposeService, requiring: .proposeService, use: newForm)
        routes.post(.proposeService, requiring: .proposeService, use: proposeNew)
        routes.get(.proposeChange(.key), requiring: .proposeService, use: changeForm)
        routes.post(.proposeChange(.key), requiring: .proposeService, use: proposeChange)
        routes.get(.proposal(.key), requiring: .proposeService, use: proposal)
        routes.post(.proposalDecision(.key), requiring: .editDirectory, use: decide)
        routes.get(.reviewServices, requiring: .editDirectory, use: review)
        routes.post(.serviceChecked(.key), requiring: .editDirectory, use: checked)
        routes.post(.askPartnerToCheck(.key), requiring: .editDirectory, use: askPartner)
        routes.get(.newTerm, requiring: .editDirectory, use: newTermForm)
        routes.post(.newTerm, requiring: .editDirectory, use: addTerm)
    }

    func newTermForm(req: Request) async throws -> Response {
        let groups = try await DirectoryTaxonomies.terms(for: try req.scope, on: req.db).filter { $0.parentID == nil }
        return req.render(DirectoryEditingPages.newTerm(NewTermForm(), groups: groups, errors: FormErrors(), token: req.csrfToken ?? ""))
    }

    func addTerm(req: Request) async throws -> Response {
        let staff = try req.signedIn()
        let form = try req.content.decode(NewTermForm.self)
        let terms = try await DirectoryTaxonomies.terms(for: try req.scope, on: req.db)
        let (errors, name, description, parent) = form.validated(existing: terms)
        guard errors.isEmpty else {
            return req.render(form: DirectoryEditingPages.newTerm(form, groups: terms.filter { $0.parentID == nil }, errors: errors, token: req.csrfToken ?? ""))
        }
        _ = try await DirectoryTaxonomies.add(name: name, description: description, parent: parent, councilID: staff.councilID, actor: try req.auditActor(), on: req.db, now: Date())
        return req.redirect(to: SiteURL.manageDirectory.path, redirectType: .normal)
    }

    func overview(req: Request) async throws -> Response {
        let staff = try req.signedIn()
        let editor = staff.may(.editDirectory)
        var services = DirectoryService.query(on: req.db).filter(\.$councilID == staff.councilID)
        if !editor { services = services.filter(\.$ownerOrganisationID == staff.organisation.id!) }
        var proposals = DirectoryProposal.query(on: req.db).filter(\.$councilID == staff.councilID)
        if !editor { proposals = proposals.filter(\.$organisationID == staff.organisation.id!) }
        // A page of services at a time: a national feed gives a council 100,000 of them.
        let paging = Paging(requested: req.pageNumber, size: Self.pageSize, totalItems: try await services.count())
        return req.render(DirectoryEditingPages.overview(
            services: try await services.sort(\.$name).sort(\.$id).range(paging.offset..<(paging.offset + paging.size)).all(), paging: paging,
            proposals: try await proposals.sort(\.$createdAt, .descending).range(..<50).all(),
            editor: editor, reviewCount: editor ? try await Proposals.dueForReview(councilID: staff.councilID, months: Self.reviewMonths, on: req.db, now: Date()).count() : 0
        ))
    }

    /// Empty, or with `?from=` a rejected proposal's answers, to put right and send again.
    func newForm(req: Request) async throws -> Response {
        let form = try await earlierProposal(req).map { ServiceProposalForm(service: try $0.proposed()) } ?? ServiceProposalForm()
        return req.render(try await formPage(req, form: form, serviceID: nil, errors: FormErrors()))
    }

    /// The published service, or with `?from=` a rejected proposal's answers.
    func changeForm(req: Request) async throws -> Response {
        let row = try await ownService(req)
        let service: ORUK.Service
        if let earlier = try await earlierProposal(req) { service = try earlier.proposed() } else { service = try await DirectoryRecords.nested([row], on: req.db)[0] }
        return req.render(try await formPage(req, form: ServiceProposalForm(service: service), serviceID: row.id, errors: FormErrors()))
    }

    func proposeNew(req: Request) async throws -> Response {
        try await propose(req, serviceID: nil)
    }

    func proposeChange(req: Request) async throws -> Response {
        try await propose(req, serviceID: try await ownService(req).id)
    }

    private func propose(_ req: Request, serviceID: UUID?) async throws -> Response {
        let staff = try req.signedIn()
        let form = ServiceProposalForm(try await FormFields.read(req))
        let locations = try await DirectoryEditing.locations(councilID: staff.councilID, on: req.db)
        let terms = Set(try await DirectoryTaxonomies.terms(for: try req.scope, on: req.db).map { $0.id!.uuidString.lowercased() })
        let organization = try await DirectoryEditing.organization(for: staff, on: req.db)
        let position = try await form.newPlacePostcodeCanonical.asyncMap { try await PostcodePoint.find($0, on: req.db)?.position } ?? nil
        let (service, errors) = form.validated(
            id: (serviceID ?? UUID()).uuidString.lowercased(), organization: organization, knownTerms: terms,
            locations: Dictionary(uniqueKeysWithValues: locations.map { ($0.id.lowercased(), $0) }), newPlacePosition: position
        )
        guard let service else { return req.render(form: try await formPage(req, form: form, serviceID: serviceID, errors: errors)) }
        let proposal = try await Proposals.propose(service, by: staff, actor: try req.auditActor(), on: req.db, now: Date())
        return req.redirect(to: SiteURL.proposal(.value(proposal.id!)).path, redirectType: .normal)
    }

    func proposal(req: Request) async throws -> Response {
        let (proposal, staff) = try await visibleProposal(req)
        return req.render(try await proposalPage(req, proposal, editor: staff.may(.editDirectory), errors: FormErrors(), reason: ""))
    }

    func decide(req: Request) async throws -> Response {
        let (proposal, _) = try await visibleProposal(req)
        struct Decision: Decodable { var decision: String?; var reason: String? }
        let decision = try req.content.decode(Decision.self)
        var errors = FormErrors()
        let reason = (decision.reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        do {
            switch decision.decision {
            case "approve":
                try await Proposals.approve(proposal, actor: try req.auditActor(), on: req.db, now: Date())
            case "reject" where !reason.isEmpty:
                try await Proposals.reject(proposal, reason: reason, actor: try req.auditActor(), on: req.db, now: Date())
            case "reject":
                errors.add("reason", "Say why the proposal is rejected, so the partner can put it right")
            default:
                errors.add("decision", "Select whether to approve or reject the proposal")
            }
        } catch let refusal as Proposals.Refusal {
            errors.add("decision", refusal.message)
        }
        guard errors.isEmpty else { return req.render(form: try await proposalPage(req, proposal, editor: true, errors: errors, reason: reason)) }
        return req.redirect(to: SiteURL.proposal(.value(proposal.id!)).path, redirectType: .normal)
    }

    func review(req: Request) async throws -> Response {
        req.render(try await reviewPage(req, notice: nil))
    }

    func checked(req: Request) async throws -> Response {
        let row = try await ownService(req)
        try await Proposals.assure(row, actor: try req.auditActor(), on: req.db, now: Date())
        // Back to the page it was marked on (the last page, if that one is now gone).
        return req.redirect(to: SiteURL.reviewServices.path(query: [("page", req.pageNumber.map(String.init) ?? "")]), redirectType: .normal)
    }

    func askPartner(req: Request) async throws -> Response {
        let row = try await ownService(req)
        let notice: String
        do {
            let count = try await Proposals.askToCheck(row, actor: try req.auditActor(), on: req.db, now: Date())
            notice = "Asked \(count == 1 ? "1 person" : "\(count) people") at the partner to check \u{201C}\(row.name)\u{201D}."
        } catch let refusal as Proposals.Refusal {
            notice = refusal.message
        }
        return req.render(try await reviewPage(req, notice: notice))
    }

    private func reviewPage(_ req: Request, notice: String?) async throws -> Page {
        let staff = try req.signedIn()
        let due = Proposals.dueForReview(councilID: staff.councilID, months: Self.reviewMonths, on: req.db, now: Date())
        let paging = Paging(requested: req.pageNumber, size: Self.pageSize, totalItems: try await due.count())
        let owners = try await Organisation.query(on: req.db).filter(\.$councilID == staff.councilID).all()
        return DirectoryEditingPages.review(
            try await due.range(paging.offset..<(paging.offset + paging.size)).all(), paging: paging,
            owners: Dictionary(uniqueKeysWithValues: owners.map { ($0.id!, $0.name) }), months: Self.reviewMonths, notice: notice, token: req.csrfToken ?? ""
        )
    }

    // MARK: - Finding records the signed-in person may act on

    /// A service of the council that this person may propose changes to: an editor any, a
    /// partner those it looks after.
    private func ownService(_ req: Request) async throws -> DirectoryService {
        try await req.scoped(DirectoryService.self, at: SiteURL.serviceKey)
    }

    /// The proposal in the path: editors reach the council's, partners their organisation's.
    private func visibleProposal(_ req: Request) async throws -> (DirectoryProposal, StaffContext) {
        (try await req.scoped(DirectoryProposal.self, at: SiteURL.proposalKey), try req.signedIn())
    }

    /// The proposal named by `?from=`: none without it, and 404 for one this person may not see.
    private func earlierProposal(_ req: Request) async throws -> DirectoryProposal? {
        try await req.scoped(DirectoryProposal.self, id: try? req.query.get(String.self, at: "from"))
    }

    private func formPage(_ req: Request, form: ServiceProposalForm, serviceID: UUID?, errors: FormErrors) async throws -> Page {
        let staff = try req.signedIn()
        let locations = try await DirectoryEditing.locations(councilID: staff.councilID, on: req.db)
        var form = form
        // A place the directory does not have yet is shown as the new place it was.
        if !form.location.isEmpty, form.location != "new", !locations.contains(where: { $0.id.lowercased() == form.location.lowercased() }) { form.location = "new" }
        return DirectoryEditingPages.form(
            form, serviceID: serviceID, terms: try await DirectoryTaxonomies.terms(for: try req.scope, on: req.db), locations: locations, errors: errors, token: req.csrfToken ?? ""
        )
    }

    private func proposalPage(_ req: Request, _ proposal: DirectoryProposal, editor: Bool, errors: FormErrors, reason: String) async throws -> Page {
        let proposed = try proposal.proposed()
        let published = try proposal.publishedDocument.map { try DirectoryRecords.decode(ORUK.Service.self, $0) }
        let names = Dictionary(uniqueKeysWithValues: try await DirectoryTaxonomies.terms(for: try req.scope, on: req.db).map { ($0.id!.uuidString.lowercased(), $0.name) })
        let fields = ServiceChanges.compare(published: published, proposed: proposed, termNames: names)
        // Sent again as a change when the service is public by now, else as a new service.
        let isPublic = try await DirectoryService.find(proposal.serviceID, on: req.db) != nil
        let again = isPublic ? SiteURL.proposeChange(.value(proposal.serviceID)) : SiteURL.proposeService
        return DirectoryEditingPages.proposal(
            proposal, name: proposed.name, fields: fields, isNew: published == nil, editor: editor, errors: errors, reason: reason,
            sendAgain: again.path(query: [("from", proposal.id!.uuidString)]), token: req.csrfToken ?? ""
        )
    }
}

/// What the editing forms offer.
enum DirectoryEditing {
    /// The council's places, by name.
    static func locations(councilID: UUID, on database: any Database) async throws -> [ORUK.Location] {
        try await DirectoryLocation.query(on: database).filter(\.$councilID == councilID).sort(\.$name).all()
            .map { try DirectoryRecords.decode(ORUK.Location.self, $0.document) }
    }

    /// The directory's record of this person's organisation, made the first time it proposes.
    static func organization(for staff: StaffContext, on database: any Database) async throws -> ORUK.Organization {
        let id = staff.organisation.id!
        if let row = try await DirectoryOrganization.find(id, on: database) { return try DirectoryRecords.decode(ORUK.Organization.self, row.document) }
        return ORUK.Organization(id: id.uuidString.lowercased(), name: staff.organisation.name, description: "\(staff.organisation.name), a partner in the digital inclusion programme.")
    }
}
