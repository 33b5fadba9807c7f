import Fluent
import Foundation
import OnrampCore

/// A year of made-up programme activity, so the dashboard, what works, reach and equality show
/// something real: 2,000 residents at real Southwark postcodes, their requests and referrals in
/// every status, devices and SIMs handed over, and follow-ups of which about 40% are answered.
/// Drawn from a fixed seed, so every demo holds the same people (their dates move with today).
/// Every name says "(made up)".
enum DemoActivity {
    static let residents = 2_000
    static let seed: UInt64 = 2026_12_04

    /// Returns a line to print, or nil when the activity is already there or there is nothing to refer to.
    static func load(councilID: UUID, vault: DataVault?, now: Date, on database: any Database) async throws -> String? {
        guard try await Resident.query(on: database).filter(\.$councilID == councilID).filter(\.$name == name(0)).first() == nil else { return nil }
        let offers = try await HelpOffer.query(on: database).filter(\.$councilID == councilID).filter(\.$active == true).sort(\.$position).all()
            .filter { $0.kind.needsReferral }
        guard !offers.isEmpty else { return nil }
        let postcodes = try await places(councilID: councilID, on: database)
        var random = SplitMix64(seed: seed)
        let today = WorkingDays.today(now), workingDays = WorkingDays()
        var plan = Plan()
        for index in 0..<residents {
            plan.add(index, offers: offers, postcodes: postcodes, councilID: councilID, today: today, workingDays: workingDays, now: now, random: &random)
        }
        let made = plan
        try await database.transaction { tx in
            for chunk in made.residents.chunked(into: 200) { try await Array(chunk).create(on: tx) }
            for chunk in made.cases.chunked(into: 200) { try await Array(chunk).create(on: tx) }
            for chunk in made.referrals.chunked(into: 200) { try await Array(chunk).create(on: tx) }
            for chunk in made.followUps.chunked(into: 200) { try await Array(chunk).create(on: tx) }
            try await handOverDevices(made.devicesHandedOver, councilID: councilID, now: now, on: tx)
        }
        if let vault { try await giveSIMs(plan.simsGiven, councilID: councilID, vault: vault, today: today, now: now, on: database) }
        return "  made-up activity: \(plan.residents.count) residents, \(plan.referrals.count) referrals, \(plan.followUps.count) follow-ups"
    }

    /// Southwark's postcodes by small area, each area as likely as its population and more so
    /// the higher its risk, as a programme that targets its outreach would find.
    static func places(councilID: UUID, on database: any Database) async throws -> [([String], Int)] {
        let areas = try await ProgrammeAreas.load(Scope(councilID: councilID, organisationID: nil), on: database).areas
        let postcodes = try await PostcodePoint.query(on: database).filter(\.$ladCode == DemoPlaces.southwark).filter(\.$lsoa21 != nil).sort(\.$postcode).all()
        return Dictionary(grouping: postcodes) { $0.lsoa21 ?? "" }.sorted { $0.key < $1.key }.map { code, points in
            let area = areas[code]
            return (points.map(\.postcode), Int((area?.population ?? 1000) * (1 + (area?.riskIndex ?? 2) / 2)))
        }
    }

    static func name(_ index: Int) -> String { String(format: "Resident %04d (made up)", index + 1) }

    /// What to write, worked out before anything is written.
    struct Plan: Sendable {
        var residents: [Resident] = []
        var cases: [HelpCase] = []
        var referrals: [Referral] = []
        var followUps: [FollowUp] = []
        var devicesHandedOver: [(referral: Referral, on: CalendarDay, loan: Bool)] = []
        var simsGiven: [(referral: Referral, on: CalendarDay)] = []
        var references: Set<String> = []

        mutating func add(_ index: Int, offers: [HelpOffer], postcodes: [([String], Int)], councilID: UUID, today: CalendarDay, workingDays: WorkingDays, now: Date,
                          random: inout SplitMix64) {
            let daysAgo = random.below(365)
            let askedAt = now.addingTimeInterval(-Double(daysAgo) * 86_400 - Double(random.below(8 * 3600)))
            let area = postcodes.isEmpty ? [] : random.pick(postcodes)
            let answers = Self.answers(postcode: area.isEmpty ? nil : area[random.below(area.count)], random: &random)
            let resident = Resident()
            (resident.councilID, resident.name, resident.postcode, resident.createdAt) = (councilID, DemoActivity.name(index), answers.first("postcode"), askedAt)
            (resident.contactBy, resident.contactWhen, resident.language, resident.accessNeeds) = (answers.first("contact-by") ?? "sms", "", answers.first("language") ?? "english", "")
            resident.id = random.uuid()
            residents.append(resident)

            let helpCase = HelpCase()
            var reference = ReferenceNumber(random: { random.below($0) }).value
            while references.contains(reference) { reference = ReferenceNumber(random: { random.below($0) }).value }
            references.insert(reference)
            (helpCase.id, helpCase.councilID, helpCase.reference, helpCase.residentID, helpCase.draftID) = (random.uuid(), councilID, reference, resident.id!, random.uuid())
            helpCase.channel = random.pick([(.online, 45), (.phone, 25), (.faceToFace, 15), (.paper, 5), (.partner, 10)])
            helpCase.answers = String(decoding: (try? JSONEncoder.sorted.encode(answers)) ?? Data("{}".utf8), as: UTF8.self)
            (helpCase.consentVersion, helpCase.createdAt) = ("demo", askedAt)
            cases.append(helpCase)

            let chosen = Set((0..<(1 + random.below(2))).map { _ in random.below(offers.count) })
            for offerIndex in chosen.sorted() {
                let offer = offers[offerIndex]
                let referral = Referral(caseID: helpCase.id!, councilID: councilID, offer: offer, partnerID: offer.partnerID, workingDays: workingDays, now: askedAt)
                referral.id = random.uuid()
                let (status, contactedAfter, endedAfter) = Self.progress(daysAgo: daysAgo, random: &random)
                referral.status = status
                referral.contactedAt = contactedAfter.map { askedAt.addingTimeInterval(Double($0) * 86_400) }
                referral.updatedAt = askedAt.addingTimeInterval(Double(endedAfter ?? contactedAfter ?? 0) * 86_400)
                if status == .fulfilled { referral.outcome = "Made-up outcome" }
                referrals.append(referral)
                guard status == .fulfilled else { continue }
                let fulfilled = WorkingDays.today(referral.updatedAt)
                if offer.kind.isDevice { devicesHandedOver.append((referral, fulfilled, offer.kind == .deviceLoan)) }
                if offer.kind == .dataSIM { simsGiven.append((referral, fulfilled)) }
                followUps.append(Self.followUp(referral, caseID: helpCase.id!, resident: resident, weeks: offer.followUpWeeks, fulfilled: fulfilled, today: today,
                                               answers: answers, now: now, random: &random))
            }
        }

        static func answers(postcode: String?, random: inout SplitMix64) -> TriageAnswers {
            var values: [String: [String]] = [
                "age": [random.pick([("under-18", 2), ("18-24", 10), ("25-49", 28), ("50-64", 25), ("65-74", 19), ("75-plus", 16)])],
                "about-you": [random.pick([("none", 50), ("disability", 30), ("children", 15), ("care-leaver", 5)])],
                "contact-by": [random.pick([("sms", 45), ("email", 25), ("letter", 15), ("phone", 15)])],
                "language": [random.pick([("english", 80), ("spanish", 5), ("portuguese", 5), ("bengali", 5), ("somali", 5)])],
                "lives-in-area": ["yes"],
            ]
            if let postcode { values["postcode"] = [postcode] }
            for task in FoundationTasks.all { values["skills.\(task.value)"] = [random.pick([(SkillLevel.alone.rawValue, 30), (SkillLevel.withHelp.rawValue, 30), (SkillLevel.notYet.rawValue, 40)])] }
            return TriageAnswers(values)
        }

        /// Where a referral made `daysAgo` has got to: its status, and the days after asking it
        /// was first contacted and ended.
        static func progress(daysAgo: Int, random: inout SplitMix64) -> (ReferralStatus, Int?, Int?) {
            let contacted = 1 + random.below(min(8, max(1, daysAgo)))
            guard daysAgo > 10 else {
                let status: ReferralStatus = random.pick([(.received, 50), (.contacted, 30), (.inProgress, 20)])
                return (status, status == .received || contacted > daysAgo ? nil : contacted, nil)
            }
            let status: ReferralStatus = random.pick([(.fulfilled, 62), (.inProgress, 8), (.declined, 8), (.couldNotContact, 3), (.closed, 14), (.contacted, 5)])
            let ended = contacted + random.below(max(1, min(40, daysAgo - contacted)))
            switch status {
            case .couldNotContact: return (status, nil, min(daysAgo, 10))
            case .contacted, .inProgress: return (status, contacted, nil)
            default: return (status, contacted, ended)
            }
        }

        static func followUp(_ referral: Referral, caseID: UUID, resident: Resident, weeks: Int, fulfilled: CalendarDay, today: CalendarDay, answers: TriageAnswers,
                             now: Date, random: inout SplitMix64) -> FollowUp {
            let followUp = FollowUp()
            (followUp.id, followUp.councilID, followUp.organisationID, followUp.caseID, followUp.referralID) = (random.uuid(), referral.councilID, referral.organisationID, caseID, referral.id!)
            let due = fulfilled.adding(days: 7 * weeks)
            (followUp.dueOn, followUp.createdAt, followUp.channel) = (due.iso, referral.updatedAt, resident.contactBy)
            guard due.adding(days: 14) < today else {
                followUp.status = due < today ? .asked : .scheduled
                if due < today { followUp.askedOn = due.iso }
                return followUp
            }
            followUp.askedOn = due.iso
            guard random.below(100) < 40 else {
                (followUp.status, followUp.remindedOn) = (.unanswered, due.adding(days: 7).iso)
                return followUp
            }
            let before = SkillsSnapshot.fromTriage(answers)
            let tasks = Dictionary(uniqueKeysWithValues: FoundationTasks.all.map { task -> (String, SkillLevel) in
                let start = before.tasks[task.value] ?? .notYet
                return (task.value, start == .alone || random.below(100) < 45 ? .alone : start)
            })
            let online = random.below(100) < 78
            let given = FollowUpAnswers(online: online, onlineBy: online ? [random.pick([(.homeBroadband, 40), (.mobileData, 45), (.publicWiFi, 15)])] : [], stillUsing: nil,
                                        tasks: tasks, confidence: 1 + random.below(5), uses: online ? [.nhs, .videoCalls] : [], other: "", consent: random.below(100) < 85)
            let answeredOn = due.adding(days: random.below(7)).start(in: SessionReminder.london).addingTimeInterval(12 * 3600)
            followUp.take(given, recordedBy: "The resident", now: min(answeredOn, now))
            return followUp
        }
    }

    /// Made-up devices, each handed over for its referral on the day it was fulfilled.
    static func handOverDevices(_ handovers: [(referral: Referral, on: CalendarDay, loan: Bool)], councilID: UUID, now: Date, on database: any Database) async throws {
        guard !handovers.isEmpty else { return }
        let parser = try DeviceBatchParser(header: ColumnMap(header: ["type", "make", "model", "serial", "ram_gb", "storage_gb", "os", "condition"]))
        let rows = try handovers.indices.map { index in
            try parser.parse(["laptop", "Dell", "Latitude 5490", String(format: "MADEUP%05d", index + 1), "8", "256", "Windows 11", "B"], line: index + 2)!
        }
        let batch = try await DeviceBank.importBatch(rows, details: .init(donor: "Made-up donations (demo)", source: .councilRefresh, receivedOn: handovers.map(\.on).min()!, notes: "Made up for the demo"),
                                                     file: "demo", councilID: councilID, actor: .commandLine, now: now, on: database)
        let devices = try await KitDevice.query(on: database).filter(\.$batchID == batch.id!).sort(\.$serial).all()
        var moved: [StockCounts.Key: Int] = [:]
        for (device, handover) in zip(devices, handovers) {
            let returned = handover.loan && handover.on.adding(months: 6) < WorkingDays.today(now)
            let stage: DeviceStage = returned ? .returned : handover.loan ? .loaned : .gifted
            moved.merge(StockCounts.move(device.type, from: device.stage, to: stage), uniquingKeysWith: +)
            (device.stage, device.stageSince, device.wipedSinceArrival) = (stage, handover.referral.updatedAt, true)
            try await device.save(on: database)
            let allocation = KitAllocation()
            (allocation.councilID, allocation.deviceID, allocation.referralID, allocation.isLoan) = (councilID, device.id!, handover.referral.id!, handover.loan)
            (allocation.handedOverOn, allocation.place, allocation.staff, allocation.acknowledged) = (handover.on.iso, "Canada Water Library", "Demo officer", true)
            (allocation.due, allocation.createdAt) = (handover.loan ? handover.on.adding(months: 6).iso : nil, handover.referral.updatedAt)
            if returned { allocation.returnedAt = handover.on.adding(months: 6).start(in: SessionReminder.london) }
            try await allocation.create(on: database)
        }
        try await StockCounts.add(moved, councilID: councilID, on: database)
    }

    /// Made-up SIMs, imported through the data bank (sealed with the demo's key) and given.
    static func giveSIMs(_ given: [(referral: Referral, on: CalendarDay)], councilID: UUID, vault: DataVault, today: CalendarDay, now: Date, on database: any Database) async throws {
        guard !given.isEmpty else { return }
        let parser = try DataPackParser(header: ColumnMap(header: ["kind", "network", "allowance_gb", "months", "expires_on", "code"]), today: today)
        let rows = try given.indices.map { try parser.parse(["sim", "Vodafone", "20", "6", today.adding(days: 365).iso, String(format: "MADEUP-SIM-%05d", $0 + 1)], line: $0 + 2)! }
        _ = try await DataPacks.importBatch(rows, batch: "Made-up activity (demo)", file: "demo", vault: vault, councilID: councilID, actor: .commandLine, now: now, on: database)
        let packs = try await DataPack.query(on: database).filter(\.$councilID == councilID).filter(\.$batch == "Made-up activity (demo)").filter(\.$referralID == nil).all()
        for (pack, gift) in zip(packs, given) {
            (pack.referralID, pack.givenOn, pack.givenBy, pack.endsOn) = (gift.referral.id!, gift.on.iso, "Demo officer", gift.on.adding(months: 6).iso)
            try await pack.save(on: database)
        }
    }
}

/// The demo's draws from its seeded generator.
extension SplitMix64 {
    /// 0 up to, not including, `bound`.
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(1, bound))) }

    /// One of `choices`, each as likely as its weight.
    mutating func pick<T>(_ choices: [(T, Int)]) -> T {
        var roll = below(choices.map(\.1).reduce(0, +))
        for (choice, weight) in choices {
            if roll < weight { return choice }
            roll -= weight
        }
        return choices[choices.count - 1].0
    }

    mutating func uuid() -> UUID {
        let (a, b) = (next(), next())
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<8 { (bytes[index], bytes[index + 8]) = (UInt8(truncatingIfNeeded: a >> (8 * index)), UInt8(truncatingIfNeeded: b >> (8 * index))) }
        (bytes[6], bytes[8]) = ((bytes[6] & 0x0F) | 0x40, (bytes[8] & 0x3F) | 0x80)
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }
}
