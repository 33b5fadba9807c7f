import Testing
@testable import OnrampCore

/// Notify's rules for email addresses and letters, against the examples in Notify's own tests
/// (notifications-utils), so that what a form accepts Notify accepts.
@Suite struct NotifyRulesTests {
    @Test(arguments: [
        "email@domain.com", "email@domain.COM", "firstname.lastname@domain.com", "firstname.o'lastname@domain.com",
        "email@subdomain.domain.com", "firstname+lastname@domain.com", "1234567890@domain.com", "email@domain-one.com",
        "_______@domain.com", "email@domain.name", "email@domain.superlongtld", "email@domain.co.jp", "firstname-lastname@domain.com",
        "info@german-financial-services.vermögensberatung", "info@german-financial-services.reallylongarbitrarytldthatiswaytoohugejustincase",
        "japanese-info@例え.テスト", "email@double--hyphen.com",
    ])
    func notifyAccepts(_ address: String) {
        #expect(NotifyRules.acceptsEmail(address))
    }

    @Test(arguments: [
        "email@123.123.123.123", "email@[123.123.123.123]", "plainaddress", "@no-local-part.com", "Outlook Contact <outlook-contact@domain.com>",
        "no-at.domain.com", "no-tld@domain", ";beginning-semicolon@domain.co.uk", "middle-semicolon@domain.co;uk", "trailing-semicolon@domain.com;",
        "\"email+leading-quotes@domain.com", "email+middle\"-quotes@domain.com", "\"quoted-local-part\"@domain.com", "\"quoted@domain.com\"",
        "lots-of-dots@domain..gov..uk", "two-dots..in-local@domain.com", "multiple@domains@domain.com", "spaces in local@domain.com",
        "spaces-in-domain@dom ain.com", "underscores-in-domain@dom_ain.com", "pipe-in-domain@example.com|gov.uk", "comma,in-local@gov.uk",
        "comma-in-domain@domain,gov.uk", "pound-sign-in-local£@domain.com", "local-with-’-apostrophe@domain.com", "local-with-”-quotes@domain.com",
        "domain-starts-with-a-dot@.domain.com", "brackets(in)local@domain.com", "email-too-long-\(String(repeating: "a", count: 320))@example.com",
        "incorrect-punycode@xn---something.com", "josé@example.com", "hyphen-at-end@domain-.com",
    ])
    func notifyRefuses(_ address: String) {
        #expect(!NotifyRules.acceptsEmail(address))
    }

    @Test func lettersGoOnlyToAnAddressNotifyPostsTo() {
        let lines = NotifyRules.addressLines(" 1 High Street, \n\n  London,\nSE1 7PB ")
        #expect(lines == ["1 High Street", "London", "SE1 7PB"])
        #expect(NotifyRules.addressProblem(name: "Ada Lovelace", lines: lines) == nil)
        #expect(NotifyRules.addressProblem(name: "Ada Lovelace", lines: ["SE1 7PB"]) == .tooFewLines)
        #expect(NotifyRules.addressProblem(name: "Ada Lovelace", lines: ["1", "2", "3", "4", "5", "6", "SE1 7PB"]) == .tooManyLines)
        #expect(NotifyRules.addressProblem(name: "Ada Lovelace", lines: ["1", "2", "3", "4", "5", "SE1 7PB"]) == nil, "7 lines with the name")
        #expect(NotifyRules.addressProblem(name: "Ada Lovelace", lines: ["1 High Street", "London"]) == .noPostcode)
        for first in NotifyRules.refusedFirstCharacters {
            #expect(NotifyRules.addressProblem(name: "Ada Lovelace", lines: ["\(first)1 High Street", "SE1 7PB"]) == .firstCharacter)
        }
        #expect(NotifyRules.addressProblem(name: "=HYPERLINK()", lines: ["1 High Street", "SE1 7PB"]) == .firstCharacter)
        for nowhere in ["NFA", "n.f.a.", "No fixed abode", "no fixed address"] {
            #expect(NotifyRules.addressProblem(name: "Ada Lovelace", lines: [nowhere, "SE1 7PB"]) == .noFixedAbode)
        }
    }

    @Test func thePostcodeAlreadyGivenEndsTheAddress() {
        #expect(NotifyRules.completing(["Flat 2", "1 High Street"], postcode: "se17pb") == ["Flat 2", "1 High Street", "SE1 7PB"])
        #expect(NotifyRules.completing(["1 High Street", "se1 7pb"], postcode: "SE1 7PB") == ["1 High Street", "se1 7pb"], "already there")
        #expect(NotifyRules.completing(["1 High Street"], postcode: nil) == ["1 High Street"])
        #expect(NotifyRules.completing(["1 High Street"], postcode: "not one") == ["1 High Street"])
    }

    @Test func theContactFormSaysWhatNotifyWouldRefuse() {
        var errors = FormErrors()
        let letter = ContactWays(["letter", "email"]).validate(name: "Ada Lovelace", phone: "", email: "josé@example.com", address: "Flat 2\n1 High Street",
                                                                 postcode: "SE1 7PB", into: &errors)
        #expect(errors["email"]?.contains("only the letters a to z") == true)
        #expect(errors["address"] == nil && letter.address == "Flat 2\n1 High Street\nSE1 7PB")
        errors = FormErrors()
        _ = ContactWays(["letter"]).validate(name: "Ada Lovelace", phone: "", email: "", address: "NFA", postcode: nil, into: &errors)
        #expect(errors["address"]?.hasPrefix("We cannot post letters without an address") == true)
        errors = FormErrors()
        _ = ContactWays(["letter"]).validate(name: "Ada Lovelace", phone: "", email: "", address: "1 High Street\nLondon", postcode: nil, into: &errors)
        #expect(errors["address"] == "Put the postcode on the last line of the address, like SE1 7PB")
    }
}
