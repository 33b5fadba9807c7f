import Fluent
import Foundation
import OnrampCore
import SQLKit

/// Booking, cancelling and the waiting list. Every change to a session's places starts by
/// bumping the session row's `booking_sequence` inside its transaction: on PostgreSQL that
/// locks the row until commit, on SQLite it takes the database's write lock, so two bookings
/// for the same session never count its places at the same moment.
enum SessionBookings {
    /// Someone to book, as a form or a referral gave them.
    struct Booker: Sendable {
        var name: String
        var way: BookingContactWay
        /// Normalised (see `BookingContactWay.normalise`); empty only for a walk-in.
        var contact: String
        var accessNeeds: String = ""
        /// Take a place on the waiting list when the session is full.
        var waitlist: Bool = true
        var referralID: UUID? = nil
        var caseID: UUID? = nil
        var walkIn: Bool = false
        var bookedBy: String = "online"
    }

    /// A booking made, and the secret for the resident's link (shown once, never stored).
    struct Made: Sendable {
        let booking: SessionBooking
        let token: String
    }

    /// Places that count against capacity.
    static let placeStatuses: [BookingStatus] = BookingStatus.allCases.filter(\.holdsPlace)

    /// Books `booker` onto `session`: a place, the waiting list, or a refusal.
    static func book(_ session: SkillSession, _ booker: Booker, now: Date, on database: any Database) async throws -> Result<Made, BookingRule.Refusal> {
        do {
            return .success(try await database.transaction { tx in
                let (session, sequence) = try await lock(session, on: tx)
                let key = booker.contact.isEmpty ? nil : BookingContactWay.key(booker.contact)
                if !booker.walkIn {
                    if let refusal = BookingRule.closed(startsAt: session.startsAt, cancelled: session.cancelled, now: now) { throw refusal }
                    if let key, try await SessionBooking.query(on: tx).filter(\.$sessionID == session.id!).filter(\.$contactKey == key).first() != nil {
                        throw BookingRule.Refusal.alreadyBooked
                    }
                }
                let taken = try await placesTaken(session, on: tx)
                let placement = booker.walkIn ? .place : BookingRule.place(startsAt: session.startsAt, cancelled: session.cancelled, capacity: session.capacity,
                                                                          placesTaken: taken, now: now, waitlist: booker.waitlist)
                if case .refused(let refusal) = placement { throw refusal }
                let token = SecretToken.make()
                let booking = SessionBooking()
                (booking.councilID, booking.sessionID, booking.name, booking.contactWay, booking.contact, booking.contactKey) =
                    (session.councilID, session.id!, booker.name, booker.way, booker.contact, key)
                (booking.accessNeeds, booking.tokenHash, booking.position, booking.referralID, booking.caseID) =
                    (booker.accessNeeds, SecretToken.hash(token), sequence, booker.referralID, booker.caseID)
                booking.status = booker.walkIn ? .attended : placement == .place ? .booked : .waitlisted
                (booking.walkIn, booking.bookedBy, booking.createdAt, booking.updatedAt) = (booker.walkIn, booker.bookedBy, now, now)
                do {
                    try await booking.create(on: tx)
                } catch where error.isConstraintFailure {
                    throw BookingRule.Refusal.alreadyBooked
                }
                return Made(booking: booking, token: token)
            })
        } catch let refusal as BookingRule.Refusal {
            return .failure(refusal)
        }
    }

    /// Cancels an open booking. A place it held goes to the first person waiting, who is told.
    static func cancel(_ booking: SessionBooking, session: SkillSession, now: Date, on database: any Database) async throws {
        try await database.transaction { tx in
            let (session, _) = try await lock(session, on: tx)
            guard let booking = try await SessionBooking.find(booking.id, on: tx), booking.status.isOpen else { return }
            (booking.status, booking.contactKey, booking.updatedAt) = (.cancelled, nil, now)
            try await booking.save(on: tx)
            try await fillFreePlaces(session, now: now, on: tx)
        }
    }

    /// Takes the session's row lock and reads it again as it is now, with the new sequence
    /// number (the next booking's position).
    static func lock(_ session: SkillSession, on tx: any Database) async throws -> (SkillSession, Int) {
        let rows = try await (tx as! any SQLDatabase).update(SkillSession.schema)
            .set("booking_sequence", to: SQLBinaryExpression(SQLColumn("booking_sequence"), .add, SQLLiteral.numeric("1")))
            .where("id", .equal, session.id!)
            .returning("booking_sequence")
            .all()
        guard let row = rows.first, let current = try await SkillSession.find(session.id, on: tx) else { throw BookingRule.Refusal.cancelled }
        return (current, try row.decode(column: "booking_sequence", as: Int.self))
    }

    static func placesTaken(_ session: SkillSession, on database: any Database) async throws -> Int {
        try await SessionBooking.query(on: database).filter(\.$sessionID == session.id!).filter(\.$status ~~ placeStatuses).count()
    }

    /// Gives free places to those waiting, first come first served, and tells each one. Call
    /// inside a transaction that holds the session's lock.
    static func fillFreePlaces(_ session: SkillSession, now: Date, on tx: any Database) async throws {
        guard !session.cancelled, session.startsAt > now else { return }
        let free = session.capacity - (try await placesTaken(session, on: tx))
        guard free > 0 else { return }
        let waiting = try await SessionBooking.query(on: tx).filter(\.$sessionID == session.id!).filter(\.$status == .waitlisted)
            .sort(\.$position).limit(free).all()
        for booking in BookingRule.promoted(waiting, free: free) {
            (booking.status, booking.updatedAt) = (.booked, now)
            try await booking.save(on: tx)
            try await SessionMessages.queue(.placeFreed, booking: booking, session: session, link: nil, now: now, on: tx)
        }
    }

    /// Counts per session, for lists: places taken and people waiting.
    static func counts(_ sessionIDs: [UUID], on database: any Database) async throws -> [UUID: (taken: Int, waiting: Int)] {
        guard !sessionIDs.isEmpty else { return [:] }
        struct Row: Decodable { let session_id: UUID; let status: String; let n: Int }
        let rows = try await (database as! any SQLDatabase).select().column("session_id").column("status").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from(SessionBooking.schema).where("session_id", .in, sessionIDs).groupBy("session_id").groupBy("status").all(decoding: Row.self)
        var counts: [UUID: (taken: Int, waiting: Int)] = [:]
        for row in rows {
            guard let status = BookingStatus(rawValue: row.status) else { continue }
            var entry = counts[row.session_id] ?? (0, 0)
            if status.holdsPlace { entry.taken += row.n } else if status == .waitlisted { entry.waiting += row.n }
            counts[row.session_id] = entry
        }
        return counts
    }
}
