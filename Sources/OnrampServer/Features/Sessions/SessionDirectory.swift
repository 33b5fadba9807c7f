import Crypto
import Fluent
import Foundation
import OnrampCore

/// Publishes an organisation's upcoming sessions in the directory, and so in the ORUK feed: one
/// service per organisation ("Digital skills sessions: …"), a schedule per session, at its place
/// or (by phone or online) on the service itself. Republished whenever a session changes.
enum SessionDirectory {
    static func republish(organisationID: UUID, councilID: UUID, now: Date, on database: any Database) async throws {
        guard let organisation = try await Organisation.find(organisationID, on: database) else { return }
        let sessions = try await SkillSession.query(on: database).filter(\.$organisationID == organisationID).filter(\.$cancelled == false)
            .filter(\.$startsAt > now).sort(\.$startsAt).all()
        let serviceID = stableID("onramp-sessions:\(organisationID.uuidString)")
        var service = ORUK.Service(id: serviceID.uuidString.lowercased(), organization_id: nil, name: "Digital skills sessions: \(organisation.name)",
                                   description: "Free drop-ins, one-to-one help and courses to get online, run by \(organisation.name). Book a place at /sessions, or phone the council.")
        service.schedules = sessions.filter { $0.locationID == nil }.map { schedule($0, serviceID: service.id, linkID: nil) }
        service.service_at_locations = Dictionary(grouping: sessions.filter { $0.locationID != nil }, by: { $0.locationID! }).sorted { $0.key.precedes($1.key) }.map { location, held in
            let linkID = stableID("onramp-sessions:\(organisationID.uuidString):\(location.uuidString)").uuidString.lowercased()
            var link = ORUK.ServiceAtLocation(id: linkID, service_id: service.id, location_id: location.uuidString.lowercased())
            link.schedules = held.map { schedule($0, serviceID: nil, linkID: linkID) }
            return link
        }
        try await DirectoryRecords.publish([service], councilID: councilID, owner: organisationID, on: database, now: now)
    }

    /// A session as an ORUK schedule: weekly from its first day, to its last meeting's day.
    static func schedule(_ session: SkillSession, serviceID: String?, linkID: String?) -> ORUK.Schedule {
        let first = CalendarDay(session.startsAt, in: SessionReminder.london), last = CalendarDay(session.lastEndsAt, in: SessionReminder.london)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = SessionReminder.london
        let byday = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"][calendar.component(.weekday, from: session.startsAt) - 1]
        var schedule = ORUK.Schedule(id: session.id!.uuidString.lowercased(), byday: byday, opens_at: SessionForm.clock.string(from: session.startsAt),
                                     closes_at: SessionForm.clock.string(from: session.endsAt))
        (schedule.service_id, schedule.service_at_location_id) = (serviceID, linkID)
        (schedule.valid_from, schedule.valid_to, schedule.dtstart) = (first.iso, last.iso, first.iso)
        schedule.description = "\(session.title) (\(session.kind.label.lowercased()), \(session.capacity) places)"
        schedule.attending_type = session.mode == .inPerson ? "in_person" : session.mode.rawValue
        return schedule
    }

    /// The same UUID for the same name, so republishing updates rather than copies.
    static func stableID(_ name: String) -> UUID {
        var bytes = Array(SHA256.hash(data: Data(name.utf8)).prefix(16))
        (bytes[6], bytes[8]) = (bytes[6] & 0x0F | 0x50, bytes[8] & 0x3F | 0x80)
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }
}
