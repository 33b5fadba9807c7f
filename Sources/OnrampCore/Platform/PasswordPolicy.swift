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
