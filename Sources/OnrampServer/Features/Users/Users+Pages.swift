import OnrampCore

enum UsersPages {
    static func list(users: [User], paging: Paging, search: String) -> Page {
        let rows = users.map { user -> [HTML] in
            [
                "<a class=\"govuk-link\" href=\"\(SiteURL.user(.value(user.id!)).path)\">\(user.name)</a>",
                "\(user.email)",
                "\(user.organisation.name)",
                "\(user.role.label)",
                standingTag(user),
            ]
        }
        let table = users.isEmpty
            ? "<p class=\"govuk-body\">No users match \u{201C}\(search)\u{201D}.</p>" as HTML
            : Components.table(caption: "\(paging.totalItems) user\(paging.totalItems == 1 ? "" : "s")", head: ["Name", "Email address", "Organisation", "Role", "Status"], rows: rows)
        return Page(title: "Users", content: """
        <h1 class="govuk-heading-l">Users</h1>
        <a class="govuk-button" href="\(SiteURL.inviteUser.path)">Invite a user</a>
        <form method="get" action="\(SiteURL.users.path)" class="app-filter">
        \(Components.textInput(name: "search", label: "Search by name or email address", value: search, error: nil, width: "20"))
        \(Components.button("Search", style: .secondary))
        </form>
        \(table)
        \(Components.pagination(paging) { SiteURL.users.path(query: [("search", search), ("page", String($0))]) })
        """)
    }

    static func standingTag(_ user: User) -> HTML {
        switch user.standing {
        case .active: Components.tag("Active", colour: .green)
        case .invited: Components.tag("Invited", colour: .blue)
        case .deactivated: Components.tag("Deactivated", colour: .grey)
        }
    }

    static func invite(form: InviteForm, errors: FormErrors, organisations: [Organisation], token: String) -> Page {
        let organisationChoices = [Components.Choice(value: "", label: "Select an organisation")]
            + organisations.map { Components.Choice(value: $0.id!.uuidString, label: $0.name) }
        let roleChoices = Role.allCases.map { Components.Choice(value: $0.rawValue, label: $0.label, hint: $0.summary) }
        return Page(title: "Invite a user", errors: errors, backLink: SiteURL.users.path, content: """
        <h1 class="govuk-heading-l">Invite a user</h1>
        <p class="govuk-body">They will get an email with a link to choose their password. You will also see the link, to pass on another way if you need to.</p>
        \(Components.form(action: SiteURL.inviteUser.path, token: token, """
        \(Components.textInput(name: "name", label: "Full name", value: form.name, error: errors["name"], autocomplete: "off", spellcheck: false))
        \(Components.textInput(name: "email", label: "Email address", value: form.email, error: errors["email"], type: "email", autocomplete: "off", spellcheck: false))
        \(Components.select(name: "organisation", label: "Organisation", options: organisationChoices, selected: form.organisation, error: errors["organisation"]))
        \(Components.radios(name: "role", legend: "What will they do in Onramp?", options: roleChoices, selected: form.role, error: errors["role"]))
        \(Components.button("Send invitation"))
        """))
        """)
    }

    static func invited(user: User, link: String) -> Page {
        Page(title: "Invitation sent", notice: Components.notificationBanner(
            heading: "\(user.name) has been invited",
            body: "<p class=\"govuk-body\">We have queued an email to \(user.email). You can also give them this link, which works once:</p><p class=\"govuk-body app-code\">\(link)</p>",
            success: true
        ), content: """
        <h1 class="govuk-heading-l">Invitation sent</h1>
        <p class="govuk-body"><a class="govuk-link" href="\(SiteURL.user(.value(user.id!)).path)">View \(user.name)</a></p>
        <p class="govuk-body"><a class="govuk-link" href="\(SiteURL.inviteUser.path)">Invite someone else</a></p>
        """)
    }

    /// A new link for another administrator: it went to them alone.
    static func resetSent(user: User) -> Page {
        Page(title: "Link sent", notice: Components.notificationBanner(
            heading: "We have sent \(user.name) a link to choose a new password",
            body: "<p class=\"govuk-body\">It goes to \(user.email) only, works once, and runs out in 7 days. Only they can use it: an administrator\u{2019}s account is theirs.</p><p class=\"govuk-body\">If they cannot get email, ask another administrator to send a new link too: one whose account you did not set up, nor they yours. The second request is their approval, and shows them the link to give to \(user.name).</p>",
            success: true
        ), content: """
        <h1 class="govuk-heading-l">Link sent</h1>
        <p class="govuk-body"><a class="govuk-link" href="\(SiteURL.user(.value(user.id!)).path)">Back to \(user.name)</a></p>
        """)
    }

    static func detail(user: User, viewer: StaffContext, reason: String = "", errors: FormErrors = FormErrors(), token: String, notice: HTML = .empty) -> Page {
        let id = user.id!
        let isSelf = id == viewer.userID
        let actions: HTML
        if isSelf {
            actions = "<p class=\"govuk-body\">You cannot deactivate your own account.</p>"
        } else if user.isActive {
            actions = """
            <h2 class="govuk-heading-m">Deactivate this account</h2>
            \(Components.form(action: SiteURL.deactivateUser(.value(id)).path, token: token, """
            \(Components.textarea(name: "reason", label: "Why are you deactivating this account?", value: reason, error: errors["reason"], hint: "For example, they have left the organisation. This is kept in the audit log.", rows: 3))
            \(Components.button("Deactivate account", style: .warning))
            """))
            """
        } else {
            actions = Components.form(action: SiteURL.reactivateUser(.value(id)).path, token: token, Components.button("Reactivate account", style: .secondary))
        }
        let reinvite: HTML = user.isActive
            ? Components.form(action: SiteURL.reinviteUser(.value(id)).path, token: token, """
              <p class="govuk-body">If they have lost their invitation or forgotten their password, send a new link to choose one.</p>
              \(Components.button("Send a new invitation", style: .secondary))
              """)
            : .empty
        return Page(title: user.name, errors: errors, backLink: SiteURL.users.path, notice: notice, content: """
        <h1 class="govuk-heading-l">\(user.name)</h1>
        \(Components.summaryList([
            .init(key: "Email address", value: "\(user.email)"),
            .init(key: "Organisation", value: "\(user.organisation.name)"),
            .init(key: "Role", value: "\(user.role.label)"),
            .init(key: "Status", value: standingTag(user)),
            .init(key: "Added", value: "\(Components.date(user.createdAt))"),
        ]))
        \(reinvite)
        \(actions)
        """)
    }
}
