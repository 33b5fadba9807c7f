/// What a new password must be. Length matters more than mixing character classes (NCSC
/// guidance); bcrypt reads at most 72 bytes, so longer passwords are refused rather than cut.
public enum PasswordPolicy {
    public static let minLength = 10
    public static let maxBytes = 72

    static let tooCommon: Set<String> = [
        "password123", "password1234", "1234567890", "qwertyuiop", "letmein123",
        "welcome123", "iloveyou12", "passw0rd123", "administrator", "onrampdemo",
    ]

    public static func validate(
        password: String, confirmation: String, email: String,
        field: String = "password", confirmationField: String = "confirmation",
        into errors: inout FormErrors
    ) {
        if password.isEmpty {
            errors.add(field, "Enter a new password")
        } else if password.count < minLength {
            errors.add(field, "Password must be \(minLength) characters or more")
        } else if password.utf8.count > maxBytes {
            errors.add(field, "Password must be \(maxBytes) characters or fewer")
        } else if tooCommon.contains(password.lowercased()) || password.lowercased() == email.lowercased() {
            errors.add(field, "Choose a password that is harder to guess")
        }
        if confirmation.isEmpty {
            errors.add(confirmationField, "Confirm your new password")
        } else if confirmation != password {
            errors.add(confirmationField, "Passwords do not match")
        }
    }
}

/// Who may see a new link to choose a password, when an administrator sends one for someone
/// else. Whoever holds the link can set the password, so for another administrator who has
/// set one already, the link goes to that person alone, unless a second administrator asked
/// for it too: their approval.
public enum AccountReset {
    public enum Route: Equatable, Sendable {
        /// Shown to the administrator, to pass on (a new account, or not an administrator).
        case showLink
        /// Sent to the person only; the page says a second administrator can approve.
        case sendToThemOnly
        /// A second administrator approved another's request: shown to this one.
        case showLinkApproved
    }

    public static func route(forAdmin targetIsAdmin: Bool, hasPassword: Bool, anotherAdminAsked: Bool) -> Route {
        guard targetIsAdmin, hasPassword else { return .showLink }
        return anotherAdminAsked ? .showLinkApproved : .sendToThemOnly
    }
}
