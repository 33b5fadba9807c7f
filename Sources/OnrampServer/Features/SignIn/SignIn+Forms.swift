import OnrampCore
import Foundation
import Vapor

/// What the sign-in form sends.
struct SignInForm: Content {
    var email: String?
    var password: String?
    var next: String?

    /// Checks the form is filled in; whether the password is right is the controller's job.
    func validate() -> (email: String, errors: FormErrors) {
        var errors = FormErrors()
        let email = EmailAddress.validate(email, field: "email", into: &errors)
        if (password ?? "").isEmpty { errors.add("password", "Enter your password") }
        return (email, errors)
    }

    /// Only a path on this site, so a link cannot send someone elsewhere after signing in.
    var safeNext: String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"),
              !next.unicodeScalars.contains(where: { $0 == "\\" || $0.properties.isWhitespace || $0.properties.generalCategory == .control }),
              let components = URLComponents(string: next), components.scheme == nil, components.host == nil
        else { return SiteURL.home.path }
        return next
    }
}
