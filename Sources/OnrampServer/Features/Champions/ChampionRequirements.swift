import Fluent
import OnrampCore
import Vapor

/// The checks a council asks of its champions: staff read the list, administrators change it.
struct ChampionRequirementsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.championRequirements, requiring: .manageChampions, use: list)
        routes.post(.championRequirements, requiring: .editChampionChecks, use: add)
        routes.get(.championRequirement(.key), requiring: .editChampionChecks, use: edit)
        routes.post(.championRequirement(.key), requiring: .editChampionChecks, use: save)
        routes.post(.removeChampionRequirement(.key), requiring: .editChampionChecks, use: remove)
    }

    func list(req: Request) async throws -> Response {
        try await render(req, form: ChampionRequirementForm(), errors: FormErrors())
    }

    private func render(_ req: Request, form: ChampionRequirementForm, errors: FormErrors) async throws -> Response {
        let rows = try await ChampionChecks.required(councilID: try req.scope.councilID, on: req.db)
        return req.render(form: ChampionRequirementPages.list(rows, form: form, errors: errors, staff: try req.signedIn(), token: req.csrfToken ?? ""))
    }

    func add(req: Request) async throws -> Response {
        let form = ChampionRequirementForm(try await FormFields.read(req))
        var errors = FormErrors()
        guard let (kind, months) = form.validated(into: &errors) else { return try await render(req, form: form, errors: errors) }
        let scope = try req.scope
        let row = ChampionRequiredCheck()
        // Its id now, so the audit line can name it before it is saved.
        (row.id, row.councilID, row.position) = (UUID(), scope.councilID, try await scope.query(ChampionRequiredCheck.self, on: req.db).count())
        row.take(kind, validMonths: months)
        try await store(row, summary: "Added \(kind.name) (\(row.requirement.validity.lowercased())) to the checks champions need", req: req)
        return req.redirect(to: SiteURL.championRequirements.path, redirectType: .normal)
    }

    func edit(req: Request) async throws -> Response {
        let row = try await Self.current(req)
        return req.render(ChampionRequirementPages.edit(row, form: ChampionRequirementForm(row), errors: FormErrors(), token: req.csrfToken ?? ""))
    }

    func save(req: Request) async throws -> Response {
        let row = try await Self.current(req)
        var form = ChampionRequirementForm(try await FormFields.read(req))
        // What kind of check it is stays: a different kind is a different check.
        form.kind = row.kind
        var errors = FormErrors()
        guard let (kind, months) = form.validated(into: &errors) else { return req.render(form: ChampionRequirementPages.edit(row, form: form, errors: errors, token: req.csrfToken ?? "")) }
        row.take(kind, validMonths: months)
        try await store(row, summary: "Changed a check champions need to \(kind.name), \(row.requirement.validity.lowercased())", req: req)
        return req.redirect(to: SiteURL.championRequirements.path, redirectType: .normal)
    }

    func remove(req: Request) async throws -> Response {
        let row = try await Self.current(req)
        row.removedAt = Date()
        try await store(row, summary: "Removed \(row.requirement.name) from the checks champions need", req: req)
        return req.redirect(to: SiteURL.championRequirements.path, redirectType: .normal)
    }

    /// The check in the address, if it is the council's and still on its list.
    static func current(_ req: Request) async throws -> ChampionRequiredCheck {
        let row = try await req.scoped(ChampionRequiredCheck.self, at: SiteURL.requirementKey)
        guard row.removedAt == nil else { throw Abort(.notFound) }
        return row
    }

    private func store(_ row: ChampionRequiredCheck, summary: String, req: Request) async throws {
        let actor = try req.auditActor()
        try await req.db.transaction { tx in
            try await row.save(on: tx)
            try await Audit.record(.championChecksChanged, by: actor, recordType: "champion_required_check", recordID: row.id, summary: summary, on: tx, now: Date())
        }
    }
}

struct ChampionRequirementForm: Sendable {
    var kind = "", referencesCount = "", dbsLevel = "", module = "", validMonths = ""

    init() {}

    init(_ fields: FormFields) {
        (kind, referencesCount, dbsLevel) = (fields["kind"] ?? "", fields["references_count"] ?? "", fields["dbs_level"] ?? "")
        (module, validMonths) = (fields["module"] ?? "", fields["valid_months"] ?? "")
    }

    init(_ row: ChampionRequiredCheck) {
        kind = row.kind
        (referencesCount, dbsLevel, module) = (row.referencesCount.map(String.init) ?? "", row.dbsLevel?.rawValue ?? "", row.module ?? "")
        validMonths = row.validMonths.map(String.init) ?? ""
    }

    func validated(into errors: inout FormErrors) -> (ChampionCheckKind, Int?)? {
        ChampionRequirement.validate(kind: kind, referencesCount: referencesCount, dbsLevel: dbsLevel, module: module, validMonths: validMonths, into: &errors)
    }
}

enum ChampionRequirementPages {
    static let kinds: [Components.Choice] = [
        .init(value: "references", label: "References"), .init(value: "dbs", label: "DBS check"), .init(value: "training", label: "Training module"),
    ]

    /// The fields of a check's kind: a count of references, a DBS level, a module's name.
    static func detailFields(_ form: ChampionRequirementForm, errors: FormErrors, only kind: String?) -> HTML {
        let references = Components.textInput(name: "references_count", label: "How many references (for references)", value: form.referencesCount, error: errors["references_count"], width: "2")
        let level = Components.radios(name: "dbs_level", legend: "Level of DBS check (for a DBS check)", options: DBSLevel.allCases.map { .init(value: $0.rawValue, label: $0.label) },
                                      selected: form.dbsLevel, error: errors["dbs_level"], inline: true)
        let module = Components.textInput(name: "module", label: "Module name (for training)", value: form.module, error: errors["module"], hint: "Like Safeguarding")
        let months = Components.textInput(name: "valid_months", label: "Months it stays valid", value: form.validMonths, error: errors["valid_months"],
                                          hint: "Leave empty if it does not lapse. Like 36 for a DBS check renewed every 3 years.", width: "3")
        let detail: HTML = switch kind {
        case "references": references
        case "dbs": level
        case "training": module
        default: references + level + module
        }
        return detail + months
    }

    static func list(_ rows: [ChampionRequiredCheck], form: ChampionRequirementForm, errors: FormErrors, staff: StaffContext, token: String) -> Page {
        let canEdit = staff.may(.editChampionChecks)
        let table = rows.map { row -> [HTML] in
            let requirement = row.requirement
            return ["\(requirement.name)", "\(requirement.validity)"] + (canEdit ? [
                "<a class=\"govuk-link\" href=\"\(SiteURL.championRequirement(.value(row.id!)).path)\">Change<span class=\"govuk-visually-hidden\"> \(requirement.name)</span></a>",
            ] : [])
        }
        let add: HTML = canEdit ? """
        <h2 class="govuk-heading-m">Add a check</h2>
        <p class="govuk-body">Active champions who have not done a new check are paused until it is recorded for them.</p>
        \(Components.form(action: SiteURL.championRequirements.path, token: token, """
        \(Components.radios(name: "kind", legend: "Kind of check", options: kinds, selected: form.kind, error: errors["kind"]))
        \(detailFields(form, errors: errors, only: nil))
        \(Components.button("Add check"))
        """))
        """ : "<p class=\"govuk-body\">An administrator can change this list.</p>"
        return Page(title: "Checks champions need", errors: errors, backLink: SiteURL.champions.path, content: """
        <h1 class="govuk-heading-l">Checks champions need</h1>
        <p class="govuk-body">A champion can be active only while every check here is done and in date. Checks that lapse within \(ChampionCheckAssessment.warningDays) days are listed under <a class=\"govuk-link\" href=\"\(SiteURL.championsLapsing.path)\">Checks lapsing</a>, and a champion whose check lapses is paused and told.</p>
        \(rows.isEmpty ? "<p class=\"govuk-body\">No checks yet.</p>" as HTML : Components.table(caption: "Your council\u{2019}s list", head: ["Check", "Valid for"] + (canEdit ? [""] : []), rows: table))
        \(add)
        """)
    }

    static func edit(_ row: ChampionRequiredCheck, form: ChampionRequirementForm, errors: FormErrors, token: String) -> Page {
        let name = row.requirement.name
        return Page(title: "Change \(name)", errors: errors, backLink: SiteURL.championRequirements.path, content: """
        <h1 class="govuk-heading-l">Change \(name)</h1>
        \(Components.form(action: SiteURL.championRequirement(.value(row.id!)).path, token: token, """
        \(detailFields(form, errors: errors, only: row.kind))
        \(Components.button("Save"))
        """))
        \(Components.form(action: SiteURL.removeChampionRequirement(.value(row.id!)).path, token: token, Components.button("Remove this check", style: .warning)))
        """)
    }
}
