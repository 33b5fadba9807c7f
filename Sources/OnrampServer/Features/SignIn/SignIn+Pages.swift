import OnrampCore

struct SignInPage {
    var email = ""
    var next = ""
    var errors = FormErrors()
    var notice: HTML = .empty

    func page(token: String) -> Page {
        Page(title: "Sign in", errors: errors, notice: notice, content: """
        <h1 class="govuk-heading-l">Sign in to Onramp</h1>
        \(Components.form(action: SiteURL.signIn.path, token: token, """
        <input type="hidden" name="next" value="\(next)">
        \(Components.textInput(name: "email", label: "Email address", value: email, error: errors["email"], type: "email", autocomplete: "username", spellcheck: false))
        \(Components.textInput(name: "password", label: "Password", value: nil, error: errors["password"], type: "password", autocomplete: "current-password"))
        \(Components.button("Sign in"))
        """))
        <p class="govuk-body">If you have forgotten your password, ask an administrator in your organisation to invite you again.</p>
        """)
    }

    static func expiredNotice() -> HTML {
        Components.notificationBanner(heading: "Your session has expired", body: "<p class=\"govuk-body\">Sign in again to carry on. Nothing you had saved has been lost.</p>")
    }
}
