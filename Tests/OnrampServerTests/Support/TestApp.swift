import Fluent
import Foundation
import OnrampCore
import Testing
import Vapor
@testable import OnrampServer

/// A key for the data bank's codes, as a deployment sets ONRAMP_DATA_KEY.
let testDataKey = "b25yYW1wIHRlc3Qga2V5LCBvbmx5IGZvciB0ZXN0cyE="

/// Builds the real application on a fresh, migrated database of the given kind, serves it
/// on a free port on 127.0.0.1, runs `body`, and tears everything down.
func withTestApp(
    _ database: TestDatabase,
    adjust: (inout Settings) -> Void = { _ in },
    extraRoutes: (Application) -> Void = { _ in },
    _ body: (Application) async throws -> Void
) async throws {
    await DatabaseGate.shared.enter()
    let (storage, remove) = try await database.makeMigrated()
    var settings = Settings(storage: storage, passwordCost: 4, dataKey: testDataKey)
    adjust(&settings)
    let app = try await Application.make(.testing)
    do {
        try await configure(app, settings: settings)
        // Browser sees each redirect. Set before anything makes the app's HTTP client, which
        // reads its configuration once (a fake Notify's client may be made before a Browser).
        app.http.client.configuration.redirectConfiguration = .disallow
        try await app.autoMigrate()
        extraRoutes(app)
        try await app.asyncBoot()
        try await app.server.start(address: .hostname("127.0.0.1", port: 0))
        try await body(app)
    } catch {
        await app.server.shutdown()
        try? await app.asyncShutdown()
        await remove()
        await DatabaseGate.shared.leave()
        throw error
    }
    await app.server.shutdown()
    try await app.asyncShutdown()
    await remove()
    await DatabaseGate.shared.leave()
}

/// Fixtures made straight in the database, for tests about what happens next.
enum Fixture {
    static let password = "correct horse battery"

    struct Council {
        let council: Organisation
        let partner: Organisation
    }

    static func council(_ name: String = "Testshire Council", on db: any Database) async throws -> Council {
        let council = Organisation.council(name: name)
        try await council.create(on: db)
        let partner = Organisation(councilID: council.id!, name: "\(name) Library", type: .library)
        try await partner.create(on: db)
        return Council(council: council, partner: partner)
    }

    /// One 2021 LSOA in Southwark and an empty run of the index for it, for tests about pages.
    static func placesRun(councilID: UUID, on db: any Database) async throws -> (String, UUID) {
        let record = DatasetImport(dataset: "lookup-lsoa", vintage: "test", fileName: "test.csv", sha256: String(repeating: "0", count: 64), fileRows: 1, keptRows: 1, ladFilter: "", importedAt: Date())
        try await record.create(on: db)
        for (geography, code, name) in [("lsoa21", "E01004040", "Southwark 013C"), ("lad", "E09000028", "Southwark")] {
            let area = PlaceArea()
            area.geography = geography
            area.code = code
            area.name = name
            area.ladCode = "E09000028"
            area.importID = record.id!
            try await area.create(on: db)
        }
        let run = IndexRun()
        run.councilID = councilID
        run.ladCode = "E09000028"
        run.geography = "lsoa21"
        run.base = "lad"
        run.settings = RunSettings.standard.json
        run.importIDs = record.id!.uuidString
        run.areaCount = 0
        run.partialCount = 0
        run.createdAt = Date()
        run.createdBy = "test"
        try await run.create(on: db)
        return ("E01004040", run.id!)
    }

    /// A council whose directory holds `services`, published as an import publishes them.
    static func directory(_ services: [ORUK.Service], on db: any Database) async throws {
        let council = try await Fixture.council(on: db).council
        try await DirectoryRecords.publish(services, councilID: council.id!, on: db, now: Date())
    }

    /// A published directory service looked after by `organisationID`, and a pending proposal
    /// to change it, for tests about pages.
    static func directoryService(councilID: UUID, organisationID: UUID, proposedBy: UUID, on db: any Database) async throws -> (service: UUID, proposal: UUID) {
        let id = UUID()
        let service = ORUK.Service(id: id.uuidString.lowercased(), organization_id: nil, name: "Test Wi-Fi", description: "Free Wi-Fi for testing.")
        try await DirectoryRecords.publish([service], councilID: councilID, owner: organisationID, on: db, now: Date())
        let proposal = DirectoryProposal()
        proposal.councilID = councilID
        proposal.serviceID = id
        proposal.organisationID = organisationID
        proposal.proposedBy = proposedBy
        proposal.proposerName = "Test"
        proposal.document = try DirectoryRecords.json(service)
        proposal.status = .pending
        proposal.createdAt = Date()
        try await proposal.create(on: db)
        return (id, proposal.id!)
    }

    @discardableResult
    static func user(
        _ role: Role, email: String? = nil, in organisation: Organisation, password: String? = Fixture.password, on db: any Database
    ) async throws -> User {
        let hash = try password.map { try Bcrypt.hash($0, cost: 4) }
        let user = User(
            organisation: organisation, email: email ?? "\(role.rawValue)@\(organisation.id!.uuidString.prefix(8).lowercased()).test",
            name: "Test \(role.label)", role: role, passwordHash: hash
        )
        try await user.create(on: db)
        return user
    }
}


extension Fixture {
    /// A case with one referral to the council itself, so every staff role in the council can reach it.
    static func helpCase(_ place: Council, on db: any Database) async throws -> (caseID: UUID, referralID: UUID, offerID: UUID) {
        let offers = try await HelpOffers.addStandard(councilID: place.council.id!, partner: { _ in place.council.id! }, now: Date(), on: db)
        let draft = try await TriageDrafts.start(councilID: place.council.id!, channel: .phone, staffUserID: nil, on: db)
        draft.triageAnswers = ExampleResidents.all[0].answers
        try await draft.save(on: db)
        let details = HelpRequestForm.Details(offerIDs: [offers[0].id!], name: "Fixture Resident", dateOfBirth: CalendarDay(year: 1950, month: 1, day: 2)!, phone: "+447700900123", email: nil, address: nil)
        let helpCase = try await CaseIntake.submit(draft: draft, details: details, offers: offers, actor: .commandLine, workingDays: WorkingDays(), random: { Int.random(in: 0..<$0) }, trackURL: "http://x/track", now: Date(), on: db)
        let referral = try await Referral.query(on: db).filter(\.$caseID == helpCase.id!).first()!
        return (helpCase.id!, referral.id!, offers[0].id!)
    }
}

extension Fixture {
    /// Another referral on the fixture case, for the council's offer of `kind` (nil: the same
    /// offer as `referralID`'s), in `status`, due on `due`, made at `made` (nil: now).
    static func referral(
        _ kind: OfferKind?, alongside referralID: UUID, organisationID: UUID,
        status: ReferralStatus = .received, due: String = "2026-12-01", made: Date? = nil, on db: any Database
    ) async throws -> Referral {
        let first = try await Referral.unscoped(referralID, on: db)!
        let offerID = try await kind.asyncFlatMap { kind in try await HelpOffer.query(on: db).filter(\.$kind == kind).first()!.id } ?? first.offerID
        let referral = Referral()
        (referral.councilID, referral.caseID, referral.offerID, referral.organisationID) = (first.councilID, first.caseID, offerID, organisationID)
        let made = made ?? Date()
        (referral.status, referral.contactDue, referral.createdAt, referral.updatedAt, referral.quantity) = (status, due, made, made, 1)
        try await referral.create(on: db)
        return referral
    }

    static func device(councilID: UUID, serial: String = "FIXTURE1", on db: any Database) async throws -> KitDevice {
        let row = try DeviceBatchParser(header: ColumnMap(header: ["type", "make", "model", "serial"])).parse(["laptop", "Lenovo", "T480", serial], line: 2)!
        let batch = try await DeviceBank.importBatch([row], details: .init(donor: "Fixture donor", source: .business, receivedOn: CalendarDay(year: 2026, month: 11, day: 1)!, notes: ""),
                                                     file: "fixture.csv", councilID: councilID, actor: .commandLine, now: Date(), on: db)
        return try await KitDevice.query(on: db).filter(\.$batchID == batch.id!).first()!
    }
}

extension Fixture {
    /// A follow-up call to make about `referralID`, the help given by `organisationID`.
    static func followUpCall(councilID: UUID, organisationID: UUID, caseID: UUID, referralID: UUID, on db: any Database) async throws -> FollowUp {
        let followUp = FollowUp()
        (followUp.councilID, followUp.organisationID, followUp.caseID, followUp.referralID) = (councilID, organisationID, caseID, referralID)
        (followUp.status, followUp.dueOn, followUp.askedOn, followUp.channel, followUp.createdAt) = (.toCall, "2026-12-01", "2026-12-01", MessageChannel.phone.rawValue, Date())
        try await followUp.create(on: db)
        return followUp
    }
}
