import Fluent
import OnrampCore
import Vapor

extension Demo {
    /// Southwark's required checks and a champion in every status: one applied, one being
    /// checked, active ones (the demo champion account among them) with checks lapsing within
    /// 30 days, one paused by the rule because their DBS check lapsed, one who left; and hours.
    static func loadChampions(councilID: UUID, on database: any Database) async throws {
        guard try await ChampionRequiredCheck.query(on: database).filter(\.$councilID == councilID).count() == 0 else { return }
        let kinds: [(ChampionCheckKind, Int?)] = [
            (.references(count: 2), nil), (.dbs(level: .basic), 36), (.training(module: "Digital Champion Essentials"), nil),
            (.training(module: "Safeguarding"), 24), (.training(module: "Data protection"), nil), (.training(module: "Spotting scams"), nil),
        ]
        var required: [ChampionRequirement] = []
        for (position, (kind, months)) in kinds.enumerated() {
            let row = ChampionRequiredCheck()
            (row.councilID, row.position) = (councilID, position)
            row.take(kind, validMonths: months)
            try await row.create(on: database)
            required.append(row.requirement)
        }
        let organisations = try await Organisation.query(on: database).filter(\.$councilID == councilID).all()
        let library = organisations.first { $0.name == "Canada Water Library (demo)" }?.id, buddies = organisations.first { $0.name == "Digital Buddies (demo charity)" }?.id
        let demoChampion = try await User.query(on: database).filter(\.$email == "champion@demo.onramp.test").first()
        let now = Date(), today = WorkingDays.today(now)
        let ago = { (days: Int) in today.adding(days: -days) }
        // (name, organisation, status, the day of the DBS check, of safeguarding training, account)
        let people: [(String, UUID?, ChampionStatus, CalendarDay?, CalendarDay?, User?)] = [
            ("Amara Okafor (demo)", buddies, .applied, nil, nil, nil),
            ("Tom Reilly (demo)", library, .checking, ago(200), nil, nil),
            ("Demo Champion", buddies, .active, today.adding(months: -36).adding(days: 20), ago(100), demoChampion),
            ("Priya Shah (demo)", library, .active, ago(400), today.adding(months: -24).adding(days: 12), nil),
            ("Kwame Mensah (demo)", nil, .active, ago(300), ago(300), nil),
            ("Grace Liu (demo)", library, .active, today.adding(months: -37), ago(200), nil),
            ("Sam Taylor (demo)", buddies, .left, ago(900), ago(900), nil),
        ]
        for (index, (name, organisation, status, dbsDone, safeguardingDone, user)) in people.enumerated() {
            let champion = Champion()
            (champion.councilID, champion.organisationID, champion.name, champion.status, champion.userID) = (councilID, organisation, name, status, user?.id)
            let email = user?.email ?? "\(name.split(separator: " ")[0].lowercased())@example.com"
            (champion.email, champion.phone, champion.address, champion.contactBy) = (email, "+44770090\(String(format: "%04d", 100 + index))", nil, "email")
            (champion.availability, champion.strengths, champion.languages) = ("weekday-mornings,weekends", "communicating,being-safe-and-legal", index % 2 == 0 ? "English, Yoruba" : "English, Spanish")
            let applied = (dbsDone ?? today).adding(days: -30).start(in: TimeZone(identifier: "UTC")!)
            (champion.consentVersion, champion.statusSince, champion.createdAt) = (ChampionConsent.version, now.addingTimeInterval(-Double(index + 1) * 86_400 * 20), applied)
            try await champion.create(on: database)
            guard let dbsDone else { continue }
            // References came in before the DBS check, and training was done with it; safeguarding is renewed apart.
            for requirement in required {
                var days = [dbsDone]
                if case .references = requirement.kind { days = [dbsDone.adding(days: -10), dbsDone.adding(days: -5)] }
                if case .training(module: "Safeguarding") = requirement.kind { days = safeguardingDone.map { [$0] } ?? [] }
                if status == .checking, case .training = requirement.kind { days = [] }
                for day in days {
                    let check = ChampionCheck()
                    (check.councilID, check.championID, check.requirementID, check.doneOn) = (councilID, champion.id!, requirement.id, day.iso)
                    (check.dbsLevel, check.onUpdateService, check.note, check.recordedBy, check.createdAt) = (requirement.kind.key == "dbs" ? .basic : nil, false, "", "demo data", now)
                    try await check.create(on: database)
                }
            }
            guard status != .checking else { continue }
            for week in stride(from: 1, through: 40, by: 3) {
                try await Champions.recordHours(Double(1 + (week / 3 + index) % 3) + 0.5, on: today.adding(days: -7 * week - index), sessionID: nil, for: champion, actor: .commandLine, now: now, on: database)
            }
        }
        // Grace's DBS check lapsed: the rule pauses her and tells her and the coordinators.
        try await ChampionChecks.pauseLapsed(councilID: councilID, today: today, now: now, on: database)
    }
}
