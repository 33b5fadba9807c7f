import Foundation
import OnrampCore

enum WhatWorksPages {
    static let note = "From Onramp's own records. Counts from 1 to 4 show as \u{201C}fewer than 5\u{201D}; some others are not shown, so that totals cannot give them away. Medians and shares need at least 5 people."

    static let areaNote = "A resident\u{2019}s area is the 2021 LSOA their postcode lies in; \u{201C}Not known\u{201D} counts those with no postcode or one outside the council\u{2019}s mapped areas. Risk bands are fifths of the council\u{2019}s areas by its latest risk index."

    /// A line's figures as words, in the CSV's order after the offer and group.
    static func fields(_ line: WhatWorksLine) -> [String] {
        func number(_ value: Double?) -> String {
            guard let value else { return "fewer than 5 people" }
            return value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
        }
        func percent(_ value: Double) -> String { String(format: "%.1f", value * 100) }
        return [line.referrals.words, line.fulfilled.words, number(line.daysToContact), number(line.daysToFulfil), line.followUpsEnded.words,
                line.responseRate.map { percent($0.share) } ?? "fewer than 5 people", line.online.map { percent($0.share) } ?? "fewer than 5 people",
                line.online.map { percent($0.interval.lowerBound) } ?? "", line.online.map { percent($0.interval.upperBound) } ?? "", number(line.tasksGained)]
    }

    static func page(_ report: WhatWorksController.Report, workedOut: HTML, today: CalendarDay) -> Page {
        let quarters = FinancialQuarter.recent(8, to: today)
        let periods = [Components.Choice(value: "", label: "All time")] + quarters.map { .init(value: $0.key, label: $0.label) }
        let segments = OutcomeSegment.allCases.map { Components.Choice(value: $0.rawValue, label: $0.label) }
        let query = [("period", report.period?.key ?? ""), ("segment", report.segment.rawValue)]
        let tables = report.offers.map { offer, groups, total -> HTML in
            let rows = (groups + [("All", total)]).map { label, line -> [HTML] in
                let figures = fields(line)
                let online = line.online.map { "\($0.words)" } ?? "fewer than 5 people"
                return ["\(label)", "\(figures[0])", "\(figures[1])", "\(figures[2])", "\(figures[3])", "\(figures[4])",
                        "\(line.responseRate.map { "\(Int(($0.share * 100).rounded()))%" } ?? "fewer than 5 people")", "\(online)", "\(figures[9])"]
            }
            return Components.table(caption: offer.name, head: [report.segment == .everyone ? "Who" : report.segment.label, "Referred", "Helped", "Working days to first contact",
                                                                "Working days to help", "Follow-ups ended", "Answered", "Online at follow-up (95% interval)", "Everyday tasks gained"],
                                     rows: rows)
        }
        return Page(title: "What works", content: """
        <h1 class="govuk-heading-l">What works</h1>
        <p class="govuk-body">For each kind of help: how many were referred and helped, how fast (median working days), how many answered their follow-up, how many were online then, and the everyday tasks they can now do on their own that they could not at the start (median).</p>
        <form method="get" action="\(SiteURL.whatWorks.path)" class="app-filter">
        \(Components.select(name: "period", label: "Referred in", options: periods, selected: report.period?.key ?? "", error: nil, hint: "Quarters of the financial year, April to March."))
        \(Components.select(name: "segment", label: "Grouped by", options: segments, selected: report.segment.rawValue, error: nil))
        \(Components.button("Show", style: .secondary))
        </form>
        <p class="govuk-body">\(report.council), \(report.period?.label ?? "all time"). \(note)</p>
        \(workedOut)
        \(HTML.when(report.segment.isByArea, "<p class=\"govuk-body\">\(areaNote)</p>"))
        <p class="govuk-body"><a class="govuk-link" href="\(SiteURL.whatWorksCSV.path(query: query))">Download as CSV</a> · <a class="govuk-link" href="\(SiteURL.whatWorksJSON.path(query: query))">Download as JSON</a></p>
        \(report.offers.isEmpty ? "<p class=\"govuk-body\">The council has no offers yet.</p>" as HTML : tables.joined())
        """)
    }
}
