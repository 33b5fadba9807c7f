import Fluent
import Foundation
import OnrampCore

/// The quarterly report: one page that prints on A4, each section starting a new sheet: the
/// quarter's figures, eight quarters of trends, what works, reach against risk, equality and the
/// coverage gap, for a council's cabinet or board.
struct QuarterlyReport: Sendable {
    let council: String
    let quarter: FinancialQuarter
    let figures: ProgrammeFigures
    let whatWorks: WhatWorksController.Report
    let reach: AreaReach
    let equality: Equality
    let coverage: Coverage

    static func load(_ scope: Scope, quarter: FinancialQuarter, workingDays: WorkingDays, on database: any Database) async throws -> QuarterlyReport {
        QuarterlyReport(
            council: try await ProgrammeAreas.councilName(scope, on: database),
            quarter: quarter,
            figures: try await ProgrammeFigures.load(scope, today: quarter.lastDay, on: database),
            whatWorks: try await WhatWorksController.report(scope, period: quarter, segment: .everyone, workingDays: workingDays, on: database),
            reach: try await AreaReach.load(scope, period: quarter, on: database),
            equality: try await Equality.load(scope, period: quarter, on: database),
            coverage: try await Coverage.load(scope, on: database)
        )
    }

    /// `narrative`: what the council's officers wrote beside their published map, if they have published one.
    func page(narrative: String?, workedOut: HTML, today: CalendarDay) -> Page {
        let choices = FinancialQuarter.recent(8, to: today).map { Components.Choice(value: $0.key, label: $0.label) }
        let offers = whatWorks.offers.map { offer, _, total -> [HTML] in
            let figures = WhatWorksPages.fields(total)
            return ["\(offer.name)", "\(figures[0])", "\(figures[1])", "\(figures[3])", "\(total.responseRate.map { "\(Int(($0.share * 100).rounded()))%" } ?? "fewer than 5 people")",
                    "\(total.online.map(\.words) ?? "fewer than 5 people")", "\(figures[9])"]
        }
        let (bands, bandTotal) = reach.lines(by: .riskBand)
        let bandRows = bands.map { ["\($0.label)", "\($0.residents.words)", "\(CoveragePages.people($0.population))", "\(AreaReach.number($0.perThousand))"] as [HTML] }
            + [["All areas", "\(bandTotal.words)", "", ""]]
        let least = ReachPages.leastReached(reach, count: 5).map { ReachPages.fields($0).map { "\($0)" } as [HTML] }
        let (comparisons, _) = InsightPages.equalityTables(equality)
        let coverageResult = coverage.result
        return Page(title: "Quarterly report: \(quarter.label)", content: """
        <div class="app-report">
        <form method="get" action="\(SiteURL.quarterlyReport.path)" class="app-filter">
        \(Components.select(name: "period", label: "Quarter", options: choices, selected: quarter.key, error: nil, hint: "The report prints on A4, each section on a new page: use your browser\u{2019}s Print."))
        \(Components.button("Show", style: .secondary))
        </form>
        <section class="app-report__section" aria-labelledby="report-figures">
        <span class="govuk-caption-l">\(council)</span>
        <h1 class="govuk-heading-l">Digital inclusion programme: \(quarter.label)</h1>
        <p class="govuk-body">From Onramp\u{2019}s own records, with Census 2021 populations and the council\u{2019}s risk index. \(RunView.attribution.joined(separator: ". ")). Counts from 1 to 4 in tables by group or area show as \u{201C}fewer than 5\u{201D}, and some others are not shown so that totals cannot give them away.</p>
        \(narrative.map { "<div class=\"app-narrative\">\(HTML(unescaped: Narrative.clean($0)))</div>" as HTML } ?? .empty)
        <h2 class="govuk-heading-m" id="report-figures">The quarter in figures</h2>
        \(DashboardPages.figuresList(figures[quarter]))
        \(workedOut)
        </section>
        <section class="app-report__section" aria-label="Trends">
        \(DashboardPages.trendSection(figures))
        </section>
        <section class="app-report__section" aria-labelledby="report-what-works">
        <h2 class="govuk-heading-m" id="report-what-works">What works</h2>
        <p class="govuk-body">Referrals made in the quarter, by kind of help: how many were helped, how fast (median working days), how many answered their follow-up and were online then, and the everyday tasks gained since the triage (median).</p>
        \(offers.isEmpty ? "<p class=\"govuk-body\">The council has no offers yet.</p>" as HTML
          : Components.table(caption: "What works, \(quarter.label)", head: ["Help", "Referred", "Helped", "Working days to help", "Answered follow-up", "Online at follow-up (95% interval)", "Tasks gained"], rows: offers, numericColumns: [1, 2, 3]))
        </section>
        <section class="app-report__section" aria-labelledby="report-reach">
        <h2 class="govuk-heading-m" id="report-reach">Reach against risk</h2>
        <p class="govuk-body">Residents who asked for help in the quarter, per 1,000 people, by the risk band of the small area they live in. \(reach.unplaced) gave no postcode in a mapped area.</p>
        \(reach.areas.isEmpty ? "<p class=\"govuk-body\">No risk index is computed for the council\u{2019}s areas yet.</p>" as HTML
          : Components.table(caption: "Residents by risk band", head: ["Risk band", "Residents", "Population", "Per 1,000 people"], rows: bandRows, numericColumns: [1, 2, 3])
            + (least.isEmpty ? .empty : Components.table(caption: "High-risk areas reached least", head: ReachPages.head, rows: least, numericColumns: [2, 4, 5, 6])))
        </section>
        <section class="app-report__section" aria-labelledby="report-equality">
        <h2 class="govuk-heading-m" id="report-equality">Equality</h2>
        <p class="govuk-body">\(InsightPages.equalityIntroduction) \(equality.people) people asked for help in the quarter.</p>
        \(comparisons)
        </section>
        <section class="app-report__section" aria-labelledby="report-coverage">
        <h2 class="govuk-heading-m" id="report-coverage">Coverage gap</h2>
        \(coverage.highRisk.isEmpty ? "<p class=\"govuk-body\">No risk index is computed for the council\u{2019}s areas yet.</p>" as HTML : """
        <p class="govuk-body">Of the \(CoveragePages.people(coverageResult.population)) people in the council\u{2019}s highest-risk fifth of areas, \(CoveragePages.people(coverageResult.covered)) (\(InsightPages.percent(coverageResult.share))) live within 800 metres of free Wi-Fi, public computers or skills help in the directory (as it is now). \(coverageResult.ranking.first.map { $0.added > 0 ? "New help at \($0.place.name) would bring \(CoveragePages.people($0.added)) more within a walk." : "" } ?? "")</p>
        """)
        </section>
        </div>
        """)
    }
}
