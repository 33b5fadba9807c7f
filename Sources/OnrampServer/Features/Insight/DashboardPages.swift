import Foundation
import OnrampCore

/// The staff home page for those who look after the programme: today's work first, then the
/// programme's figures for a quarter, the last eight quarters as charts with their tables, and
/// where the residents helped live.
enum DashboardPages {
    struct Model {
        let staff: StaffContext
        let work: TodaysWork
        let figures: ProgrammeFigures
        let quarter: FinancialQuarter
        let reach: AreaReach
        let grouping: AreaReach.Grouping
        /// When the figures (not today's work, which is counted afresh) were worked out.
        let workedOut: HTML
    }

    static func page(_ model: Model) -> Page {
        let staff = model.staff
        let work: HTML = model.work.lines.isEmpty ? .empty : """
        <h2 class="govuk-heading-m">Today</h2>
        <ul class="govuk-list app-work-list">\(model.work.lines.map { line -> HTML in
            "<li><a class=\"govuk-link\" href=\"\(line.url.path)\"><strong>\(line.count)</strong> \(line.words)</a></li>"
        })</ul>
        """
        let links = StaffDestination.allowed(for: staff).map { "<li><a class=\"govuk-link\" href=\"\($0.url.path)\">\($0.label)</a></li>" as HTML }
        return Page(title: "Dashboard", content: """
        <span class="govuk-caption-l">\(staff.organisation.name)</span>
        <h1 class="govuk-heading-xl">Hello, \(staff.user.name)</h1>
        \(work)
        \(quarterSection(model))
        \(trendSection(model.figures))
        \(areaSection(model))
        <h2 class="govuk-heading-m">Everything you can do</h2>
        <ul class="govuk-list">\(links)</ul>
        """)
    }

    static func quarterSection(_ model: Model) -> HTML {
        let choices = model.figures.quarters.map { Components.Choice(value: $0.key, label: $0.label) }
        return """
        <h2 class="govuk-heading-m">The programme in \(model.quarter.label)</h2>
        <form method="get" action="\(SiteURL.home.path)" class="app-filter">
        \(Components.select(name: "quarter", label: "Quarter", options: choices, selected: model.quarter.key, error: nil, hint: "Quarters of the financial year, April to March."))
        <input type="hidden" name="by" value="\(model.grouping.rawValue)">
        \(Components.button("Show", style: .secondary))
        </form>
        \(figuresList(model.figures[model.quarter]))
        \(model.workedOut)
        <p class="govuk-body"><a class="govuk-link" href="\(SiteURL.whatWorks.path(query: [("period", model.quarter.key)]))">What works in \(model.quarter.label)</a> · <a class="govuk-link" href="\(SiteURL.reach.path(query: [("period", model.quarter.key)]))">Reach against risk</a> · <a class="govuk-link" href="\(SiteURL.equality.path(query: [("period", model.quarter.key)]))">Equality</a> · <a class="govuk-link" href="\(SiteURL.coverage.path)">Coverage gap</a> · <a class="govuk-link" href="\(SiteURL.quarterlyReport.path(query: [("period", model.quarter.key)]))">Quarterly report to print</a></p>
        """
    }

    /// A quarter's figures, as the dashboard and the quarterly report give them.
    static func figuresList(_ figures: ProgrammeFigures.Quarter) -> HTML {
        let statuses = ReferralStatus.allCases.compactMap { status -> String? in
            figures.referrals[status].map { "\($0) \(status.label.lowercased())" }
        }.joined(separator: ", ")
        let answered = Proportion(figures.followUpsAnswered, of: figures.followUpsEnded).map { " (\(Int(($0.share * 100).rounded()))%)" } ?? ""
        return Components.summaryList([
            .init(key: "Residents who asked for help", value: "\(figures.residents)"),
            .init(key: "Requests, each with its package of help", value: "\(figures.cases)"),
            .init(key: "Referrals made", value: "\(figures.referralsMade)\(statuses.isEmpty ? "" : ": \(statuses)")"),
            .init(key: "Devices handed over", value: "\(figures.devicesGiven) given, \(figures.devicesLent) lent"),
            .init(key: "SIMs and data codes given", value: "\(figures.simsGiven)"),
            .init(key: "Skills sessions held", value: "\(figures.sessions), with \(figures.attendances) attendances"),
            .init(key: "Digital champions who gave time", value: "\(figures.champions), \(ChampionHours.words(figures.championHours))"),
            .init(key: "Follow-ups ended", value: "\(figures.followUpsEnded): \(figures.followUpsAnswered) answered\(answered), \(figures.onlineAtFollowUp) online"),
        ])
    }

    /// The measures drawn over eight quarters, oldest first as a chart reads.
    static let trends: [(title: String, value: @Sendable (ProgrammeFigures.Quarter) -> Int)] = [
        ("Residents who asked for help", { $0.residents }),
        ("Referrals made", { $0.referralsMade }),
        ("Devices and SIMs handed over", { $0.devicesGiven + $0.devicesLent + $0.simsGiven }),
        ("Skills session attendances", { $0.attendances }),
        ("Follow-ups answered", { $0.followUpsAnswered }),
    ]

    static func trendSection(_ figures: ProgrammeFigures) -> HTML {
        let quarters = Array(figures.quarters.reversed())
        let charts = trends.map { trend -> HTML in
            let bars = quarters.map { BarChart.Bar(label: $0.shortLabel, value: trend.value(figures[$0])) }
            return "<figure class=\"app-chart-figure\"><figcaption class=\"govuk-body govuk-!-font-weight-bold\">\(trend.title)</figcaption>\(BarChart.svg(title: "\(trend.title), by quarter", bars: bars))</figure>"
        }
        let rows = quarters.map { quarter -> [HTML] in ["\(quarter.label)"] + trends.map { "\($0.value(figures[quarter]))" } }
        return """
        <h2 class="govuk-heading-m">The last eight quarters</h2>
        \(charts)
        \(Components.table(caption: "The last eight quarters", head: ["Quarter"] + trends.map(\.title), rows: rows, numericColumns: Set(1...trends.count)))
        """
    }

    static func areaSection(_ model: Model) -> HTML {
        guard !model.reach.areas.isEmpty else {
            return """
            <h2 class="govuk-heading-m">Where they live</h2>
            <p class="govuk-body">Compute a risk index in <a class="govuk-link" href="\(SiteURL.places.path)">Places</a> to see residents by ward, small area, deprivation and risk.</p>
            """
        }
        let (lines, total) = model.reach.lines(by: model.grouping)
        let rows = lines.map { line -> [HTML] in
            ["\(line.label)", "\(line.residents.words)", "\(Int(line.population.rounded()))", "\(AreaReach.number(line.perThousand))"]
        } + [["All areas", "\(total.words)", "\(Int(lines.map(\.population).reduce(0, +).rounded()))", ""]]
        let choices = AreaReach.Grouping.allCases.map { Components.Choice(value: $0.rawValue, label: $0.label) }
        return """
        <h2 class="govuk-heading-m">Where they live</h2>
        <form method="get" action="\(SiteURL.home.path)" class="app-filter">
        <input type="hidden" name="quarter" value="\(model.quarter.key)">
        \(Components.select(name: "by", label: "Grouped by", options: choices, selected: model.grouping.rawValue, error: nil))
        \(Components.button("Show", style: .secondary))
        </form>
        <p class="govuk-body">Residents who asked for help in \(model.quarter.label), by where their postcode lies, against the Census 2021 population. \(model.reach.unplaced) gave no postcode in a mapped area. Counts from 1 to 4 show as \u{201C}fewer than 5\u{201D}.</p>
        \(Components.table(caption: "Residents who asked for help by \(model.grouping.label.lowercased())", head: [model.grouping.label, "Residents", "Population", "Per 1,000 people"], rows: rows, numericColumns: [1, 2, 3]))
        """
    }
}
