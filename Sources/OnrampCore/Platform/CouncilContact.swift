import Foundation

/// How a resident reaches their council without the website: a phone number, an address to
/// visit or write to, and the hours someone answers. Every page and message that tells a
/// resident to phone or visit says exactly this, never "the council" alone.
public struct CouncilContact: Sendable, Equatable {
    public let councilName: String
    /// Normalised, "+442075255000".
    public let phone: String
    /// Lines, "160 Tooley Street", "London", "SE1 2QH".
    public let address: [String]
    public let openingHours: String
    /// ONS codes of the local authorities it serves, to tell whether a postcode is in its area.
    public let localAuthorities: [String]

    public init(councilName: String, phone: String, address: [String], openingHours: String, localAuthorities: [String]) {
        (self.councilName, self.phone, self.address, self.openingHours, self.localAuthorities) = (councilName, phone, address, openingHours, localAuthorities)
    }

    /// "Phone Southwark Council on 020 7525 5000 (Monday to Friday, 9am to 5pm), or visit 160 Tooley Street, London SE1 2QH."
    public var sentence: String {
        "Phone \(councilName) on \(PhoneNumber.display(phone)) (\(openingHours)), or visit \(address.joined(separator: ", "))."
    }

    /// Checks what an administrator typed; nil with the problems in `errors` when it will not do.
    public static func validate(
        councilName: String, phone: String?, address: String?, openingHours: String?, localAuthorities: String?, into errors: inout FormErrors
    ) -> CouncilContact? {
        let typedPhone = errors.text("phone", phone, label: "the phone number residents call", maxLength: 30)
        let normalised = PhoneNumber.normalise(typedPhone)
        if !typedPhone.isEmpty, normalised == nil { errors.add("phone", "Enter a UK phone number, like 020 7525 5000") }
        let lines = errors.text("address", address, label: "the address residents visit or write to", maxLength: 300)
            .split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if !lines.isEmpty, !(2...6).contains(lines.count) { errors.add("address", "Write the address on 2 to 6 lines, the postcode on the last") }
        else if let last = lines.last, Postcode.normalise(last) == nil { errors.add("address", "End the address with its postcode, on a line of its own") }
        let hours = errors.text("opening_hours", openingHours, label: "when someone answers the phone or the door", maxLength: 200)
        let codes = (localAuthorities ?? "").split(whereSeparator: { $0 == "," || $0.isWhitespace }).map { $0.uppercased() }
        if codes.isEmpty { errors.add("local_authorities", "Enter the ONS code of your local authority, like E09000028") }
        else if let wrong = codes.first(where: { !AreaCode.isValid($0, as: .localAuthority) }) {
            errors.add("local_authorities", "\u{201C}\(wrong)\u{201D} is not a local authority code: they look like E09000028")
        }
        guard errors.isEmpty, let normalised else { return nil }
        var written = lines
        written[written.count - 1] = Postcode.normalise(written[written.count - 1]) ?? written[written.count - 1]
        return CouncilContact(councilName: councilName, phone: normalised, address: written, openingHours: hours, localAuthorities: codes)
    }
}
