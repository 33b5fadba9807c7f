import Fluent
import OnrampCore
import Vapor

/// What a council's data protection officer asks for: a resident's copy of everything held
/// about them, their erasure, and how long personal data is kept. Administrators only.
struct PrivacyController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.personalData(.key), requiring: .managePersonalData, use: show)
        routes.get(.personalDataJSON(.key), requiring: .managePersonalData, use: copyJSON)
        routes.get(.personalDataCopy(.key), requiring: .managePersonalData, use: copyPage)
        routes.post(.personalDataErase(.key), requiring: .managePersonalData, use: erase)
        routes.get(.retention, requiring: .managePersonalData, use: retention)
        routes.post(.retention, requiring: .managePersonalData, use: saveRetention)
    }

    /// The case from the address, and its resident, both through the person's scope.
    private func resident(_ req: Request) async throws -> (HelpCase, Resident) {
        let helpCase = try await req.scoped(HelpCase.self, at: SiteURL.caseKey)
        guard let resident = try await req.scope.find(Resident.self, helpCase.residentID, on: req.db) else { throw Abort(.notFound) }
        return (helpCase, resident)
    }

    func show(req: Request) async throws -> Response {
        let (helpCase, resident) = try await resident(req)
        return req.render(PrivacyPages.personalData(helpCase, resident: resident, reason: "", errors: FormErrors(),
                                                    erased: (try? req.query.get(String.self, at: "erased")) == "1", token: req.csrfToken ?? ""))
    }

    /// Gathers the copy and writes in the audit log that it was given, and in what form.
    private func copy(_ req: Request, form: String) async throws -> SubjectAccessCopy {
        let (helpCase, resident) = try await resident(req)
        let scope = try req.scope
        let council = try await scope.find(Organisation.self, scope.councilID, on: req.db)?.name ?? ""
        let now = Date()
        let copy = try await SubjectAccessCopy.gather(resident: resident, councilName: council, now: now, on: req.db)
        // A copy shows the resident's details, so it is also a look at their record.
        try await req.recordViewed([resident.id!], on: "a copy of everything held about the resident of case \(helpCase.reference) (\(form))", action: .subjectAccessGiven,
                                 recordID: resident.id, now: now)
        return copy
    }

    func copyJSON(req: Request) async throws -> Response {
        let copy = try await copy(req, form: "JSON")
        let response = Response(status: .ok, body: .init(data: try JSONEncoder.sorted.encode(copy)))
        response.headers.contentType = .json
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"personal-data.json\"")
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    func copyPage(req: Request) async throws -> Response {
        let (helpCase, _) = try await resident(req)
        let response = req.render(PrivacyPages.copy(try await copy(req, form: "page to print"), caseID: helpCase.id!))
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    func erase(req: Request) async throws -> Response {
        let (helpCase, resident) = try await resident(req)
        let fields = try await FormFields.read(req)
        let typed = (fields["reason"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        var errors = FormErrors()
        guard let reason = ErasureRequest.validate(reason: typed, confirmed: fields["confirm"] == "yes", into: &errors) else {
            return req.render(form: PrivacyPages.personalData(helpCase, resident: resident, reason: typed, errors: errors, erased: false, token: req.csrfToken ?? ""))
        }
        let now = Date()
        let actor = try req.auditActor()
        // Erased and written in the log together. The reason and the counts, never what was erased.
        try await req.db.transaction { tx in
            let changed = try await Anonymiser.resident(resident.id!, now: now, on: tx)
            try await Audit.record(.residentErased, by: actor, recordType: "resident", recordID: resident.id,
                                   summary: "Erased the personal data of the resident of case \(helpCase.reference): \(changed.residents) records of them, \(changed.messages) messages, \(changed.caseEvents) case notes. Reason: \(reason)",
                                   on: tx, now: now)
        }
        return req.redirect(to: SiteURL.personalData(.value(helpCase.id!)).path(query: [("erased", "1")]), redirectType: .normal)
    }

    func retention(req: Request) async throws -> Response {
        let staff = try req.signedIn()
        let policy = try await Retention.policy(councilID: staff.councilID, on: req.db)
        return req.render(try await retentionPage(req, form: .init(policy), errors: FormErrors(), saved: (try? req.query.get(String.self, at: "saved")) == "1"))
    }

    func saveRetention(req: Request) async throws -> Response {
        let staff = try req.signedIn()
        let fields = try await FormFields.read(req)
        let form = PrivacyPages.RetentionForm(fields)
        var errors = FormErrors()
        guard let policy = RetentionPolicy.validate(form.typed, label: PrivacyPages.label, into: &errors) else {
            return req.render(form: try await retentionPage(req, form: form, errors: errors, saved: false))
        }
        try await Retention.save(policy, councilID: staff.councilID, actor: try req.auditActor(), now: Date(), on: req.db)
        return req.redirect(to: SiteURL.retention.path(query: [("saved", "1")]), redirectType: .normal)
    }

    private func retentionPage(_ req: Request, form: PrivacyPages.RetentionForm, errors: FormErrors, saved: Bool) async throws -> Page {
        let staff = try req.signedIn()
        let policy = try await Retention.policy(councilID: staff.councilID, on: req.db)
        let now = Date()
        let dueNow = try await Retention.due(councilID: staff.councilID, policy: policy, at: now, on: req.db)
        let dueSoon = try await Retention.due(councilID: staff.councilID, policy: policy, at: now.addingTimeInterval(30 * 86400), on: req.db)
        let lastRun = try await Retention.lastRun(councilID: staff.councilID, on: req.db)
        return PrivacyPages.retention(form: form, errors: errors, saved: saved, dueNow: dueNow, dueSoon: dueSoon, lastRun: lastRun, token: req.csrfToken ?? "")
    }
}
