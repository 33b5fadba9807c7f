import Fluent
import OnrampCore
import Vapor

/// The data bank's page: stock by network, a batch from CSV, and giving a resident data.
struct DataBankController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.kitData, requiring: .manageKit, use: bank)
        routes.post(.kitData, requiring: .manageKit, use: importBatch)
        routes.post(.kitDataGive, requiring: .manageKit, use: give)
    }

    private func render(_ req: Request, forms: DataBankPages.Forms = .init()) async throws -> Response {
        let staff = try req.signedIn()
        let today = WorkingDays.today(Date())
        let stock = try await DataStock.load(councilID: staff.councilID, today: today, on: req.db)
        let waiting = try await ReferralQueue.waitingForKit([.dataSIM], try req.scope, including: forms.give.referral.flatMap(UUID.init(uuidString:)), on: req.db)
        try await req.recordViewed(waiting.compactMap(\.residentID), on: "residents waiting for data", now: Date())
        return req.render(form: DataBankPages.bank(stock, waiting: waiting, hasKey: req.application.onramp.dataVault != nil, forms: forms, token: req.csrfToken ?? ""))
    }

    /// `?referral=` (from a referral's page) chooses that referral in the form to give data.
    func bank(req: Request) async throws -> Response {
        var forms = DataBankPages.Forms()
        forms.give.referral = (try? req.query.get(String.self, at: "referral")).flatMap(UUID.init(uuidString:))?.uuidString
        return try await render(req, forms: forms)
    }

    func importBatch(req: Request) async throws -> Response {
        let staff = try req.signedIn()
        guard let vault = req.application.onramp.dataVault else { throw Abort(.conflict, reason: "ONRAMP_DATA_KEY is not set") }
        let form = try req.content.decode(DataBatchForm.self)
        var forms = DataBankPages.Forms(batch: form)
        let batch = forms.errors.text("batch", form.batch, label: "where the batch came from", maxLength: 200)
        let today = WorkingDays.today(Date())
        let imported = try await req.importCSV("file", errors: &forms.errors, problems: &forms.problems, parser: { try DataPackParser(header: $0, today: today) }) { rows, file in
            try await DataPacks.importBatch(rows, batch: batch, file: file, vault: vault, councilID: staff.councilID, actor: try req.auditActor(), now: Date(), on: req.db)
        }
        guard imported != nil else { return try await render(req, forms: forms) }
        return req.redirect(to: SiteURL.kitData.path, redirectType: .normal)
    }

    /// Gives the data and shows its code on this response alone: it is never shown again.
    func give(req: Request) async throws -> Response {
        let form = try req.content.decode(DataGiveForm.self)
        var forms = DataBankPages.Forms(give: form)
        guard let vault = req.application.onramp.dataVault else { throw Abort(.conflict, reason: "ONRAMP_DATA_KEY is not set") }
        let referral = try await req.scoped(Referral.self, id: form.referral)
        if referral == nil { forms.errors.add("referral", DataPacks.Refusal.referralNotForData.message) }
        if form.choice == nil { forms.errors.add("pack", "Select the network") }
        guard forms.errors.isEmpty, let referral, let (network, kind) = form.choice else { return try await render(req, forms: forms) }
        switch try await DataPacks.give(kind, network: network, to: referral, vault: vault, actor: try req.auditActor(), trackURL: req.trackURL,
                                        today: WorkingDays.today(Date()), now: Date(), on: req.db) {
        case .failure(let refusal):
            if case .noneLeft = refusal { forms.errors.add("pack", refusal.message) } else { forms.errors.add("referral", refusal.message) }
            return try await render(req, forms: forms)
        case .success(let (pack, code)):
            let row = try await ReferralQueue.rows([referral], on: req.db).first
            try await req.recordViewed(row?.residentID.map { [$0] } ?? [], on: "the data given", now: Date())
            let response = req.render(DataBankPages.given(pack, code: code, to: row))
            response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
            return response
        }
    }
}
