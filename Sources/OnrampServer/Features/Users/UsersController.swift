import Fluent
import OnrampCore
import Vapor

/// Administrators manage the accounts of their own council and its partners.
struct UsersController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.users, requiring: .viewUsers, use: list)
        routes.get(.inviteUser, requiring: .manageUsers, use: showInvite)
        routes.post(.inviteUser, requiring: .manageUsers, use: invite)
        routes.get(.user(.key), requiring: .viewUsers, use: show)
        routes.post(.deactivateUser(.key), requiring: .manageUsers, use: deactivate)
        routes.post(.reactivateUser(.key), requiring: .manageUsers, use: reactivate)
        routes.post(.reinviteUser(.key), requiring: .manageUsers, use: reinvite)
    }

    func list(req: Request) async throws -> Response {
        let staff = try req.signedIn()
        let search = ((try? req.query.get(String.self, at: "search")) ?? "").trimmingCharacters(in: .whitespaces)
        let (users, paging) = try await User.page(
            councilID: staff.councilID, search: String(search.prefix(100)), requested: req.pageNumber, on: req.db
        )
        return req.render(UsersPages.list(users: users, paging: paging, search: search))
    }

    func showInvite(req: Request) async throws -> Response {
        let staff = try req.signedIn()
        let organisations = try await Organisation.all(councilID: staff.councilID, on: req.db)
        let form = InviteForm(organisation: staff.organisation.id?.uuidString)
        return req.render(UsersPages.invite(form: form, errors: FormErrors(), organisations: organisations, token: req.csrfToken ?? ""))
    }

    func invite(req: Request) async throws -> Response {
        let staff = try req.signedIn()
        let form = try req.content.decode(InviteForm.self)
        _ = try await req.scoped(Organisation.self, id: form.organisation)
        let organisations = try await Organisation.all(councilID: staff.councilID, on: req.db)
        var (valid, errors) = form.validate(organisations: organisations)
        let existing = try await valid.asyncFlatMap { try await User.find(email: $0.email, on: req.db) }
        if existing?.councilID == staff.councilID {
            errors.add("email", "Someone already has an account with this email address")
        }
        guard let valid, errors.isEmpty, let organisation = organisations.first(where: { $0.id == valid.organisationID }) else {
            return req.render(form: UsersPages.invite(form: form, errors: errors, organisations: organisations, token: req.csrfToken ?? ""))
        }
        let actor = try req.auditActor()
        if let existing {
            // The address has an account with another council. Whether it does is that council's
            // business, so the page is the one anyone invited gets; the person is told instead.
            let (user, token) = try await Invitations.turnAway(existing, invitedAs: valid, by: actor, from: staff.organisation, now: Date(), on: req.db)
            return req.render(UsersPages.invited(user: user, link: Invitations.baseURL(for: req) + SiteURL.invitation(.value(token)).path), status: .created)
        }
        let user = User(organisation: organisation, email: valid.email, name: valid.name, role: valid.role, passwordHash: nil)
        user.$organisation.value = organisation
        let token: String
        do {
            token = try await req.db.transaction { tx in
                try await user.create(on: tx)
                return try await Invitations.issue(
                    for: user, by: actor, baseURL: Invitations.baseURL(for: req),
                    settings: req.application.onramp.settings, now: Date(), on: tx
                )
            }
        } catch where error.isConstraintFailure {
            errors.add("email", "Someone already has an account with this email address")
            return req.render(form: UsersPages.invite(form: form, errors: errors, organisations: organisations, token: req.csrfToken ?? ""))
        }
        let link = Invitations.baseURL(for: req) + SiteURL.invitation(.value(token)).path
        return req.render(UsersPages.invited(user: user, link: link), status: .created)
    }

    func show(req: Request) async throws -> Response {
        let staff = try req.signedIn()
        let user = try await Self.user(from: req)
        let notice: HTML = switch try? req.query.get(String.self, at: "done") {
        case "deactivated": Components.notificationBanner(heading: "The account has been deactivated", body: "<p class=\"govuk-body\">They have been signed out everywhere.</p>", success: true)
        case "reactivated": Components.notificationBanner(heading: "The account has been reactivated", success: true)
        default: .empty
        }
        return req.render(UsersPages.detail(user: user, viewer: staff, token: req.csrfToken ?? "", notice: notice))
    }

    func deactivate(req: Request) async throws -> Response {
        let staff = try req.signedIn()
        let user = try await Self.user(from: req)
        guard user.id != staff.userID else {
            throw Abort(.forbidden, reason: "You cannot deactivate your own account. Ask another administrator.")
        }
        let (reason, errors) = try req.content.decode(DeactivateForm.self).validate()
        guard errors.isEmpty else {
            let page = UsersPages.detail(user: user, viewer: staff, reason: reason, errors: errors, token: req.csrfToken ?? "")
            return req.render(form: page)
        }
        let actor = try req.auditActor()
        if user.isActive {
            let now = Date()
            try await req.db.transaction { tx in
                user.isActive = false
                user.deactivatedAt = now
                try await user.update(on: tx)
                try await StaffSessions.endAll(userID: user.id!, on: tx)
                // An old link must not come back to life if the account is reactivated.
                try await Invitation.query(on: tx).filter(\.$user.$id == user.id!).filter(\.$usedAt == nil).delete()
                try await Audit.record(.userDeactivated, by: actor, recordType: "user", recordID: user.id, summary: "Deactivated \(AuditActor.label(for: user)): \(reason)", on: tx, now: now)
            }
        }
        return req.redirect(to: SiteURL.user(.value(user.id!)).path(query: [("done", "deactivated")]), redirectType: .normal)
    }

    func reactivate(req: Request) async throws -> Response {
        let user = try await Self.user(from: req)
        let actor = try req.auditActor()
        if !user.isActive {
            try await req.db.transaction { tx in
                user.isActive = true
                user.deactivatedAt = nil
                try await user.update(on: tx)
                try await Audit.record(.userReactivated, by: actor, recordType: "user", recordID: user.id, summary: "Reactivated \(AuditActor.label(for: user))", on: tx, now: Date())
            }
        }
        return req.redirect(to: SiteURL.user(.value(user.id!)).path(query: [("done", "reactivated")]), redirectType: .normal)
    }

    func reinvite(req: Request) async throws -> Response {
        let staff = try req.signedIn()
        let user = try await Self.user(from: req)
        guard user.isActive else { throw Abort(.conflict, reason: "Reactivate the account before sending a new invitation.") }
        let actor = try req.auditActor()
        let route = AccountReset.route(forAdmin: user.role == .admin && user.id != staff.userID, hasPassword: user.passwordHash != nil,
                                       anotherAdminAsked: try await Invitations.independentlyRequested(for: user, approver: staff.userID, now: Date(), on: req.db))
        let token = try await req.db.transaction { tx in
            let token = try await Invitations.issue(
                for: user, by: actor, baseURL: Invitations.baseURL(for: req),
                settings: req.application.onramp.settings, now: Date(), on: tx
            )
            switch route {
            case .showLink: break
            case .sendToThemOnly:
                try await Audit.record(.passwordResetRequested, by: actor, recordType: "user", recordID: user.id, summary: "Sent \(AuditActor.label(for: user)) a link to choose a new password, to them alone", on: tx, now: Date())
            case .showLinkApproved:
                try await Audit.record(.passwordResetApproved, by: actor, recordType: "user", recordID: user.id, summary: "Approved a new password link for \(AuditActor.label(for: user)), and saw it", on: tx, now: Date())
            }
            return token
        }
        guard route != .sendToThemOnly else { return req.render(UsersPages.resetSent(user: user)) }
        let link = Invitations.baseURL(for: req) + SiteURL.invitation(.value(token)).path
        return req.render(UsersPages.invited(user: user, link: link))
    }

    private static func user(from req: Request) async throws -> User {
        guard let id = req.parameters.get(SiteURL.userKey, as: UUID.self),
              let user = try await req.scope.query(User.self, on: req.db).filter(\.$id == id).with(\.$organisation).first()
        else { throw Abort(.notFound) }
        return user
    }
}
