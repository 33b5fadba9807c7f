import Foundation
import OnrampCore

/// The champions' queue and the checks lapsing soon.
enum ChampionPages {
    static func statusTag(_ status: ChampionStatus) -> HTML {
        let colour: Components.TagColour = switch status {
        case .applied: .blue
        case .checking: .yellow
        case .active: .green
        case .paused: .red
        case .left: .grey
        }
        return Components.tag(status.label, colour: colour)
    }

    static func standingTag(_ standing: ChampionCheckStanding) -> HTML {
        switch standing.state {
        case .done: Components.tag("Done", colour: .green)
        case .lapsingSoon: Components.tag("Lapses soon", colour: .yellow)
        case .lapsed: Components.tag("Lapsed", colour: .red)
        case .notDone: Components.tag("Not done", colour: .grey)
        }
    }

    /// "Canada Water Library", or the council's name for its own volunteers.
    static func organisationName(_ champion: Champion, _ organisations: [Organisation]) -> String {
        organisations.first { $0.id == (champion.organisationID ?? champion.councilID) }?.name ?? ""
    }

    static func link(_ champion: Champion) -> HTML {
        "<a class=\"govuk-link\" href=\"\(SiteURL.champion(.value(champion.id!)).path)\">\(champion.name)</a>"
    }

    /// The other champions' pages, for the top of each.
    static func menu(_ staff: StaffContext) -> HTML {
        let links: [(String, String)] = [(SiteURL.champions.path, "All champions"), (SiteURL.championsLapsing.path, "Checks lapsing within 30 days"),
                                         (SiteURL.championRequirements.path, "Checks champions need")]
            + (staff.may(.viewChampionHours) ? [(SiteURL.championsHours.path, "Hours given")] : [])
        return "<ul class=\"govuk-list\">\(links.map { "<li><a class=\"govuk-link\" href=\"\($0.0)\">\($0.1)</a></li>" as HTML })</ul>"
    }

    static func list(
        _ champions: [Champion], checks: [UUID: ChampionCheckAssessment], organisations: [Organisation], status: ChampionStatus?, counts: [ChampionStatus: Int], paging: Paging, staff: StaffContext
    ) -> Page {
        let filters = ([(nil, "All", counts.values.reduce(0, +))] + ChampionStatus.allCases.map { ($0, $0.label, counts[$0] ?? 0) }).map { (value: ChampionStatus?, label: String, count: Int) -> HTML in
            let current = value == status
            return "<li><a class=\"govuk-link\" href=\"\(SiteURL.champions.path(query: [("status", value?.rawValue ?? "")]))\"\(HTML.when(current, " aria-current=\"page\""))>\(current ? "<strong>\(label) (\(count))</strong>" as HTML : "\(label) (\(count))")</a></li>"
        }
        let rows = champions.map { champion -> [HTML] in
            let standing = checks[champion.id!]
            let warning: HTML = switch (standing?.lapsed.isEmpty, standing?.lapsingSoon.isEmpty) {
            case (false, _): Components.tag("Lapsed", colour: .red)
            case (_, false): Components.tag("Lapses soon", colour: .yellow)
            default: standing?.allDone == true ? "All done" : "\(standing?.problems.count ?? 0) to do"
            }
            return [link(champion), "\(organisationName(champion, organisations))", statusTag(champion.status), "\(WorkingDays.today(champion.statusSince).spoken)", warning]
        }
        let empty: HTML = status.map { "<p class=\"govuk-body\">No champions are \($0.label.lowercased()).</p>" }
            ?? "<p class=\"govuk-body\">No champions yet. People offer to volunteer on the <a class=\"govuk-link\" href=\"\(SiteURL.championApply.path)\">Become a digital champion</a> page.</p>"
        return Page(title: "Champions", content: """
        <h1 class="govuk-heading-l">Digital champions</h1>
        \(menu(staff))
        <nav aria-label="Filter by status"><ul class="govuk-list">\(filters)</ul></nav>
        \(rows.isEmpty ? empty : Components.table(caption: "\(status?.label ?? "All champions") (\(paging.totalItems))", head: ["Name", "Volunteers with", "Status", "Since", "Checks"], rows: rows))
        \(Components.pagination(paging) { SiteURL.champions.path(query: [("status", status?.rawValue ?? ""), ("page", String($0))]) })
        <p class="govuk-body">Anyone can offer to volunteer on the <a class="govuk-link" href="\(SiteURL.championApply.path)">Become a digital champion</a> page.</p>
        """)
    }

    static func lapsing(_ champions: [Champion], checks: [UUID: ChampionCheckAssessment]) -> Page {
        func rows(_ pick: (ChampionCheckAssessment) -> [ChampionCheckStanding]) -> [[HTML]] {
            champions.flatMap { champion in
                pick(checks[champion.id!]!).map { standing -> (CalendarDay?, [HTML]) in
                    let day: CalendarDay? = switch standing.state { case .lapsingSoon(let on), .lapsed(let on): on; default: nil }
                    return (day, [link(champion), "\(standing.requirement.name)", "\(standing.words)", statusTag(champion.status)])
                }
            }.sorted { ($0.0?.iso ?? "", "\($0.1[0])") < ($1.0?.iso ?? "", "\($1.1[0])") }.map(\.1)
        }
        let soon = rows(\.lapsingSoon), lapsed = rows(\.lapsed)
        return Page(title: "Checks lapsing within 30 days", backLink: SiteURL.champions.path, content: """
        <h1 class="govuk-heading-l">Checks lapsing within \(ChampionCheckAssessment.warningDays) days</h1>
        <p class="govuk-body">Renew these before they lapse: a champion whose required check lapses is paused, and cannot help residents or be put on a session until it is renewed.</p>
        \(soon.isEmpty ? "<p class=\"govuk-body\">No checks lapse in the next \(ChampionCheckAssessment.warningDays) days.</p>" as HTML
            : Components.table(caption: "Lapsing soon", head: ["Champion", "Check", "When", "Status"], rows: soon))
        \(lapsed.isEmpty ? .empty : Components.table(caption: "Already lapsed", head: ["Champion", "Check", "When", "Status"], rows: lapsed))
        """)
    }
}
