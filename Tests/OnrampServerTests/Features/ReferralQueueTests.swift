import Fluent
import Foundation
import Testing
@testable import OnrampCore
@testable import OnrampServer

/// The work queue's query, without HTTP: who sees what, in what order, and the capped count.
@Suite struct ReferralQueueTests {
    @Test(arguments: TestDatabase.available)
    func partnersSeeTheirOwnOpenReferralsMostUrgentFirst(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            // Setup: three referrals to the partner, due on different days, one of them closed.
            let place = try await Fixture.council(on: app.db)
            let help = try await Fixture.helpCase(place, on: app.db)
            let first = try #require(try await Referral.unscoped(help.referralID, on: app.db))
            for (due, status) in [("2026-11-30", ReferralStatus.contacted), ("2026-11-01", .received), ("2026-10-01", .closed)] {
                let referral = Referral()
                (referral.councilID, referral.caseID, referral.offerID, referral.organisationID) = (first.councilID, first.caseID, first.offerID, place.partner.id!)
                (referral.status, referral.contactDue, referral.createdAt, referral.updatedAt, referral.quantity) = (status, due, Date(), Date(), 1)
                try await referral.create(on: app.db)
            }
            let partnerScope = Scope(councilID: place.council.id!, organisationID: place.partner.id!)
            let today = CalendarDay(year: 2026, month: 11, day: 22)!

            // Action and check
            let open = try await ReferralQueue.page(partnerScope, filter: QueueFilter(), page: 1, today: today, on: app.db)
            #expect(open.rows.map(\.referral.contactDue) == ["2026-11-01", "2026-11-30"])
            #expect(!open.isCapped && open.paging.totalItems == 2)
            let overdue = try await ReferralQueue.page(partnerScope, filter: QueueFilter(overdueOnly: true), page: 1, today: today, on: app.db)
            #expect(overdue.rows.map(\.referral.contactDue) == ["2026-11-01"])
            let closed = try await ReferralQueue.page(partnerScope, filter: QueueFilter(status: .closed), page: 1, today: today, on: app.db)
            #expect(closed.rows.count == 1)
            let council = try await ReferralQueue.page(Scope(councilID: place.council.id!, organisationID: nil), filter: QueueFilter(), page: 1, today: today, on: app.db)
            #expect(council.rows.count == 3, "the council sees its own referral too")
            let capped = try await ReferralQueue.page(Scope(councilID: place.council.id!, organisationID: nil), filter: QueueFilter(), page: 1, today: today, countLimit: 2, on: app.db)
            #expect(capped.isCapped && capped.paging.totalItems == 2)
            // A reference read out on the phone finds the case's referrals in any status, typed however.
            let reference = try #require(try await HelpCase.unscoped(help.caseID, on: app.db)).referenceNumber.description
            let typed = reference.lowercased().replacingOccurrences(of: "-", with: " ")
            let found = try await ReferralQueue.page(partnerScope, filter: QueueFilter(reference: ReferenceNumber(typed: typed)?.value, typedReference: typed), page: 1, today: today, on: app.db)
            #expect(found.rows.map(\.referral.status) == [.closed, .received, .contacted], "the closed one too; not the council's own")
            let wrong = try await ReferralQueue.page(partnerScope, filter: QueueFilter(reference: nil, typedReference: "ABCD"), page: 1, today: today, on: app.db)
            #expect(wrong.rows.isEmpty)
        }
    }
}
