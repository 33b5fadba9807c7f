import Fluent
import Foundation
import OnrampCore

/// Putting sessions on, changing them and calling them off; who runs them; the register.
enum SessionPlanning {
    /// Who runs a session, as chosen on the form: champions (each must be active) and staff.
    struct Runners: Sendable {
        var champions: [Champion] = []
        var staff: [User] = []
    }

    /// The chosen champions and staff, read within the council; a non-active champion is refused.
    static func runners(championIDs: [String], staffIDs: [String], councilID: UUID, on database: any Database) async throws -> Result<Runners, BookingRule.Refusal> {
        let championIDs = championIDs.compactMap(UUID.init(uuidString:)), staffIDs = staffIDs.compactMap(UUID.init(uuidString:))
        let champions = championIDs.isEmpty ? [] : try await Champion.query(on: database).filter(\.$councilID == councilID).filter(\.$id ~~ championIDs).all()
        if let paused = champions.first(where: { $0.status != .active }) { return .failure(.championNotActive(name: paused.name)) }
        let staff = staffIDs.isEmpty ? [] : try await User.query(on: database).filter(\.$id ~~ staffIDs).all().filter { $0.councilID == councilID }
        return .success(Runners(champions: champions, staff: staff))
    }

    /// A new session, or `session` changed: one transaction with its runners and the audit.
    /// Capacity cannot go below the places booked; more places go to those waiting.
    static func save(
        _ valid: SessionForm.Valid, into session: SkillSession, organisationID: UUID, locationID: UUID?, runners: Runners, actor: AuditActor, now: Date, on database: any Database
    ) async throws -> BookingRule.Refusal? {
        let isNew = session.id == nil
        let previousOrganisation = isNew ? nil : session.organisationID
        do {
            try await database.transaction { tx in
                var session = session
                if isNew {
                    (session.councilID, session.cancelled, session.bookingSequence, session.createdAt) = (actor.councilID!, false, 0, now)
                } else {
                    session = try await SessionBookings.lock(session, on: tx).0
                    if let refusal = BookingRule.checkCapacity(valid.capacity, placesTaken: try await SessionBookings.placesTaken(session, on: tx)) { throw refusal }
                }
                (session.organisationID, session.kind, session.title, session.summary, session.mode) = (organisationID, valid.kind, valid.title, valid.summary, valid.mode)
                (session.locationID, session.startsAt, session.endsAt, session.meetings) = (valid.mode == .inPerson ? locationID : nil, valid.startsAt, valid.endsAt, valid.meetings)
                (session.language, session.accessNotes, session.skillsAreas, session.capacity, session.updatedAt) = (valid.language, valid.accessNotes, valid.areas, valid.capacity, now)
                try await session.save(on: tx)
                try await SkillSessionRunner.query(on: tx).filter(\.$sessionID == session.id!).delete()
                for champion in runners.champions {
                    let runner = SkillSessionRunner()
                    (runner.sessionID, runner.championID, runner.userID, runner.name) = (session.id!, champion.id, champion.userID, champion.name)
                    try await runner.create(on: tx)
                }
                for user in runners.staff {
                    let runner = SkillSessionRunner()
                    (runner.sessionID, runner.userID, runner.name) = (session.id!, user.id, user.name)
                    try await runner.create(on: tx)
                }
                if !isNew { try await SessionBookings.fillFreePlaces(session, now: now, on: tx) }
                try await Audit.record(isNew ? .sessionCreated : .sessionChanged, by: actor, recordType: "skill_session", recordID: session.id,
                                       summary: "\(isNew ? "Put on" : "Changed") \(session.title), \(SessionWording.when(session))", on: tx, now: now)
            }
        } catch let refusal as BookingRule.Refusal {
            return refusal
        }
        try await SessionDirectory.republish(organisationID: organisationID, councilID: actor.councilID!, now: now, on: database)
        if let before = previousOrganisation, before != organisationID {
            try await SessionDirectory.republish(organisationID: before, councilID: actor.councilID!, now: now, on: database)
        }
        return nil
    }

    /// Calls a session off: every open booking is cancelled and its resident told.
    static func cancel(_ session: SkillSession, actor: AuditActor, now: Date, on database: any Database) async throws {
        try await database.transaction { tx in
            let (locked, _) = try await SessionBookings.lock(session, on: tx)
            guard !locked.cancelled else { return }
            (locked.cancelled, locked.updatedAt) = (true, now)
            try await locked.save(on: tx)
            for booking in try await SessionBooking.query(on: tx).filter(\.$sessionID == locked.id!).filter(\.$status ~~ [.booked, .waitlisted]).all() {
                (booking.status, booking.contactKey, booking.updatedAt) = (.cancelled, nil, now)
                try await booking.save(on: tx)
                try await SessionMessages.queue(.sessionCancelled, booking: booking, session: locked, link: nil, now: now, on: tx)
            }
            try await Audit.record(.sessionCancelled, by: actor, recordType: "skill_session", recordID: locked.id, summary: "Cancelled \(locked.title), \(SessionWording.when(locked))", on: tx, now: now)
        }
        try await SessionDirectory.republish(organisationID: session.organisationID, councilID: session.councilID, now: now, on: database)
    }

    /// The register: each booked person marked attended or did not come, and the time of each
    /// champion who runs it recorded for the meeting. Only from the session's day on, and only
    /// for this session's bookings. Taken with the session's row locked, so two people saving
    /// the register at once record a champion's time once.
    static func register(_ session: SkillSession, marks: [UUID: BookingStatus], actor: AuditActor, now: Date, on database: any Database) async throws -> Bool {
        guard isRegisterOpen(session, now: now) else { return false }
        try await database.transaction { tx in
            let (session, _) = try await SessionBookings.lock(session, on: tx)
            let bookings = try await SessionBooking.query(on: tx).filter(\.$sessionID == session.id!).filter(\.$status ~~ SessionBookings.placeStatuses).all()
            var changed = 0
            for booking in bookings {
                guard let mark = marks[booking.id!], mark == .attended || mark == .noShow, mark != booking.status else { continue }
                (booking.status, booking.updatedAt) = (mark, now)
                try await booking.save(on: tx)
                changed += 1
            }
            try await Audit.record(.sessionRegister, by: actor, recordType: "skill_session", recordID: session.id, summary: "Took the register of \(session.title): \(changed) marked", on: tx, now: now)
            _ = try await Champions.recordRegisterHours(session, today: CalendarDay(now, in: SessionReminder.london), actor: actor, now: now, on: tx)
        }
        return true
    }

    /// The register opens on the session's day, London time.
    static func isRegisterOpen(_ session: SkillSession, now: Date) -> Bool {
        CalendarDay(now, in: SessionReminder.london) >= CalendarDay(session.startsAt, in: SessionReminder.london)
    }
}
