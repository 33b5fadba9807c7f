import Foundation
import OnrampCore

/// Reach against risk, and equality: where the programme has reached and whom.
enum InsightPages {
    static func periodForm(_ url: SiteURL, period: FinancialQuarter?, today: CalendarDay) -> HTML {
        let choices = [Components.Choice(value: "", label: "All time")] + FinancialQuarter.recent(8, to: today).map { .init(value: $0.key, label: $0.label) }
        return """
        <form method="get" action="\(url.path)" class="app-filter">
        \(Components.select(name: "period", label: "Asked for help in", options: choices, selected: period?.key ?? "", error: nil, hint: "Quarters of the financial year, April to March."))
        \(Components.button("Show", style: .secondary))
        </form>
        """
    }

    static func percent(_ share: Double?) -> String { share.map { String(format: "%.1f%%", $0 * 100) } ?? "not shown" }

    static func equality(_ equality: Equality, period: FinancialQuarter?, council: String, workedOut: HTML, today: CalendarDay) -> Page {
        let (comparisons, recorded) = equalityTables(equality)
        return Page(title: "Equality", content: """
        <h1 class="govuk-heading-l">Equality</h1>
        <p class="govuk-body">\(equalityIntroduction)</p>
        \(periodForm(.equality, period: period, today: today))
        \(workedOut)
        <p class="govuk-body">\(council), \(period?.label ?? "all time"): \(equality.people) people. Counts from 1 to 4 show as \u{201C}fewer than 5\u{201D}, and some others are not shown so that totals cannot give them away.</p>
        \(HTML.when(!equality.hasCensus, "<p class=\"govuk-body\">The census is not imported for the council\u{2019}s areas, or no risk index is computed yet, so there is nothing to compare with: see <a class=\"govuk-link\" href=\"\(SiteURL.places.path)\">Places</a>.</p>"))
        \(comparisons)
        <h2 class="govuk-heading-m">Ethnic group and sex</h2>
        <p class="govuk-body">From the optional equality questions, for those who chose to answer. Onramp has no census table for these to compare with.</p>
        \(recorded)
        """)
    }

    static let equalityIntroduction = "Whether the people who asked for help look like the borough. A representation ratio of 1 means a group asked for help in proportion to its share of the population; below 1, fewer than its size suggests. Age and disability are as people told the triage; the borough is Census 2021 (tables TS007A and TS038) for the council\u{2019}s areas."

    /// The census comparisons, then the counts of what people chose to say.
    static func equalityTables(_ equality: Equality) -> (comparisons: HTML, recorded: HTML) {
        let comparisons = equality.comparisons.map { comparison -> HTML in
            let rows = zip(comparison.groups, comparison.lines).map { group, line -> [HTML] in
                ["\(group)", "\(line.helped.words)", "\(percent(line.helpedShare))", "\(percent(line.populationShare))", "\(line.ratio.map { String(format: "%.2f", $0) } ?? "not shown")"]
            } + [["All", "\(comparison.total.words)", "", "", ""]]
            return Components.table(caption: comparison.title, head: ["Group", "People", "Share of people helped", "Share of the borough (Census 2021)", "Representation ratio"],
                                    rows: rows, numericColumns: [1, 2, 3, 4])
                + HTML.when(comparison.unknown > 0, "<p class=\"govuk-body\">\(comparison.unknown) did not say, and are left out of the shares.</p>")
        }
        let recorded = equality.recorded.map { table -> HTML in
            Components.table(caption: table.title, head: ["Group", "People"], rows: zip(table.groups, table.cells).map { ["\($0)", "\($1.words)"] } + [["Answered", "\(table.total.words)"]],
                             numericColumns: [1])
        }
        return (comparisons.joined(), recorded.joined())
    }
}
