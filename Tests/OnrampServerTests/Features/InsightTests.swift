import Fluent
import Foundation
import Testing
import Vapor
@testable import OnrampCore
@testable import OnrampServer

/// Reach against risk, equality and the dashboard on Southwark's real data: residents placed at
/// real postcodes, each figure worked out here from the official files, small numbers hidden.
@Suite struct InsightTests {
    /// Three areas and their postcodes, from the derived postcode file's point-in-polygon column.
    static let (areaA, postcodeA) = ("E01003932", "SE1 0AA")
    static let (areaB, postcodeB) = ("E01003929", "SE1 0AB")

    @Test(arguments: TestDatabase.available)
    func reachEqualityAndTheDashboardOnRealData(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council("Southwark Council", on: app.db)
            _ = try await DemoPlaces.load(from: SharedData.directory, councilID: place.council.id!, on: app.db, now: Date())
            // Southwark's postcodes, and its libraries in the directory with free Wi-Fi and computers.
            _ = try await DemoDirectory.load(from: SharedData.directory, councilID: place.council.id!, now: Date(), on: app.db)
            // Postcodes are placed in their 2021 LSOA from the imported boundaries.
            #expect(try await PostcodePoint.find(Self.postcodeA, on: app.db)?.lsoa21 == Self.areaA)
            #expect(try await PostcodePoint.find(Self.postcodeB, on: app.db)?.lsoa21 == Self.areaB)
            let placed = try await PostcodePoint.query(on: app.db).filter(\.$ladCode == DemoPlaces.southwark).filter(\.$lsoa21 != nil).count()
            #expect(placed >= 7_040, "nearly all of Southwark's 7,076 postcodes fall in one of its LSOAs")
            #expect(try await PostcodePoint.query(on: app.db).filter(\.$ladCode != DemoPlaces.southwark).filter(\.$lsoa21 != nil).count() == 0,
                    "only Southwark's boundaries are imported")
            let areaC = try #require(try await PostcodePoint.query(on: app.db).filter(\.$lsoa21 != nil).filter(\.$lsoa21 != Self.areaA).filter(\.$lsoa21 != Self.areaB).sort(\.$postcode).first())

            // 6 in A aged 65 to 74, 7 in C aged 25 to 49 (2 of them disabled), 2 in B aged 75 and over, 1 with no postcode aged 18 to 24.
            let now = Date()
            for _ in 0..<6 { try await Self.resident(place, postcode: Self.postcodeA, age: "65-74", now: now, on: app.db) }
            for index in 0..<7 { try await Self.resident(place, postcode: areaC.postcode, age: "25-49", disabled: index < 2, now: now, on: app.db) }
            for _ in 0..<2 { try await Self.resident(place, postcode: Self.postcodeB, age: "75-plus", now: now, on: app.db) }
            try await Self.resident(place, postcode: nil, age: "18-24", now: now, on: app.db)
            // Another council's resident in the same area is not counted.
            try await Self.resident(try await Fixture.council("Elsewhere Council", on: app.db), postcode: Self.postcodeA, age: "65-74", now: now, on: app.db)

            let scope = Scope(councilID: place.council.id!, organisationID: nil)
            let reach = try await AreaReach.load(scope, period: nil, on: app.db)
            #expect(reach.reached == [Self.areaA: 6, areaC.lsoa21!: 7, Self.areaB: 2])
            #expect(reach.unplaced == 1)
            let lines = Dictionary(uniqueKeysWithValues: reach.lines(by: .lsoa).lines.map { ($0.key, $0) })
            // B's 2 is hidden; A's 6, the smallest other count, too, so the total of 15 cannot give B away.
            #expect(lines[Self.areaB]?.residents == .fewerThan5)
            #expect(lines[Self.areaA]?.residents == .withheld)
            #expect(lines[areaC.lsoa21!]?.residents == .count(7))
            #expect(reach.lines(by: .lsoa).total == .count(15))
            let populationC = try Self.census(areaC.lsoa21!)["Age: Total"]!
            #expect(abs(lines[areaC.lsoa21!]!.perThousand! - 7_000 / populationC) < 1e-9)
            #expect(lines[areaC.lsoa21!]!.population == populationC)

            // Six residents answered the optional equality questions, and the other council's one did.
            for resident in try await Resident.query(on: app.db).sort(\.$id).all() where resident.councilID != place.council.id! {
                try await Self.equalityAnswers(resident, ethnicity: "black", sex: "male", on: app.db)
            }
            for resident in try await Resident.query(on: app.db).filter(\.$councilID == place.council.id!).sort(\.$id).range(..<6).all() {
                try await Self.equalityAnswers(resident, ethnicity: "white", sex: "female", on: app.db)
            }

            // Equality against Census 2021, summed here from the file for Southwark's 173 LSOAs.
            let equality = try await Equality.load(scope, period: nil, on: app.db)
            #expect(equality.recorded.map(\.cells) == [[.count(0), .count(0), .count(0), .count(6), .count(0), .count(0)], [.count(6), .count(0), .count(0)]])
            #expect(equality.recorded.map(\.total) == [.count(6), .count(6)])
            #expect(equality.people == 16)
            let age = try #require(equality.comparisons.first)
            #expect(age.lines.map(\.helped) == [.count(0), .fewerThan5, .count(7), .count(0), .count(6), .fewerThan5])
            let census = try Self.southwarkCensus()
            let adults = ["25 to 29", "30 to 34", "35 to 39", "40 to 44", "45 to 49"].reduce(0.0) { $0 + census["Age: Aged \($1) years"]! }
            let share = adults / census["Age: Total"]!
            #expect(abs(age.lines[2].populationShare! - share) < 1e-6)
            #expect(abs(age.lines[2].ratio! - (7.0 / 16) / share) < 1e-5)
            let disability = equality.comparisons[1]
            #expect(disability.lines.map(\.helped) == [.fewerThan5, .withheld])
            let disabled = try Self.southwarkCensus("census2021/census2021-ts038-lsoa.csv")
            // Onramp keeps the census as each area's percentage, so the share agrees to about a millionth.
            #expect(abs(disability.lines[0].populationShare! - disabled["Disability: Disabled under the Equality Act"]! / disabled["Disability: Total: All usual residents"]!) < 1e-5)

            // The pages, as an analyst sees them; partners do not.
            let analyst = Browser(app)
            try await analyst.signIn(try await Fixture.user(.analyst, in: place.council, on: app.db).email)
            let page = try await analyst.get(SiteURL.reach.path)
            #expect(page.status == .ok && page.contains("<svg class=\"app-map\"") && page.contains("High-risk areas reached least"))
            let csv = try await analyst.get(SiteURL.reachCSV.path).body.split(separator: "\r\n").map(String.init)
            #expect(csv.count == 176, "173 areas, the heading and the licence's two lines")
            #expect(csv.last?.contains("Office for National Statistics") == true)
            #expect(csv.contains { $0.hasPrefix(Self.areaA + ",") && $0.contains(",not shown,not shown") })
            let equalityPage = try await analyst.get(SiteURL.equality.path)
            #expect(equalityPage.status == .ok && equalityPage.contains(String(format: "%.2f", (7.0 / 16) / share)))
            let home = try await analyst.get(SiteURL.home.path(query: [("by", "risk")]))
            #expect(home.status == .ok && home.contains("The last eight quarters") && home.contains("<svg class=\"app-chart\""))
            #expect(home.contains("Highest risk fifth") && home.contains("1 gave no postcode in a mapped area"))
            let report = try await analyst.get(SiteURL.quarterlyReport.path(query: [("period", FinancialQuarter(containing: WorkingDays.today(now)).key)]))
            #expect(report.status == .ok && report.contains("The quarter in figures") && report.contains("Reach against risk") && report.contains("Coverage gap"))
            #expect(report.body.components(separatedBy: "class=\"app-report__section\"").count - 1 == 6)
            let byDecile = try await analyst.get(SiteURL.whatWorks.path(query: [("segment", "imd")]))
            #expect(byDecile.status == .ok && byDecile.contains(WhatWorksPages.areaNote))
            try await Self.coverage(place, analyst: analyst, on: app.db)
            let partner = Browser(app)
            try await partner.signIn(try await Fixture.user(.partner, in: place.partner, on: app.db).email)
            #expect(try await partner.get(SiteURL.coverage.path).status == .forbidden)
            #expect(try await partner.get(SiteURL.reach.path).status == .forbidden)
            #expect(try await partner.get(SiteURL.equality.path).status == .forbidden)
            #expect(try await partner.get(SiteURL.home.path).contains("Everything you can do") == false)
        }
    }

    /// The coverage gap of Southwark's highest-risk fifth: the libraries cover some; a new place
    /// at the centre of the most populous area not covered comes first in the ranking.
    static func coverage(_ place: Fixture.Council, analyst: Browser, on db: any Database) async throws {
        let scope = Scope(councilID: place.council.id!, organisationID: nil)
        let before = try await Coverage.load(scope, on: db)
        #expect((33...35).contains(before.highRisk.count), "about the top fifth of 173 areas")
        #expect(before.existing.count >= 12, "the 12 open libraries offer free Wi-Fi and computers")
        #expect(abs(before.result.population - before.highRisk.reduce(0) { $0 + $1.population }) < 1e-9)
        #expect(before.result.covered < before.result.population)
        let gap = try #require(before.highRisk.filter { !before.result.coveredAreas.contains($0.code) }.max { $0.population < $1.population })
        let centre = DirectoryLocation()
        (centre.councilID, centre.name, centre.latitude, centre.longitude, centre.document, centre.updatedAt) = (place.council.id!, "Made-up community centre", gap.centre.latitude, gap.centre.longitude, "{}", Date())
        try await centre.create(on: db)
        let after = try await Coverage.load(scope, on: db)
        let first = try #require(after.result.ranking.first)
        #expect(first.place.name == "Made-up community centre" && first.areas.contains(gap.code) && first.added >= gap.population)
        let page = try await analyst.get(SiteURL.coverage.path)
        #expect(page.status == .ok && page.contains("Where new help would reach most") && page.contains("Made-up community centre"))
    }

    /// A resident with one request made `now`, as the triage described them.
    static func resident(_ place: Fixture.Council, postcode: String?, age: String, disabled: Bool = false, now: Date, on db: any Database) async throws {
        let resident = Resident()
        (resident.councilID, resident.name, resident.postcode, resident.createdAt) = (place.council.id!, "Test resident", postcode, now)
        (resident.contactBy, resident.contactWhen, resident.language, resident.accessNeeds) = ("sms", "", "english", "")
        try await resident.create(on: db)
        let helpCase = HelpCase()
        (helpCase.councilID, helpCase.reference, helpCase.residentID, helpCase.draftID, helpCase.channel) = (place.council.id!, UUID().uuidString, resident.id!, UUID(), .phone)
        let answers = TriageAnswers(["age": [age], "about-you": [disabled ? "disability" : "none"]])
        (helpCase.answers, helpCase.consentVersion, helpCase.createdAt) = (String(decoding: try JSONEncoder.sorted.encode(answers), as: UTF8.self), "test", now)
        try await helpCase.create(on: db)
    }

    static func equalityAnswers(_ resident: Resident, ethnicity: String, sex: String, on db: any Database) async throws {
        let answers = ResidentEquality()
        (answers.residentID, answers.ethnicity, answers.sex, answers.createdAt) = (resident.id!, ethnicity, sex, Date())
        try await answers.create(on: db)
    }

    /// One LSOA's row of TS007A, straight from the file.
    static func census(_ code: String, file: String = "census2021/census2021-ts007a-lsoa.csv") throws -> [String: Double] {
        try rows(file) { $0 == code }.first!
    }

    /// A census table's columns summed over Southwark's 173 LSOAs (E09000028 in the best-fit lookup).
    static func southwarkCensus(_ file: String = "census2021/census2021-ts007a-lsoa.csv") throws -> [String: Double] {
        var lookup = try CSVReader(path: SharedData.path("lookups/LSOA21_WD23_LAD23_EW_BestFit_LU.csv"))
        let header = ColumnMap(header: lookup.next()!.fields)
        let (code, authority) = (header.index("LSOA21CD")!, header.index("LAD23CD")!)
        var southwark: Set<String> = []
        while let record = lookup.next() {
            if record.fields[authority] == DemoPlaces.southwark { southwark.insert(record.fields[code]) }
        }
        #expect(southwark.count == 173)
        return try rows(file) { southwark.contains($0) }.reduce(into: [:]) { total, row in total.merge(row, uniquingKeysWith: +) }
    }

    static func rows(_ file: String, where keep: (String) -> Bool) throws -> [[String: Double]] {
        var reader = try CSVReader(path: SharedData.path(file))
        let header = reader.next()!.fields
        var rows: [[String: Double]] = []
        while let record = reader.next() {
            guard keep(record.fields[2]) else { continue }
            rows.append(Dictionary(uniqueKeysWithValues: zip(header, record.fields).compactMap { name, value in Double(value).map { (name, $0) } }))
        }
        return rows
    }
}

/// The programme's figures by quarter, counted on a small hand-made set.
@Suite struct ProgrammeFiguresTests {
    @Test(arguments: TestDatabase.available)
    func eachFigureCountsWhatHappenedInItsQuarter(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let place = try await Fixture.council(on: app.db)
            let help = try await Fixture.helpCase(place, on: app.db)
            let today = CalendarDay(year: 2026, month: 12, day: 4)!
            let thisQuarter = today.start(in: SessionReminder.london), lastQuarter = CalendarDay(year: 2026, month: 8, day: 3)!.start(in: SessionReminder.london)
            // The fixture's case and referral were made now; move them into this quarter, and add a second request for the same resident last quarter.
            let helpCase = try #require(try await HelpCase.unscoped(help.caseID, on: app.db))
            helpCase.createdAt = thisQuarter
            try await helpCase.save(on: app.db)
            let referral = try #require(try await Referral.unscoped(help.referralID, on: app.db))
            (referral.createdAt, referral.status) = (thisQuarter, .fulfilled)
            try await referral.save(on: app.db)
            let earlier = HelpCase()
            (earlier.councilID, earlier.reference, earlier.residentID, earlier.draftID, earlier.channel) = (place.council.id!, "EARLIER", helpCase.residentID, UUID(), .online)
            (earlier.answers, earlier.consentVersion, earlier.createdAt) = ("{}", "test", lastQuarter)
            try await earlier.create(on: app.db)
            let declined = try await Fixture.referral(.skillsCourse, alongside: help.referralID, organisationID: place.council.id!, on: app.db)
            (declined.createdAt, declined.status) = (lastQuarter, .declined)
            try await declined.save(on: app.db)
            // Follow-ups due this quarter: one answered online, one not answered, one still waiting.
            for (status, online) in [(FollowUpStatus.answered, true), (.unanswered, nil), (.asked, nil)] {
                let about = try await Fixture.referral(.championHelp, alongside: help.referralID, organisationID: place.council.id!, on: app.db)
                (about.createdAt, about.status) = (lastQuarter, .fulfilled)
                try await about.save(on: app.db)
                let followUp = try await Fixture.followUpCall(councilID: place.council.id!, organisationID: place.council.id!, caseID: help.caseID, referralID: about.id!, on: app.db)
                (followUp.status, followUp.online, followUp.dueOn) = (status, online, "2026-11-02")
                try await followUp.save(on: app.db)
            }
            // Another council's request is not counted.
            _ = try await Fixture.helpCase(try await Fixture.council("Elsewhere Council", on: app.db), on: app.db)

            let figures = try await ProgrammeFigures.load(Scope(councilID: place.council.id!, organisationID: nil), today: today, on: app.db)
            #expect(figures.quarters.count == 8 && figures.quarters[0].key == "2026-q3")
            let now = figures[FinancialQuarter(key: "2026-q3")!], before = figures[FinancialQuarter(key: "2026-q2")!]
            #expect((now.residents, now.cases, now.referrals, now.referralsMade) == (1, 1, [.fulfilled: 1], 1))
            #expect((before.residents, before.cases, before.referrals) == (1, 1, [.declined: 1, .fulfilled: 3]))
            #expect((now.followUpsEnded, now.followUpsAnswered, now.onlineAtFollowUp) == (2, 1, 1))
            #expect(figures[FinancialQuarter(key: "2025-q4")!] == ProgrammeFigures.Quarter())
        }
    }
}
