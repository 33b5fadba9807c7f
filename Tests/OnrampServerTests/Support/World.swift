import Fluent
import Foundation
@testable import OnrampCore
import Vapor
@testable import OnrampServer

/// Two councils on one deployment, for tests that walk every route: the home council with two
/// partners and a person of every role, a record behind every id a route takes, and another
/// council with a person of every role of its own.
struct World {
    let home: Fixture.Council
    /// The partner the home council's residents are referred to.
    let partner: Organisation
    /// Another partner of the same council, which must not reach the first one's residents.
    let otherPartner: Organisation
    let otherCouncil: Fixture.Council
    /// A person of every role at home (partner staff and champions at `partner`).
    let people: [Role: User]
    /// A person of every role in the other council.
    let otherCouncilPeople: [Role: User]
    /// Partner staff at `otherPartner`.
    let otherPartnerStaff: User
    /// A value for every path parameter a route takes.
    var values: [String: String]
    /// Referrals to `partner` that the kit forms take: a loan waiting for a device, data waiting for a SIM.
    let loanReferral: Referral
    let dataReferral: Referral

    static func make(on db: any Database, settings: Settings) async throws -> World {
        let home = try await Fixture.council("Home Borough Council", on: db)
        let otherPartner = Organisation(councilID: home.council.id!, name: "Home Borough Advice Centre", type: .charity)
        try await otherPartner.create(on: db)
        let otherCouncil = try await Fixture.council("Other Borough Council", on: db)
        var people: [Role: User] = [:], others: [Role: User] = [:]
        for role in Role.allCases {
            let limited = role.isLimitedToOwnOrganisation
            people[role] = try await Fixture.user(role, email: "\(role.rawValue)@home.test", in: limited ? home.partner : home.council, on: db)
            others[role] = try await Fixture.user(role, email: "\(role.rawValue)@other.test", in: limited ? otherCouncil.partner : otherCouncil.council, on: db)
        }
        let otherPartnerStaff = try await Fixture.user(.partner, email: "partner@advice.test", in: otherPartner, on: db)
        let target = try await Fixture.user(.officer, email: "target@home.test", in: home.council, on: db)

        let (areaCode, runID) = try await Fixture.placesRun(councilID: home.council.id!, on: db)
        let directory = try await Fixture.directoryService(councilID: home.council.id!, organisationID: home.partner.id!, proposedBy: people[.partner]!.id!, on: db)

        // A resident's case, every referral sent to the partner.
        let offers = try await HelpOffers.addStandard(councilID: home.council.id!, partner: { _ in home.partner.id! }, now: Date(), on: db)
        let draft = try await TriageDrafts.start(councilID: home.council.id!, channel: .phone, staffUserID: nil, on: db)
        draft.triageAnswers = ExampleResidents.all[0].answers
        try await draft.save(on: db)
        let loanOffer = offers.first { $0.kind == .deviceLoan }!, dataOffer = offers.first { $0.kind == .dataSIM }!
        let details = HelpRequestForm.Details(offerIDs: [loanOffer.id!, dataOffer.id!], name: "World Resident", dateOfBirth: CalendarDay(year: 1950, month: 1, day: 2)!,
                                              phone: "+447700900123", email: nil, address: nil)
        let helpCase = try await CaseIntake.submit(draft: draft, details: details, offers: offers, actor: .commandLine, workingDays: WorkingDays(),
                                                   random: { Int.random(in: 0..<$0) }, trackURL: "http://x/track", now: Date(), on: db)
        let referrals = try await Referral.query(on: db).filter(\.$caseID == helpCase.id!).all()
        let loanReferral = referrals.first { $0.offerID == loanOffer.id }!, dataReferral = referrals.first { $0.offerID == dataOffer.id }!
        for referral in [loanReferral, dataReferral] {
            _ = try await ReferralMoves.move(referral, to: .contacted, reason: "", outcome: nil, actor: .commandLine, trackURL: "", now: Date(), on: db)
        }

        // A ready laptop, and another on loan to a resident of the partner.
        let device = try await Fixture.device(councilID: home.council.id!, on: db)
        try await Self.makeReady(device, on: db)
        let lent = try await Fixture.device(councilID: home.council.id!, serial: "WORLD-LENT", on: db)
        try await Self.makeReady(lent, on: db)
        let lentFor = try await Fixture.referral(.deviceLoan, alongside: loanReferral.id!, organisationID: home.partner.id!, on: db)
        _ = try await ReferralMoves.move(lentFor, to: .contacted, reason: "", outcome: nil, actor: .commandLine, trackURL: "", now: Date(), on: db)
        let handover = Handover(place: "Library", day: CalendarDay(year: 2026, month: 11, day: 22)!, acknowledged: true, due: CalendarDay(year: 2027, month: 2, day: 22))
        _ = try await Loans.handOver(lent, to: lentFor, handover: handover, actor: .commandLine, trackURL: "", now: Date(), on: db)
        let photo = try await KitFiles.store(KitUpload(filename: "front.png", bytes: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], format: .png),
                                             purpose: .photo, device: device, actor: .commandLine, now: Date(), on: db)

        // A letter for staff to send, two records that may be one resident, and an invitation.
        let letter = OutboxMessage(councilID: home.council.id!, channel: .letter, recipient: "World Resident", subject: "Your request", body: "Dear resident", caseID: helpCase.id, createdAt: Date())
        letter.status = MessageStatus.forStaff.rawValue
        try await letter.create(on: db)
        let duplicate = PossibleDuplicate()
        (duplicate.councilID, duplicate.residentID, duplicate.existingID, duplicate.matchedOn) = (home.council.id!, helpCase.residentID, helpCase.residentID, "phone")
        (duplicate.decision, duplicate.createdAt) = (.open, Date())
        try await duplicate.create(on: db)
        let invitee = try await Fixture.user(.officer, email: "invitee@home.test", in: home.council, password: nil, on: db)
        let invitation = try await Invitations.issue(for: invitee, by: .commandLine, baseURL: "http://x", settings: settings, now: Date(), on: db)
        let openDraft = try await TriageDrafts.start(councilID: home.council.id!, channel: .online, staffUserID: nil, on: db)
        // A session the partner runs with its champion, and a resident's booking.
        let session = try await Fixture.session(councilID: home.council.id!, organisationID: home.partner.id!, on: db)
        let runner = SkillSessionRunner()
        (runner.sessionID, runner.userID, runner.name) = (session.id!, people[.champion]!.id!, "World Champion")
        try await runner.create(on: db)
        let booked = try await SessionBookings.book(session, .init(name: "Session Booker", way: .email, contact: "booker@example.com"), now: Date(), on: db).get()
        // A champion who volunteers with the partner, and a check the council asks of champions.
        let champion = try await ChampionsTests.champion("World Champion", in: home.partner, status: .checking, on: db)
        let requirement = try await ChampionsTests.requirements(home.council.id!, on: db)[0]
        try await Champions.recordHours(2, on: CalendarDay(year: 2026, month: 11, day: 20)!, sessionID: nil, for: champion, actor: .commandLine, now: Date(), on: db)
        let hours = try await ChampionHoursEntry.query(on: db).filter(\.$championID == champion.id!).first()!
        let followUp = try await Fixture.followUpCall(councilID: home.council.id!, organisationID: home.partner.id!, caseID: helpCase.id!, referralID: loanReferral.id!, on: db)

        let values = [
            SiteURL.userKey: target.id!.uuidString, SiteURL.runKey: runID.uuidString, SiteURL.areaKey: areaCode,
            SiteURL.serviceKey: directory.service.uuidString, SiteURL.proposalKey: directory.proposal.uuidString,
            SiteURL.caseKey: helpCase.id!.uuidString, SiteURL.referralKey: loanReferral.id!.uuidString, SiteURL.offerKey: loanOffer.id!.uuidString,
            SiteURL.batchKey: device.batchID.uuidString, SiteURL.deviceKey: device.id!.uuidString, SiteURL.fileKey: photo.id!.uuidString,
            SiteURL.messageKey: letter.id!.uuidString, SiteURL.duplicateKey: duplicate.id!.uuidString, SiteURL.tokenKey: invitation,
            SiteURL.draftKey: openDraft.token, SiteURL.questionKey: TriageQuestions.standard[0].id,
            SiteURL.sessionKey: session.id!.uuidString, SiteURL.bookingKey: booked.booking.id!.uuidString, SiteURL.bookingTokenKey: booked.token,
            SiteURL.stageKey: ReviewStage.start.rawValue,
            SiteURL.tariffKey: try await SocialTariffRecord.query(on: db).filter(\.$councilID == home.council.id!).first()!.id!.uuidString,
            SiteURL.championKey: champion.id!.uuidString, SiteURL.requirementKey: requirement.id!.uuidString, SiteURL.hoursKey: hours.id!.uuidString,
            SiteURL.followUpKey: followUp.id!.uuidString,
            // Routes about the lent laptop take its id under the same key.
            "lentDevice": lent.id!.uuidString,
        ]
        return World(home: home, partner: home.partner, otherPartner: otherPartner, otherCouncil: otherCouncil, people: people, otherCouncilPeople: others,
                     otherPartnerStaff: otherPartnerStaff, values: values, loanReferral: loanReferral, dataReferral: dataReferral)
    }

    /// Wiped with a passing record, refurbished, ready.
    static func makeReady(_ device: KitDevice, on db: any Database) async throws {
        let wipe = WipeRecord(method: .clear, tool: "nwipe", toolVersion: "0.34", operatorName: "Sam", started: Date(), finished: Date(), passed: true, verification: "Log 7")
        _ = try await DeviceBank.move(device, to: .wiped, reason: "", evidence: .wipe(wipe), actor: .commandLine, now: Date(), on: db)
        for stage in [DeviceStage.refurbished, .ready] { _ = try await DeviceBank.move(device, to: stage, reason: "", evidence: .none, actor: .commandLine, now: Date(), on: db) }
    }

    /// The route's path with this world's values; routes about a loan get the lent laptop.
    func path(_ route: Route) -> String {
        let isLoan = route.path.contains { ["extend", "return"].contains($0.description) }
        return "/" + route.path.map { component -> String in
            guard case .parameter(let key) = component else { return component.description }
            return (key == SiteURL.deviceKey && isLoan ? values["lentDevice"] : values[key]) ?? "missing-\(key)"
        }.joined(separator: "/")
    }
}
