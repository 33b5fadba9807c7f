import Foundation
import OnrampCore

/// The public directory's pages: search with results, and a service with everything needed
/// to go there or call, and its print version.
enum DirectoryPages {
    struct SearchModel {
        let form: DirectorySearchForm
        let errors: FormErrors
        let categories: [DirectoryTerm]
        let languages: [(code: String, name: String)]
        let results: [DirectoryResult]?
        let paging: Paging?
        /// The words typed were more than a search uses.
        let wordsLeftOut: Bool
        let now: Date
        let calendar: Calendar
    }

    static func search(_ model: SearchModel) -> Page {
        let form = model.form
        var categoryChoices = [Components.Choice(value: "", label: "Any kind of help")]
        let parents = Set(model.categories.compactMap(\.parentID))
        for term in model.categories {
            categoryChoices.append(Components.Choice(value: term.code ?? "", label: parents.contains(term.id!) ? "\(term.name) (all)" : "\(term.name)"))
        }
        let languageChoices = [Components.Choice(value: "", label: "Any language")] + model.languages.map { Components.Choice(value: $0.code, label: $0.name) }
        let distanceChoices = DirectorySearchForm.distances.map { Components.Choice(value: $0, label: $0 == "1" ? "Within 1 mile" : "Within \($0) miles") }
        // After a search the filters fold away, and the introduction goes, so that on a phone the
        // results come first; the filters stay open before any search, and when one of them has
        // an error to put right.
        let open = model.results == nil || !model.errors.isEmpty
        let searchForm: HTML = """
        <details class="app-results-search"\(HTML.when(open, " open"))>
        <summary class="app-results-search__summary"><span class="app-results-search__summary-text">Change your search</span></summary>
        <form method="get" action="\(SiteURL.directory.path)" novalidate class="app-filter">
        \(Components.textInput(name: "q", label: "What are you looking for?", value: form.q, error: model.errors["q"], hint: "For example: wifi, computers, laptop, classes", spellcheck: true))
        \(Components.select(name: "category", label: "Kind of help", options: categoryChoices, selected: form.category, error: model.errors["category"]))
        \(Components.textInput(name: "postcode", label: "Your postcode (optional)", value: form.postcode, error: model.errors["postcode"], hint: "To find help near you, nearest first", autocomplete: "postal-code", width: "10"))
        \(Components.select(name: "distance", label: "How far you can travel", options: distanceChoices, selected: form.distance ?? "2", error: nil))
        \(Components.checkboxes(name: "open_now", legend: "When", options: [Components.Choice(value: "yes", label: "Open now")], selected: form.isOpenNow ? ["yes"] : [], error: nil))
        \(Components.checkboxes(name: "free", legend: "Cost", options: [Components.Choice(value: "yes", label: "Free only")], selected: form.isFreeOnly ? ["yes"] : [], error: nil))
        \(Components.select(name: "language", label: "Language", options: languageChoices, selected: form.language, error: nil))
        \(Components.button("Search"))
        </form>
        </details>
        """
        return Page(title: "Find help to get online", errors: model.errors, content: """
        <h1 class="govuk-heading-xl">Find help to get online</h1>
        \(HTML.when(model.results == nil, "<p class=\"govuk-body-l\">Free Wi-Fi, computers, classes, someone to help you, and devices and data if you cannot afford them.</p>"))
        <p class="govuk-body">Not sure what you need, or whether you can get a free device or data? <a class="govuk-link" href="\(SiteURL.help.path)">Check what help you can get</a>: a few questions, about 3 minutes.</p>
        <div class="govuk-grid-row">
        <div class="govuk-grid-column-one-third">\(searchForm)</div>
        <div class="govuk-grid-column-two-thirds">\(resultsSection(model))</div>
        </div>
        <p class="govuk-body">If you would rather talk to someone, visit your local library and ask for help getting online (each library\u{2019}s page gives its address and opening hours), or <a class="govuk-link" href="\(SiteURL.contact.path)">contact your council</a>.</p>
        """)
    }

    static func resultsSection(_ model: SearchModel) -> HTML {
        guard let results = model.results, let paging = model.paging else {
            return "<p class=\"govuk-body\">Search by what you need, your postcode, or both. Leave everything empty to see all the help there is.</p>"
        }
        let leftOut = HTML.when(model.wordsLeftOut, "<div class=\"govuk-inset-text\">Your search was long, so we looked for its first \(SearchText.maxTerms) words only.</div>")
        let asked = searchWords(model.form, categories: model.categories, languages: model.languages, openNow: "open now")
        guard !results.isEmpty else {
            return """
            \(leftOut)
            <h2 class="govuk-heading-m">No help found</h2>
            <p class="govuk-body-s">Your search: \(asked).</p>
            <p class="govuk-body">Try fewer or different words, a wider distance, or clear \u{201C}Open now\u{201D}.</p>
            <p class="govuk-body"><a class="govuk-link" href="\(SiteURL.directory.path)?all=yes">See all the help there is</a></p>
            """
        }
        let first = paging.offset + 1, last = paging.offset + results.count
        let items = results.map { result(_: $0, now: model.now, calendar: model.calendar) }
        return """
        \(leftOut)
        <h2 class="govuk-heading-m">\(paging.totalItems == 1 ? "1 result" : "\(paging.totalItems) results")</h2>
        <p class="govuk-body-s">Your search: \(asked).</p>
        <p class="govuk-body-s">Showing \(first) to \(last)\(model.form.postcode?.isEmpty == false ? ", nearest first" : "").</p>
        <ul class="govuk-list app-results">\(items)</ul>
        \(Components.pagination(paging) { SiteURL.directory.path(query: model.form.query(page: $0)) })
        <p class="govuk-body"><a class="govuk-link" href="\(SiteURL.directoryPrint.path(query: model.form.query()))">Printable list of \(paging.totalItems == 1 ? "this result" : "these results")</a></p>
        """
    }

    /// What was searched for, in words: "\u{201C}wifi\u{201D}, within 2 miles of SE1 7PB, free only".
    /// `openNow` says "open now" on the screen, and the moment itself on paper.
    static func searchWords(_ form: DirectorySearchForm, categories: [DirectoryTerm], languages: [(code: String, name: String)], openNow: String) -> String {
        var parts: [String] = []
        if let q = form.q?.trimmingCharacters(in: .whitespacesAndNewlines), !q.isEmpty { parts.append("\u{201C}\(q)\u{201D}") }
        if let code = form.category, !code.isEmpty, let term = categories.first(where: { $0.code == code }) { parts.append(term.name) }
        if let postcode = Postcode.normalise(form.postcode ?? "") {
            parts.append("within \(form.miles == 1 ? "1 mile" : "\(Int(form.miles)) miles") of \(postcode)")
        }
        if form.isOpenNow { parts.append(openNow) }
        if form.isFreeOnly { parts.append("free only") }
        if let code = form.language, !code.isEmpty { parts.append("in \(languages.first { $0.code == code.lowercased() }?.name ?? code)") }
        return parts.isEmpty ? "all the help there is" : parts.joined(separator: ", ")
    }

    static func result(_ result: DirectoryResult, now: Date, calendar: Calendar) -> HTML {
        let service = result.service
        let link: HTML
        var place: [String] = []
        if result.isAtPlace, let location = result.location, let id = UUID(uuidString: location.id) {
            // One place's result leads to the place: its name is part of the link, so each link says where.
            let at = location.name.map { " \u{2014} at \($0)" } ?? ""
            link = "<a class=\"govuk-link\" href=\"\(SiteURL.directoryPlace(.value(id)).path)\">\(service.name)<span class=\"app-results__at\">\(at)</span></a>"
        } else {
            link = "<a class=\"govuk-link\" href=\"\(SiteURL.directoryService(.value(UUID(uuidString: service.id)!)).path)\">\(service.name)</a>"
            if let location = result.location {
                place.append("At " + (location.name ?? "one place"))
            } else if result.placeCount > 1 {
                place.append("At \(result.placeCount) places")
            } else {
                place.append("By phone or online")
            }
        }
        if let metres = result.metres { place.append(Distance.words(metres: metres) + " away") }
        if let address = result.location?.visitingAddress?.writtenOnOneLine, !address.isEmpty { place.append(address) }
        var facts: [String] = []
        if result.placeCount <= 1, let status = WeeklyOpening(schedules: result.schedules).status(at: now, calendar: calendar) { facts.append(status) }
        facts.append(service.costWords)
        let phones = service.phoneNumbers.map(\.number)
        let closed: HTML = HTML.when(service.status == .temporarilyClosed, Components.tag("Temporarily closed", colour: .grey))
        return """
        <li class="app-result">
        <h3 class="govuk-heading-s">\(link) \(closed)</h3>
        <p class="govuk-body-s app-result__place">\(place.joined(separator: ", "))</p>
        <p class="govuk-body-s">\(facts.joined(separator: " \u{00B7} "))</p>
        \(HTML.when(!phones.isEmpty, "<p class=\"govuk-body-s\">Phone \(phones.joined(separator: " or "))</p>"))
        </li>
        """
    }

    /// An address as lines, one under another.
    static func addressLines(_ location: ORUK.Location) -> HTML {
        (location.visitingAddress?.writtenLines ?? []).map { "\($0)" as HTML }.joined(separator: "<br>")
    }

    /// A number to call: a link on a phone, its description after it.
    static func phoneLink(_ phone: ORUK.Phone, printable: Bool) -> HTML {
        let number: HTML = printable ? "\(phone.number)" : "<a class=\"govuk-link\" href=\"tel:\(phone.number.filter { $0.isNumber || $0 == "+" })\">\(phone.number)</a>"
        return "\(number)\(phone.description.map { " (\($0))" } ?? "")"
    }

    static func service(_ service: ORUK.Service, terms: [String], now: Date, calendar: Calendar, printable: Bool) -> Page {
        let places = (service.service_at_locations ?? []).compactMap { link -> HTML? in
            guard let location = link.location else { return nil }
            let hours = WeeklyOpening(schedules: link.schedules ?? service.schedules ?? [])
            // A printed page is read days later: the week's hours, never "open now".
            let status: HTML = printable ? .empty : hours.status(at: now, calendar: calendar).map { "<p class=\"govuk-body\"><strong>\($0)</strong></p>" as HTML } ?? .empty
            let name: HTML = printable || UUID(uuidString: location.id) == nil ? "\(location.name ?? "")"
                : "<a class=\"govuk-link\" href=\"\(SiteURL.directoryPlace(.value(UUID(uuidString: location.id)!)).path)\">\(location.name ?? "This place")</a>"
            return """
            <div class="app-place">
            <h3 class="govuk-heading-s">\(name)</h3>
            <p class="govuk-body">\(addressLines(location))</p>
            \(status)
            \(weekLines(hours))
            </div>
            """
        }
        let phones = service.phoneNumbers.map { phone -> HTML in "<li>\(phoneLink(phone, printable: false))</li>" }
        var contact: [HTML] = phones
        if let email = service.email { contact.append("<li><a class=\"govuk-link\" href=\"mailto:\(email)\">\(email)</a></li>") }
        if let url = service.url ?? service.organization?.website { contact.append("<li><a class=\"govuk-link\" href=\"\(url)\">\(url)</a></li>") }
        let languages = (service.languages ?? []).compactMap(\.name).joined(separator: ", ")
        let area = (service.service_areas ?? []).compactMap(\.name).joined(separator: ", ")
        let id = UUID(uuidString: service.id)!
        let actions: HTML = printable
            ? "<p class=\"govuk-body\">Print this page with your browser\u{2019}s Print command. <a class=\"govuk-link\" href=\"\(SiteURL.directoryService(.value(id)).path)\">Back to the full page</a></p>"
            : "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"\(SiteURL.directoryServicePrint(.value(id)).path)\">Printable version</a></p>"
        let closed: HTML = service.status == .temporarilyClosed
            ? Components.notificationBanner(heading: "This service is temporarily closed", body: "<p class=\"govuk-body\">\(service.alert ?? "Check with them before you go.")</p>")
            : .empty
        return Page(title: service.name + (printable ? " (printable)" : ""), backLink: printable ? nil : SiteURL.directory.path, notice: closed, content: """
        <span class="govuk-caption-l">\(service.organization?.name ?? "")</span>
        <h1 class="govuk-heading-l">\(service.name)</h1>
        <p class="govuk-body-l">\(service.description ?? "")</p>
        \(Components.summaryList([
            .init(key: "Cost", value: "\(service.costWords)"),
            .init(key: "Kind of help", value: "\(terms.joined(separator: ", "))"),
            .init(key: "Languages", value: "\(languages.isEmpty ? "English" : languages)"),
            .init(key: "For people in", value: "\(area.isEmpty ? "Anyone" : area)"),
            .init(key: "Last checked", value: "\(service.assured_date ?? "Not yet checked")"),
        ]))
        <h2 class="govuk-heading-m">Where to go</h2>
        \(places.isEmpty ? "<p class=\"govuk-body\">This help is by phone or online.</p>" as HTML : places.joined())
        <h2 class="govuk-heading-m">Contact</h2>
        \(contact.isEmpty ? "<p class=\"govuk-body\">Ask at one of the places above.</p>" as HTML : "<ul class=\"govuk-list app-place__contact\">\(contact)</ul>")
        \(actions)
        """)
    }

    /// A week of hours, a line a day, or what to do when none are known.
    static func weekLines(_ hours: WeeklyOpening) -> HTML {
        hours.sessions.isEmpty ? "<p class=\"govuk-body\">Ask for opening times.</p>"
            : "<ul class=\"govuk-list\">\(hours.lines.map { "<li>\($0)</li>" as HTML })</ul>"
    }
}
