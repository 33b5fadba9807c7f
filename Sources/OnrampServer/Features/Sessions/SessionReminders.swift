import Fluent
import Foundation
import OnrampCore
import SQLKit

/// Reminds each booked resident the day before their session, by the way they chose. Run daily
/// (`onramp kit-reminders`); a booking is reminded once, however often it runs.
enum SessionReminders {
    static func remind(today: CalendarDay, now: Date, on database: any Database) async throws -> Int {
        let tomorrow = today.adding(days: 1)
        let sessions = try await SkillSession.query(on: database).filter(\.$cancelled == false)
            .filter(\.$startsAt >= tomorrow.start(in: SessionReminder.london)).filter(\.$startsAt < tomorrow.adding(days: 1).start(in: SessionReminder.london)).all()
        var sent = 0
        for session in sessions where SessionReminder.isDue(startsAt: session.startsAt, today: today) {
            let bookings = try await SessionBooking.query(on: database).filter(\.$sessionID == session.id!).filter(\.$status == .booked).filter(\.$remindedAt == nil).all()
            for booking in bookings {
                let claimed = try await database.transaction { tx -> Bool in
                    // Only the run that marks it reminded sends it: two runs at once send one.
                    let rows = try await (tx as! any SQLDatabase).update(SessionBooking.schema).set("reminded_at", to: now)
                        .where("id", .equal, booking.id!).where("reminded_at", .is, SQLLiteral.null).where("status", .equal, BookingStatus.booked.rawValue)
                        .returning("id").all()
                    guard !rows.isEmpty else { return false }
                    try await SessionMessages.queue(.reminder, booking: booking, session: session, link: nil, now: now, on: tx)
                    return true
                }
                if claimed { sent += 1 }
            }
        }
        return sent
    }
}
