import Fluent
import OnrampCore
import Vapor

/// Signing in and out. Every outcome is audited; the same message answers an unknown email
/// and a wrong password, so the form cannot be used to find out who has an account.
struct SignInController: RouteCollection {
    var throttle = SignInThrottle.standard

    func boot(routes: any RoutesBuilder) throws {
        routes.get(.signIn, use: show)
        routes.post(.signIn, use: signIn)
        routes.post(.signOut, use: signOut)
    }

    func show(req: Request) async throws -> Response {
        let next = (try? req.query.get(String.self, at: "next")) ?? ""
        let expired = (try? req.query.get(String.self, at: "expired")) == "1" || req.sessionExpired
        let page = SignInPage(next: next, notice: expired ? SignInPage.expiredNotice() : .empty)
        return req.render(page.page(token: req.csrfToken ?? ""))
    }

    static let wrongDetails = "Enter a correct email address and password"

    func signIn(req: Request) async throws -> Response {
        let form = try req.content.decode(SignInForm.self)
        let (email, validationErrors) = form.validate()
        var errors = validationErrors
        var page = SignInPage(email: form.email ?? "", next: form.next ?? "")
        guard errors.isEmpty else {
            page.errors = errors
            return req.render(form: page.page(token: req.csrfToken ?? ""))
        }

        // The try is written down as a failure before it is judged, so simultaneous guesses count
        // against each other; it becomes a success only if it is one, and a refused try is no try.
        let now = Date()
        let attempt = SignInAttempt(email: email, succeeded: false, at: now, ipAddress: req.clientAddress)
        try await attempt.create(on: req.db)
        let failures = try await SignInAttempt.recentFailures(email: email, throttle: throttle, now: now, excluding: attempt.id, on: req.db)
        if case .refused(let until) = throttle.decision(failures: failures, now: now) {
            try await attempt.delete(on: req.db)
            let minutes = max(1, Int((until.timeIntervalSince(now) / 60).rounded(.up)))
            req.logger.notice("sign-in refused: too many failures", metadata: ["email": .string(email)])
            errors.add("email", "You have entered the wrong details too many times. Wait \(minutes) minute\(minutes == 1 ? "" : "s") and try again, or ask an administrator for help.")
            page.errors = errors
            return req.render(page.page(token: req.csrfToken ?? ""), status: .tooManyRequests)
        }

        let user = try await User.find(email: email, on: req.db)
        let hash = try user?.passwordHash ?? req.application.onramp.decoyPasswordHash()
        // bcrypt reads 72 bytes, and no password longer than that was ever accepted.
        let password = form.password ?? ""
        let fits = password.utf8.count <= PasswordPolicy.maxBytes
        let passwordMatches = try await req.password.async.verify(fits ? password : "", created: hash) && fits && user?.passwordHash != nil
        guard let user, user.isActive, passwordMatches else {
            try await Audit.record(
                .signInFailed, by: .visitor(user.map(AuditActor.label(for:)) ?? email, councilID: user?.councilID, request: req),
                recordType: "user", recordID: user?.id, summary: user?.isActive == false ? "Account is deactivated" : "Wrong email address or password",
                on: req.db, now: now
            )
            req.logger.notice("sign-in failed", metadata: ["email": .string(email)])
            errors.add("email", Self.wrongDetails)
            page.errors = errors
            return req.render(form: page.page(token: req.csrfToken ?? ""))
        }

        let token = try await req.db.transaction { tx in
            attempt.succeeded = true
            try await attempt.update(on: tx)
            try await SignInAttempt.prune(throttle: throttle, now: now, on: tx)
            try await StaffSessions.prune(now: now, on: tx)
            try await Audit.record(
                .signIn, by: .user(user, request: req),
                recordType: "user", recordID: user.id, summary: "Signed in", on: tx, now: now
            )
            return try await StaffSessions.start(for: user, on: tx, now: now, settings: req.application.onramp.settings)
        }
        return StaffSessions.redirect(req, to: form.safeNext, session: token)
    }

    func signOut(req: Request) async throws -> Response {
        if let staff = req.staff {
            try await req.db.transaction { tx in
                try await StaffSessions.end(sessionID: staff.sessionID, on: tx)
                try await Audit.record(.signOut, by: try req.auditActor(), recordType: "user", recordID: staff.userID, summary: "Signed out", on: tx, now: Date())
            }
        }
        return StaffSessions.redirect(req, to: SiteURL.signIn.path, session: nil)
    }
}
