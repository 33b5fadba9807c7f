import OnrampCore
import Vapor

/// The invite form, as sent and as re-displayed.
struct InviteForm: Content {
    var name: String?
    var email: String?
    var organisation: String?
    var role: String?

    struct Valid {
        let name: String
        let email: String
        let organisationID: UUID
        let role: Role
    }

    /// `organisations` are the ones the admin may choose from: their own council's.
    func validate(organisations: [Organisation]) -> (Valid?, FormErrors) {
        var errors = FormErrors()
        let name = errors.text("name", name, label: "their full name", maxLength: 100)
        let email = EmailAddress.validateForMessages(email, field: "email", into: &errors)
        let organisationID = organisation.flatMap(UUID.init(uuidString:)).flatMap { id in organisations.first { $0.id == id }?.id }
        if organisationID == nil { errors.add("organisation", "Select the organisation they work for") }
        let role = errors.choice("role", role, as: Role.self, message: "Select what they will do in Onramp")
        guard errors.isEmpty, let organisationID, let role else { return (nil, errors) }
        return (Valid(name: name, email: email, organisationID: organisationID, role: role), errors)
    }
}

/// Why an account is being deactivated: kept in the audit log.
struct DeactivateForm: Content {
    var reason: String?

    func validate() -> (String, FormErrors) {
        var errors = FormErrors()
        let reason = errors.text("reason", reason, label: "why you are deactivating this account", maxLength: 500)
        return (reason, errors)
    }
}
