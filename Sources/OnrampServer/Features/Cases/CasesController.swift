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
        routes.post(.duplicateDecision(.key), requiring: .viewCases, use: decide)
        routes.get(.equalityMonitoring, requiring: .viewEqualityMonitoring, use: equality)
    }

    func dashboard(req: Request) async throws -> Response {
        let staff = try req.signedIn()
        let today = WorkingDays.today(Date())
        let summary = try await CaseQueries.summary(councilID: staff.councilID, today: today, on: req.db)
        let search = (try? req.query.get(String.self, at: "reference")) ?? ""
        if !search.isEmpty {
            if let reference = ReferenceNumber(typed: search),
               let found = try await req.scope.query(HelpCase.self, on: req.db).filter(\.$reference == reference.value).first() {
                return req.redirect(to: SiteURL.helpCase(.value(found.id!)).path)
            }
        }
        let cases = try req.scope.query(HelpCase.self, on: req.db)
        let paging = Paging(requested: req.pageNumber, size: 20, totalItems: try await cases.count())
        let recent = try await cases.sort(\.$createdAt, .descending).range(paging.offset..<(paging.offset + paging.size)).all()
        let residents = try await Resident.query(on: req.db).filter(\.$id ~~ Set(recent.map(\.residentID))).all()
        try await Audit.viewed(residents.compactMap(\.id), on: "the cases dashboard", by: try req.auditActor(), on: req.db)
        return req.render(CasePages.dashboard(summary: summary, recent: recent, residents: residents, paging: paging, search: search))
    }

    func show(req: Request) async throws -> Response {
        let staff = try req.signedIn()
        let helpCase = try await req.scoped(HelpCase.self, at: SiteURL.caseKey)
        guard let id = helpCase.id, let resident = try await req.scope.find(Resident.self, helpCase.residentID, on: req.db) else { throw Abort(.notFound) }
        let referrals = try await Referral.query(on: req.db).filter(\.$caseID == id).sort(\.$createdAt).all()
        let rows = try await ReferralQueue.rows(referrals, on: req.db)
        let events = try await CaseEvent.query(on: req.db).filter(\.$caseID == id).sort(\.$at).all()
        let messages = try await OutboxMessage.query(on: req.db).filter(\.$caseID == id).sort(\.$createdAt).all()
        let equality = staff.may(.viewEqualityMonitoring) ? try await ResidentEquality.query(on: req.db).filter(\.$residentID == resident.id!).first() : nil
        try await Audit.viewed([resident.id!], on: "case \(helpCase.reference)", action: .caseViewed, recordType: "case", recordID: id, by: try req.auditActor(), on: req.db)
        let looks = staff.may(.viewAuditLog) ? try await CaseQueries.looks(at: resident, on: req.db) : nil
        return req.render(CasePages.helpCase(helpCase, resident: resident, referrals: rows, events: events, messages: messages,
                                             equality: equality, showsEquality: staff.may(.viewEqualityMonitoring), looks: looks))
    }

    func tasks(req: Request) async throws -> Response {
        let staff = try req.signedIn()
        let query = CaseQueries.staffTasks(councilID: staff.councilID, on: req.db)
        let paging = Paging(requested: req.pageNumber, size: 20, totalItems: try await query.count())
        let messages = try await query.sort(\.$createdAt).range(paging.offset..<(paging.offset + paging.size)).all()
        try await Audit.viewed(try await CaseQueries.residentIDs(ofCases: messages.compactMap(\.caseID), on: req.db), on: "letters and calls", by: try req.auditActor(), on: req.db)
        return req.render(CasePages.tasks(messages, paging: paging, token: req.csrfToken ?? ""))
    }

    func taskDone(req: Request) async throws -> Response {
        let staff = try req.signedIn()
        let message = try await req.scoped(OutboxMessage.self, at: SiteURL.messageKey)
        guard message.status == MessageStatus.forStaff.rawValue else { throw Abort(.notFound) }
        try await req.db.transaction { tx in
            message.status = MessageStatus.done.rawValue
            message.sentAt = Date()
            try await message.save(on: tx)
            let how = MessageChannel(rawValue: message.channel)?.label.lowercased() ?? message.channel
            if let caseID = message.caseID {
                try await CaseEvent(caseID: caseID, at: Date(), actor: staff.user.name, text: "Sent by hand (\(how)): \u{201C}\(message.subject)\u{201D}").create(on: tx)
            }
            try await Audit.record(.staffTaskDone, by: try req.auditActor(), recordType: "outbox_message", recordID: message.id, summary: "Sent by hand (\(how))", on: tx)
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
        try await Audit.viewed(residents.compactMap(\.id), on: "possible duplicate residents", by: try req.auditActor(), on: req.db)
        return req.render(CasePages.duplicates(open, residents: residents, token: req.csrfToken ?? ""))
    }

    func decide(req: Request) async throws -> Response {
        let duplicate = try await req.scoped(PossibleDuplicate.self, at: SiteURL.duplicateKey)
        guard duplicate.decision == .open else { throw Abort(.notFound) }
        let fields = try await FormFields.read(req)
        switch fields["decision"] {
        case "merge": try await ResidentMerges.merge(duplicate, actor: try req.auditActor(), now: Date(), on: req.db)
        case "keep-apart": try await ResidentMerges.keepApart(duplicate, actor: try req.auditActor(), on: req.db)
        default: throw Abort(.badRequest, reason: "Choose to merge the records or keep them apart.")
        }
        return req.redirect(to: SiteURL.duplicates.path, redirectType: .normal)
    }
}
