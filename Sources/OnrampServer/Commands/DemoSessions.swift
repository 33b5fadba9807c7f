import Fluent
import Foundation
import OnrampCore

/// Demo sessions: weekly drop-ins at Southwark's libraries for the coming six weeks, a course,
/// one-to-one slots by phone, a session in Polish, with bookings, a full session with a waiting
/// list, and last week's drop-in with its register taken. Run by the demo partner and champion.
enum DemoSessions {
    static let residents = ["Ada Okafor", "Brian Walsh", "Chen Li", "Dorota Nowak", "Eileen Murphy", "Femi Adeyemi", "Grace Kim", "Hassan Ali"]

    static func load(councilID: UUID, on database: any Database) async throws {
        guard try await SkillSession.query(on: database).filter(\.$councilID == councilID).count() == 0 else { return }
        let organisations = try await Organisation.query(on: database).filter(\.$councilID == councilID).all()
        let library = organisations.first { $0.name == "Canada Water Library (demo)" }?.id ?? councilID
        let buddies = organisations.first { $0.name == "Digital Buddies (demo charity)" }?.id ?? councilID
        let champion = try await User.query(on: database).filter(\.$email == "champion@demo.onramp.test").first()
        let championRecord = try await champion.asyncFlatMap { try await Champion.query(on: database).filter(\.$userID == $0.id!).first() }
        let places = try await DirectoryLocation.query(on: database).filter(\.$councilID == councilID).sort(\.$name).limit(3).all()
        let now = Date(), today = CalendarDay(now, in: SessionReminder.london)

        func at(_ day: CalendarDay, _ hour: Int) -> Date { day.start(in: SessionReminder.london).addingTimeInterval(TimeInterval(hour * 3600)) }
        func add(_ title: String, _ kind: SessionKind, organisation: UUID, place: DirectoryLocation?, day: CalendarDay, hour: Int, capacity: Int,
                 meetings: Int = 1, areas: [SkillsArea], language: String = "en", runBy: User? = nil) async throws -> SkillSession {
            let session = SkillSession()
            (session.councilID, session.organisationID, session.kind, session.title, session.mode, session.locationID) =
                (councilID, organisation, kind, title, place == nil ? .phone : .inPerson, place?.id)
            (session.summary, session.startsAt, session.endsAt, session.meetings, session.capacity, session.language) =
                ("Free and friendly help, whatever you can do already. Bring your own phone, tablet or laptop, or use one of ours.", at(day, hour), at(day, hour + 2), meetings, capacity, language)
            (session.accessNotes, session.skillsAreas, session.cancelled, session.bookingSequence, session.createdAt, session.updatedAt) =
                (place == nil ? "" : "Step-free entrance and a hearing loop", areas, false, 0, now, now)
            try await session.create(on: database)
            if let runBy {
                let runner = SkillSessionRunner()
                (runner.sessionID, runner.userID, runner.championID, runner.name) = (session.id!, runBy.id, championRecord?.id, runBy.name)
                try await runner.create(on: database)
            }
            return session
        }
        /// Residents by their place in `residents`, each with their own made-up mobile number.
        func book(_ session: SkillSession, _ who: Range<Int>, before: Date) async throws {
            for index in who {
                let booker = SessionBookings.Booker(name: residents[index], way: index.isMultiple(of: 2) ? .sms : .phone, contact: String(format: "+447700900%03d", 100 + index), bookedBy: "demo")
                _ = try await SessionBookings.book(session, booker, now: before, on: database)
            }
        }

        // Every week for six weeks: a drop-in at each library, and one-to-one help by phone.
        for week in 0..<6 {
            for (index, place) in places.enumerated() {
                let session = try await add("Drop-in digital help", .dropIn, organisation: library, place: place, day: today.adding(days: 1 + week * 7 + index * 2), hour: 10,
                                            capacity: 8, areas: [.communicating, .handlingInformation, .transacting], runBy: index == 0 ? champion : nil)
                if week < 2 { try await book(session, index..<(index + 3), before: now) }
            }
            _ = try await add("Help by phone: setting up your phone", .oneToOne, organisation: buddies, place: nil, day: today.adding(days: 2 + week * 7), hour: 14,
                              capacity: 1, areas: [.problemSolving], runBy: champion)
        }
        let course = try await add("Getting started with a tablet (6 weeks)", .course, organisation: library, place: places.first, day: today.adding(days: 3), hour: 14,
                                   capacity: 10, meetings: 6, areas: [.communicating, .handlingInformation, .beingSafe])
        try await book(course, 0..<4, before: now)
        _ = try await add("Pomoc cyfrowa po polsku", .dropIn, organisation: library, place: places.last, day: today.adding(days: 5), hour: 11, capacity: 6,
                          areas: [.communicating, .transacting], language: "pl")
        // Full, with two people waiting.
        let full = try await add("Spotting scams and staying safe online", .dropIn, organisation: buddies, place: places.first, day: today.adding(days: 4), hour: 13,
                                 capacity: 3, areas: [.beingSafe], runBy: champion)
        try await book(full, 2..<7, before: now)
        // Last week's drop-in: its register taken, with a walk-in.
        let lastWeek = try await add("Drop-in digital help", .dropIn, organisation: library, place: places.first, day: today.adding(days: -7), hour: 10, capacity: 8,
                                     areas: [.communicating, .handlingInformation], runBy: champion)
        try await book(lastWeek, 3..<7, before: lastWeek.startsAt.addingTimeInterval(-86_400))
        _ = try await SessionBookings.book(lastWeek, .init(name: "Ivy Walk-in", way: .phone, contact: "", walkIn: true, bookedBy: "demo"), now: now, on: database)
        let booked = try await SessionBooking.query(on: database).filter(\.$sessionID == lastWeek.id!).filter(\.$status == .booked).sort(\.$position).all()
        let marks = Dictionary(uniqueKeysWithValues: booked.enumerated().map { ($1.id!, $0 == 1 ? BookingStatus.noShow : .attended) })
        _ = try await SessionPlanning.register(lastWeek, marks: marks, actor: .commandLine, now: now, on: database)
        for organisation in Set([library, buddies]) { try await SessionDirectory.republish(organisationID: organisation, councilID: councilID, now: now, on: database) }
    }
}
