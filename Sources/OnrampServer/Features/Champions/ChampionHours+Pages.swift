import Foundation
import OnrampCore

/// Hours given by champions: by quarter of the financial year (with how many champions gave
/// time in each), and, for a quarter or all time, by organisation and by champion.
enum ChampionHoursPages {
    static func report(
        _ report: ChampionHoursReport, period: FinancialQuarter?, champions: [Champion], organisations: [Organisation], today: CalendarDay, staff: StaffContext
    ) -> Page {
        let quarters = Set(report.byQuarter.map(\.quarter) + [FinancialQuarter(containing: today)]).sorted(by: >)
        let choose = [Components.Choice(value: "", label: "All time")] + quarters.map { Components.Choice(value: $0.key, label: $0.label) }
        let byQuarter = report.byQuarter.map { quarter, line -> [HTML] in ["\(quarter.label)", "\(ChampionHours.words(line.hours))", "\(line.champions)"] }
        let byOrganisation = report.byOrganisation.map { organisation, line in
            (organisations.first { $0.id == (organisation ?? staff.councilID) }?.name ?? "", line)
        }.sorted { $0.1.hours > $1.1.hours }.map { name, line -> [HTML] in ["\(name)", "\(ChampionHours.words(line.hours))", "\(line.champions)"] }
        let names = Dictionary(uniqueKeysWithValues: champions.map { ($0.id!, $0) })
        let byChampion = report.byChampion.compactMap { id, hours in names[id].map { ($0, hours) } }.sorted { ($1.1, $0.0.name) < ($0.1, $1.0.name) }.map { champion, hours -> [HTML] in
            [staff.may(.manageChampions) ? ChampionPages.link(champion) : "\(champion.name)", "\(ChampionPages.organisationName(champion, organisations))", "\(ChampionHours.words(hours))"]
        }
        let within = period?.label ?? "all time"
        return Page(title: "Hours given by champions", backLink: staff.may(.manageChampions) ? SiteURL.champions.path : nil, content: """
        <h1 class="govuk-heading-l">Hours given by champions</h1>
        <form method="get" action="\(SiteURL.championsHours.path)" class="app-filter">
        \(Components.select(name: "period", label: "Period", options: choose, selected: period?.key ?? "", error: nil, hint: "Quarters of the financial year, April to March."))
        \(Components.button("Show", style: .secondary))
        </form>
        <p class="govuk-body">\(ChampionHours.words(report.total.hours)) from \(report.total.champions) champion\(report.total.champions == 1 ? "" : "s"), \(within).</p>
        \(byQuarter.isEmpty ? "<p class=\"govuk-body\">No hours recorded yet.</p>" as HTML
            : Components.table(caption: "By quarter", head: ["Quarter", "Hours", "Champions who gave time"], rows: byQuarter, numericColumns: [1, 2]))
        \(byOrganisation.isEmpty ? .empty : Components.table(caption: "By organisation, \(within)", head: ["Organisation", "Hours", "Champions"], rows: byOrganisation, numericColumns: [1, 2]))
        \(byChampion.isEmpty ? .empty : Components.table(caption: "By champion, \(within)", head: ["Champion", "Volunteers with", "Hours"], rows: byChampion, numericColumns: [2]))
        """)
    }
}
