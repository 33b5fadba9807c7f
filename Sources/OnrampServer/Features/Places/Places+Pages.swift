import Foundation
import OnrampCore

enum PlacesPages {
    static func overview(
        authorities: [PlaceArea], catalogue: [RiskIndex.Indicator], runs: [IndexRun], names: [String: String], form: IndexRunForm, errors: FormErrors,
        canCompute: Bool, canPublish: Bool, token: String
    ) -> Page {
        let runRows = runs.map { run -> [HTML] in
            [
                "<a class=\"govuk-link\" href=\"\(SiteURL.indexRun(.value(run.id!)).path)\">\(names[run.ladCode] ?? run.ladCode)</a>",
                "\(IndexBase(rawValue: run.base)?.label ?? run.base)",
                "\(run.lsoaGeography.year)",
                "\(Components.date(run.createdAt))",
                "\(run.createdBy)",
                "\(run.areaCount)",
            ]
        }
        let history: HTML = runs.isEmpty
            ? "<p class=\"govuk-body\">No one in your council has computed the index yet.</p>"
            : Components.table(caption: "Computations so far", head: ["Local authority", "Compared against", "LSOAs", "When", "By", "Areas"], rows: runRows, numericColumns: [5])
        let empty: HTML = authorities.isEmpty
            ? "<div class=\"govuk-inset-text\">No areas are loaded yet. An administrator loads them from the official files with <code class=\"app-code\">onramp import</code>.</div>"
            : .empty
        return Page(title: "Places", errors: errors, content: """
        <h1 class="govuk-heading-l">Where digital exclusion is likely</h1>
        <p class="govuk-body">The Digital Exclusion Risk Index follows Greater Manchester\u{2019}s method: age, disability, broadband and deprivation, each scaled from 0 to 10 and combined. Every figure links back to the official file it came from.</p>
        \(empty)
        <p class="govuk-body"><a class="govuk-link" href="\(SiteURL.londonMap.path)">Map of all London boroughs computed against London</a>\(HTML.when(canPublish, " · <a class=\"govuk-link\" href=\"\(SiteURL.publishMap.path)\">Publish the risk map to the public</a>"))</p>
        \(HTML.when(canCompute && !authorities.isEmpty, runForm(authorities: authorities, catalogue: catalogue, form: form, errors: errors, token: token)))
        \(history)
        """)
    }

    static func runForm(authorities: [PlaceArea], catalogue: [RiskIndex.Indicator], form: IndexRunForm, errors: FormErrors, token: String) -> HTML {
        let choices = [Components.Choice(value: "", label: "Select a local authority")] + authorities.map { Components.Choice(value: $0.code, label: "\($0.name) (\($0.code))") }
        let bases = IndexBase.allCases.map { Components.Choice(value: $0.rawValue, label: $0.label) }
        let geographies = LSOAGeography.allCases.map { Components.Choice(value: $0.rawValue, label: $0.label) }
        let indicatorInputs = catalogue.map { indicator -> HTML in
            let field = "weight-\(indicator.key)"
            return Components.textInput(
                name: field, label: "\(indicator.label) (\(indicator.component.label.lowercased())\(RiskIndex.indicator(indicator.key) == nil ? ", added by your council" : ""))",
                value: form.weightText(field, default: IndexRunForm.defaultWeight(indicator)), error: errors[field], width: "2"
            )
        }
        let componentInputs = RiskIndex.Component.allCases.map { component -> HTML in
            let field = "component-\(component.rawValue)"
            return Components.textInput(name: field, label: component.label, value: form.weightText(field, default: 1), error: errors[field], width: "2")
        }
        return """
        <h2 class="govuk-heading-m">Compute the index</h2>
        \(Components.form(action: SiteURL.indexRuns.path, token: token, """
        \(Components.select(name: "lad", label: "Local authority", options: choices, selected: form.lad, error: errors["lad"]))
        \(Components.radios(name: "geography", legend: "Small areas", options: geographies, selected: form.geography, error: errors["geography"], hint: "Figures published on the other kind of area are carried across through the ONS lookup, weighted by population where areas were split or merged."))
        \(Components.radios(name: "base", legend: "Scale each indicator against", options: bases, selected: form.base, error: errors["base"], hint: "Against the local authority, the highest-risk area in it scores 10. Against London or England, scores can be compared with other places."))
        <fieldset class="govuk-fieldset"><legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Weights of the indicators, from 0 (left out) to 10</legend>\(indicatorInputs)</fieldset>
        <fieldset class="govuk-fieldset"><legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Weights of the components, from 0 to 10</legend>\(componentInputs)</fieldset>
        \(Components.button("Compute the index"))
        """))
        """
    }

    static func run(_ view: RunView, sort: RunView.SortKey, others: [IndexRun], map: RunMap?) -> Page {
        let run = view.run
        let headings: [(RunView.SortKey?, String)] = [(.code, "Area"), (.ward, "Ward"), (.rank, "Risk index"), (.demography, "Demography"), (.connectivity, "Connectivity"), (.deprivation, "Deprivation"), (nil, "Note")]
        let head = headings.map(\.1)
        let rows = view.sorted(by: sort).map { score -> [HTML] in
            [
                "<a class=\"govuk-link\" href=\"\(SiteURL.area(.value(score.areaCode)).path(query: [("run", run.id!.uuidString)]))\">\(view.names[score.areaCode] ?? score.areaCode)</a> <span class=\"govuk-body-s\">\(score.areaCode)</span>",
                "\(view.wards[score.areaCode] ?? "")",
                "\(RunView.format(score.index)) <span class=\"govuk-body-s\">(\(score.rank))</span>",
                "\(RunView.format(score.demography))", "\(RunView.format(score.connectivity))", "\(RunView.format(score.deprivation))",
                "\(view.note(for: score))",
            ]
        }
        let sortLinks = headings.compactMap { key, label -> HTML? in
            guard let key else { return nil }
            // Sorting keeps the map's layer and ward.
            let query = [("sort", key.rawValue), ("layer", map?.layer.key ?? ""), ("ward", map?.ward ?? "")]
            return key == sort ? "<strong>\(label)</strong>" : "<a class=\"govuk-link\" href=\"\(SiteURL.indexRun(.value(run.id!)).path(query: query))\">\(label)</a>"
        }
        let weights = view.settings.indicators.compactMap(view.settings.indicator).map { indicator -> [HTML] in
            ["\(indicator.label)", "\(indicator.component.label)", "\(view.settings.indicatorWeights[indicator.key] ?? 1)"]
        }
        let sources = view.imports.map { ["\($0.dataset)", "\($0.vintage)", "\($0.fileName)", "<span class=\"app-code\">\(String($0.sha256.prefix(16)))…</span>", "\(Components.date($0.importedAt))"] as [HTML] }
        let compare: HTML = others.isEmpty ? .empty : """
        <form method="get" action="\(SiteURL.compareRuns.path)" class="app-filter">
        <input type="hidden" name="a" value="\(run.id!.uuidString)">
        \(Components.select(name: "b", label: "Compare with another computation", options: others.map { Components.Choice(value: $0.id!.uuidString, label: "\(Components.date($0.createdAt)) by \($0.createdBy), against \((IndexBase(rawValue: $0.base) ?? .localAuthority).label.lowercased())") }, selected: nil, error: nil))
        \(Components.button("Compare", style: .secondary))
        </form>
        """
        let partial: HTML = run.partialCount == 0 ? .empty : Components.notificationBanner(
            heading: "\(run.partialCount) of \(run.areaCount) figures are partial",
            body: "<p class=\"govuk-body\">Where an area has no figure at all for a component (broadband coverage is published for London only, for example), its index is made from the other components. The note beside each such area says what is missing.</p>"
        )
        return Page(title: "Risk index for \(view.ladName)", backLink: SiteURL.places.path, notice: partial, content: """
        <span class="govuk-caption-l">Digital Exclusion Risk Index</span>
        <h1 class="govuk-heading-l">\(view.ladName)</h1>
        \(Components.summaryList([
            .init(key: "Compared against", value: "\(view.base.label)"),
            .init(key: "Computed", value: "\(Components.date(run.createdAt)) by \(run.createdBy)"),
            .init(key: "Areas", value: "\(run.areaCount) LSOAs (\(run.lsoaGeography.year))"),
            .init(key: "Download", value: "<a class=\"govuk-link\" href=\"\(SiteURL.indexRunCSV(.value(run.id!)).path)\">CSV of this table</a>"),
        ]))
        \(map?.html(view: view, sort: sort.rawValue) ?? "<p class=\"govuk-body\">No boundaries are loaded for this local authority, so there is no map. Import them with <code class=\"app-code\">onramp import boundaries-\(run.geography)</code>.</p>")
        <p class="govuk-body">Sort by: \(sortLinks.joined(separator: " · "))</p>
        \(Components.table(caption: "Areas, highest risk first (rank in brackets)", head: head, rows: rows, numericColumns: [2, 3, 4, 5]))
        \(compare)
        \(Components.table(caption: "Weights used", head: ["Indicator", "Component", "Weight"], rows: weights, numericColumns: [2]))
        \(Components.table(caption: "Files behind these figures", head: ["Dataset", "Edition", "File", "SHA-256", "Imported"], rows: sources))
        """)
    }

    static func london(merged: RunView?, boroughs: [String], map: RunMap?) -> Page {
        let body: HTML
        if let merged, let map {
            body = """
            <p class="govuk-body">The latest computation against London for each of \(boroughs.count) borough\(boroughs.count == 1 ? "" : "s"): \(boroughs.joined(separator: ", ")).</p>
            \(map.html(view: merged, action: SiteURL.londonMap.path))
            """
        } else {
            body = "<p class=\"govuk-body\">No borough has been computed against London yet, or no boundaries are loaded. Compute the index with \u{201C}All of London\u{201D} as the base for each borough you want on this map.</p>"
        }
        return Page(title: "London", backLink: SiteURL.places.path, content: """
        <span class="govuk-caption-l">Digital Exclusion Risk Index</span>
        <h1 class="govuk-heading-l">London</h1>
        \(body)
        """)
    }

    static func compare(_ a: RunView, _ b: RunView) -> Page {
        let other = Dictionary(uniqueKeysWithValues: b.scores.map { ($0.areaCode, $0) })
        let rows = a.scores.map { score -> [HTML] in
            let second = other[score.areaCode]
            let change = score.index.flatMap { first in second?.index.map { String(format: "%+.1f", $0 - first) } } ?? "–"
            return [
                "\(a.names[score.areaCode] ?? score.areaCode)", "\(RunView.format(score.index)) (\(score.rank))",
                "\(RunView.format(second?.index)) (\(second.map { String($0.rank) } ?? "–"))", "\(change)",
            ]
        }
        return Page(title: "Compare two computations", backLink: SiteURL.indexRun(.value(a.run.id!)).path, content: """
        <h1 class="govuk-heading-l">Compare two computations for \(a.ladName)</h1>
        \(Components.summaryList([
            .init(key: "First", value: "\(Components.date(a.run.createdAt)), against \(a.base.label.lowercased())"),
            .init(key: "Second", value: "\(Components.date(b.run.createdAt)), against \(b.base.label.lowercased())"),
        ]))
        \(Components.table(caption: "Risk index (rank) in each", head: ["Area", "First", "Second", "Change"], rows: rows, numericColumns: [1, 2, 3]))
        """)
    }
}
