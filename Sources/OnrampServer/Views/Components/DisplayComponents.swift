import OnrampCore

extension Components {
    struct SummaryRow {
        let key: String
        let value: HTML
        var action: (href: String, text: String)? = nil
    }

    static func summaryList(_ rows: [SummaryRow]) -> HTML {
        let items = rows.map { row -> HTML in
            let action: HTML = row.action.map {
                "<dd class=\"govuk-summary-list__actions\"><a class=\"govuk-link\" href=\"\($0.href)\">\($0.text)<span class=\"govuk-visually-hidden\"> \(row.key.lowercased())</span></a></dd>"
            } ?? .empty
            return """
            <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">\(row.key)</dt><dd class="govuk-summary-list__value">\(row.value)</dd>\(action)</div>
            """
        }
        return "<dl class=\"govuk-summary-list\">\(items)</dl>"
    }

    /// A table with a caption (read out first by screen readers) and column headings. On a phone
    /// each row stacks, each cell labelled with its column's heading (`data-label`), so nothing
    /// is cut off; the wrapper can still take focus to be scrolled by keyboard.
    static func table(caption: String, head: [String], rows: [[HTML]], numericColumns: Set<Int> = []) -> HTML {
        let headCells = head.enumerated().map { index, text -> HTML in
            "<th scope=\"col\" class=\"govuk-table__header\(numericColumns.contains(index) ? " govuk-table__header--numeric" : "")\">\(text)</th>"
        }
        let bodyRows = rows.map { cells -> HTML in
            let tds = cells.enumerated().map { index, cell -> HTML in
                "<td class=\"govuk-table__cell\(numericColumns.contains(index) ? " govuk-table__cell--numeric" : "")\" data-label=\"\(index < head.count ? head[index] : "")\">\(cell)</td>"
            }
            return "<tr class=\"govuk-table__row\">\(tds)</tr>"
        }
        return """
        <div class="app-table-wrapper" role="region" aria-label="\(caption)" tabindex="0"><table class="govuk-table">
        <caption class="govuk-table__caption govuk-table__caption--m">\(caption)</caption>
        <thead class="govuk-table__head"><tr class="govuk-table__row">\(headCells)</tr></thead>
        <tbody class="govuk-table__body">\(bodyRows)</tbody>
        </table></div>
        """
    }

    enum TagColour: String { case blue, green, grey, red, yellow }

    static func tag(_ text: String, colour: TagColour = .blue) -> HTML {
        "<strong class=\"govuk-tag govuk-tag--\(colour.rawValue)\">\(text)</strong>"
    }

    static func notificationBanner(heading: String, body: HTML = .empty, success: Bool = false) -> HTML {
        """
        <div class="govuk-notification-banner\(success ? " govuk-notification-banner--success" : "")" role="\(success ? "alert" : "region")" aria-labelledby="notification-banner-title">
        <div class="govuk-notification-banner__header"><h2 class="govuk-notification-banner__title" id="notification-banner-title">\(success ? "Success" : "Important")</h2></div>
        <div class="govuk-notification-banner__content"><p class="govuk-notification-banner__heading">\(heading)</p>\(body)</div>
        </div>
        """
    }

    static func backLink(href: String) -> HTML {
        // In a landmark of its own, so that nothing on the page sits outside one.
        "<nav aria-label=\"Back\"><a href=\"\(href)\" class=\"govuk-back-link\">Back</a></nav>"
    }

    /// Previous, numbered pages with gaps, next. Nothing when everything fits on one page.
    static func pagination(_ paging: Paging, link: (Int) -> String) -> HTML {
        guard paging.totalPages > 1 else { return .empty }
        let previous: HTML = paging.hasPrevious
            ? "<div class=\"govuk-pagination__prev\"><a class=\"govuk-link govuk-pagination__link\" href=\"\(link(paging.number - 1))\" rel=\"prev\">Previous<span class=\"govuk-visually-hidden\"> page</span></a></div>"
            : .empty
        let next: HTML = paging.hasNext
            ? "<div class=\"govuk-pagination__next\"><a class=\"govuk-link govuk-pagination__link\" href=\"\(link(paging.number + 1))\" rel=\"next\">Next<span class=\"govuk-visually-hidden\"> page</span></a></div>"
            : .empty
        let items = paging.visiblePages.map { page -> HTML in
            guard let page else { return "<li class=\"govuk-pagination__item govuk-pagination__item--ellipses\">&ctdot;</li>" }
            let current = page == paging.number
            return """
            <li class="govuk-pagination__item\(current ? " govuk-pagination__item--current" : "")"><a class="govuk-link govuk-pagination__link" href="\(link(page))" aria-label="Page \(page)"\(HTML.when(current, " aria-current=\"page\""))>\(page)</a></li>
            """
        }
        return """
        <nav class="govuk-pagination" aria-label="Pagination">\(previous)<ul class="govuk-pagination__list">\(items)</ul>\(next)</nav>
        """
    }

    static func date(_ date: Date?) -> String {
        guard let date else { return "" }
        return DisplayFormat.dateTime.string(from: date)
    }
}

import Foundation

/// Dates as people in the UK read them: "22 November 2026 at 9:05am".
enum DisplayFormat {
    static let dateTime: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = TimeZone(identifier: "Europe/London")
        formatter.dateFormat = "d MMMM yyyy 'at' h:mma"
        formatter.amSymbol = "am"
        formatter.pmSymbol = "pm"
        return formatter
    }()
}
