import Foundation
import Testing
@testable import OnrampCore

@Suite struct ResidentSearchKeysTests {
    @Test func foldsCaseAccentsAndLettersWithoutMarks() {
        #expect(ResidentSearchKeys.fold("José GARCÍA") == "jose garcia")
        #expect(ResidentSearchKeys.fold("Søren Łukasz Ærø Straße") == "soren lukasz aero strasse")
        #expect(ResidentSearchKeys.fold("Ｊｏｓｅ") == "jose", "full-width letters")
        #expect(ResidentSearchKeys.words("Mary-Jane  O'Neil") == ["mary", "jane", "oneil"])
        #expect(ResidentSearchKeys.words("Zoë D\u{2019}Arcy") == ["zoe", "darcy"])
    }

    @Test func storesEachDetailInTheFormSearchComparesIt() {
        let keys = ResidentSearchKeys(name: "José García", phone: "+447700900123", email: " José@Example.COM ", postcode: "SE1 7PB")
        #expect(keys.name == "jose garcia")
        #expect(keys.phone == "07700900123")
        #expect(keys.email == "jose@example.com")
        #expect(keys.postcode == "se1 7pb")
        let empty = ResidentSearchKeys(name: "", phone: "", email: nil, postcode: "  ")
        #expect(empty.phone == nil && empty.email == nil && empty.postcode == nil && empty.name.isEmpty)
    }

    @Test(arguments: ["+44 7700 900123", "07700 900123", "0044 7700 900123", "447700900123", "(07700) 900-123"])
    func phoneNumbersAreTheirNationalDigits(typed: String) {
        #expect(ResidentSearchKeys.phoneDigits(typed) == "07700900123")
    }
}

@Suite struct ResidentQueryTests {
    let jose = ResidentSearchKeys(name: "José García", phone: "+447700900123", email: "jose.garcia@example.com", postcode: "SE1 7PB")
    let born = CalendarDay(year: 1950, month: 12, day: 17)!

    func finds(_ typed: String, _ keys: ResidentSearchKeys? = nil) -> Bool {
        guard case .success(let query)? = ResidentQuery.parse(typed) else { return false }
        return (keys ?? jose).matches(query, dateOfBirth: born)
    }

    @Test(arguments: ["jose", "JOSÉ", "garc", "José García", "garcia jose", "  jose  ", "0770 090", "+447700900123", "07700900123", "900 123",
                      "SE1", "se1 7", "SE1 7PB", "se17pb", "SE17", "17/12/1950", "17 12 1950", "17-12-1950", "17.12.1950", "1950-12-17",
                      "17 December 1950", "17 dec 1950", "17th December 1950", "December 17, 1950", "JOSE.GARCIA@", "@example.com"])
    func findsJoseByAnyDetail(typed: String) {
        #expect(finds(typed), "\(typed)")
    }

    @Test(arguments: ["josef", "maria", "0770 091", "SE10", "SE1 8", "SE2", "18/12/1950", "17 November 1950", "maria@example.com"])
    func doesNotFindJoseByAnotherDetail(typed: String) {
        #expect(!finds(typed), "\(typed)")
    }

    @Test func readsEachKindOfDetail() {
        #expect(ResidentQuery.parse("17 December 1950") == .success(.dateOfBirth(born)))
        #expect(ResidentQuery.parse("17/12/1950") == .success(.dateOfBirth(born)))
        #expect(ResidentQuery.parse("0770 090") == .success(.phone("0770090")))
        #expect(ResidentQuery.parse("+44 7700") == .success(.phone("07700")))
        #expect(ResidentQuery.parse("SE1") == .success(.postcode(["se1 "])))
        #expect(ResidentQuery.parse("SE17") == .success(.postcode(["se17 ", "se1 7"])))
        #expect(ResidentQuery.parse("Mary-Jane O'Neil") == .success(.name(["mary", "jane", "oneil"])))
        #expect(ResidentQuery.parse("Jose@Example") == .success(.email("jose@example")))
        #expect(ResidentQuery.parse("   ") == nil)
        let reference = ReferenceNumber { _ in 3 }
        #expect(ResidentQuery.parse(reference.description.lowercased()) == .success(.reference(reference)))
        #expect(ResidentQuery.parse(reference.description, references: false) != .success(.reference(reference)))
    }

    @Test func saysWhyATextCannotBeSearched() {
        #expect(ResidentQuery.parse("31/02/1950") == .failure(.notARealDate))
        #expect(ResidentQuery.parse("17 Smarch 1950") == .failure(.unrecognised))
        #expect(ResidentQuery.parse("17/12/50") == .failure(.yearNotInFull))
        #expect(ResidentQuery.parse("077") == .failure(.tooFewDigits))
        #expect(ResidentQuery.parse("J") == .failure(.tooFewLetters))
        #expect(ResidentQuery.parse(String(repeating: "a", count: 101)) == .failure(.tooLong))
        for hostile in ["<script>alert(1)</script>", "' OR 1=1 --", "../../etc/passwd", "50%", "a_b", "Flat 3"] {
            #expect(ResidentQuery.parse(hostile) == .failure(.unrecognised), "\(hostile)")
        }
    }

    @Test func aReferenceIsFoundByItsCaseNotByTheseKeys() {
        let reference = ReferenceNumber { _ in 3 }
        #expect(!jose.matches(.reference(reference), dateOfBirth: born))
    }
}

@Suite struct ResidentMergePlanTests {
    let earlierID = UUID(), newerID = UUID(), laptop = UUID(), sim = UUID(), course = UUID()
    let then = Date(timeIntervalSince1970: 1_700_000_000), now = Date(timeIntervalSince1970: 1_760_000_000)

    var earlier: ResidentMergePlan.Record {
        .init(id: earlierID, details: ContactDetails(contactBy: "sms", contactWhen: "mornings", phone: "+447700900123", email: nil,
                                                     address: "1 Old Road\nLondon", postcode: "SE1 7PB", language: "english", accessNeeds: ""), givenAt: then)
    }
    var newer: ResidentMergePlan.Record {
        .init(id: newerID, details: ContactDetails(contactBy: "email", contactWhen: "evenings", phone: nil, email: "ada@example.com",
                                                   address: nil, postcode: "SE1 1AA", language: "welsh", accessNeeds: "large-print"), givenAt: now)
    }

    func request(_ offer: UUID, _ status: ReferralStatus, _ at: Date) -> ResidentMergePlan.Request {
        .init(id: UUID(), offerID: offer, status: status, createdAt: at)
    }

    @Test func keepsTheMostRecentDetailsAndFillsGapsFromTheOther() {
        let plan = ResidentMergePlan(earlier: earlier, newer: newer, requests: [])
        #expect(plan.details.contactBy == "email" && plan.details.contactWhen == "evenings" && plan.details.email == "ada@example.com")
        #expect(plan.details.language == "welsh" && plan.details.accessNeeds == "large-print")
        #expect(plan.details.phone == "+447700900123" && plan.sources[.phone] == .earlier, "the newer record gave no phone")
        #expect(plan.sources[.contactBy] == .newer && plan.givenAt == now)
        // The newer record gave a postcode: the place is theirs, and the old address does not come with it.
        #expect(plan.details.postcode == "SE1 1AA" && plan.details.address == nil && plan.sources[.address] == nil)
    }

    @Test func theMoreRecentlyGivenDetailsWinWhicheverRecordIsOlder() {
        let stale = ResidentMergePlan.Record(id: newerID, details: newer.details, givenAt: then.addingTimeInterval(-1))
        let updated = ResidentMergePlan.Record(id: earlierID, details: earlier.details, givenAt: now)
        let plan = ResidentMergePlan(earlier: updated, newer: stale, requests: [])
        #expect(plan.details.contactBy == "sms" && plan.details.address == "1 Old Road\nLondon" && plan.sources[.contactBy] == .earlier)
        #expect(plan.details.email == "ada@example.com" && plan.sources[.email] == .newer)
    }

    @Test func combinesOpenRequestsForTheSameOfferKeepingTheOneFurthestAlong() {
        let waiting = request(sim, .received, then), reached = request(sim, .contacted, now)
        let oldCourse = request(course, .received, then), newCourse = request(course, .received, now)
        let done = request(laptop, .fulfilled, then), open = request(laptop, .received, now)
        let plan = ResidentMergePlan(earlier: earlier, newer: newer, requests: [waiting, oldCourse, done, reached, newCourse, open])
        #expect(plan.combinations.count == 2)
        #expect(plan.combinations[0].kept == reached && plan.combinations[0].closed == [waiting], "the resident has been reached on that one")
        #expect(plan.combinations[1].kept == oldCourse && plan.combinations[1].closed == [newCourse], "the one waiting longest")
        #expect(plan.closing.count == 2 && !plan.closing.contains(open) && !plan.closing.contains(done), "only open requests combine")
    }

    @Test func theFingerprintChangesWithWhatWillHappen() {
        let waiting = request(sim, .received, then), other = request(sim, .received, now)
        let plan = ResidentMergePlan(earlier: earlier, newer: newer, requests: [waiting, other])
        #expect(plan.fingerprint == ResidentMergePlan(earlier: earlier, newer: newer, requests: [waiting, other]).fingerprint)
        let moved = ResidentMergePlan.Request(id: waiting.id, offerID: sim, status: .contacted, createdAt: then)
        #expect(plan.fingerprint != ResidentMergePlan(earlier: earlier, newer: newer, requests: [moved, other]).fingerprint)
        var changed = newer.details
        changed.email = "new@example.com"
        #expect(plan.fingerprint != ResidentMergePlan(earlier: earlier, newer: .init(id: newerID, details: changed, givenAt: now), requests: [waiting, other]).fingerprint)
    }
}
