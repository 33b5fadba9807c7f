import Fluent
import Foundation
import OnrampCore
import Vapor

/// A kind of help a council adds to the shipped taxonomy, under one of its groups or beside them.
struct NewTermForm: Decodable, Sendable {
    var name: String?
    var description: String?
    var parent: String?

    func validated(existing: [DirectoryTerm]) -> (FormErrors, name: String, description: String, parent: UUID?) {
        var errors = FormErrors()
        let name = (name ?? "").trimmingCharacters(in: .whitespaces)
        let description = (description ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty { errors.add("name", "Enter the name of the kind of help") } else if name.count > 60 {
            errors.add("name", "The name must be 60 characters or fewer")
        } else if existing.contains(where: { $0.name.lowercased() == name.lowercased() }) {
            errors.add("name", "There is already a kind of help called \(name)")
        }
        if description.isEmpty { errors.add("description", "Describe it in a sentence, for residents") }
        var parent: UUID?
        if let text = self.parent, !text.isEmpty {
            parent = UUID(uuidString: text)
            if parent == nil || !existing.contains(where: { $0.id == parent && $0.parentID == nil }) { errors.add("parent", "Select a group from the list") }
        }
        return (errors, name, description, parent)
    }
}

extension DirectoryTaxonomies {
    /// Adds a council's own term, with its audit record.
    static func add(name: String, description: String, parent: UUID?, councilID: UUID, actor: AuditActor, on database: any Database, now: Date) async throws -> DirectoryTerm {
        try await database.transaction { tx in
            let term = DirectoryTerm()
            term.taxonomyID = try await DirectoryImport.councilTaxonomy(councilID, on: tx)
            term.parentID = parent
            term.councilID = councilID
            term.code = name.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) }).joined(separator: "-")
            term.name = name
            term.description = description
            term.position = 1000
            try await term.create(on: tx)
            try await Audit.record(.termAdded, by: actor, recordType: "directory_term", recordID: term.id, summary: "Added the kind of help \u{201C}\(name)\u{201D}", on: tx, now: now)
            return term
        }
    }
}

extension DirectoryEditingPages {
    static func newTerm(_ form: NewTermForm, groups: [DirectoryTerm], errors: FormErrors, token: String) -> Page {
        let choices = [Components.Choice(value: "", label: "None: a group of its own")] + groups.map { Components.Choice(value: $0.id!.uuidString.lowercased(), label: $0.name) }
        return Page(title: "Add a kind of help", errors: errors, backLink: SiteURL.manageDirectory.path, content: """
        <h1 class="govuk-heading-l">Add a kind of help</h1>
        <p class="govuk-body">Onramp\u{2019}s own kinds of help are shared by every council. Add one your area needs; residents can then search by it and services can be filed under it.</p>
        \(Components.form(action: SiteURL.newTerm.path, token: token, """
        \(Components.textInput(name: "name", label: "Name", value: form.name, error: errors["name"], hint: "Like \u{201C}Help with video calls\u{201D}"))
        \(Components.textarea(name: "description", label: "What it is, in a sentence", value: form.description, error: errors["description"], rows: 2))
        \(Components.select(name: "parent", label: "Group", options: choices, selected: form.parent, error: errors["parent"]))
        \(Components.button("Add kind of help"))
        """))
        """)
    }
}
