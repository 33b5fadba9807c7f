import Fluent
import SQLKit
import OnrampCore
import Vapor

/// The council's view of every request: the dashboard, each case, the letters and calls staff
/// must make, and possible duplicate residents.
struct CasesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.cases, requiring: .viewCases, use: dashboard)
        routes.get(.helpCase(.key), requiring: .viewCases, use: show)
        routes.get(.caseTasks, requiring: .viewCases, use: tasks)
        routes.post(.taskDone(.key), requiring: .viewCases, use: taskDone)
        routes.get(.duplicates, requiring: .viewCases, use: duplicates)
        routes.get(.duplicateDecision(.key), requiring: .viewCases, use: checkMerge)
        routes.post(.duplicateDecision(.key), requiring: .viewCases, use: decide)
        routes.get(.equalityMonitoring, requiring: .viewEqualityMonitoring, use: equality)
    }

    func dashboard(req: Request) async throws -> Response {
        let staff = try req.signedIn()
        // `reference` is the name the search box had when it found references only.
        let typed = ((try? req.query.get(String.self, at: "q")) ?? (try? req.query.get(String.self, at: "reference")) ?? "")
        var errors = FormErrors()
        switch ResidentQuery.parse(typed) {
        case nil:
            break
        case .failure(let refusal):
            errors.add("q", CasePages.message(refusal))
        case .success(.reference(let reference)):
            if let found = try await req.scope.query(HelpCase.self, on: req.db).filter(\.$reference == reference.value).first() {
                return req.redirect(to: SiteURL.helpCase(.value(found.id!)).path)
            }
            // Nine letters alone can be a name as well as a reference.
            if !typed.contains(where: { $0.isNumber || $0 == "-" }), case .success(let query)? = ResidentQuery.parse(typed, references: false), case .name = query {
                return try await search(req, query: query, typed: typed)
            }
            errors.add("q", "No case has the reference \(reference.description). Check it and try again")
        case .success(let query):
            return try await search(req, query: query, typed: typed)
        }
        let today = WorkingDays.today(Date())
        let summary = try await CaseQueries.summary(councilID: staff.councilID, today: today, on: req.db)
        let cases = try req.scope.query(HelpCase.self, on: req.db)
        let paging = Paging(requested: req.pageNumber, size: 20, totalItems: try await cases.count())
        let recent = try await cases.sort(\.$createdAt, .descending).range(paging.offset..<(paging.offset + paging.size)).all()
        let residents = try await Resident.query(on: req.db).filter(\.$id ~~ Set(recent.map(\.residentID))).all()
        try await req.recordViewed(residents.compactMap(\.id), on: "the cases dashboard", now: Date())
        return req.render(form: CasePages.dashboard(summary: summary, recent: recent, residents: residents, paging: paging, search: typed, errors: errors))
    }

    /// Residents who match one detail, a page at a time; who was shown is in the audit log.
    private func search(_ req: Request, query: ResidentQuery, typed: String) async throws -> Response {
        let found = try await ResidentSearches.page(query, scope: try req.scope, page: req.pageNumber, on: req.db)
        try await req.recordViewed(found.residents.compactMap(\.id), on: "a search of residents", now: Date())
        return req.render(CasePages.searchResults(found, query: query, typed: typed))
    }

    func show(req: Request) async throws -> Response {
        let staff = try req.signedIn()
        let helpCase = try await req.scoped(HelpCase.self, at: SiteURL.caseKey)
        guard let id = helpCase.id, let resident = try await req.scope.find(Resident.self, helpCase.residentID, on: req.db) else { throw Abort(.notFound) }
        let referrals = try await Referral.query(on: req.db).filter(\.$caseID == id).sort(\.$createdAt).sort(\.$id).all()
        let rows = try await ReferralQueue.rows(referrals, on: req.db)
        let events = try await CaseEvent.query(on: req.db).filter(\.$caseID == id).sort(\.$at).all()
        let messages = try await OutboxMessage.query(on: req.db).filter(\.$caseID == id).sort(\.$createdAt).all()
        let equality = staff.may(.viewEqualityMonitoring) ? try await ResidentEquality.query(on: req.db).filter(\.$residentID == resident.id!).first() : nil
        try await req.recordViewed([resident.id!], on: "case \(helpCase.reference)", action: .caseViewed, recordType: "case", recordID: id, now: Date())
        let looks = staff.may(.viewAuditLog) ? try await CaseQueries.looks(at: resident, on: req.db) : nil
        let reviews = try await SkillsProgress.reviews(caseID: id, bookingID: nil, on: req.db)
        let skills = SkillsProgressPages.progress(reviews, start: SiteURL.caseSkills(.value(id), .value(ReviewStage.start.rawValue)).path,
                                                  end: SiteURL.caseSkills(.value(id), .value(ReviewStage.end.rawValue)).path)
        let saved = (try? req.query.get(String.self, at: "saved")) == "skills"
        return req.render(CasePages.helpCase(helpCase, resident: resident, referrals: rows, events: events, messages: messages,
                                             equality: equality, showsEquality: staff.may(.viewEqualityMonitoring), looks: looks, skills: skills, skillsSaved: saved,
                                             personalData: staff.may(.managePersonalData) ? SiteURL.personalData(.value(id)).path : nil))
    }

    func tasks(req: Request) async throws -> Response {
        let staff = try req.signedIn()
        let query = CaseQueries.staffTasks(councilID: staff.councilID, on: req.db)
        let paging = Paging(requested: req.pageNumber, size: 20, totalItems: try await query.count())
        let messages = try await query.sort(\.$createdAt).range(paging.offset..<(paging.offset + paging.size)).all()
        let residents = try await CaseQueries.residents(ofCases: messages.compactMap(\.caseID), on: req.db)
        try await req.recordViewed(residents.values.compactMap(\.id), on: "letters and calls", now: Date())
        return req.render(CasePages.tasks(messages, residents: residents, paging: paging, token: req.csrfToken ?? ""))
    }

    func taskDone(req: Request) async throws -> Response {
        let staff = try req.signedIn()
        let message = try await req.scoped(OutboxMessage.self, at: SiteURL.messageKey)
        guard message.status == MessageStatus.forStaff.rawValue else { throw Abort(.notFound) }
        let now = Date()
        try await req.db.transaction { tx in
            message.status = MessageStatus.done.rawValue
            message.sentAt = now
            try await message.save(on: tx)
            let how = MessageChannel(rawValue: message.channel)?.label.lowercased() ?? message.channel
            if let caseID = message.caseID {
                try await CaseEvent(caseID: caseID, at: now, actor: staff.user.name, text: "Sent by hand (\(how)): \u{201C}\(message.subject)\u{201D}").create(on: tx)
            }
            try await Audit.record(.staffTaskDone, by: try req.auditActor(), recordType: "outbox_message", recordID: message.id, summary: "Sent by hand (\(how))", on: tx, now: now)
        }
        return req.redirect(to: SiteURL.caseTasks.path, redirectType: .normal)
    }

    /// How many residents gave each equality-monitoring answer: counts only, never who.
    func equality(req: Request) async throws -> Response {
        let staff = try req.signedIn()
        let rows = try await ResidentEquality.query(on: req.db)
            .join(Resident.self, on: \ResidentEquality.$residentID == \Resident.$id)
            .filter(Resident.self, \.$councilID == staff.councilID).filter(Resident.self, \.$mergedIntoID == nil).all()
        let residents = try await Resident.query(on: req.db).filter(\.$councilID == staff.councilID).filter(\.$mergedIntoID == nil).count()
        return req.render(CasePages.equality(rows, residents: residents))
    }

    func duplicates(req: Request) async throws -> Response {
        let staff = try req.signedIn()
        let open = try await PossibleDuplicate.query(on: req.db).filter(\.$councilID == staff.councilID).filter(\.$decision == .open).sort(\.$createdAt).limit(50).all()
        let residents = try await Resident.query(on: req.db).filter(\.$id ~~ Set(open.flatMap { [$0.residentID, $0.existingID] })).all()
        try await req.recordViewed(residents.compactMap(\.id), on: "possible duplicate residents", now: Date())
        let done = (try? req.query.get(String.self, at: "done")).flatMap(CasePages.DuplicateNotice.init(rawValue:))
        return req.render(CasePages.duplicates(open, residents: residents, done: done, token: req.csrfToken ?? ""))
    }

    /// What merging two records would do, for an officer to read before confirming: nothing changes here.
    func checkMerge(req: Request) async throws -> Response {
        try await mergePage(req, duplicate: try await req.scoped(PossibleDuplicate.self, at: SiteURL.duplicateKey), errors: FormErrors())
    }

    private func mergePage(_ req: Request, duplicate: PossibleDuplicate, errors: FormErrors) async throws -> Response {
        guard duplicate.decision == .open else { return req.render(CasePages.decided(duplicate)) }
        let token = req.csrfToken ?? ""
        guard let preview = try await ResidentMerges.preview(duplicate, scope: try req.scope, on: req.db) else {
            let one = try await ResidentMerges.current(duplicate.existingID, scope: try req.scope, on: req.db)
            try await req.recordViewed(one.flatMap(\.id).map { [$0] } ?? [], on: "a duplicate check", now: Date())
            return req.render(CasePages.alreadyOne(duplicate, resident: one, token: token))
        }
        try await req.recordViewed([preview.earlier.id!, preview.newer.id!], on: "two records to merge", now: Date())
        return req.render(form: CasePages.merge(preview, errors: errors, token: token))
    }

    func decide(req: Request) async throws -> Response {
        let duplicate = try await req.scoped(PossibleDuplicate.self, at: SiteURL.duplicateKey)
        let fields = try await FormFields.read(req)
        let done: CasePages.DuplicateNotice
        switch fields["decision"] {
        case "merge":
            switch try await ResidentMerges.merge(duplicate, confirmed: fields["plan"] ?? "", scope: try req.scope, actor: try req.auditActor(), now: Date(), on: req.db) {
            case .merged, .alreadyOneRecord: done = .merged
            case .alreadyDecided: done = .decided
            case .changed:
                var errors = FormErrors()
                errors.add(CasePages.planField, "These records changed after you opened this page. Check what will happen now, then confirm again")
                return try await mergePage(req, duplicate: duplicate, errors: errors)
            }
        case "keep-apart":
            done = try await ResidentMerges.keepApart(duplicate, actor: try req.auditActor(), now: Date(), on: req.db) ? .keptApart : .decided
        default:
            throw Abort(.badRequest, reason: "Choose to merge the records or keep them apart.")
        }
        return req.redirect(to: SiteURL.duplicates.path(query: [("done", done.rawValue)]), redirectType: .normal)
    }
}
