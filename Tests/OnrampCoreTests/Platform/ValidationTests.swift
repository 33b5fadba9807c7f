import Foundation
import Testing
@testable import OnrampCore

@Suite struct ValidationTests {
    @Test(arguments: [
        ("  Name@Example.COM ", "name@example.com", true),
        ("no-at-sign.example.com", "no-at-sign.example.com", false),
        ("two@@example.com", "two@@example.com", false),
        ("name@localhost", "name@localhost", false),
        ("name@example..com", "name@example..com", false),
        ("with space@example.com", "with space@example.com", false),
    ])
    func emailAddresses(raw: String, normalised: String, plausible: Bool) {
        #expect(EmailAddress.normalise(raw) == normalised)
        #expect(EmailAddress.isPlausible(normalised) == plausible)
    }

    @Test func emailMessagesFollowGOVUK() {
        var errors = FormErrors()
        EmailAddress.validate("", field: "email", into: &errors)
        #expect(errors["email"] == "Enter an email address")
        errors = FormErrors()
        EmailAddress.validate("nope", field: "email", into: &errors)
        #expect(errors["email"] == "Enter an email address in the correct format, like name@example.com")
        errors = FormErrors()
        EmailAddress.validate(String(repeating: "a", count: 250) + "@x.uk", field: "email", into: &errors)
        #expect(errors["email"] == "Email address must be 254 characters or fewer")
    }

    @Test func textFieldsAreTrimmedRequiredAndBounded() {
        var errors = FormErrors()
        #expect(errors.text("name", "  Ada  ", label: "a name", maxLength: 5) == "Ada")
        #expect(errors.isEmpty)
        errors.text("empty", "   ", label: "a name", maxLength: 5)
        errors.text("long", "abcdef", label: "a name", maxLength: 5)
        errors.text("optional", "", label: "a note", required: false, maxLength: 5)
        #expect(errors["empty"] == "Enter a name")
        #expect(errors["long"] == "A name must be 5 characters or fewer")
        #expect(errors["optional"] == nil)
        #expect(errors.problems.map(\.field) == ["empty", "long"])
    }

    @Test func onlyTheFirstProblemWithAFieldIsKept() {
        var errors = FormErrors()
        errors.add("a", "first")
        errors.add("a", "second")
        #expect(errors.problems.count == 1)
        #expect(errors["a"] == "first")
    }

    @Test func passwords() {
        func check(_ password: String, _ confirmation: String) -> FormErrors {
            var errors = FormErrors()
            PasswordPolicy.validate(password: password, confirmation: confirmation, email: "ada@example.com", into: &errors)
            return errors
        }
        #expect(check("correct horse battery", "correct horse battery").isEmpty)
        #expect(check("", "")["password"] == "Enter a new password")
        #expect(check("short", "short")["password"] == "Password must be 10 characters or more")
        #expect(check(String(repeating: "é", count: 40), String(repeating: "é", count: 40))["password"] == "Password must be 72 characters or fewer")
        #expect(check("Password123", "Password123")["password"] == "Choose a password that is harder to guess")
        #expect(check("ada@example.com", "ada@example.com")["password"] == "Choose a password that is harder to guess")
        #expect(check("correct horse battery", "correct horse")["confirmation"] == "Passwords do not match")
        #expect(check("correct horse battery", "")["confirmation"] == "Confirm your new password")
    }
}

@Suite struct UnprintableTextTests {
    @Test func controlCharactersAreRefusedButLineBreaksAreNot() {
        var errors = FormErrors()
        _ = errors.text("name", "\u{15}\u{8}W", label: "a name", maxLength: 100)
        #expect(errors["name"] == "A name must not contain characters that cannot be printed, such as control characters")
        var fine = FormErrors()
        _ = fine.text("note", "Line one\nLine two\twith a tab, and \u{1F600}", label: "a note", maxLength: 100)
        #expect(fine.isEmpty)
    }
}

@Suite struct TrustedProxiesTests {
    @Test func addressesAndRangesAreRead() throws {
        let proxies = try #require(TrustedProxies("10.0.0.0/8, 192.168.1.5 2001:db8::/32"))
        #expect(proxies.contains("10.200.3.4") && proxies.contains("192.168.1.5") && !proxies.contains("192.168.1.6"))
        #expect(proxies.contains("2001:db8:0:1::7") && !proxies.contains("2001:db9::1"))
        #expect(proxies.contains("::ffff:10.1.1.1"), "an IPv4-mapped address is its IPv4 address")
        #expect(TrustedProxies("10.0.0.0/33") == nil && TrustedProxies("proxy.example") == nil && TrustedProxies("1.2.3") == nil)
        #expect(TrustedProxies("")?.isEmpty == true)
    }

    @Test func theClientIsTheRightMostAddressNoProxyAdded() throws {
        let proxies = try #require(TrustedProxies("10.0.0.0/8"))
        // The client wrote "1.1.1.1" itself; the proxy added the address it saw.
        #expect(proxies.clientAddress(peer: "10.0.0.2", forwardedFor: ["1.1.1.1, 203.0.113.9"]) == "203.0.113.9")
        #expect(proxies.clientAddress(peer: "10.0.0.2", forwardedFor: ["1.1.1.1", "203.0.113.9, 10.0.0.7"]) == "203.0.113.9")
        // Not from a trusted proxy: the header is not believed at all.
        #expect(proxies.clientAddress(peer: "198.51.100.4", forwardedFor: ["1.1.1.1"]) == "198.51.100.4")
        #expect(TrustedProxies.none.clientAddress(peer: "10.0.0.2", forwardedFor: ["1.1.1.1"]) == "10.0.0.2")
        #expect(proxies.clientAddress(peer: "10.0.0.2", forwardedFor: ["nonsense"]) == "10.0.0.2")
    }
}

@Suite struct CouncilContactTests {
    @Test func aCouncilsDetailsAreCheckedAndReadAsASentence() throws {
        var errors = FormErrors()
        let contact = try #require(CouncilContact.validate(councilName: "Southwark Council", phone: "020 7525 5000", address: "160 Tooley Street\nLondon\nse1 2qh",
                                                           openingHours: "Monday to Friday, 9am to 5pm", localAuthorities: "e09000028", into: &errors))
        #expect(contact.address == ["160 Tooley Street", "London", "SE1 2QH"] && contact.localAuthorities == ["E09000028"] && contact.phone == "+442075255000")
        #expect(contact.sentence == "Phone Southwark Council on 020 7525 5000 (Monday to Friday, 9am to 5pm), or visit 160 Tooley Street, London, SE1 2QH.")
        var bad = FormErrors()
        #expect(CouncilContact.validate(councilName: "X", phone: "12", address: "One line", openingHours: "", localAuthorities: "E01004040", into: &bad) == nil)
        #expect(bad.problems.map(\.field) == ["phone", "address", "opening_hours", "local_authorities"])
        var noPostcode = FormErrors()
        _ = CouncilContact.validate(councilName: "X", phone: "020 7525 5000", address: "160 Tooley Street\nLondon", openingHours: "9 to 5", localAuthorities: "E09000028", into: &noPostcode)
        #expect(noPostcode["address"] == "End the address with its postcode, on a line of its own")
    }
}

@Suite struct LetterPostTests {
    static func london(_ text: String) -> Date {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "Europe/London")
        formatter.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime, .withDashSeparatorInDate]
        return formatter.date(from: text)!
    }

    @Test func lettersGoOnceADayAtFive() {
        let morning = Self.london("2026-12-03T09:00:00"), afternoon = Self.london("2026-12-03T16:59:00"), evening = Self.london("2026-12-03T17:30:00")
        #expect(LetterPost.goes(writtenAt: morning) == Self.london("2026-12-03T17:00:00"))
        #expect(LetterPost.goTogether(morning, afternoon))
        #expect(!LetterPost.goTogether(afternoon, evening))
        #expect(LetterPost.goes(writtenAt: evening) == Self.london("2026-12-04T17:00:00"))
    }
}
