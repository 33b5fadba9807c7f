import OnrampCore

extension AreaView {
    /// "census-ts007a, Census 2021": the file and edition a figure came from.
    func source(of key: String) -> String {
        guard let id = sources[key], let record = imports.first(where: { $0.id == id }) else { return "" }
        return "\(record.dataset), \(record.vintage)."
    }

    var page: Page {
        let name = area.name
        let headline: HTML
        if let score, let run {
            let partial: HTML = score.isPartial ? "<p class=\"govuk-body\"><strong>This figure is partial:</strong> \(run.note(for: score)).</p>" : .empty
            headline = """
            <p class="govuk-body-l">Risk \(RunView.format(score.index)) of 10, \(band ?? ""): \(AreaView.ordinal(score.rank)) of \(run.scores.count) in \(run.ladName), compared against \(run.base.label.lowercased()).</p>
            \(partial)
            """
        } else {
            headline = "<p class=\"govuk-body\">The risk index has not been computed for this area\u{2019}s local authority yet.</p>"
        }
        let driverList: HTML = drivers.isEmpty ? .empty : """
        <h2 class="govuk-heading-m">What drives the score</h2>
        <ul class="govuk-list govuk-list--bullet">\(drivers.map { "<li>\($0)</li>" as HTML })</ul>
        """
        let components: HTML = score.map { score in
            Components.table(caption: "Components", head: ["Component", "Score (0 to 10)"], rows: RiskIndex.Component.allCases.map { component in
                ["\(component.label)", "\(RunView.format(score.score(of: component)))"]
            }, numericColumns: [1])
        } ?? .empty
        let indicatorRows = catalogue.map { indicator -> [HTML] in
            let value = values[indicator.key]
            let scored = indicatorScores[indicator.key]?.last
            return [
                "\(indicator.label)",
                "\(value.map { AreaView.display($0, key: indicator.key) } ?? "No figure")",
                "\(scored.map { RunView.format($0) } ?? "–")",
                "\(indicatorRanks[indicator.key].map { "\($0) of \(run?.scores.count ?? 0)" } ?? "–")",
                "\(source(of: indicator.key))\(carried[indicator.key].map { " " + $0.description } ?? "")",
            ]
        }
        let other: LSOAGeography = geography == .lsoa21 ? .lsoa11 : .lsoa21
        let counterpartLinks = counterparts.map { code -> HTML in
            "<a class=\"govuk-link\" href=\"\(SiteURL.area(.value(code)).path(query: [("geography", other.rawValue)]))\">\(code)</a>"
        }
        let counterpartText: HTML = counterparts.isEmpty ? .empty : """
        <p class="govuk-body">In \(other.year) LSOAs: \(counterpartLinks.joined(separator: ", ")). Figures published on \(other.year) areas reach this \(geography.year) area through ONS\u{2019}s lookup: unchanged where the area is the same; the whole area\u{2019}s value where it is part of a larger one; a population-weighted mean where it covers several.</p>
        """
        let sources = imports.map { ["\($0.dataset)", "\($0.vintage)", "\($0.fileName)", "<span class=\"app-code\">\(String($0.sha256.prefix(16)))…</span>"] as [HTML] }
        return Page(title: "\(name) (\(area.code))", backLink: run.map { SiteURL.indexRun(.value($0.run.id!)).path } ?? SiteURL.places.path, content: """
        <span class="govuk-caption-l">\(ward.isEmpty ? "" : "\(ward) ward, ")\(run?.ladName ?? area.ladCode ?? "")</span>
        <h1 class="govuk-heading-l">\(name)</h1>
        <p class="govuk-body">\(geography.year) LSOA \(area.code).</p>
        \(headline)
        \(driverList)
        \(components)
        \(Components.table(caption: "Indicators", head: ["Indicator", "Value", "Score (0 to 10)", "Rank in the borough", "Source, and how it reached this \(geography.year) area"], rows: indicatorRows, numericColumns: [1, 2, 3]))
        \(counterpartText)
        \(Components.table(caption: "Files behind these figures", head: ["Dataset", "Edition", "File", "SHA-256"], rows: sources))
        """)
    }
}
