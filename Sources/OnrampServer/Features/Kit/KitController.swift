import Fluent
import OnrampCore
import Vapor

/// The device bank: stock, donated batches (imported from CSV), devices with their history,
/// and moving a device on with its wipe or recycling record.
struct KitController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.kit, requiring: .manageKit, use: stock)
        routes.get(.kitBatches, requiring: .manageKit, use: batches)
        routes.post(.kitBatches, requiring: .manageKit, use: importBatch)
        routes.get(.kitBatch(.key), requiring: .manageKit, use: batch)
        routes.get(.kitLabels(.key), requiring: .manageKit, use: labels)
        routes.get(.kitDevice(.key), requiring: .manageKit, use: device)
        routes.post(.kitDeviceMove(.key), requiring: .manageKit, largeBody: Self.fileLimit, use: move)
        routes.post(.kitDevicePhotos(.key), requiring: .manageKit, largeBody: Self.fileLimit, use: addPhoto)
        routes.get(.kitFile(.key), requiring: .manageKit, use: file)
        routes.post(.kitHandover(.key), requiring: .manageKit, use: handOver)
        routes.post(.kitLoanExtend(.key), requiring: .manageKit, use: extend)
        routes.post(.kitLoanReturn(.key), requiring: .manageKit, use: receiveBack)
        routes.get(.kitLoans, requiring: .manageKit, use: loans)
    }

    /// A form with a file: the file's limit, and room for the form's other fields.
    static let fileLimit: ByteCount = "11mb"

    func stock(req: Request) async throws -> Response {
        let staff = try req.signedIn()
        let stock = try await KitStock.load(councilID: staff.councilID, now: Date(), on: req.db)
        let search = (try? req.query.get(String.self, at: "find")) ?? ""
        if !search.isEmpty, let found = try await KitDevice.find(search, councilID: staff.councilID, on: req.db) {
            return req.redirect(to: SiteURL.kitDevice(.value(found.id!)).path)
        }
        return req.render(KitPages.stock(stock, now: Date(), search: search))
    }

    func batches(req: Request) async throws -> Response {
        let staff = try req.signedIn()
        return req.render(KitPages.batches(try await DonationBatch.recent(councilID: staff.councilID, on: req.db), form: BatchForm(), errors: FormErrors(), problems: [], token: req.csrfToken ?? ""))
    }

    func importBatch(req: Request) async throws -> Response {
        let staff = try req.signedIn()
        let form = try req.content.decode(BatchForm.self)
        var errors = FormErrors()
        var problems: [String] = []
        let details = form.validated(into: &errors)
        let batch = try await req.importCSV("file", errors: &errors, problems: &problems, parser: { try DeviceBatchParser(header: $0) }) { rows, file in
            // The form's fields are clear by now, so its details are there.
            try await DeviceBank.importBatch(rows, details: details!, file: file, councilID: staff.councilID, actor: try req.auditActor(), now: Date(), on: req.db)
        }
        guard let batch else {
            return req.render(form: KitPages.batches(try await DonationBatch.recent(councilID: staff.councilID, on: req.db), form: form, errors: errors, problems: problems, token: req.csrfToken ?? ""))
        }
        return req.redirect(to: SiteURL.kitBatch(.value(batch.id!)).path, redirectType: .normal)
    }

    func batch(req: Request) async throws -> Response {
        let batch = try await req.scoped(DonationBatch.self, at: SiteURL.batchKey)
        let query = KitDevice.query(on: req.db).filter(\.$batchID == batch.id!)
        let paging = Paging(requested: req.pageNumber, size: 50, totalItems: try await query.count())
        let devices = try await query.sort(\.$assetTag).range(paging.offset..<(paging.offset + paging.size)).all()
        return req.render(KitPages.batch(batch, devices: devices, paging: paging))
    }

    func labels(req: Request) async throws -> Response {
        let batch = try await req.scoped(DonationBatch.self, at: SiteURL.batchKey)
        let devices = try await KitDevice.query(on: req.db).filter(\.$batchID == batch.id!).sort(\.$assetTag).all()
        return req.render(KitPages.labels(batch, devices: devices, base: Invitations.baseURL(for: req)))
    }

    func deviceFor(_ req: Request) async throws -> KitDevice {
        try await req.scoped(KitDevice.self, at: SiteURL.deviceKey)
    }

    func device(req: Request) async throws -> Response {
        try await render(req, device: try await deviceFor(req), form: DeviceMoveForm(), errors: FormErrors())
    }

    private func render(_ req: Request, device: KitDevice, form: DeviceMoveForm, errors: FormErrors, handover: HandoverForm = HandoverForm()) async throws -> Response {
        let moves = try await DeviceMove.query(on: req.db).filter(\.$deviceID == device.id!).sort(\.$at).all()
        let wipes = try await DeviceWipe.query(on: req.db).filter(\.$deviceID == device.id!).sort(\.$started).all()
        let batch = try await DonationBatch.find(device.batchID, on: req.db)
        let waiting = device.stage == .ready ? try await ReferralQueue.waitingForKit(OfferKind.allCases.filter(\.isDevice), try req.scope, on: req.db) : []
        let loan = device.stage == .loaned ? try await Loans.current(device, scope: try req.scope, on: req.db) : nil
        try await req.recordViewed(waiting.compactMap(\.residentID), on: "residents waiting for a device", now: Date())
        let token = req.csrfToken ?? ""
        let page = KitPages.device(device, batch: batch, moves: moves, wipes: wipes, files: try await KitFiles.all(for: device, on: req.db), form: form, errors: errors, token: token,
                                   handing: KitLoanPages.handover(device, waiting: waiting, loan: loan, form: handover, errors: errors, token: token))
        return req.render(form: page)
    }

    func move(req: Request) async throws -> Response {
        let device = try await deviceFor(req)
        let form = try req.content.decode(DeviceMoveForm.self)
        var errors = FormErrors()
        guard let (stage, evidence, certificate) = form.validated(certificateFile: req.uploadedFile("certificate_file"), into: &errors) else { return try await render(req, device: device, form: form, errors: errors) }
        if stage.needsLoanRecord {
            errors.add("stage", "Give, lend or take back a device with its handover or loan, on this page, so the resident\u{2019}s record is kept")
            return try await render(req, device: device, form: form, errors: errors)
        }
        if let refusal = try await DeviceBank.move(device, to: stage, reason: form.reason ?? "", evidence: evidence, certificateFile: certificate, actor: try req.auditActor(), now: Date(), on: req.db) {
            errors.add("stage", refusal.message)
            // Read again: someone else may have moved it meanwhile, and the page says where it is.
            return try await render(req, device: try await deviceFor(req), form: form, errors: errors)
        }
        return req.redirect(to: SiteURL.kitDevice(.value(device.id!)).path, redirectType: .normal)
    }
}

extension KitController {
    func addPhoto(req: Request) async throws -> Response {
        let device = try await deviceFor(req)
        var errors = FormErrors()
        let upload = KitUpload.read(req.uploadedFile("photo"), for: .photo, field: "photo", into: &errors)
        guard let upload else {
            if errors.isEmpty { errors.add("photo", "Choose a photo to add") }
            return try await render(req, device: device, form: DeviceMoveForm(), errors: errors)
        }
        try await KitFiles.store(upload, purpose: .photo, device: device, actor: try req.auditActor(), now: Date(), on: req.db)
        return req.redirect(to: SiteURL.kitDevice(.value(device.id!)).path, redirectType: .normal)
    }

    /// A certificate or photo, to the council's kit staff only.
    func file(req: Request) async throws -> Response {
        try await KitFiles.response(try await req.scoped(KitFile.self, at: SiteURL.fileKey), on: req.db)
    }

    func handOver(req: Request) async throws -> Response {
        let device = try await deviceFor(req)
        let form = try req.content.decode(HandoverForm.self)
        var errors = FormErrors()
        let referral = try await req.scoped(Referral.self, id: form.referral)
        let isLoan = try await referral.asyncFlatMap { try await req.scope.find(HelpOffer.self, $0.offerID, on: req.db) }?.kind == .deviceLoan
        if referral == nil { errors.add("referral", Loans.Refusal.referralNotForADevice.message) }
        let handover = Handover.validate(isLoan: isLoan, place: form.place, day: form.handedParts, due: form.dueParts, acknowledged: form.acknowledged == "yes", into: &errors)
        guard errors.isEmpty, let referral, let handover else { return try await render(req, device: device, form: DeviceMoveForm(), errors: errors, handover: form) }
        if let refusal = try await Loans.handOver(device, to: referral, handover: handover, actor: try req.auditActor(), trackURL: req.trackURL, now: Date(), on: req.db) {
            errors.add("referral", refusal.message)
            // Read again: someone else may have moved it meanwhile, and the page says where it is.
            return try await render(req, device: try await deviceFor(req), form: DeviceMoveForm(), errors: errors, handover: form)
        }
        return req.redirect(to: SiteURL.kitDevice(.value(device.id!)).path, redirectType: .normal)
    }

    func extend(req: Request) async throws -> Response {
        let device = try await deviceFor(req)
        guard let loan = try await Loans.current(device, scope: try req.scope, on: req.db) else { throw Abort(.notFound) }
        let form = try req.content.decode(HandoverForm.self)
        var errors = FormErrors()
        guard let (due, reason) = Handover.extension(of: loan.due.flatMap(CalendarDay.init(iso:)), to: form.dueParts, reason: form.extend_reason, into: &errors) else { return try await render(req, device: device, form: DeviceMoveForm(), errors: errors, handover: form) }
        try await Loans.extend(loan, to: due, reason: reason, actor: try req.auditActor(), now: Date(), on: req.db)
        return req.redirect(to: SiteURL.kitDevice(.value(device.id!)).path, redirectType: .normal)
    }

    func receiveBack(req: Request) async throws -> Response {
        let device = try await deviceFor(req)
        guard let loan = try await Loans.current(device, scope: try req.scope, on: req.db) else { throw Abort(.notFound) }
        // Received back twice at once (a double click): the second is refused as changed
        // meanwhile, and the device's page shows it returned.
        _ = try await Loans.receiveBack(loan, device: device, actor: try req.auditActor(), now: Date(), on: req.db)
        return req.redirect(to: SiteURL.kitDevice(.value(device.id!)).path, redirectType: .normal)
    }

    func loans(req: Request) async throws -> Response {
        let scope = try req.scope
        let loans = try await Loans.open(scope, on: req.db)
        let devices = try await scope.query(KitDevice.self, on: req.db).filter(\.$id ~~ loans.map(\.deviceID)).all()
        let rows = try await ReferralQueue.rows(ids: try await scope.query(Referral.self, on: req.db).filter(\.$id ~~ loans.map(\.referralID)).all(\.$id), on: req.db)
        try await req.recordViewed(rows.compactMap(\.residentID), on: "devices on loan", now: Date())
        return req.render(KitLoanPages.loans(loans, devices: devices, referrals: rows, today: WorkingDays.today(Date())))
    }
}
