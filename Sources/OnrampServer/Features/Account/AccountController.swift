import Fluent
import OnrampCore
import Vapor

/// A person's own account: what we hold about them, and changing their password.
struct AccountController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.account, requiring: .viewOwnAccount, use: show)
        routes.get(.changePassword, requiring: .changeOwnPassword, use: showChangePassword)
        routes.post(.changePassword, requiring: .changeOwnPassword, use: changePassword)
    }

    func show(req: Request) async throws -> Response {
        let staff = try req.signedIn()
        let changed = (try? req.query.get(String.self, at: "changed")) == "1"
        return req.render(AccountPages.summary(staff, passwordChanged: changed))
    }

    func showChangePassword(req: Request) async throws -> Response {
        req.render(AccountPages.changePassword(errors: FormErrors(), token: req.csrfToken ?? ""))
    }

    struct ChangePasswordForm: Content {
        var current: String?
        var password: String?
        var confirmation: String?
    }

    func changePassword(req: Request) async throws -> Response {
        let staff = try req.signedIn()
        let form = try req.content.decode(ChangePasswordForm.self)
        var errors = FormErrors()
        if (form.current ?? "").isEmpty {
            errors.add("current", "Enter your current password")
        } else if try await !req.password.async.verify(form.current ?? "", created: staff.user.passwordHash ?? req.application.onramp.decoyPasswordHash()) {
            errors.add("current", "Your current password is not right")
        }
        PasswordPolicy.validate(
            password: form.password ?? "", confirmation: form.confirmation ?? "", email: staff.user.email, into: &errors
        )
        guard errors.isEmpty else {
            return req.render(form: AccountPages.changePassword(errors: errors, token: req.csrfToken ?? ""))
        }
        let hash = try await req.password.async.hash(form.password ?? "")
        let actor = try req.auditActor()
        try await req.db.transaction { tx in
            try await User.query(on: tx).filter(\.$id == staff.userID).set(\.$passwordHash, to: hash).update()
            // Anyone else signed in as this person is signed out.
            try await StaffSessions.endAll(userID: staff.userID, keeping: staff.sessionID, on: tx)
            try await Audit.record(.passwordChanged, by: actor, recordType: "user", recordID: staff.userID, summary: "Changed their password", on: tx, now: Date())
        }
        return req.redirect(to: SiteURL.account.path(query: [("changed", "1")]), redirectType: .normal)
    }
}

enum AccountPages {
    static func summary(_ staff: StaffContext, passwordChanged: Bool) -> Page {
        let notice = passwordChanged
            ? Components.notificationBanner(heading: "Your password has been changed", body: "<p class=\"govuk-body\">Any other device signed in as you has been signed out.</p>", success: true)
            : .empty
        return Page(title: "Your account", notice: notice, content: """
        <h1 class="govuk-heading-l">Your account</h1>
        \(Components.summaryList([
            .init(key: "Name", value: "\(staff.user.name)"),
            .init(key: "Email address", value: "\(staff.user.email)"),
            .init(key: "Organisation", value: "\(staff.organisation.name)"),
            .init(key: "Role", value: "\(staff.role.label)"),
            .init(key: "Password", value: "Hidden", action: (SiteURL.changePassword.path, "Change")),
        ]))
        """)
    }

    static func changePassword(errors: FormErrors, token: String) -> Page {
        Page(title: "Change your password", errors: errors, backLink: SiteURL.account.path, content: """
        <h1 class="govuk-heading-l">Change your password</h1>
        \(Components.form(action: SiteURL.changePassword.path, token: token, """
        \(Components.textInput(name: "current", label: "Current password", value: nil, error: errors["current"], type: "password", autocomplete: "current-password"))
        \(Components.textInput(name: "password", label: "New password", value: nil, error: errors["password"], hint: "At least \(PasswordPolicy.minLength) characters. A few unrelated words make a strong password that is easy to remember.", type: "password", autocomplete: "new-password"))
        \(Components.textInput(name: "confirmation", label: "Confirm new password", value: nil, error: errors["confirmation"], type: "password", autocomplete: "new-password"))
        \(Components.button("Change password"))
        """))
        """)
    }
}
