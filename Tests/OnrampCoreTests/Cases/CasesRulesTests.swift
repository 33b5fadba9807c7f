import Foundation
import Testing
@testable import OnrampCore

@Suite struct WorkingDaysTests {
    let days = WorkingDays()

    @Test func skipsWeekendsAndBankHolidays() {
        // Friday 18 December 2026 + 5 working days: 21, 22, 23, 24 (Thu), then 25 and 28 are holidays, 29.
        #expect(days.adding(5, to: CalendarDay(year: 2026, month: 12, day: 18)!) == CalendarDay(year: 2026, month: 12, day: 29)!)
        // Thursday 2 April 2026: Good Friday and Easter Monday skipped.
        #expect(days.adding(1, to: CalendarDay(year: 2026, month: 4, day: 2)!) == CalendarDay(year: 2026, month: 4, day: 7)!)
        #expect(days.adding(0, to: CalendarDay(year: 2026, month: 11, day: 22)!) == CalendarDay(year: 2026, month: 11, day: 22)!)
        #expect(days.count(from: CalendarDay(year: 2026, month: 12, day: 24)!, to: CalendarDay(year: 2026, month: 12, day: 29)!) == 1)
    }

    @Test func extendsFromGovUKJSON() throws {
        let json = #"{"england-and-wales": {"division": "england-and-wales", "events": [{"title": "Extra", "date": "2028-01-03", "notes": "", "bunting": true}]}, "scotland": {"division": "scotland", "events": []}}"#
        let extended = try days.adding(govUKJSON: Data(json.utf8))
        #expect(days.isWorkingDay(CalendarDay(year: 2028, month: 1, day: 3)!))
        #expect(!extended.isWorkingDay(CalendarDay(year: 2028, month: 1, day: 3)!))
    }
}

@Suite struct ReferenceNumberTests {
    @Test func readsBackWhatItWrites() {
        var seed = 7
        let reference = ReferenceNumber { bound in seed = (seed * 31 + 11) % 9973; return seed % bound }
        #expect(reference.value.count == 9)
        #expect(ReferenceNumber(typed: reference.description) == reference)
        #expect(ReferenceNumber(typed: reference.description.lowercased().replacingOccurrences(of: "-", with: " ")) == reference)
        // One Onramp did not make (an import's, a load test's) is shown as stored; one it made, as always.
        #expect(ReferenceNumber(stored: "G00000001").description == "G000-0000-1" && ReferenceNumber(stored: "X1").description == "X1" && ReferenceNumber(stored: "").description == "")
        #expect(ReferenceNumber(stored: reference.value.lowercased()) == reference)
    }

    @Test func catchesEverySingleWrongCharacterAndNeighbourSwaps() {
        let reference = ReferenceNumber { _ in 5 }
        let characters = Array(reference.value)
        var missed = 0
        for index in characters.indices {
            for replacement in ReferenceNumber.alphabet where replacement != characters[index] {
                var typo = characters
                typo[index] = replacement
                if ReferenceNumber(typed: String(typo)) != nil { missed += 1 }
            }
        }
        #expect(missed == 0)
        let varied = ReferenceNumber(typed: "34679ACD" + String(ReferenceNumber.checkCharacter(for: "34679ACD")))!
        var swapsMissed = 0
        for index in 0..<7 {
            var swapped = Array(varied.value)
            swapped.swapAt(index, index + 1)
            if ReferenceNumber(typed: String(swapped)) != nil { swapsMissed += 1 }
        }
        #expect(swapsMissed == 0)
        #expect(ReferenceNumber(typed: "O0I1L5S2Z") == nil, "look-alikes are not in the alphabet")
    }
}

@Suite struct ResidentIdentityTests {
    @Test(arguments: [
        ("07700 900123", "+447700900123"), ("+44 7700 900123", "+447700900123"), ("0044 7700 900123", "+447700900123"),
        ("020 7946 0000", "+442079460000"), ("(020) 7946-0000", "+442079460000"),
    ])
    func phoneNumbersNormalise(raw: String, expected: String) {
        #expect(PhoneNumber.normalise(raw) == expected)
    }

    @Test(arguments: ["12345", "07700 90012", "+1 202 555 0100", "call me"])
    func badPhoneNumbersAreRefused(raw: String) {
        #expect(PhoneNumber.normalise(raw) == nil)
    }

    @Test func matchesOnNameBirthAndPostcodeOrPhoneOrEmail() {
        let born = CalendarDay(year: 1950, month: 2, day: 3)!
        let a = ResidentIdentity(name: "Mary-Jane O'Neil", dateOfBirth: born, postcode: "SE1 7PB", phone: "+447700900123", email: "MJ@Example.com ")
        let b = ResidentIdentity(name: "mary jane oneil", dateOfBirth: born, postcode: "SE17PB", phone: nil, email: "mj@example.com")
        #expect(a.matches(b) == ["name, date of birth and postcode", "email address"])
        let c = ResidentIdentity(name: "Someone Else", dateOfBirth: born, postcode: "SE1 7PB", phone: "+447700900123", email: nil)
        #expect(a.matches(c) == ["phone number"])
        #expect(PhoneNumber.display("+447700900123") == "07700 900123")
        #expect(PhoneNumber.display("+442075255000") == "020 7525 5000" && PhoneNumber.display("+443001234567") == "0300 123 4567")
        // Whatever is stored, a short number is shown as it is, never a crash.
        #expect(PhoneNumber.display("+441") == "01" && PhoneNumber.display("+44") == "0")
    }
}
