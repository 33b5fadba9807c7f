import Fluent
import Foundation
import Testing
@testable import OnrampCore
@testable import OnrampServer

/// Moves and re-routes written against the status the person saw: when two people act on one
/// referral at once, the second is refused and nothing of theirs is kept.
@Suite struct ReferralMovesTests {
    @Test(arguments: TestDatabase.available)
    func twoPeopleActingOnOneReferralCannotBothSucceed(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            // Setup: one referral, loaded by two people.
            let place = try await Fixture.council(on: app.db)
            let help = try await Fixture.helpCase(place, on: app.db)
            let mine = try #require(try await Referral.unscoped(help.referralID, on: app.db))
            let theirs = try #require(try await Referral.unscoped(help.referralID, on: app.db))
            let move = { (referral: Referral, status: ReferralStatus) in
                try await ReferralMoves.move(referral, to: status, reason: "Moved back", outcome: nil, actor: .commandLine, trackURL: "", now: Date(), on: app.db)
            }

            // Action and check: a status move.
            #expect(try await move(mine, .contacted) == nil)
            #expect(try await move(theirs, .contacted) == .changedMeanwhile)
            #expect(try await move(mine, .declined) == nil)

            // Action and check: a re-route, twice from the same page.
            let other = Organisation(councilID: place.council.id!, name: "Another charity", type: .charity)
            try await other.create(on: app.db)
            let first = try #require(try await Referral.unscoped(help.referralID, on: app.db))
            let second = try #require(try await Referral.unscoped(help.referralID, on: app.db))
            let reroute = { (referral: Referral) in
                try await ReferralMoves.reroute(referral, to: other, actor: .commandLine, workingDays: WorkingDays(), trackURL: "", now: Date(), on: app.db)
            }
            guard case .success(let next) = try await reroute(first) else { Issue.record("the first re-route was refused"); return }
            #expect(next.organisationID == other.id && next.status == .received)
            guard case .failure(let refusal) = try await reroute(second) else { Issue.record("the second re-route went through"); return }
            #expect(refusal == .changedMeanwhile)
            #expect(try await Referral.query(on: app.db).filter(\.$caseID == help.caseID).filter(\.$organisationID == other.id!).count() == 1)
        }
    }
}
