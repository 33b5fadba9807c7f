import Fluent
import SQLKit
import OnrampCore
import Vapor

/// An invited person opens their one-time link and chooses a password; then they are signed in.
struct InvitationsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.invitation(.key), use: show)
        routes.post(.invitation(.key), use: accept)
    }

    func show(req: Request) async throws -> Response {
        guard let (_, user) = try await Self.usable(req) else { return req.render(Self.unusablePage, status: .gone) }
        return req.render(Self.page(user: user, path: req.url.path, errors: FormErrors(), token: req.csrfToken ?? ""))
    }

    struct ChoosePasswordForm: Content {
        var password: String?
        var confirmation: String?
    }

    func accept(req: Request) async throws -> Response {
        guard let (invitation, user) = try await Self.usable(req) else { return req.render(Self.unusablePage, status: .gone) }
        let form = try req.content.decode(ChoosePasswordForm.self)
        var errors = FormErrors()
        PasswordPolicy.validate(password: form.password ?? "", confirmation: form.confirmation ?? "", email: user.email, into: &errors)
        guard errors.isEmpty else {
            return req.render(form: Self.page(user: user, path: req.url.path, errors: errors, token: req.csrfToken ?? ""))
        }
        let hash = try await req.password.async.hash(form.password ?? "")
        let now = Date()
        let actor = AuditActor.user(user, request: req)
        let token = try await req.db.transaction { tx -> String? in
            // Claimed only if still unused: of two requests racing with one link, one wins.
            let claimed = try await (tx as! any SQLDatabase).update(Invitation.schema)
                .set("used_at", to: SQLBind(now))
                .where("id", .equal, SQLBind(invitation.id!))
                .where("used_at", .is, SQLLiteral.null)
                .returning("id")
                .all()
            guard claimed.count == 1 else { return nil }
            user.passwordHash = hash
            try await user.update(on: tx)
            try await StaffSessions.endAll(userID: user.id!, on: tx)
            try await Audit.record(.invitationAccepted, by: actor, recordType: "user", recordID: user.id, summary: "Chose a password from an invitation", on: tx, now: now)
            return try await StaffSessions.start(for: user, on: tx, now: now, settings: req.application.onramp.settings)
        }
        guard let token else { return req.render(Self.unusablePage, status: .gone) }
        return StaffSessions.redirect(req, to: SiteURL.home.path, session: token)
    }

    /// The invitation named in the link, if it is unused, in date, and for an active account.
    static func usable(_ req: Request) async throws -> (Invitation, User)? {
        guard let token = req.parameters.get(SiteURL.tokenKey), token.count <= 64,
              let invitation = try await Invitation.query(on: req.db)
                .filter(\.$tokenHash == SecretToken.hash(token)).with(\.$user).first(),
              invitation.usedAt == nil, invitation.expiresAt > Date(), invitation.user.isActive
        else { return nil }
        return (invitation, invitation.user)
    }

    static let unusablePage = Page(title: "This link cannot be used", content: """
    <h1 class="govuk-heading-l">This link cannot be used</h1>
    <p class="govuk-body">Invitation links work once and only for a few days. This one has been used already, has run out, or was copied wrongly.</p>
    <p class="govuk-body">Ask the administrator who invited you to send a new invitation.</p>
    """)

    static func page(user: User, path: String, errors: FormErrors, token: String) -> Page {
        Page(title: "Choose your password", errors: errors, content: """
        <h1 class="govuk-heading-l">Choose your password</h1>
        <p class="govuk-body">You are setting up Onramp for \(user.email).</p>
        \(Components.form(action: path, token: token, """
        \(Components.textInput(name: "password", label: "Password", value: nil, error: errors["password"], hint: "At least \(PasswordPolicy.minLength) characters. A few unrelated words make a strong password that is easy to remember.", type: "password", autocomplete: "new-password"))
        \(Components.textInput(name: "confirmation", label: "Confirm password", value: nil, error: errors["confirmation"], type: "password", autocomplete: "new-password"))
        \(Components.button("Save password and sign in"))
        """))
        """)
    }
}
