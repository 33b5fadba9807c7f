import Foundation
import OnrampCore

/// A place's page (where it is, how to call, when it opens, the help there) and the printable
/// pages a resident takes away: one place, or a search's results. Paper is read days later, so
/// printable pages write the week's hours out and never say "open now" or "tomorrow".
extension DirectoryPages {
    /// `council`: how to reach the council, for a place that publishes no phone number (the
    /// open data for libraries gives none).
    static func place(_ place: DirectoryPlace, council: CouncilContact?, now: Date, calendar: Calendar, printable: Bool) -> Page {
        let location = place.location
        let name = location.name.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 } ?? "A place to get help"
        let hours = place.hours
        var rows: [Components.SummaryRow] = []
        let address = addressLines(location)
        if !address.rendered.isEmpty { rows.append(.init(key: "Address", value: address)) }
        let phones = place.phones
        if !phones.isEmpty {
            let everyService = place.offers.count
            let items = phones.map { phone -> HTML in
                // A number for only some of the help here says which.
                let which: HTML = phone.services.count == everyService ? .empty
                    : "<br><span class=\"govuk-body-s app-muted\">For \(phone.services.joined(separator: ", "))</span>"
                return "<li>\(phoneLink(phone.phone, printable: printable))\(which)</li>"
            }
            rows.append(.init(key: phones.count == 1 ? "Phone" : "Phones", value: "<ul class=\"govuk-list app-place__phones\">\(items)</ul>"))
        } else if let council {
            rows.append(.init(key: "Phone", value: "No number of its own: phone \(council.councilName) on \(PhoneNumber.display(council.phone)) (\(council.openingHours))"))
        }
        let access = (location.accessibility ?? []).compactMap { item -> HTML? in
            let words = [item.description, item.details].compactMap { $0?.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
            return words.isEmpty ? nil : "<li>\(words.joined(separator: ": "))</li>"
        }
        if !access.isEmpty { rows.append(.init(key: "Accessibility", value: "<ul class=\"govuk-list\">\(access)</ul>")) }

        let status: HTML = printable ? .empty : hours.status(at: now, calendar: calendar).map { "<p class=\"govuk-body\"><strong>\($0)</strong></p>" as HTML } ?? .empty
        let offers = place.offers.map { offer(_: $0, placeHours: hours, printable: printable) }
        let actions: HTML = printable
            ? "<p class=\"govuk-body app-place__screen-only\">Print this page with your browser\u{2019}s Print command. <a class=\"govuk-link\" href=\"\(SiteURL.directoryPlace(.value(place.id)).path)\">Back to the full page</a></p>"
            : "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"\(SiteURL.directoryPlacePrint(.value(place.id)).path)\">Printable version</a></p>"
        return Page(title: name + (printable ? " (printable)" : ""), backLink: printable ? nil : SiteURL.directory.path, content: """
        <span class="govuk-caption-l">Help to get online</span>
        <h1 class="govuk-heading-l">\(name)</h1>
        \(HTML.when(!(location.description ?? "").isEmpty, "<p class=\"govuk-body-l\">\(location.description ?? "")</p>"))
        \(rows.isEmpty ? .empty : Components.summaryList(rows))
        <h2 class="govuk-heading-m">Opening hours</h2>
        \(status)
        \(weekLines(hours))
        <h2 class="govuk-heading-m">Help you can get here</h2>
        <ul class="govuk-list app-place__offers">\(offers)</ul>
        \(HTML.when(printable, "<p class=\"govuk-body-s\">From Onramp on \(Self.day.string(from: now)). Check with the place before you make a special journey.</p>"))
        \(actions)
        """)
    }

    /// One service at the place: what it is, its cost and its times here.
    static func offer(_ offer: DirectoryPlace.Offer, placeHours: WeeklyOpening, printable: Bool) -> HTML {
        let service = offer.service
        let name: HTML = printable ? "\(service.name)"
            : "<a class=\"govuk-link\" href=\"\(SiteURL.directoryService(.value(UUID(uuidString: service.id)!)).path)\">\(service.name)</a>"
        let closed: HTML = HTML.when(service.status == .temporarilyClosed, Components.tag("Temporarily closed", colour: .grey))
        let when: String = offer.hours.sessions.isEmpty ? "Ask for times"
            : offer.hours == placeHours ? "During all the opening hours above"
            : offer.hours.summaryLines.joined(separator: "; ")
        return """
        <li class="app-place__offer">
        <h3 class="govuk-heading-s">\(name) \(closed)</h3>
        \(HTML.when(!(service.description ?? "").isEmpty, "<p class=\"govuk-body-s\">\(service.description ?? "")</p>"))
        <p class="govuk-body-s">\(service.costWords) \u{00B7} \(when)</p>
        </li>
        """
    }

    struct PrintableResultsModel {
        let form: DirectorySearchForm
        let categories: [DirectoryTerm]
        let languages: [(code: String, name: String)]
        let results: [DirectoryResult]
        let total: Int
        let now: Date
        let calendar: Calendar
    }

    /// A search's results on one page (up to the cap), nearest first near a postcode, each with
    /// its place's address, phone and week of hours.
    static func printableResults(_ model: PrintableResultsModel) -> Page {
        let asked = searchWords(model.form, categories: model.categories, languages: model.languages, openNow: "open at \(Self.moment.string(from: model.now))")
        let near = Postcode.normalise(model.form.postcode ?? "")
        let heading = near.map { "Help to get online near \($0)" } ?? "Help to get online"
        let count = model.total == 1 ? "1 result" : "\(model.total) results"
        let shown = model.results.count < model.total ? "The first \(model.results.count) of \(count)\(near == nil ? "" : ", nearest first"). Narrow your search to print the rest."
            : "\(count)\(near == nil ? "" : ", nearest first")."
        let items = model.results.map(printedResult)
        let back = SiteURL.directory.path(query: model.form.query())
        return Page(title: "Find help to get online (printable)", content: """
        <h1 class="govuk-heading-l">\(heading)</h1>
        <p class="govuk-body">Your search: \(asked).</p>
        <p class="govuk-body">\(shown)</p>
        <ol class="govuk-list app-results-printed">\(items)</ol>
        <p class="govuk-body-s">From Onramp on \(Self.day.string(from: model.now)). Check with the place before you make a special journey.</p>
        <p class="govuk-body app-place__screen-only">Print this page with your browser\u{2019}s Print command. <a class="govuk-link" href="\(back)">Back to the results</a></p>
        """)
    }

    static func printedResult(_ result: DirectoryResult) -> HTML {
        let service = result.service
        var lines: [HTML] = []
        let heading: String
        if result.isAtPlace, let location = result.location {
            heading = service.name + (location.name.map { " \u{2014} at \($0)" } ?? "")
            lines.append(printedPlace(location, hours: WeeklyOpening(schedules: result.schedules), metres: result.metres, named: false))
        } else {
            heading = service.name
            let places = (service.service_at_locations ?? []).compactMap { link in
                link.location.map { printedPlace($0, hours: WeeklyOpening(schedules: link.schedules ?? service.schedules ?? []), metres: nil, named: true) }
            }
            lines += places.isEmpty ? ["<p class=\"govuk-body-s\">By phone or online.</p>"] : places
        }
        let phones = service.phoneNumbers
        return """
        <li class="app-results-printed__item">
        <h2 class="govuk-heading-s">\(heading)\(service.status == .temporarilyClosed ? " (temporarily closed)" : "")</h2>
        <p class="govuk-body-s">\(service.costWords)\(phones.isEmpty ? "" : " \u{00B7} Phone ")\(phones.map { phoneLink($0, printable: true) }.joined(separator: " or "))</p>
        \(lines)
        </li>
        """
    }

    /// A place on paper: its name when the service is at several, address, distance and week.
    static func printedPlace(_ location: ORUK.Location, hours: WeeklyOpening, metres: Double?, named: Bool) -> HTML {
        let address = location.visitingAddress?.writtenOnOneLine ?? ""
        let distance = metres.map { Distance.words(metres: $0) + " away" }
        let words = [named ? location.name : nil, address.isEmpty ? nil : address, distance].compactMap { $0 }.joined(separator: ", ")
        let week: HTML = hours.weekInOneLine.map { "<p class=\"govuk-body-s app-results-printed__week\">\(Self.capitalised($0)).</p>" }
            ?? "<p class=\"govuk-body-s\">Ask for opening times.</p>"
        return """
        <div class="app-results-printed__place">
        <p class="govuk-body-s"><strong>\(words)</strong></p>
        \(week)
        </div>
        """
    }

    static func capitalised(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }

    /// "4 March 2026", in London.
    static let day: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = TimeZone(identifier: "Europe/London")
        formatter.dateFormat = "d MMMM yyyy"
        return formatter
    }()

    /// "3:05pm on Wednesday 4 March 2026", in London.
    static let moment: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = TimeZone(identifier: "Europe/London")
        formatter.dateFormat = "h:mma 'on' EEEE d MMMM yyyy"
        formatter.amSymbol = "am"
        formatter.pmSymbol = "pm"
        return formatter
    }()
}
