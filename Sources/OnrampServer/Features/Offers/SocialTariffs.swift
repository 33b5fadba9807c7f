import Fluent
import OnrampCore
import Vapor

/// A council's social tariff, as stored (see `SocialTariff`).
final class SocialTariffRecord: Model, @unchecked Sendable {
    static let schema = "social_tariffs"

    @ID(key: .id) var id: UUID?
    @Field(key: "council_id") var councilID: UUID
    @Field(key: "provider") var provider: String
    @Field(key: "name") var name: String
    @Field(key: "monthly_price") var monthlyPrice: String
    @Field(key: "speed") var speed: String
    /// Answer values of the benefits question, separated by commas.
    @Field(key: "qualifying_benefits") var qualifyingBenefits: String
    @Field(key: "checked_on") var checkedOn: String
    @Field(key: "position") var position: Int

    init() {}

    var tariff: SocialTariff {
        SocialTariff(provider: provider, name: name, monthlyPrice: monthlyPrice, speed: speed, qualifyingBenefits: qualifyingBenefits.split(separator: ",").map(String.init),
                     checkedOn: CalendarDay(iso: checkedOn) ?? CalendarDay(year: 2000, month: 1, day: 1)!)
    }

    func take(_ tariff: SocialTariff) {
        (provider, name, monthlyPrice, speed) = (tariff.provider, tariff.name, tariff.monthlyPrice, tariff.speed)
        (qualifyingBenefits, checkedOn) = (tariff.qualifyingBenefits.joined(separator: ","), tariff.checkedOn.iso)
    }
}

extension SocialTariffRecord: Scoped {}

enum SocialTariffRecords {
    /// The council's list, in its order; Onramp's own list until the council has one.
    static func list(councilID: UUID, on database: any Database) async throws -> [SocialTariff] {
        let rows = try await SocialTariffRecord.query(on: database).filter(\.$councilID == councilID).sort(\.$position).all()
        return rows.isEmpty ? SocialTariffs.standard : rows.map(\.tariff)
    }

    /// Onramp's list, as the council's own to keep up to date (with the standard offers).
    static func addStandard(councilID: UUID, on database: any Database) async throws {
        guard try await SocialTariffRecord.query(on: database).filter(\.$councilID == councilID).count() == 0 else { return }
        for (position, tariff) in SocialTariffs.standard.enumerated() {
            let row = SocialTariffRecord()
            (row.councilID, row.position) = (councilID, position)
            row.take(tariff)
            try await row.create(on: database)
        }
    }
}

/// Officers keep the council's social tariffs up to date: each price with the day it was checked.
struct SocialTariffsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.socialTariffs, requiring: .manageOffers, use: list)
        routes.get(.newSocialTariff, requiring: .manageOffers, use: newForm)
        routes.post(.newSocialTariff, requiring: .manageOffers, use: add)
        routes.get(.socialTariff(.key), requiring: .manageOffers, use: edit)
        routes.post(.socialTariff(.key), requiring: .manageOffers, use: save)
        routes.post(.removeSocialTariff(.key), requiring: .manageOffers, use: remove)
    }

    func list(req: Request) async throws -> Response {
        let scope = try req.scope
        try await SocialTariffRecords.addStandard(councilID: scope.councilID, on: req.db)
        let rows = try await scope.query(SocialTariffRecord.self, on: req.db).sort(\.$position).all()
        return req.render(SocialTariffPages.list(rows, today: WorkingDays.today(Date()), token: req.csrfToken ?? ""))
    }

    func newForm(req: Request) async throws -> Response {
        req.render(SocialTariffPages.form(SocialTariffForm(), id: nil, errors: FormErrors(), token: req.csrfToken ?? ""))
    }

    func add(req: Request) async throws -> Response {
        let scope = try req.scope
        let count = try await scope.query(SocialTariffRecord.self, on: req.db).count()
        let row = SocialTariffRecord()
        (row.councilID, row.position) = (scope.councilID, count)
        return try await store(req, row: row, id: nil)
    }

    func edit(req: Request) async throws -> Response {
        let row = try await req.scoped(SocialTariffRecord.self, at: SiteURL.tariffKey)
        return req.render(SocialTariffPages.form(SocialTariffForm(row.tariff), id: row.id, errors: FormErrors(), token: req.csrfToken ?? ""))
    }

    func save(req: Request) async throws -> Response {
        let row = try await req.scoped(SocialTariffRecord.self, at: SiteURL.tariffKey)
        return try await store(req, row: row, id: row.id)
    }

    func remove(req: Request) async throws -> Response {
        let row = try await req.scoped(SocialTariffRecord.self, at: SiteURL.tariffKey)
        let actor = try req.auditActor()
        try await req.db.transaction { tx in
            try await row.delete(on: tx)
            try await Audit.record(.offerChanged, by: actor, recordType: "social_tariff", recordID: row.id, summary: "Removed the social tariff \(row.provider) \(row.name)", on: tx, now: Date())
        }
        return req.redirect(to: SiteURL.socialTariffs.path, redirectType: .normal)
    }

    private func store(_ req: Request, row: SocialTariffRecord, id: UUID?) async throws -> Response {
        let form = SocialTariffForm(try await FormFields.read(req))
        var errors = FormErrors()
        guard let tariff = SocialTariff.validate(provider: form.provider, name: form.name, monthlyPrice: form.monthlyPrice, speed: form.speed, benefits: form.benefits,
                                                 checkedOn: form.checkedOn, today: WorkingDays.today(Date()), into: &errors)
        else { return req.render(form: SocialTariffPages.form(form, id: id, errors: errors, token: req.csrfToken ?? "")) }
        let actor = try req.auditActor()
        row.take(tariff)
        try await req.db.transaction { tx in
            try await row.save(on: tx)
            try await Audit.record(.offerChanged, by: actor, recordType: "social_tariff", recordID: row.id,
                                   summary: "Set the social tariff \(tariff.provider) \(tariff.name) at \u{A3}\(tariff.monthlyPrice) a month, checked \(tariff.checkedOn.spoken)", on: tx, now: Date())
        }
        return req.redirect(to: SiteURL.socialTariffs.path, redirectType: .normal)
    }
}

struct SocialTariffForm: Sendable {
    var provider = "", name = "", monthlyPrice = "", speed = ""
    var benefits: [String] = []
    var checkedOn = DateParts()

    init() {
        let today = WorkingDays.today(Date())
        checkedOn = DateParts(day: String(today.day), month: String(today.month), year: String(today.year))
    }

    init(_ tariff: SocialTariff) {
        (provider, name, monthlyPrice, speed, benefits) = (tariff.provider, tariff.name, tariff.monthlyPrice, tariff.speed, tariff.qualifyingBenefits)
        checkedOn = DateParts(day: String(tariff.checkedOn.day), month: String(tariff.checkedOn.month), year: String(tariff.checkedOn.year))
    }

    init(_ fields: FormFields) {
        (provider, name, monthlyPrice, speed) = (fields["provider"] ?? "", fields["name"] ?? "", fields["monthly_price"] ?? "", fields["speed"] ?? "")
        benefits = fields.all("benefits")
        checkedOn = DateParts(day: fields["checked-day"] ?? "", month: fields["checked-month"] ?? "", year: fields["checked-year"] ?? "")
    }
}

enum SocialTariffPages {
    static func list(_ rows: [SocialTariffRecord], today: CalendarDay, token: String) -> Page {
        let stale = rows.filter { SocialTariffs.isStale($0.tariff, today: today) }
        let table = rows.map { row -> [HTML] in
            let tariff = row.tariff
            let flag = HTML.when(SocialTariffs.isStale(tariff, today: today), " \(Components.tag("Over a year old", colour: .red))")
            return ["\(tariff.provider) \(tariff.name)", "\u{A3}\(tariff.monthlyPrice)", "\(tariff.speed)", "\(tariff.checkedOn.spoken)" + flag,
                    "<a class=\"govuk-link\" href=\"\(SiteURL.socialTariff(.value(row.id!)).path)\">Change<span class=\"govuk-visually-hidden\"> \(tariff.provider) \(tariff.name)</span></a>"]
        }
        let warning: HTML = stale.isEmpty ? .empty : Components.notificationBanner(
            heading: "\(stale.count == 1 ? "1 price was" : "\(stale.count) prices were") last checked over a year ago",
            body: "<p class=\"govuk-body\">Residents are shown the day each price was checked. Check them with the providers, or with Ofcom\u{2019}s list of social tariffs, and change them here.</p>")
        return Page(title: "Social tariffs", backLink: SiteURL.offers.path, notice: warning, content: """
        <h1 class="govuk-heading-l">Social tariffs</h1>
        <p class="govuk-body">Cheaper broadband for people on benefits, shown to residents with the \u{201C}Cheaper broadband\u{201D} offer, each with the day its price was checked.</p>
        \(Components.table(caption: "Your council\u{2019}s list", head: ["Tariff", "A month", "Speed", "Price checked", ""], rows: table))
        <a class="govuk-button govuk-button--secondary" href="\(SiteURL.newSocialTariff.path)">Add a tariff</a>
        """)
    }

    static func form(_ form: SocialTariffForm, id: UUID?, errors: FormErrors, token: String) -> Page {
        let title = id == nil ? "Add a social tariff" : "Change \(form.provider) \(form.name)"
        let benefitChoices = (TriageQuestions.question("benefits")?.options ?? []).filter { !$0.exclusive }.map { Components.Choice(value: $0.value, label: $0.label) }
        let remove: HTML = id.map { Components.form(action: SiteURL.removeSocialTariff(.value($0)).path, token: token, Components.button("Remove this tariff", style: .warning)) } ?? .empty
        return Page(title: title, errors: errors, backLink: SiteURL.socialTariffs.path, content: """
        <h1 class="govuk-heading-l">\(title)</h1>
        \(Components.form(action: id.map { SiteURL.socialTariff(.value($0)).path } ?? SiteURL.newSocialTariff.path, token: token, """
        \(Components.textInput(name: "provider", label: "Provider", value: form.provider, error: errors["provider"], width: "20"))
        \(Components.textInput(name: "name", label: "Tariff", value: form.name, error: errors["name"]))
        \(Components.textInput(name: "monthly_price", label: "Price a month, in pounds", value: form.monthlyPrice, error: errors["monthly_price"], hint: "Like 15.00", width: "5"))
        \(Components.textInput(name: "speed", label: "Speed", value: form.speed, error: errors["speed"], hint: "Like 36Mbps", width: "10"))
        \(Components.checkboxes(name: "benefits", legend: "Who can have it", options: benefitChoices, selected: Set(form.benefits), error: errors["benefits"], hint: "The benefits that qualify"))
        \(Components.dateInput(name: "checked", legend: "When the price was checked", value: form.checkedOn, error: errors["checked"]))
        \(Components.button("Save"))
        """))
        \(remove)
        """)
    }
}
