import Fluent
import Foundation
import SQLKit
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
            for (due, status) in [("2026-11-30", ReferralStatus.contacted), ("2026-11-01", .received), ("2026-10-01", .closed)] {
                _ = try await Fixture.referral(nil, alongside: help.referralID, organisationID: place.partner.id!, status: status, due: due, on: app.db)
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

    /// Referrals made together share a deadline and a time: the queue still gives each one place,
    /// by id, so that paging through it shows every referral once, however it is narrowed.
    @Test(arguments: TestDatabase.available)
    func referralsMadeTogetherHaveOnePlaceEach(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db)
            let help = try await Fixture.helpCase(place, on: app.db)
            let made = Date(timeIntervalSince1970: 1_796_541_000)
            var ids: [UUID] = []
            for _ in 1...60 {
                ids.append(try await Fixture.referral(nil, alongside: help.referralID, organisationID: place.partner.id!, due: "2026-11-02", made: made, on: app.db).id!)
            }
            // Both databases order UUIDs as their hexadecimal text.
            let expected = ids.sorted { $0.uuidString < $1.uuidString }
            let today = CalendarDay(year: 2026, month: 11, day: 22)!
            let partner = Scope(councilID: place.council.id!, organisationID: place.partner.id!)
            for filter in [QueueFilter(), QueueFilter(status: .received), QueueFilter(overdueOnly: true)] {
                var seen: [UUID] = []
                for page in 1...3 {
                    seen += try await ReferralQueue.page(partner, filter: filter, page: page, today: today, on: app.db).rows.map(\.referral.id)
                }
                #expect(seen == expected, "\(filter)")
                // A page past the last is the last, with the whole queue's count.
                let past = try await ReferralQueue.page(partner, filter: filter, page: 9, today: today, on: app.db)
                #expect(past.paging.number == 3 && past.paging.totalItems == 60 && past.rows.map(\.referral.id) == Array(expected[50...]), "\(filter)")
                let capped = try await ReferralQueue.page(partner, filter: filter, page: 9, today: today, countLimit: 30, on: app.db)
                #expect(capped.isCapped && capped.paging.number == 2 && capped.rows.map(\.referral.id) == Array(expected[25..<50]), "\(filter)")
            }
            // An empty queue: nothing to show, on the first page or any other.
            for page in [1, 4] {
                let none = try await ReferralQueue.page(partner, filter: QueueFilter(status: .declined), page: page, today: today, on: app.db)
                #expect(none.rows.isEmpty && none.paging.totalItems == 0 && none.paging.number == 1 && !none.isCapped)
            }
            let council = Scope(councilID: place.council.id!, organisationID: nil)
            var seen: [UUID] = []
            for page in 1...3 { seen += try await ReferralQueue.page(council, filter: QueueFilter(status: .received), page: page, today: today, on: app.db).rows.map(\.referral.id) }
            #expect(seen.filter(Set(ids).contains) == expected && Set(seen).count == seen.count)
            // The partial indexes serve the open queue only while its condition is theirs.
            #expect(ReferralQueue.openCondition.sql == OrderReferralQueueByID.openCondition)
        }
    }

    /// A page of the queue is one statement on SQLite: its ids from the index of the queue's
    /// referrals (a partner's or the council's, open or of one status), then each row by its
    /// id, never a walk of every referral.
    @Test func aPageReadsItsIdsFromTheIndexAndItsRowsById() async throws {
        try await withTestApp(.sqlite) { app async throws in
            let sql = app.db as! any SQLDatabase
            let partner = Scope(councilID: UUID(), organisationID: UUID()), council = Scope(councilID: UUID(), organisationID: nil)
            let today = CalendarDay(year: 2026, month: 11, day: 22)!
            let queues = [(partner, QueueFilter(), "referrals_partner_open (organisation_id=?"), (partner, QueueFilter(overdueOnly: true), "referrals_partner_open (organisation_id=?"),
                          (partner, QueueFilter(status: .declined), "referrals_partner_status (organisation_id=? AND status=?"), (council, QueueFilter(), "referrals_council_open (council_id=?")]
            for (scope, filter, index) in queues {
                let select = ReferralQueue.pageSelect(Paging(requested: 200, size: 25, totalItems: 10_000), scope, filter: filter, today: today, on: sql)
                let plan = try await sql.queryPlan(of: select.select)
                #expect(plan.contains { $0.hasPrefix("SEARCH referrals USING") && $0.contains("INDEX \(index)") }, "\(plan)")
                #expect(plan.contains("SEARCH referrals USING INDEX sqlite_autoindex_referrals_1 (id=?)"), "\(plan)")
                #expect(!plan.contains { $0.hasPrefix("SCAN referrals") }, "\(plan)")
            }
        }
    }

    /// `referral_counts`, kept by triggers, is the referrals counted by council, partner and
    /// status after every kind of write: made one at a time and eight at once, moved, re-routed,
    /// closed in SQL as a merge does, moved to another partner, several in one statement,
    /// erased; and when migrated.
    @Test(arguments: TestDatabase.available)
    func theQueueCountsFollowEveryWriteAndAreCountedWhenMigrated(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db), elsewhere = try await Fixture.council("Elsewhere Council", on: app.db)
            let help = try await Fixture.helpCase(place, on: app.db)
            _ = try await Fixture.helpCase(elsewhere, on: app.db)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 1...8 { group.addTask { _ = try await Fixture.referral(.deviceLoan, alongside: help.referralID, organisationID: place.partner.id!, on: app.db) } }
                try await group.waitForAll()
            }
            try await Self.expectCountsAreTheReferrals(place, on: app.db)

            let referrals = try await Referral.query(on: app.db).filter(\.$organisationID == place.partner.id!).all()
            #expect(referrals.count == 8)
            #expect(try await ReferralMoves.move(referrals[0], to: .contacted, reason: "", outcome: nil, actor: .commandLine, trackURL: "http://x/track", now: Date(), on: app.db) == nil)
            #expect(try await ReferralMoves.move(referrals[1], to: .couldNotContact, reason: "", outcome: nil, actor: .commandLine, trackURL: "http://x/track", now: Date(), on: app.db) == nil)
            let other = Organisation(councilID: place.council.id!, name: "Testshire Digital", type: .charity)
            try await other.create(on: app.db)
            guard case .success = try await ReferralMoves.reroute(referrals[1], to: other, actor: .commandLine, workingDays: WorkingDays(), trackURL: "http://x/track", now: Date(), on: app.db) else {
                Issue.record("the referral was not re-routed"); return
            }
            let sql = app.db as! any SQLDatabase
            try await sql.update(Referral.schema).set("status", to: ReferralStatus.closed.rawValue).where("id", .equal, referrals[2].id!).run()
            try await sql.update(Referral.schema).set("organisation_id", to: other.id!).where("id", .equal, referrals[3].id!).run()
            try await sql.update(Referral.schema).set("outcome", to: "Unchanged status").where("id", .equal, referrals[4].id!).run()
            try await referrals[5].delete(on: app.db)
            // Deadlines passed (today is 22 November in the checks), as a data fix might write them.
            try await sql.update(Referral.schema).set("contact_due", to: "2026-11-01").where("id", .in, [referrals[0].id!, referrals[4].id!, referrals[6].id!]).run()
            try await sql.update(Referral.schema).set("contact_due", to: "2026-11-21").where("id", .equal, referrals[7].id!).run()
            try await Self.expectCountsAreTheReferrals(place, on: app.db)
            // Several in one statement, as a merge or an erasure may write them.
            try await sql.update(Referral.schema).set("status", to: ReferralStatus.declined.rawValue)
                .where("organisation_id", .equal, place.partner.id!).where("status", .equal, ReferralStatus.received.rawValue).run()
            #expect(try await Referral.query(on: app.db).filter(\.$status == .declined).count() == 3)
            try await Self.expectCountsAreTheReferrals(place, on: app.db)

            // A database from before the counts were kept: the migration counts what is there.
            try await AddReferralDueCounts().revert(on: app.db)
            try await AddReferralCounts().revert(on: app.db)
            try await Referral.query(on: app.db).filter(\.$id == referrals[6].id!).delete()
            try await sql.delete(from: "_fluent_migrations")
                .where("name", .in, [String(reflecting: AddReferralCounts.self), String(reflecting: AddReferralDueCounts.self)]).run()
            try await app.autoMigrate()
            try await Self.expectCountsAreTheReferrals(place, on: app.db)
            try await referrals[7].delete(on: app.db)
            try await Referral.query(on: app.db).filter(\.$organisationID == other.id!).delete()
            try await Self.expectCountsAreTheReferrals(place, on: app.db)
        }
    }

    /// The tallies against the referrals themselves, and each queue's number against its rows.
    static func expectCountsAreTheReferrals(_ place: Fixture.Council, on database: any Database) async throws {
        struct Count: Decodable, Hashable { let council_id: UUID, organisation_id: UUID, status: String, referrals: Int }
        let sql = database as! any SQLDatabase
        let counted = try await sql.raw("SELECT council_id, organisation_id, status, COUNT(*) AS referrals FROM referrals GROUP BY council_id, organisation_id, status").all(decoding: Count.self)
        let kept = try await sql.raw("SELECT council_id, organisation_id, status, referrals FROM referral_counts WHERE referrals <> 0").all(decoding: Count.self)
        #expect(Set(kept) == Set(counted))
        struct Total: Decodable { let total: Int }
        struct DueCount: Decodable, Hashable { let council_id: UUID, organisation_id: UUID, status: String, contact_due: String, referrals: Int }
        let dueCounted = try await sql.raw("SELECT council_id, organisation_id, status, contact_due, COUNT(*) AS referrals FROM referrals GROUP BY council_id, organisation_id, status, contact_due")
            .all(decoding: DueCount.self)
        let dueKept = try await sql.raw("SELECT council_id, organisation_id, status, contact_due, referrals FROM referral_due_counts WHERE referrals <> 0").all(decoding: DueCount.self)
        #expect(Set(dueKept) == Set(dueCounted))
        // A deadline's row goes when its last referral does: the overdue count reads every row before today.
        #expect(try await sql.raw("SELECT COUNT(*) AS total FROM referral_due_counts WHERE referrals = 0").first(decoding: Total.self)?.total == 0)
        let today = CalendarDay(year: 2026, month: 11, day: 22)!
        // The cases page's numbers by status, from the same tallies.
        let summary = try await CaseQueries.summary(councilID: place.council.id!, today: today, on: database)
        let overdue = try await Referral.query(on: database).filter(\.$councilID == place.council.id!)
            .filter(\.$status ~~ ReferralStatus.allCases.filter(\.awaitsContact)).filter(\.$contactDue < today.iso).count()
        #expect(summary.overdue == overdue, "the cases page's overdue referrals")
        for status in ReferralStatus.allCases {
            let rows = try await Referral.query(on: database).filter(\.$councilID == place.council.id!).filter(\.$status == status).count()
            #expect(summary.byStatus[status] ?? 0 == rows, "the cases page's \(status.rawValue)")
        }
        let organisations = try await Organisation.query(on: database).filter(\.$councilID == place.council.id!).all()
        for scope in [Scope(councilID: place.council.id!, organisationID: nil)] + organisations.map({ Scope(councilID: place.council.id!, organisationID: $0.id!) }) {
            for status in [nil] + ReferralStatus.allCases.map(Optional.some) {
                let rows = try await scope.query(Referral.self, on: database)
                    .filter(\.$status ~~ (status.map { [$0] } ?? ReferralStatus.allOpen)).count()
                let page = try await ReferralQueue.page(scope, filter: QueueFilter(status: status), page: 1, today: today, on: database)
                #expect(page.paging.totalItems == rows, "\(status?.rawValue ?? "open") for \(scope.organisationID == nil ? "the council" : "a partner")")
                let awaiting = (status.map { [$0] } ?? ReferralStatus.allOpen).filter(\.awaitsContact)
                let overdueRows = awaiting.isEmpty ? 0 : try await scope.query(Referral.self, on: database)
                    .filter(\.$status ~~ awaiting).filter(\.$contactDue < today.iso).count()
                let overdue = try await ReferralQueue.page(scope, filter: QueueFilter(status: status, overdueOnly: true), page: 1, today: today, on: database)
                #expect(overdue.paging.totalItems == overdueRows && overdue.rows.count == min(overdueRows, ReferralQueue.pageSize),
                        "overdue, \(status?.rawValue ?? "open") for \(scope.organisationID == nil ? "the council" : "a partner")")
            }
        }
    }
}
