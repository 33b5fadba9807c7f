import Foundation
import OnrampCore

enum PublicMapPages {
    static func runLabel(_ run: IndexRun, ladNames: [String: String]) -> String {
        let geography = LSOAGeography(rawValue: run.geography)?.label ?? run.geography
        return "\(ladNames[run.ladCode] ?? run.ladCode), \(geography), computed \(WorkingDays.today(run.createdAt).spoken) by \(run.createdBy)"
    }

    static func edit(form: PublicMapController.Form, runs: [IndexRun], ladNames: [String: String], current: PublishedMap?, done: String, errors: FormErrors, token: String) -> Page {
        let notice: HTML = switch done {
        case "published": Components.notificationBanner(heading: "The map is published", success: true)
        case "unpublished": Components.notificationBanner(heading: "The map is no longer public", success: true)
        default: .empty
        }
        let currently: HTML = current.map { published in
            let run = runs.first { $0.id == published.runID }
            return """
            <h2 class="govuk-heading-m">Published now</h2>
            <p class="govuk-body">\(run.map { runLabel($0, ladNames: ladNames) } ?? "A risk index"), published on \(WorkingDays.today(published.publishedAt).spoken) by \(published.publishedBy). <a class="govuk-link" href="\(SiteURL.publicMap(.value(published.councilID)).path)">See the public page</a>.</p>
            \(Components.form(action: SiteURL.unpublishMap.path, token: token, "\(Components.button("Take the map down", style: .warning))"))
            """
        } ?? "<p class=\"govuk-body\">Nothing is published: the risk index is seen only by staff.</p>"
        let choices = runs.map { Components.Choice(value: $0.id!.uuidString, label: runLabel($0, ladNames: ladNames)) }
        return Page(title: "Publish the risk map", errors: errors, notice: notice, content: """
        <h1 class="govuk-heading-l">Publish the risk map</h1>
        <p class="govuk-body">Show the public one risk index: its map with every layer, the key, the table of areas and the downloads, with a narrative you write beside it. Only what you publish is public; publishing again replaces it, and taking it down makes it private again.</p>
        \(currently)
        <h2 class="govuk-heading-m">\(current == nil ? "Publish" : "Publish again")</h2>
        \(runs.isEmpty ? "<p class=\"govuk-body\">Compute a risk index in <a class=\"govuk-link\" href=\"\(SiteURL.places.path)\">Places</a> first.</p>" as HTML : Components.form(action: SiteURL.publishMap.path, token: token, """
        \(Components.radios(name: "run", legend: "Risk index to publish", options: choices, selected: form.run.uppercased(), error: errors["run"], hint: "The newest first."))
        \(Components.textarea(name: "narrative", label: "Narrative", value: form.narrative, error: errors["narrative"], hint: "What the map shows and what the council is doing about it. Use headings (<h2>, <h3>), paragraphs (<p>) and links (<a href=\"https://…\">); everything else is removed. Up to \(Narrative.maxLength.formatted(.number.locale(Locale(identifier: "en_GB")))) characters.", rows: 14))
        \(Components.button("Publish"))
        """))
        """)
    }

    static func list(_ councils: [Organisation]) -> Page {
        Page(title: "Maps of digital exclusion risk", content: """
        <h1 class="govuk-heading-l">Maps of digital exclusion risk</h1>
        <p class="govuk-body">Where people are most likely to be left offline, as councils using Onramp have published it.</p>
        \(councils.isEmpty ? "<p class=\"govuk-body\">No council has published a map yet.</p>" as HTML
          : "<ul class=\"govuk-list\">\(councils.map { "<li><a class=\"govuk-link\" href=\"\(SiteURL.publicMap(.value($0.id!)).path)\">\($0.name)</a></li>" as HTML })</ul>")
        """)
    }

    static func show(_ published: PublishedMap, view: RunView, council: Organisation, map: RunMap?) -> Page {
        let breaks = Quantiles.breaks(view.scores.compactMap(\.index))
        let rows = view.sorted(by: .rank).map { score -> [HTML] in
            ["\(score.rank)", "<span id=\"area-\(score.areaCode)\">\(view.names[score.areaCode] ?? score.areaCode)</span>", "\(view.wards[score.areaCode] ?? "")",
             "\(RunView.format(score.index))", "\(score.index.map { Quantiles.bandName(of: $0, breaks: breaks) } ?? "no figure")"]
        }
        let here = SiteURL.publicMap(.value(council.id!))
        let layer = map?.layer ?? .index
        return Page(title: "Digital exclusion risk in \(view.ladName)", content: """
        <span class="govuk-caption-l">\(council.name)</span>
        <h1 class="govuk-heading-l">Digital exclusion risk in \(view.ladName)</h1>
        <p class="govuk-body">Published on \(WorkingDays.today(published.publishedAt).spoken). Each small area (\(view.run.geography == "lsoa11" ? "2011" : "2021") LSOA) has a score from 0 to 10 from official statistics on age, disability, broadband and deprivation: the higher the score, the more likely people there are to be left offline. It is a guide to where help is needed, not a measure of any one person.</p>
        <div class="app-narrative">\(HTML(unescaped: Narrative.clean(published.narrative)))</div>
        \(map?.html(view: view, action: here.path) ?? "<p class=\"govuk-body\">No boundaries are imported for these areas, so there is no map: the table has every figure.</p>")
        <p class="govuk-body"><a class="govuk-link" href="\(SiteURL.publicMapCSV(.value(council.id!)).path)">Download the table as CSV</a> · <a class="govuk-link" href="\(SiteURL.publicMapGeoJSON(.value(council.id!)).path(query: [("layer", layer.key)]))">Download this layer as GeoJSON</a></p>
        \(Components.table(caption: "Every area, highest risk first", head: ["Rank", "Area", "Ward", "Risk (0 to 10)", "Band"], rows: rows, numericColumns: [0, 3]))
        <p class="govuk-body-s">\(RunView.attribution.joined(separator: ". ")).</p>
        """)
    }
}
