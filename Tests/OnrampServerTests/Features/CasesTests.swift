import Fluent
import Foundation
import Testing
import Vapor
@testable import OnrampCore
@testable import OnrampServer

/// Casework over real HTTP: finding residents by any detail, merging two records of one
/// resident, and what the case and referral pages show an officer on the phone.
@Suite struct CasesTests {
    /// A case made as the triage makes one, for a resident with these details.
    @discardableResult
    static func ask(
        _ name: String, born: CalendarDay, phone: String? = nil, email: String? = nil, postcode: String? = nil, address: String? = nil,
        contactBy: String = "phone", when: [String] = ["any"], language: String = "english", access: [String] = ["none"],
        kinds: [OfferKind] = [.skillsCourse], offers: [HelpOffer], at now: Date = Date(), on db: any Database
    ) async throws -> HelpCase {
        let draft = try await TriageDrafts.start(councilID: offers[0].councilID, channel: .phone, staffUserID: nil, on: db)
        var answers = ExampleResidents.all[1].answers
        (answers["contact-by"], answers["contact-when"], answers["language"], answers["access-needs"]) = ([contactBy], when, [language], access)
        answers["postcode"] = postcode.flatMap(Postcode.normalise).map { [$0] } ?? []
        draft.triageAnswers = answers
        try await draft.save(on: db)
        let details = HelpRequestForm.Details(offerIDs: kinds.map { kind in offers.first { $0.kind == kind }!.id! }, name: name, dateOfBirth: born,
                                              phone: phone.flatMap(PhoneNumber.normalise), email: email, address: address)
        return try await CaseIntake.submit(draft: draft, details: details, offers: offers, actor: .commandLine, workingDays: WorkingDays(),
                                           random: { Int.random(in: 0..<$0) }, trackURL: "http://x/track", now: now, on: db)
    }

    static func offers(_ place: Fixture.Council, on db: any Database) async throws -> [HelpOffer] {
        try await HelpOffers.addStandard(councilID: place.council.id!, partner: { _ in place.partner.id! }, now: Date(), on: db)
    }

    static func search(_ browser: Browser, _ typed: String, page: Int? = nil) async throws -> Browser.Page {
        try await browser.get(SiteURL.cases.path(query: [("q", typed)] + (page.map { [("page", String($0))] } ?? [])))
    }

    /// Opens the confirmation page of a possible duplicate and confirms the merge it shows.
    static func confirmMerge(_ browser: Browser, _ duplicateID: UUID) async throws -> Browser.Page {
        let path = SiteURL.duplicateDecision(.value(duplicateID)).path
        let page = try await browser.get(path)
        let plan = try #require(page.body.firstMatch(of: #/name="plan" value="([0-9a-f]*)"/#)).output.1
        return try await browser.post(path, form: [("decision", "merge"), ("plan", String(plan))])
    }

    // MARK: Search

    @Test(arguments: TestDatabase.available)
    func officersFindResidentsByAnyDetailWithinTheirCouncil(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            // Setup: two residents here, and one elsewhere with José's details.
            let place = try await Fixture.council(on: app.db), other = try await Fixture.council("Elsewhere Council", on: app.db)
            let offers = try await Self.offers(place, on: app.db), elsewhere = try await Self.offers(other, on: app.db)
            let born = CalendarDay(year: 1950, month: 12, day: 17)!
            let jose = try await Self.ask("José García", born: born, phone: "07700 900123", email: "Jose.Garcia@example.com", postcode: "SE1 7PB", offers: offers, on: app.db)
            try await Self.ask("Mary-Jane O'Neil", born: CalendarDay(year: 1962, month: 3, day: 4)!, phone: "07800 900999", postcode: "SE17 2AB", offers: offers, on: app.db)
            try await Self.ask("José Elsewhere", born: born, phone: "07700 900123", email: "jose.garcia@example.com", postcode: "SE1 7PB", offers: elsewhere, on: app.db)
            let officerUser = try await Fixture.user(.officer, in: place.council, on: app.db)
            let officer = Browser(app)
            try await officer.signIn(officerUser.email)

            // Action and check: each detail, partly typed, finds José here and nobody elsewhere.
            for typed in ["jose", "JOSÉ GARC", "garcía", "0770 090", "+447700900123", "SE1", "se1 7pb", "17/12/1950", "17 12 1950", "17 December 1950", "Jose.Garcia@EXAMPLE"] {
                let page = try await Self.search(officer, typed)
                #expect(page.status == .ok, "\(typed)")
                #expect(page.contains("José García") && page.contains("1 resident found"), "\(typed) did not find José")
                #expect(!page.contains("José Elsewhere") && !page.contains("Mary-Jane"), "\(typed) found someone else")
                #expect(page.contains(SiteURL.helpCase(.value(jose.id!)).path), "\(typed): the result links to the case")
            }
            let district = try await Self.search(officer, "SE17")
            #expect(district.contains("José García") && district.contains("Mary-Jane") && district.contains("postcodes starting \u{201C}SE17\u{201D} or \u{201C}SE1 7\u{201D}"))
            #expect(try await Self.search(officer, "o\u{2019}neil").contains("Mary-Jane"))

            // The reference search still works, by its old name too.
            for found in [try await Self.search(officer, jose.referenceNumber.description.lowercased()),
                          try await officer.get(SiteURL.cases.path(query: [("reference", jose.reference)]))] {
                #expect(found.status == .seeOther && found.location == SiteURL.helpCase(.value(jose.id!)).path)
            }
            let theirs = try #require(try await HelpCase.query(on: app.db).filter(\.$councilID == other.council.id!).first())
            let notHere = try await Self.search(officer, theirs.referenceNumber.description)
            #expect(notHere.status == .unprocessableEntity && notHere.contains("No case has the reference \(theirs.referenceNumber.description)"))

            // Nobody found, and what cannot be searched for, say so.
            let nobody = try await Self.search(officer, "Zebedee")
            #expect(nobody.status == .ok && nobody.contains("No residents match") && nobody.contains("names containing \u{201C}zebedee\u{201D}"))
            for (typed, message) in [("31/02/1950", "Date of birth must be a real date, like 17/12/1950"), ("17/12/50", "Enter the year of birth in full"),
                                     ("<script>", "Enter a name, a date of birth like 17/12/1950"), ("07", "Enter at least 4 digits of a phone number")] {
                let refused = try await Self.search(officer, typed)
                #expect(refused.status == .unprocessableEntity && refused.contains("govuk-error-summary") && refused.contains(message), "\(typed)")
                #expect(refused.contains("href=\"#q\""), "the error summary links to the search box")
            }
            #expect(try await Self.search(officer, "<script>").contains("value=\"&lt;script&gt;\""), "what was typed is kept")

            // Who saw which resident is in the audit log, without what was typed.
            let josesViews = try await ResidentView.query(on: app.db).filter(\.$residentID == jose.residentID).all()
            let events = try await AuditEvent.query(on: app.db).filter(\.$id ~~ Set(josesViews.map(\.auditEventID))).all()
            #expect(events.filter { $0.summary.hasPrefix("Viewed a search of residents") }.count >= 11)
            #expect(events.allSatisfy { $0.actorID == officerUser.id && !$0.summary.contains("jose") })
        }
    }

    @Test(arguments: TestDatabase.available)
    func searchResultsComeAPageAtATime(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db)
            let offers = try await Self.offers(place, on: app.db)
            let letters = (0..<23).map { String(UnicodeScalar(65 + $0)!) }
            for (index, letter) in letters.enumerated() {
                try await Self.ask("Pat Tester \(letter)", born: CalendarDay(year: 1980, month: 1, day: index + 1)!, offers: offers, on: app.db)
            }
            let officer = Browser(app)
            try await officer.signIn(try await Fixture.user(.officer, in: place.council, on: app.db).email)
            let first = try await Self.search(officer, "pat tester")
            #expect(first.contains("23 residents found") && first.contains("Pat Tester A") && first.contains("Pat Tester T") && !first.contains("Pat Tester U"))
            #expect(first.contains("q=pat%20tester&amp;page=2") || first.contains("q=pat%20tester&page=2"), "the next page keeps the search")
            let second = try await Self.search(officer, "pat tester", page: 2)
            #expect(second.contains("Pat Tester U") && second.contains("Pat Tester W") && !second.contains("Pat Tester A<"))
            #expect(try await Self.search(officer, "pat tester", page: 99).contains("Pat Tester W"), "a page past the end is the last")
        }
    }

    @Test(arguments: TestDatabase.available)
    func residentsRecordedBeforeSearchAreFoundToo(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db)
            let offers = try await Self.offers(place, on: app.db)
            let made = Date(timeIntervalSince1970: 1_750_000_000)
            let chloe = try await Self.ask("Chloé Brontë", born: CalendarDay(year: 1941, month: 5, day: 6)!, phone: "020 7946 0000", postcode: "SE1 7PB", offers: offers, at: made, on: app.db)
            // As the record was before this migration: the columns taken away, then the migration
            // run (on one connection, as the migrator does, so no other sees the schema half-changed).
            try await app.db.transaction { tx in
                try await AddResidentSearchKeys().revert(on: tx)
                try await AddResidentSearchKeys().prepare(on: tx)
            }
            let resident = try #require(try await Resident.query(on: app.db).filter(\.$id == chloe.residentID).first())
            #expect(resident.searchName == "chloe bronte" && resident.searchPhone == "02079460000" && resident.searchPostcode == "se1 7pb")
            #expect(resident.detailsGivenAt.map { abs($0.timeIntervalSince(made)) < 1 } == true)
            let officer = Browser(app)
            try await officer.signIn(try await Fixture.user(.officer, in: place.council, on: app.db).email)
            for typed in ["chloe bronte", "BRONTË", "7946 0000", "6 May 1941"] {
                #expect(try await Self.search(officer, typed).contains("Chloé Brontë"), "\(typed)")
            }
        }
    }

    // MARK: Merging

    @Test(arguments: TestDatabase.available)
    func mergingShowsWhatWillHappenThenCombinesRequestsAndKeepsTheNewestDetails(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            // Setup: one person asked twice, a day apart, with a new address and new preferences
            // the second time and a mistyped date of birth (so matched on the phone alone). Both
            // times for free data; the first request has been taken up by the partner.
            let place = try await Fixture.council(on: app.db)
            let offers = try await Self.offers(place, on: app.db)
            let sim = offers.first { $0.kind == .dataSIM }!
            let first = try await Self.ask("Ada Example", born: CalendarDay(year: 2005, month: 4, day: 3)!, phone: "07700 900123", postcode: "SE1 7PB", address: "1 Old Road",
                                           contactBy: "sms", when: ["mornings"], kinds: [.dataSIM, .skillsCourse], offers: offers, at: Date().addingTimeInterval(-2 * 86_400), on: app.db)
            let second = try await Self.ask("Ada Example", born: CalendarDay(year: 2005, month: 4, day: 4)!, phone: "07700 900123", email: "ada@example.com", postcode: "SE1 1AA",
                                            address: "2 New Road", contactBy: "email", when: ["evenings"], language: "welsh", access: ["large-print"],
                                            kinds: [.dataSIM, .deviceLoan], offers: offers, at: Date().addingTimeInterval(-86_400), on: app.db)
            let firstSIM = try #require(try await Referral.query(on: app.db).filter(\.$caseID == first.id!).filter(\.$offerID == sim.id!).first())
            #expect(try await ReferralMoves.move(firstSIM, to: .contacted, reason: "", outcome: nil, actor: .commandLine, trackURL: "", now: Date(), on: app.db) == nil)
            let secondSIM = try #require(try await Referral.query(on: app.db).filter(\.$caseID == second.id!).filter(\.$offerID == sim.id!).first())
            let duplicate = try #require(try await PossibleDuplicate.query(on: app.db).first())
            #expect(duplicate.matchedOn == "phone number")
            let stock = try #require(try await HelpOffer.find(sim.id, on: app.db)?.available)
            let officer = Browser(app), partner = Browser(app)
            try await officer.signIn(try await Fixture.user(.officer, in: place.council, on: app.db).email)
            try await partner.signIn(try await Fixture.user(.partner, in: place.partner, on: app.db).email)
            func simRequestsInQueue() async throws -> Int { try await partner.get(SiteURL.referrals.path).body.components(separatedBy: sim.name).count - 1 }
            #expect(try await simRequestsInQueue() == 2)

            // Action: the officer opens the check. Check: it says what will happen, and nothing changes.
            func residents() async throws -> [String] { try await Resident.query(on: app.db).sort(\.$createdAt).all().map { "\($0.name)|\($0.contactBy)|\($0.email ?? "")|\($0.mergedIntoID.map(\.uuidString) ?? "")" } }
            let before = (try await residents(), try await Referral.query(on: app.db).all().map(\.status))
            let path = SiteURL.duplicateDecision(.value(duplicate.id!)).path
            let check = try await officer.get(path)
            #expect(check.status == .ok && check.contains("Check before you merge these records") && check.contains("Nothing changes until you confirm"))
            #expect(check.contains("3 April 2005") && check.contains("4 April 2005") && check.contains(first.referenceNumber.description) && check.contains(second.referenceNumber.description))
            #expect(check.contains("2 New Road") && check.contains("Welsh") && check.contains("Large print") && check.contains("Evenings"))
            #expect(check.contains("Requests combined") && check.contains("Closed as a duplicate") && check.contains(sim.name))
            #expect(try await residents() == before.0)
            #expect(try await Referral.query(on: app.db).all().map(\.status) == before.1)
            #expect(try await PossibleDuplicate.find(duplicate.id, on: app.db)?.decision == .open)

            // A confirmation of a plan that no longer holds changes nothing.
            let stale = try await officer.post(path, form: [("decision", "merge"), ("plan", "0")])
            #expect(stale.status == .unprocessableEntity && stale.contains("These records changed after you opened this page") && stale.contains("href=\"#what-will-happen\""))
            #expect(try await residents() == before.0)
            #expect(try await PossibleDuplicate.find(duplicate.id, on: app.db)?.decision == .open)

            // Action: confirm.
            let merged = try await Self.confirmMerge(officer, duplicate.id!)
            #expect(merged.status == .seeOther && merged.location == SiteURL.duplicates.path(query: [("done", "merged")]))
            #expect(try await officer.get(merged.location!).contains("The records have been merged"))

            // Check: every case on the earlier record, the contacted request kept and the other closed into it.
            #expect(Set(try await HelpCase.query(on: app.db).all().map(\.residentID)) == [first.residentID])
            #expect(try await Referral.unscoped(firstSIM.id, on: app.db)?.status == .contacted)
            #expect(try await Referral.unscoped(secondSIM.id, on: app.db)?.status == .closed)
            #expect(try await Referral.query(on: app.db).filter(\.$status != .closed).count() == 3, "the course and the laptop stay open")
            let closedLine = try await CaseEvent.query(on: app.db).filter(\.$referralID == secondSIM.id!).all().map(\.text)
            #expect(closedLine.contains { $0.contains("Combined with the same request on case \(first.referenceNumber.description)") })
            #expect(try await simRequestsInQueue() == 1, "the partner sees the request once")
            #expect(try await HelpOffer.find(sim.id, on: app.db)?.available == stock + 1, "the closed request's SIM goes back into stock")

            // The most recent contact details and preferences; the earlier name and date of birth.
            let kept = try #require(try await Resident.query(on: app.db).filter(\.$id == first.residentID).first())
            #expect(kept.contactBy == "email" && kept.contactWhen == "evenings" && kept.email == "ada@example.com" && kept.phone == "+447700900123")
            #expect(kept.address == "2 New Road" && kept.postcode == "SE1 1AA" && kept.language == "welsh" && kept.accessNeeds == "large-print")
            #expect(kept.dateOfBirth == "2005-04-03" && kept.mergedIntoID == nil && kept.searchPostcode == "se1 1aa")
            let casePage = try await officer.get(SiteURL.helpCase(.value(first.id!)).path)
            #expect(casePage.contains("2 New Road") && casePage.contains("Welsh") && casePage.contains("Large print") && casePage.contains("Evenings"))
            let audit = try #require(try await AuditEvent.query(on: app.db).filter(\.$action == AuditAction.residentsMerged.rawValue).first())
            #expect(audit.recordID == first.residentID.uuidString && audit.summary.contains("duplicate requests closed: 1"))

            // Both references still open at /track with the details each time the resident gave.
            let tracker = Browser(app)
            _ = try await tracker.get(SiteURL.track.path)
            for (reference, postcode, day) in [(first.reference, "SE1 7PB", "3"), (second.reference, "SE1 1AA", "4")] {
                #expect(try await tracker.post(SiteURL.track.path, form: [("reference", reference), ("postcode", postcode)]).status == .ok, "\(reference) \(postcode)")
                #expect(try await tracker.post(SiteURL.track.path, form: [("reference", reference), ("dob-day", day), ("dob-month", "4"), ("dob-year", "2005")]).status == .ok)
            }
            // The newer reference's SIM request was combined: /track sends the resident to the one that carries on.
            let newerTrack = try await tracker.post(SiteURL.track.path, form: [("reference", second.reference), ("postcode", "SE1 1AA")])
            #expect(newerTrack.contains("Carried on under your other reference") && newerTrack.contains("Check reference \(first.referenceNumber.description)"))
            #expect(try await Referral.unscoped(secondSIM.id, on: app.db)?.combinedIntoID == firstSIM.id)

            // The check is decided: shown as such, and a second confirmation does nothing.
            #expect(try await officer.get(path).contains("These records have been merged"))
            #expect(try await officer.post(path, form: [("decision", "merge"), ("plan", "")]).location == SiteURL.duplicates.path(query: [("done", "decided")]))
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == AuditAction.residentsMerged.rawValue).count() == 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func threeRecordsOfOnePersonBecomeOne(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            // Setup: the same person three times, so three checks: second-first, third-first, third-second.
            let place = try await Fixture.council(on: app.db)
            let offers = try await Self.offers(place, on: app.db)
            var cases: [HelpCase] = []
            for day in 1...3 {
                cases.append(try await Self.ask("Ola Three", born: CalendarDay(year: 1990, month: 1, day: day)!, phone: "07700 900456", offers: offers,
                                                at: Date().addingTimeInterval(Double(day - 4) * 86_400), on: app.db))
            }
            #expect(try await PossibleDuplicate.query(on: app.db).filter(\.$decision == .open).count() == 3)
            let officer = Browser(app)
            try await officer.signIn(try await Fixture.user(.officer, in: place.council, on: app.db).email)

            // Action: merge the second into the first. Check: the third's two checks are now one.
            let first = try #require(try await PossibleDuplicate.query(on: app.db).filter(\.$residentID == cases[1].residentID).first())
            #expect(try await Self.confirmMerge(officer, first.id!).status == .seeOther)
            let open = try await PossibleDuplicate.query(on: app.db).filter(\.$decision == .open).all()
            #expect(open.count == 1 && open.allSatisfy { Set([$0.residentID, $0.existingID]) == [cases[2].residentID, cases[0].residentID] })

            // Action: merge that one. Check: one record, three cases, every skills course request combined into the first.
            #expect(try await Self.confirmMerge(officer, open[0].id!).status == .seeOther)
            #expect(Set(try await HelpCase.query(on: app.db).all().map(\.residentID)) == [cases[0].residentID])
            #expect(try await Referral.query(on: app.db).filter(\.$status != .closed).all().map(\.caseID) == [cases[0].id!])
            #expect(try await PossibleDuplicate.query(on: app.db).filter(\.$decision == .open).count() == 0)
            let found = try await Self.search(officer, "ola three")
            #expect(found.contains("1 resident found") && found.contains(cases[2].referenceNumber.description), "one resident, with every case")
        }
    }

    @Test(arguments: TestDatabase.available)
    func differentPeopleAreKeptApart(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db)
            let offers = try await Self.offers(place, on: app.db)
            // A parent and child sharing a phone, both after a skills course.
            try await Self.ask("Sam Parent", born: CalendarDay(year: 1970, month: 1, day: 1)!, phone: "07700 900123", offers: offers, on: app.db)
            try await Self.ask("Sam Child", born: CalendarDay(year: 2008, month: 1, day: 1)!, phone: "07700 900123", offers: offers, on: app.db)
            let duplicate = try #require(try await PossibleDuplicate.query(on: app.db).first())
            let officer = Browser(app)
            try await officer.signIn(try await Fixture.user(.officer, in: place.council, on: app.db).email)
            let list = try await officer.get(SiteURL.duplicates.path)
            #expect(list.contains("Same person: check and merge") && list.contains("Different people: keep apart"))
            let apart = try await officer.post(SiteURL.duplicateDecision(.value(duplicate.id!)).path, form: [("decision", "keep-apart")])
            #expect(apart.location == SiteURL.duplicates.path(query: [("done", "kept-apart")]))
            #expect(try await PossibleDuplicate.find(duplicate.id, on: app.db)?.decision == .keptApart)
            #expect(try await Referral.query(on: app.db).filter(\.$status == .closed).count() == 0)
            #expect(try await Resident.query(on: app.db).filter(\.$mergedIntoID != nil).count() == 0)
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == AuditAction.duplicateKeptApart.rawValue).count() == 1)
        }
    }

    // MARK: The case and referral pages

    @Test(arguments: TestDatabase.available)
    func theCasePageSaysHowToReachTheResidentAndAMoveSaysItWasSaved(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db)
            let offers = try await Self.offers(place, on: app.db)
            let helpCase = try await Self.ask("Lena Kowalska", born: CalendarDay(year: 1948, month: 2, day: 9)!, postcode: "SE1 7PB", address: "Flat 3\n1 Test Street\nLondon",
                                              contactBy: "letter", when: ["mornings", "evenings"], language: "polish", access: ["large-print", "interpreter"],
                                              offers: offers, on: app.db)
            let officer = Browser(app)
            try await officer.signIn(try await Fixture.user(.officer, in: place.council, on: app.db).email)
            let page = try await officer.get(SiteURL.helpCase(.value(helpCase.id!)).path)
            #expect(page.contains("Flat 3\n1 Test Street") && page.contains("Best time to contact") && page.contains("Mornings, Evenings"))
            #expect(page.contains("Polish") && page.contains("Large print, An interpreter"))
            let profile = NeedsProfile(ExampleResidents.all[1].answers)
            #expect(page.contains("On the digital inclusion scale (1 to 9) they are at <strong>\(profile.scale): \(profile.scaleLabel)</strong>"))

            let referral = try #require(try await Referral.query(on: app.db).filter(\.$caseID == helpCase.id!).first())
            let path = SiteURL.referral(.value(referral.id!)).path
            #expect(!(try await officer.get(path).contains("govuk-notification-banner")))
            let moved = try await officer.post(SiteURL.referralStatus(.value(referral.id!)).path, form: [("status", "contacted")])
            #expect(moved.status == .seeOther && moved.location == path + "?saved=status")
            let saved = try await officer.get(moved.location!)
            #expect(saved.contains("govuk-notification-banner--success") && saved.contains("Status saved: Contacted"))
            let noted = try await officer.post(SiteURL.referralNote(.value(referral.id!)).path, form: [("note", "Posted a large-print letter")])
            #expect(try await officer.get(noted.location ?? "").contains("Note added to the timeline"))
            #expect(!(try await officer.get(path + "?saved=%3Cscript%3E").contains("govuk-notification-banner")), "only Onramp's own words")
        }
    }
}
