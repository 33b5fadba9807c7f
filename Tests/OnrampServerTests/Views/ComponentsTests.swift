import Testing
@testable import OnrampCore
@testable import OnrampServer

/// The components' markup: what assistive technology relies on.
@Suite struct ComponentsTests {
    @Test func anInputWithAnErrorIsDescribedByItAndKeepsTheValue() {
        let html = Components.textInput(name: "email", label: "Email", value: "a\"b", error: "Enter an email", hint: "Work email").rendered
        #expect(html.contains("govuk-form-group--error"))
        #expect(html.contains("<p id=\"email-error\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Error:</span> Enter an email</p>"))
        #expect(html.contains("aria-describedby=\"email-hint email-error\""))
        #expect(html.contains("value=\"a&quot;b\""))
    }

    @Test func passwordsAreNeverWrittenBack() {
        let html = Components.textInput(name: "password", label: "Password", value: "secret", error: nil, type: "password").rendered
        #expect(!html.contains("secret"))
    }

    @Test func radiosCheckTheChosenOneAndTheFirstCarriesTheFieldId() {
        let options = [Components.Choice(value: "a", label: "A"), Components.Choice(value: "b", label: "B", hint: "About B")]
        let html = Components.radios(name: "pick", legend: "Pick", options: options, selected: "b", error: nil).rendered
        #expect(html.contains("id=\"pick\" name=\"pick\" type=\"radio\" value=\"a\">"))
        #expect(html.contains("id=\"pick-2\" name=\"pick\" type=\"radio\" value=\"b\" checked aria-describedby=\"pick-2-item-hint\">"))
        #expect(html.contains("<legend"))
    }

    @Test func checkboxesKeepEveryTickedValue() {
        let options = ["x", "y", "z"].map { Components.Choice(value: $0, label: $0.uppercased()) }
        let html = Components.checkboxes(name: "c", legend: "C", options: options, selected: ["x", "z"], error: nil).rendered
        #expect(html.components(separatedBy: " checked").count == 3)
    }

    @Test func dateInputHasThreeLabelledBoxes() {
        let html = Components.dateInput(name: "from", legend: "From", value: .init(day: "1", month: "2", year: "2026"), error: "Bad").rendered
        for part in ["Day", "Month", "Year"] { #expect(html.contains(">\(part)</label>")) }
        #expect(html.contains("id=\"from\" name=\"from-day\""))
        #expect(html.contains("value=\"2026\""))
        #expect(html.contains("role=\"group\""))
    }

    @Test func theErrorSummaryLinksToEachField() {
        var errors = FormErrors()
        errors.add("name", "Enter a name")
        errors.add("email", "Enter an email address")
        let html = Components.errorSummary(errors).rendered
        #expect(html.contains("role=\"alert\""))
        #expect(html.contains("<li><a href=\"#name\">Enter a name</a></li><li><a href=\"#email\">Enter an email address</a></li>"))
        #expect(Components.errorSummary(FormErrors()).rendered.isEmpty)
    }

    @Test func aPageWithErrorsSaysSoInItsTitle() {
        var errors = FormErrors()
        errors.add("x", "Wrong")
        let context = PageContext(staff: nil, csrfToken: "t", path: "/")
        #expect(Page(title: "Thing", errors: errors, content: "").render(context).rendered.contains("<title>Error: Thing – Onramp</title>"))
        #expect(Page(title: "Thing", content: "").render(context).rendered.contains("<title>Thing – Onramp</title>"))
    }

    @Test func paginationMarksTheCurrentPageAndHidesWhenThereIsOne() {
        let html = Components.pagination(Paging(requested: 2, size: 10, totalItems: 30)) { "/list?page=\($0)" }.rendered
        #expect(html.contains("href=\"/list?page=2\" aria-label=\"Page 2\" aria-current=\"page\""))
        #expect(html.contains("rel=\"prev\"") && html.contains("rel=\"next\""))
        #expect(Components.pagination(Paging(requested: 1, size: 10, totalItems: 5)) { "\($0)" }.rendered.isEmpty)
    }

    @Test func tablesHaveACaptionAndScopedHeadings() {
        let html = Components.table(caption: "People", head: ["Name"], rows: [["<b>x</b>"]]).rendered
        #expect(html.contains("<caption class=\"govuk-table__caption govuk-table__caption--m\">People</caption>"))
        #expect(html.contains("<th scope=\"col\""))
        // Each cell carries its column's heading, which labels it on a phone where rows stack.
        #expect(html.contains("<td class=\"govuk-table__cell\" data-label=\"Name\"><b>x</b></td>"))
    }
}
