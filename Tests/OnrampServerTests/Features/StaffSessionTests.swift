import Fluent
import Foundation
import Testing
@testable import OnrampServer

/// Resuming a session reads its person and organisation with its own statement, not a Fluent
/// query: these check that the models it makes are the stored ones, whole, and behave as any.
@Suite struct StaffSessionTests {
    @Test func theStatementReadsEveryFieldOfThePersonAndTheirOrganisation() {
        // A field added to either model must be read too: a model with a field unset stops the
        // process when that field is read.
        #expect(Set(User().readWithSession.flatMap(\.keys)) == Set(User.keys))
        #expect(Set(Organisation().readWithSession.flatMap(\.keys)) == Set(Organisation.keys))
    }

    @Test(arguments: TestDatabase.available)
    func aResumedSessionHoldsThePersonAndOrganisationAsStored(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db)
            let volunteer = try await Fixture.user(.partner, in: place.partner, on: app.db)
            let now = Date()
            let token = try await StaffSessions.start(for: volunteer, on: app.db, now: now, settings: app.onramp.settings)

            guard case .active(let staff) = try await StaffSessions.resume(token: token, on: app.db, now: now, settings: app.onramp.settings) else {
                Issue.record("the session did not resume")
                return
            }
            // Field for field as Fluent reads them, and loaded values, not changes that a save would write.
            let stored = try #require(try await User.find(volunteer.id, on: app.db))
            stored.$organisation.value = try #require(try await Organisation.find(place.partner.id, on: app.db))
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            #expect(try encoder.encode(staff.user) == encoder.encode(stored))
            #expect(staff.organisation === staff.user.organisation)
            #expect(staff.organisation.type == .library && staff.organisation.councilID == place.council.id)
            #expect(!staff.user.hasChanges && !staff.organisation.hasChanges)
            #expect(staff.user.$id.exists && staff.organisation.$id.exists)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aSessionIsTouchedAfterAMinuteAndEndsWhenIdleExpiredOrItsPersonIsDeactivated(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let settings = app.onramp.settings
            let place = try await Fixture.council(on: app.db)
            let officer = try await Fixture.user(.officer, in: place.council, on: app.db)
            let start = Date(timeIntervalSince1970: 1_800_000_000)
            func lastSeen() async throws -> Date? { try await UserSession.query(on: app.db).first()?.lastSeenAt }

            #expect(isUnknown(try await StaffSessions.resume(token: "no-such-token", on: app.db, now: start, settings: settings)))

            let token = try await StaffSessions.start(for: officer, on: app.db, now: start, settings: settings)
            _ = try await StaffSessions.resume(token: token, on: app.db, now: start.addingTimeInterval(30), settings: settings)
            #expect(try await lastSeen() == start)
            _ = try await StaffSessions.resume(token: token, on: app.db, now: start.addingTimeInterval(90), settings: settings)
            #expect(try await lastSeen() == start.addingTimeInterval(90))

            let idle = start.addingTimeInterval(90 + settings.sessionIdleTimeout)
            #expect(isExpired(try await StaffSessions.resume(token: token, on: app.db, now: idle, settings: settings)))
            #expect(try await UserSession.query(on: app.db).count() == 0)

            let second = try await StaffSessions.start(for: officer, on: app.db, now: start, settings: settings)
            let pastItsEnd = start.addingTimeInterval(settings.sessionMaxAge)
            try await UserSession.query(on: app.db).set(\.$lastSeenAt, to: pastItsEnd).update()
            #expect(isExpired(try await StaffSessions.resume(token: second, on: app.db, now: pastItsEnd, settings: settings)))

            let third = try await StaffSessions.start(for: officer, on: app.db, now: start, settings: settings)
            officer.isActive = false
            try await officer.update(on: app.db)
            #expect(isExpired(try await StaffSessions.resume(token: third, on: app.db, now: start, settings: settings)))
            #expect(try await UserSession.query(on: app.db).count() == 0)
        }
    }

    private func isUnknown(_ resumed: StaffSessions.Resumed) -> Bool {
        if case .unknown = resumed { return true }
        return false
    }

    private func isExpired(_ resumed: StaffSessions.Resumed) -> Bool {
        if case .expired = resumed { return true }
        return false
    }
}
