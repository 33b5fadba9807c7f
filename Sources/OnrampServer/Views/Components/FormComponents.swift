import OnrampCore

/// GOV.UK Design System components as functions. Each takes the field's name, its current value
/// (what the user typed, when a form comes back with errors) and its error.
enum Components {
    struct Choice: Sendable {
        let value: String
        let label: String
        var hint: String? = nil
    }

    static func csrfField(_ token: String) -> HTML {
        "<input type=\"hidden\" name=\"\(CSRFMiddleware.fieldName)\" value=\"\(token)\">"
    }

    static func errorMessage(_ message: String?, id: String) -> HTML {
        guard let message else { return .empty }
        return "<p id=\"\(id)-error\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Error:</span> \(message)</p>"
    }

    static func hintText(_ text: String?, id: String) -> HTML {
        guard let text else { return .empty }
        return "<div id=\"\(id)-hint\" class=\"govuk-hint\">\(text)</div>"
    }

    /// `aria-describedby` naming the hint and the error, when there are any.
    static func describedBy(_ id: String, hint: String?, error: String?) -> HTML {
        let ids = [hint.map { _ in "\(id)-hint" }, error.map { _ in "\(id)-error" }].compactMap { $0 }
        return ids.isEmpty ? .empty : " aria-describedby=\"\(ids.joined(separator: " "))\""
    }

    static func formGroup(error: String?, _ content: HTML) -> HTML {
        "<div class=\"govuk-form-group\(error == nil ? "" : " govuk-form-group--error")\">\(content)</div>"
    }

    /// `labelIsHeading`: the label is the page's `<h1>`, for a question on a page of its own.
    static func textInput(
        name: String, label: String, value: String?, error: String?, hint: String? = nil,
        type: String = "text", autocomplete: String? = nil, width: String? = nil, spellcheck: Bool? = nil, labelIsHeading: Bool = false
    ) -> HTML {
        let classes = "govuk-input" + (width.map { " govuk-input--width-\($0)" } ?? "") + (error == nil ? "" : " govuk-input--error")
        let extras: HTML = HTML.when(autocomplete != nil, " autocomplete=\"\(autocomplete ?? "")\"")
            + HTML.when(spellcheck != nil, " spellcheck=\"\(spellcheck == true ? "true" : "false")\"")
        let labelTag: HTML = labelIsHeading ? "<h1 class=\"govuk-heading-l\"><label for=\"\(name)\">\(label)</label></h1>" : "<label class=\"govuk-label\" for=\"\(name)\">\(label)</label>"
        return formGroup(error: error, """
        \(labelTag)
        \(hintText(hint, id: name))\(errorMessage(error, id: name))
        <input class="\(classes)" id="\(name)" name="\(name)" type="\(type)" value="\(type == "password" ? "" : value)"\(extras)\(describedBy(name, hint: hint, error: error))>
        """)
    }

    static func textarea(name: String, label: String, value: String?, error: String?, hint: String? = nil, rows: Int = 5) -> HTML {
        formGroup(error: error, """
        <label class="govuk-label" for="\(name)">\(label)</label>
        \(hintText(hint, id: name))\(errorMessage(error, id: name))
        <textarea class="govuk-textarea\(error == nil ? "" : " govuk-textarea--error")" id="\(name)" name="\(name)" rows="\(rows)"\(describedBy(name, hint: hint, error: error))>\(value)</textarea>
        """)
    }

    static func select(name: String, label: String, options: [Choice], selected: String?, error: String?, hint: String? = nil) -> HTML {
        let optionTags = options.map { option -> HTML in
            "<option value=\"\(option.value)\"\(HTML.when(option.value == selected, " selected"))>\(option.label)</option>"
        }
        return formGroup(error: error, """
        <label class="govuk-label" for="\(name)">\(label)</label>
        \(hintText(hint, id: name))\(errorMessage(error, id: name))
        <select class="govuk-select\(error == nil ? "" : " govuk-select--error")" id="\(name)" name="\(name)"\(describedBy(name, hint: hint, error: error))>\(optionTags)</select>
        """)
    }

    /// Radios or checkboxes in a fieldset. The first input takes the field's id, so the error
    /// summary's link lands on it.
    private static func choices(
        kind: String, name: String, legend: String, options: [Choice], isChecked: (String) -> Bool,
        error: String?, hint: String?, inline: Bool, legendIsHeading: Bool = false
    ) -> HTML {
        let items = options.enumerated().map { index, option -> HTML in
            let id = index == 0 ? name : "\(name)-\(index + 1)"
            let itemHint: HTML = option.hint.map { "<div id=\"\(id)-item-hint\" class=\"govuk-hint govuk-\(kind)__hint\">\($0)</div>" } ?? .empty
            let described: HTML = option.hint == nil ? .empty : " aria-describedby=\"\(id)-item-hint\""
            return """
            <div class="govuk-\(kind)__item">
            <input class="govuk-\(kind)__input" id="\(id)" name="\(name)" type="\(kind == "radios" ? "radio" : "checkbox")" value="\(option.value)"\(HTML.when(isChecked(option.value), " checked"))\(described)>
            <label class="govuk-label govuk-\(kind)__label" for="\(id)">\(option.label)</label>
            \(itemHint)
            </div>
            """
        }
        return formGroup(error: error, """
        <fieldset class="govuk-fieldset"\(describedBy(name, hint: hint, error: error))>
        \(legendIsHeading ? "<legend class=\"govuk-fieldset__legend govuk-fieldset__legend--l\"><h1 class=\"govuk-fieldset__heading\">\(legend)</h1></legend>" as HTML : "<legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">\(legend)</legend>")
        \(hintText(hint, id: name))\(errorMessage(error, id: name))
        <div class="govuk-\(kind)\(inline ? " govuk-\(kind)--inline" : "")">\(items)</div>
        </fieldset>
        """)
    }

    static func radios(
        name: String, legend: String, options: [Choice], selected: String?, error: String?, hint: String? = nil, inline: Bool = false,
        legendIsHeading: Bool = false
    ) -> HTML {
        choices(kind: "radios", name: name, legend: legend, options: options, isChecked: { $0 == selected }, error: error, hint: hint, inline: inline, legendIsHeading: legendIsHeading)
    }

    static func checkboxes(
        name: String, legend: String, options: [Choice], selected: Set<String>, error: String?, hint: String? = nil, legendIsHeading: Bool = false
    ) -> HTML {
        choices(kind: "checkboxes", name: name, legend: legend, options: options, isChecked: selected.contains, error: error, hint: hint, inline: false, legendIsHeading: legendIsHeading)
    }

    /// Day, month and year as three boxes, GOV.UK style, named `NAME-day`, `NAME-month` and
    /// `NAME-year`. The day box carries the field's id.
    static func dateInput(name: String, legend: String, value: DateParts, error: String?, hint: String? = nil) -> HTML {
        let parts: [(String, String, String, String)] = [
            ("day", "Day", value.day, "2"), ("month", "Month", value.month, "2"), ("year", "Year", value.year, "4"),
        ]
        let boxes = parts.map { part, label, text, width -> HTML in
            let id = part == "day" ? name : "\(name)-\(part)"
            return """
            <div class="govuk-date-input__item"><div class="govuk-form-group">
            <label class="govuk-label govuk-date-input__label" for="\(id)">\(label)</label>
            <input class="govuk-input govuk-date-input__input govuk-input--width-\(width)\(error == nil ? "" : " govuk-input--error")" id="\(id)" name="\(name)-\(part)" type="text" inputmode="numeric" value="\(text)">
            </div></div>
            """
        }
        return formGroup(error: error, """
        <fieldset class="govuk-fieldset" role="group"\(describedBy(name, hint: hint, error: error))>
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">\(legend)</legend>
        \(hintText(hint, id: name))\(errorMessage(error, id: name))
        <div class="govuk-date-input">\(boxes)</div>
        </fieldset>
        """)
    }

    enum ButtonStyle: String { case primary = "", secondary = " govuk-button--secondary", warning = " govuk-button--warning" }

    static func button(_ text: String, style: ButtonStyle = .primary) -> HTML {
        "<button type=\"submit\" class=\"govuk-button\(style.rawValue)\" data-module=\"govuk-button\">\(text)</button>"
    }

    /// A form that posts, with its CSRF token.
    /// `withFiles`: the form carries a file input, so it is sent as multipart.
    static func form(action: String, token: String, withFiles: Bool = false, _ content: HTML) -> HTML {
        "<form method=\"post\" action=\"\(action)\"\(withFiles ? " enctype=\"multipart/form-data\"" as HTML : .empty) novalidate>\(csrfField(token))\(content)</form>"
    }

    /// A file input in its form group, with hint and error; `problems` lists what was wrong inside the file.
    static func fileUpload(name: String, label: String, hint: String, accept: String, error: String?, problems: [String] = []) -> HTML {
        formGroup(error: error, """
        <label class="govuk-label" for="\(name)">\(label)</label>
        <div id="\(name)-hint" class="govuk-hint">\(hint)</div>
        \(errorMessage(error, id: name))\(problems.isEmpty ? .empty : "<ul class=\"govuk-list govuk-list--bullet\">\(problems.map { "<li>\($0)</li>" as HTML })</ul>")
        <input class="govuk-file-upload" id="\(name)" name="\(name)" type="file" accept="\(accept)" aria-describedby="\(name)-hint\(error == nil ? "" : " \(name)-error")">
        """)
    }

    static func errorSummary(_ errors: FormErrors) -> HTML {
        guard !errors.isEmpty else { return .empty }
        let items = errors.problems.map { "<li><a href=\"#\($0.field)\">\($0.message)</a></li>" as HTML }
        return """
        <div class="govuk-error-summary" aria-labelledby="error-summary-title" role="alert" tabindex="-1">
        <h2 class="govuk-error-summary__title" id="error-summary-title">There is a problem</h2>
        <div class="govuk-error-summary__body"><ul class="govuk-list govuk-error-summary__list">\(items)</ul></div>
        </div>
        """
    }
}
