/// An administrator's request to erase a resident: why, in words the audit log keeps, and a
/// confirmation, since it cannot be undone.
public enum ErasureRequest {
    public static let maxReason = 500

    /// The reason when the request can go ahead; otherwise nil, with what is wrong in `errors`.
    public static func validate(reason: String, confirmed: Bool, into errors: inout FormErrors) -> String? {
        if reason.isEmpty { errors.add("reason", "Enter why this resident\u{2019}s personal data is being erased") }
        if reason.count > maxReason { errors.add("reason", "The reason must be \(maxReason) characters or fewer") }
        if !confirmed { errors.add("confirm", "Confirm that the resident\u{2019}s personal data should be erased: this cannot be undone") }
        return errors.isEmpty ? reason : nil
    }
}
