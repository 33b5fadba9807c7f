import Foundation
import OnrampCore

/// The follow-up's pages: the questions from a link, the thanks, a link that no longer works,
/// and staff's calls list and call form.
enum FollowUpPages {
    static func questions(_ form: FollowUpForm, errors: FormErrors, action: String, token: String, about: String) -> Page {
        Page(title: "Did our help work for you?", errors: errors, content: """
        <h1 class="govuk-heading-l">Did our help work for you?</h1>
        <p class="govuk-body">\(about) Your answers help us see what works and help other people better. It takes about 3 minutes.</p>
        \(Components.form(action: action, token: token, form.fields(errors: errors) + Components.button("Send answers")))
        """)
    }

    static func thanks(already: Bool) -> Page {
        Page(title: "Thank you", content: """
        <div class="govuk-panel govuk-panel--confirmation"><h1 class="govuk-panel__title">Thank you</h1></div>
        <p class="govuk-body">\(already ? "We already have your answers." : "We have your answers.") If you need more help, reply to our message or phone the council.</p>
        """)
    }

    /// `contact`: the council's, when the link was a real one that has run out.
    static func linkNotWorking(contact: CouncilContact?) -> Page {
        let phone = contact.map { "phone \($0.councilName) on \(PhoneNumber.display($0.phone)) (\($0.openingHours))" } ?? "phone the council"
        return Page(title: "This link does not work any more", content: """
        <h1 class="govuk-heading-l">This link does not work any more</h1>
        <p class="govuk-body">Links to our questions work for 30 days. If you would still like to tell us how things are, or you need more help, \(phone).</p>
        """)
    }

    enum Saved: String {
        case answered
        case noAnswer = "no-answer"

        var heading: String {
            switch self {
            case .answered: "Answers saved"
            case .noAnswer: "Recorded as no answer"
            }
        }
    }

    static func calls(_ rows: [FollowUpCalls.Row], paging: Paging, saved: Saved?) -> Page {
        let table = rows.map { row -> [HTML] in
            let when = row.resident.contactWhen.isEmpty ? "Any time" : ReferralPages.words("contact-when", row.resident.contactWhen)
            return ["<a class=\"govuk-link\" href=\"\(SiteURL.followUpCall(.value(row.followUp.id!)).path)\">\(row.resident.name)</a>",
                    "\(row.resident.phone.map(PhoneNumber.display) ?? "No phone number")", "\(when)", "\(row.offer), \(row.partner)",
                    "\(CalendarDay.spoken(row.followUp.askedOn))"]
        }
        return Page(title: "Follow-up calls", notice: saved.map { Components.notificationBanner(heading: $0.heading, success: true) } ?? .empty, content: """
        <h1 class="govuk-heading-l">Follow-up calls</h1>
        <p class="govuk-body">Residents who chose letters or phone calls, to ask whether the help worked. Read the questions out and record what they say, or record that you could not reach them.</p>
        \(rows.isEmpty ? "<p class=\"govuk-body\">No calls to make.</p>" as HTML
            : Components.table(caption: "\(paging.totalItems) to phone", head: ["Resident", "Phone", "Best time to phone", "Help given", "Due since"], rows: table))
        \(Components.pagination(paging) { SiteURL.followUpCalls.path(query: [("page", String($0))]) })
        """)
    }

    static func call(_ row: FollowUpCalls.Row, form: FollowUpForm, errors: FormErrors, token: String) -> Page {
        let resident = row.resident
        let open = row.followUp.status == .toCall
        return Page(title: "Follow-up call: \(resident.name)", errors: errors, backLink: SiteURL.followUpCalls.path, content: """
        <span class="govuk-caption-l">Follow-up call, reference \(row.helpCase.referenceNumber.description)</span>
        <h1 class="govuk-heading-l">\(resident.name)</h1>
        \(Components.summaryList([
            .init(key: "Phone", value: "\(resident.phone.map(PhoneNumber.display) ?? "No phone number")"),
            .init(key: "Best time to phone", value: "\(resident.contactWhen.isEmpty ? "Any time" : ReferralPages.words("contact-when", resident.contactWhen))"),
            .init(key: "Help given", value: "\(row.offer), by \(row.partner)"),
            .init(key: "Status", value: "\(row.followUp.status.label)"),
        ]))
        \(open ? """
        <p class="govuk-body">Say who you are, that \(row.partner) helped them with \(row.offer.prefix(1).lowercased() + row.offer.dropFirst()), and ask if they have 3 minutes to say whether it worked. Then read out each question.</p>
        \(Components.form(action: SiteURL.followUpCall(.value(row.followUp.id!)).path, token: token, form.fields(errors: errors) + Components.button("Save answers")))
        <h2 class="govuk-heading-m">Could not reach them</h2>
        <p class="govuk-body">After trying at the best time, record it: the follow-up counts as not answered.</p>
        \(Components.form(action: SiteURL.followUpNoAnswer(.value(row.followUp.id!)).path, token: token, Components.button("Could not reach them", style: .secondary)))
        """ as HTML : "<p class=\"govuk-body\">This follow-up is no longer waiting for a call.</p>")
        """)
    }
}
