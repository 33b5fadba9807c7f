import Foundation

/// Email addresses as we store and compare them: trimmed and lower-cased.
public enum EmailAddress {
    public static let maxLength = 254

    public static func normalise(_ raw: String) -> String {
        raw.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    /// A deliberately loose check, as GOV.UK advises: something@something.something, no spaces.
    public static func isPlausible(_ normalised: String) -> Bool {
        let parts = normalised.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !normalised.contains(where: \.isWhitespace) else { return false }
        let domain = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        return domain.count >= 2 && domain.allSatisfy { !$0.isEmpty }
    }

    /// Adds the usual GOV.UK messages for an email field and returns the normalised address.
    @discardableResult
    public static func validate(_ raw: String?, field: String, into errors: inout FormErrors) -> String {
        let email = normalise(raw ?? "")
        if email.isEmpty {
            errors.add(field, "Enter an email address")
        } else if email.count > maxLength {
            errors.add(field, "Email address must be \(maxLength) characters or fewer")
        } else if !isPlausible(email) {
            errors.add(field, "Enter an email address in the correct format, like name@example.com")
        }
        return email
    }

    /// The same for an address Onramp will send to through GOV.UK Notify, which refuses some
    /// that look right (josé@example.com): refused here, where the person can put it right.
    @discardableResult
    public static func validateForMessages(_ raw: String?, field: String, into errors: inout FormErrors) -> String {
        let email = validate(raw, field: field, into: &errors)
        if errors[field] == nil, !NotifyRules.acceptsEmail(email) {
            errors.add(field, "Enter an email address with only the letters a to z, numbers and . _ - + before the @, like name@example.com")
        }
        return email
    }
}
