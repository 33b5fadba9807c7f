import Fluent
import Foundation
import OnrampCore
import Testing
import Vapor
@testable import OnrampServer

/// A partner proposes, an editor decides, only approved versions are public, and services
/// that go unchecked are listed and their partner asked.
@Suite struct DirectoryEditingTests {
    static let wifi = DigitalInclusionTaxonomy.term(code: "free-wifi")!.id

    func proposal(named name: String, location: String, extra: [(String, String)] = []) -> [(String, String)] {
        [("name", name), ("description", "Free Wi-Fi for anyone, with staff to help you connect."), ("status", "active"),
         ("terms", Self.wifi), ("location", location), ("hours-monday", "09:00-17:00"), ("hours-saturday", "10:00 - 13:00"),
         ("phone", "020 7946 0100"), ("languages", "en"), ("languages", "pl")] + extra
    }

    @Test(arguments: TestDatabase.available)
    func aPartnersProposalIsPublicOnlyOnceAnEditorApprovesIt(db: TestDatabase) async throws {
        try await withTestApp(db) { app async throws in
            let place = try await Fixture.council("Southwark Council", on: app.db)
            _ = try await DemoDirectory.load(from: SharedData.directory, councilID: place.council.id!, now: Date(), on: app.db)
            let partner = try await Fixture.user(.partner, in: place.partner, on: app.db)
            let officer = try await Fixture.user(.officer, in: place.council, on: app.db)
            let library = try #require(try await DirectoryLocation.query(on: app.db).filter(\.$name == "Peckham Library").first()).id!.uuidString.lowercased()

            // The partner's form refuses what is missing or malformed, and keeps what was typed.
            let partnerBrowser = Browser(app)
            try await partnerBrowser.signIn(partner.email)
            #expect(try await partnerBrowser.get(SiteURL.manageDirectory.path).contains("Propose a new service"))
            let refused = try await partnerBrowser.post(SiteURL.proposeService.path, form: [("name", ""), ("status", "active"), ("hours-monday", "nine till five"), ("email", "nobody"), ("description", "Kept as typed")])
            #expect(refused.status == .unprocessableEntity)
            for message in ["Enter the name of the service", "Select at least one kind of help", "Monday hours must be like 09:00-17:00", "Enter an email address in the correct format"] {
                #expect(refused.contains(message), "\(message)")
            }
            #expect(refused.contains("Kept as typed") && refused.contains("value=\"nine till five\""))

            // A proposal is not public; an editor rejects it with a reason, and the partner is told.
            let sent = try await partnerBrowser.post(SiteURL.proposeService.path, form: proposal(named: "Wi-Fi at Peckham", location: library))
            #expect(sent.status == .seeOther)
            let first = try #require(try await DirectoryProposal.query(on: app.db).first())
            #expect(try await DirectoryService.find(first.serviceID, on: app.db) == nil)
            #expect(try await partnerBrowser.post(SiteURL.proposalDecision(.value(first.id!)).path, form: [("decision", "approve")]).status == .forbidden)

            let editor = Browser(app)
            try await editor.signIn(officer.email)
            let page = try await editor.get(SiteURL.proposal(.value(first.id!)).path)
            #expect(page.contains("New service") && page.contains("Monday: 9am to 5pm; Tuesday: closed") && page.contains("Polish"))
            let noReason = try await editor.post(SiteURL.proposalDecision(.value(first.id!)).path, form: [("decision", "reject"), ("reason", " ")])
            #expect(noReason.status == .unprocessableEntity && noReason.contains("Say why the proposal is rejected"))
            #expect(try await editor.post(SiteURL.proposalDecision(.value(first.id!)).path, form: [("decision", "reject"), ("reason", "Say which floor")]).status == .seeOther)
            let rejection = try #require(try await OutboxMessage.query(on: app.db).filter(\.$recipient == partner.email).first())
            #expect(rejection.body.contains("Say which floor"))
            #expect(try await editor.post(SiteURL.proposalDecision(.value(first.id!)).path, form: [("decision", "approve")]).contains("This proposal was already rejected"))

            // The partner puts it right from the rejected answers, without typing them again.
            let rejected = try await partnerBrowser.get(SiteURL.proposal(.value(first.id!)).path)
            let again = SiteURL.proposeService.path(query: [("from", first.id!.uuidString)])
            #expect(rejected.contains("Change it and send it again") && rejected.contains("href=\"\(again)\""))
            let refilled = try await partnerBrowser.get(again)
            #expect(refilled.contains("value=\"Wi-Fi at Peckham\"") && refilled.contains("value=\"09:00-17:00\""))

            // Proposed again and approved: public, looked after by the partner, checked today.
            _ = try await partnerBrowser.post(SiteURL.proposeService.path, form: proposal(named: "Wi-Fi at Peckham, ground floor", location: library))
            let second = try #require(try await DirectoryProposal.query(on: app.db).filter(\.$status == .pending).first())
            _ = try await editor.post(SiteURL.proposalDecision(.value(second.id!)).path, form: [("decision", "approve")])
            let published = try #require(try await DirectoryService.find(second.serviceID, on: app.db))
            #expect(published.ownerOrganisationID == place.partner.id && published.assuredOn == ORUKDates.day(Date()))
            let feed = try await editor.get("/openreferral/services/\(second.serviceID.uuidString.lowercased())")
            #expect(feed.status == .ok && feed.contains("Wi-Fi at Peckham, ground floor"))

            // A change shows beside what is published, and only the approved version is public.
            let form = try await partnerBrowser.get(SiteURL.proposeChange(.value(published.id!)).path)
            #expect(form.contains("value=\"Wi-Fi at Peckham, ground floor\"") && form.contains("value=\"09:00-17:00\""))
            _ = try await partnerBrowser.post(SiteURL.proposeChange(.value(published.id!)).path, form: proposal(named: "Wi-Fi at Peckham Library", location: library))
            let change = try #require(try await DirectoryProposal.query(on: app.db).filter(\.$status == .pending).first())
            let diff = try await editor.get(SiteURL.proposal(.value(change.id!)).path)
            #expect(diff.contains("Published now") && diff.contains("Name <strong class=\"app-changed\">changed</strong>"))
            #expect(try await editor.get("/openreferral/services/\(published.id!.uuidString.lowercased())").contains("ground floor"))
            _ = try await editor.post(SiteURL.proposalDecision(.value(change.id!)).path, form: [("decision", "approve")])
            #expect(try await editor.get("/openreferral/services/\(published.id!.uuidString.lowercased())").contains("Wi-Fi at Peckham Library"))
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action ~~ ["directory.proposed", "directory.approved", "directory.rejected"]).count() == 6)

            // Another partner can neither see the proposals nor change the service.
            let stranger = try await Fixture.user(.partner, email: "stranger@other.test", in: try await Fixture.council("Lambeth Council", on: app.db).partner, on: app.db)
            let other = Browser(app)
            try await other.signIn(stranger.email)
            #expect(try await other.get(SiteURL.proposal(.value(change.id!)).path).status == .notFound)
            #expect(try await other.get(SiteURL.proposeChange(.value(published.id!)).path).status == .notFound)
        }
    }

    @Test(arguments: TestDatabase.available)
    func servicesNotCheckedForSixMonthsAreListedAndTheirPartnerAsked(db: TestDatabase) async throws {
        try await withTestApp(db) { app async throws in
            let place = try await Fixture.council("Southwark Council", on: app.db)
            _ = try await DemoDirectory.load(from: SharedData.directory, councilID: place.council.id!, now: Date(), on: app.db)
            let partner = try await Fixture.user(.partner, in: place.partner, on: app.db)
            let officer = try await Fixture.user(.officer, in: place.council, on: app.db)
            let old = try #require(try await DirectoryService.query(on: app.db).filter(\.$name == "Example: Laptop loan scheme").first())
            old.assuredOn = "2025-01-31"
            old.ownerOrganisationID = place.partner.id
            try await old.update(on: app.db)

            let editor = Browser(app)
            try await editor.signIn(officer.email)
            let review = try await editor.get(SiteURL.reviewServices.path)
            #expect(review.contains("Example: Laptop loan scheme") && review.contains("2025-01-31"))
            #expect(!review.contains("Free Wi-Fi at Southwark libraries"))   // checked when the demo loaded it
            let asked = try await editor.post(SiteURL.askPartnerToCheck(.value(old.id!)).path, form: [])
            #expect(asked.contains("Asked 1 person at the partner to check"))
            #expect(try await OutboxMessage.query(on: app.db).filter(\.$recipient == partner.email).first()?.subject == "Please check your service in the directory")
            _ = try await editor.post(SiteURL.serviceChecked(.value(old.id!)).path, form: [])
            #expect(try await DirectoryService.find(old.id!, on: app.db)?.assuredOn == ORUKDates.day(Date()))
            #expect(!(try await editor.get(SiteURL.reviewServices.path).contains("Example: Laptop loan scheme")))

            let partnerBrowser = Browser(app)
            try await partnerBrowser.signIn(partner.email)
            #expect(try await partnerBrowser.get(SiteURL.reviewServices.path).status == .forbidden)

            // The daily reminder asks for each overdue service once a month, not every day.
            let another = try #require(try await DirectoryService.query(on: app.db).filter(\.$name == "Example: Free data SIMs").first())
            another.assuredOn = "2025-03-01"
            another.ownerOrganisationID = place.partner.id
            try await another.update(on: app.db)
            #expect(try await Proposals.remindOverdue(months: 6, on: app.db, now: Date()) == 1)
            #expect(try await Proposals.remindOverdue(months: 6, on: app.db, now: Date()) == 0)
            #expect(try await OutboxMessage.query(on: app.db).filter(\.$recipient == partner.email).count() == 2)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aCouncilAddsAKindOfHelpItsAreaNeeds(db: TestDatabase) async throws {
        try await withTestApp(db) { app async throws in
            let place = try await Fixture.council(on: app.db)
            let officer = try await Fixture.user(.officer, in: place.council, on: app.db)
            let partner = try await Fixture.user(.partner, in: place.partner, on: app.db)
            let learning = try #require(DigitalInclusionTaxonomy.term(code: "learning")).id
            let editor = Browser(app)
            try await editor.signIn(officer.email)

            let empty = try await editor.post(SiteURL.newTerm.path, form: [("name", ""), ("description", ""), ("parent", "")])
            #expect(empty.status == .unprocessableEntity && empty.contains("Enter the name of the kind of help") && empty.contains("Describe it in a sentence"))
            let taken = try await editor.post(SiteURL.newTerm.path, form: [("name", "free wi-fi"), ("description", "x"), ("parent", "")])
            #expect(taken.contains("There is already a kind of help called free wi-fi"))
            let added = try await editor.post(SiteURL.newTerm.path, form: [("name", "Help with video calls"), ("description", "Learn to make video calls to family and doctors."), ("parent", learning)])
            #expect(added.status == .seeOther)

            let term = try #require(try await DirectoryTerm.query(on: app.db).filter(\.$name == "Help with video calls").first())
            #expect(term.code == "help-with-video-calls" && term.parentID == UUID(uuidString: learning) && term.councilID == place.council.id)
            // The council's staff file services under it at once; the public search offers it once a live service is filed under it.
            #expect(try await editor.get(SiteURL.proposeService.path).contains("Help with video calls"))
            #expect(!(try await editor.get(SiteURL.directory.path).contains("help-with-video-calls")))
            let terms = try await editor.get("/openreferral/taxonomy_terms?parent_id=\(learning)")
            #expect(terms.contains("Help with video calls"))
            #expect(try await editor.get("/openreferral/taxonomies").contains("\"total_items\":2"))
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "directory.term-added").count() == 1)
            // Another council on the same deployment neither sees it nor is stopped from adding its own.
            let elsewhere = try await Fixture.council("Otherton Council", on: app.db)
            let otherEditor = Browser(app)
            try await otherEditor.signIn(try await Fixture.user(.officer, in: elsewhere.council, on: app.db).email)
            #expect(!(try await otherEditor.get(SiteURL.proposeService.path).contains("Help with video calls")))
            #expect(try await otherEditor.post(SiteURL.newTerm.path, form: [("name", "Help with video calls"), ("description", "Otherton's own."), ("parent", "")]).status == .seeOther)

            let partnerBrowser = Browser(app)
            try await partnerBrowser.signIn(partner.email)
            #expect(try await partnerBrowser.post(SiteURL.newTerm.path, form: [("name", "Other"), ("description", "x")]).status == .forbidden)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aPartnerProposesAServiceAtAPlaceNotYetInTheDirectory(db: TestDatabase) async throws {
        try await withTestApp(db) { app async throws in
            let place = try await Fixture.council("Southwark Council", on: app.db)
            _ = try await PlacesImport.run(.postcodes, path: SharedData.path("postcodes/codepoint_open_2025-10_se.csv"), localAuthorities: ["E09000028"], on: app.db, now: Date())
            let partner = try await Fixture.user(.partner, in: place.partner, on: app.db)
            let partnerBrowser = Browser(app)
            try await partnerBrowser.signIn(partner.email)

            // A place the directory does not have yet is typed in; its postcode must be known.
            let unknownPlace = try await partnerBrowser.post(SiteURL.proposeService.path, form: proposal(named: "Wi-Fi at the hall", location: "new", extra: [
                ("new-place-name", "Rye Lane Hall"), ("new-place-address", "1 Rye Lane"), ("new-place-postcode", "ZZ99 9ZZ"),
            ]))
            #expect(unknownPlace.status == .unprocessableEntity && unknownPlace.contains("We do not know the postcode ZZ99 9ZZ") && unknownPlace.contains("value=\"Rye Lane Hall\""))
            #expect(try await partnerBrowser.post(SiteURL.proposeService.path, form: proposal(named: "Wi-Fi at the hall", location: "new", extra: [
                ("new-place-name", "Rye Lane Hall"), ("new-place-address", "1 Rye Lane"), ("new-place-town", "London"), ("new-place-postcode", "se15 4st"),
            ])).status == .seeOther)
            let hall = try #require(try await DirectoryProposal.query(on: app.db).first().map { try $0.proposed() })
            #expect(hall.service_at_locations?.first?.location?.name == "Rye Lane Hall" && hall.service_at_locations?.first?.location?.latitude != nil)
        }
    }

    /// A national feed gives a council 100,000 services: its list and the list to check are
    /// paged, fifty a page, each service on exactly one page, with the count in the caption.
    @Test(arguments: TestDatabase.available)
    func theServiceListsArePaged(db: TestDatabase) async throws {
        try await withTestApp(db) { app async throws in
            let place = try await Fixture.council("Southwark Council", on: app.db)
            let services = (1...120).map { ORUK.Service(id: UUID().uuidString.lowercased(), organization_id: nil, name: String(format: "Bulk service %03d", $0), description: "Help") }
            try await DirectoryRecords.publish(services, councilID: place.council.id!, on: app.db, now: Date())
            // One checked long ago: after those never checked on the list to check, on both databases.
            let first = try #require(try await DirectoryService.query(on: app.db).filter(\.$name == "Bulk service 001").first())
            first.assuredOn = "2025-01-01"
            try await first.update(on: app.db)
            let editor = Browser(app)
            try await editor.signIn(try await Fixture.user(.officer, in: place.council, on: app.db).email)
            for (list, caption) in [(SiteURL.manageDirectory, "Published services (120)"), (SiteURL.reviewServices, "Not checked recently (120)")] {
                var seen: [String] = []
                for number in 1...3 {
                    let page = try await editor.get(list.path(query: [("page", String(number))]))
                    #expect(page.status == .ok && page.contains(caption) && page.contains("aria-label=\"Page 3\""), "\(list.path)")
                    let names = page.body.components(separatedBy: ">Bulk service ").dropFirst().map { String($0.prefix(3)) }
                    #expect(names.count == (number < 3 ? 50 : 20), "\(list.path) page \(number)")
                    seen += names
                }
                let order = list == .reviewServices ? Array(2...120) + [1] : Array(1...120)
                #expect(seen == order.map { String(format: "%03d", $0) }, "\(list.path): each once, in order")
            }
            // Marking one as checked on page 2 comes back to page 2.
            let second = try await editor.get(SiteURL.reviewServices.path(query: [("page", "2")]))
            let onSecond = try #require(try await DirectoryService.query(on: app.db).filter(\.$name == "Bulk service 060").first())
            let action = SiteURL.serviceChecked(.value(onSecond.id!)).path(query: [("page", "2")])
            #expect(second.contains("action=\"\(action)\""))
            let marked = try await editor.post(action, form: [])
            #expect(marked.status == .seeOther && marked.location == SiteURL.reviewServices.path(query: [("page", "2")]))
        }
    }
}
