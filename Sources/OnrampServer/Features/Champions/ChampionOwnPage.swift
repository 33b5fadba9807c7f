import Fluent
import Foundation
import OnrampCore

/// A champion's own page: where they stand, their checks and when each lapses, the sessions
/// they run next and the time they have given. Read through the signed-in person, never an id.
enum ChampionOwnPage {
    struct Details {
        let champion: Champion
        let organisation: String
        let checks: ChampionCheckAssessment
        let nextSessions: [SkillSession]
        let report: ChampionHoursReport
        let latest: [ChampionHoursEntry]
        let sessionTitles: [UUID: String]
    }

    static func load(_ staff: StaffContext, today: CalendarDay, on database: any Database) async throws -> Details? {
        guard let champion = try await Champion.query(on: database).filter(\.$councilID == staff.councilID).filter(\.$userID == staff.user.id!).first() else { return nil }
        // Sessions they were put on as a champion, or through their account.
        let runs = try await SkillSessionRunner.query(on: database).group(.or) { $0.filter(\.$championID == champion.id!).filter(\.$userID == staff.user.id!) }.all().map(\.sessionID)
        let startOfToday = today.start(in: SessionReminder.london)
        let next = runs.isEmpty ? [] : try await SkillSession.query(on: database).filter(\.$councilID == champion.councilID).filter(\.$id ~~ runs)
            .filter(\.$startsAt >= startOfToday).filter(\.$cancelled == false).sort(\.$startsAt).limit(10).all()
        let entries = try await ChampionHoursEntry.query(on: database).filter(\.$championID == champion.id!).all()
        let latest = try await Champions.recentHours(champion, on: database)
        let sessionIDs = Set(latest.compactMap(\.sessionID))
        let titles = sessionIDs.isEmpty ? [:] : Dictionary(uniqueKeysWithValues: try await SkillSession.query(on: database).filter(\.$id ~~ Array(sessionIDs)).all().map { ($0.id!, $0.title) })
        return Details(
            champion: champion, organisation: try await Champions.organisationName(of: champion, on: database),
            checks: try await ChampionChecks.assess(champion, today: today, on: database), nextSessions: next,
            report: ChampionHoursReport(entries.compactMap { entry in
                CalendarDay(iso: entry.day).map { ChampionHours.Entry(championID: entry.championID, organisationID: champion.organisationID, day: $0, hours: entry.hours) }
            }, period: nil),
            latest: latest, sessionTitles: titles)
    }

    static func page(_ details: Details?) -> Page {
        guard let details else {
            return Page(title: "Your volunteering", content: """
            <h1 class="govuk-heading-l">Your volunteering</h1>
            <p class="govuk-body">Your account is not linked to a digital champion\u{2019}s record yet. Ask your coordinator to link it from your record on the champions\u{2019} pages.</p>
            """)
        }
        let champion = details.champion
        let paused: HTML = champion.status == .paused
            ? Components.notificationBanner(heading: "You are paused", body: "<p class=\"govuk-body\">\(champion.pausedReason ?? "Your coordinator paused you."). You cannot be put on a session until this is put right: your coordinator at \(details.organisation) will tell you what is needed.</p>")
            : .empty
        let checks = details.checks.standings.map { standing -> [HTML] in ["\(standing.requirement.name)", ChampionPages.standingTag(standing) + " \(standing.words)"] }
        let sessions = details.nextSessions.map { session -> HTML in
            "<li><a class=\"govuk-link\" href=\"\(SiteURL.manageSession(.value(session.id!)).path)\">\(session.title)</a>, \(SessionWording.when(session))</li>"
        }
        let quarters = details.report.byQuarter.map { quarter, line -> [HTML] in ["\(quarter.label)", "\(ChampionHours.words(line.hours))"] }
        let latest = details.latest.map { entry -> [HTML] in
            ["\(CalendarDay.spoken(entry.day))", "\(ChampionHours.words(entry.hours))", "\(entry.sessionID.flatMap { details.sessionTitles[$0] } ?? "Not at a session")"]
        }
        return Page(title: "Your volunteering", notice: paused, content: """
        <span class="govuk-caption-l">Digital champion with \(details.organisation)</span>
        <h1 class="govuk-heading-l">Your volunteering</h1>
        <p class="govuk-body">Status: \(ChampionPages.statusTag(champion.status)) since \(WorkingDays.today(champion.statusSince).spoken).</p>
        <h2 class="govuk-heading-m">Your checks</h2>
        \(checks.isEmpty ? "<p class=\"govuk-body\">The council asks for no checks.</p>" as HTML : Components.table(caption: "Checks the council needs", head: ["Check", "Where it stands"], rows: checks))
        \(HTML.when(!details.checks.lapsingSoon.isEmpty, "<p class=\"govuk-body\">When you renew a check that lapses soon, tell your coordinator so they can record it.</p>"))
        <h2 class="govuk-heading-m">Your next sessions</h2>
        \(sessions.isEmpty ? "<p class=\"govuk-body\">You are not running any sessions yet.</p>" as HTML : "<ul class=\"govuk-list\">\(sessions.joined())</ul>")
        <h2 class="govuk-heading-m">Time you have given</h2>
        <p class="govuk-body">\(ChampionHours.words(details.report.total.hours)) in all. Taking a session\u{2019}s register records your time at it.</p>
        \(quarters.isEmpty ? .empty : Components.table(caption: "By quarter", head: ["Quarter", "Hours"], rows: quarters, numericColumns: [1]))
        \(latest.isEmpty ? .empty : Components.table(caption: "Latest", head: ["Day", "Hours", "Session"], rows: latest))
        <p class="govuk-body">Something here wrong? Tell your coordinator at \(details.organisation).</p>
        """)
    }
}
