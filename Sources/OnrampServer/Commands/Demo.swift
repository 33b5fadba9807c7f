import Fluent
import OnrampCore
import Vapor

/// Demo data: a council, three partners and one clearly labelled account per role. Only the
/// demo has a known password; loading twice changes nothing.
enum Demo {
    static let councilName = "Southwark Council (demo)"
    static let password = "demo-password-not-for-real-use"

    struct Account {
        let role: Role
        let email: String
        let name: String
        let organisation: String
    }

    static let partners: [(String, OrganisationType)] = [
        ("Canada Water Library (demo)", .library),
        ("Southwark Housing Solutions (demo)", .housing),
        ("Digital Buddies (demo charity)", .charity),
    ]

    static let accounts: [Account] = [
        Account(role: .admin, email: "admin@demo.onramp.test", name: "Demo Administrator", organisation: councilName),
        Account(role: .officer, email: "officer@demo.onramp.test", name: "Demo Officer", organisation: councilName),
        Account(role: .partner, email: "partner@demo.onramp.test", name: "Demo Partner", organisation: "Canada Water Library (demo)"),
        Account(role: .champion, email: "champion@demo.onramp.test", name: "Demo Champion", organisation: "Digital Buddies (demo charity)"),
        Account(role: .analyst, email: "analyst@demo.onramp.test", name: "Demo Analyst", organisation: councilName),
    ]

    @discardableResult
    static func load(on database: any Database, passwordCost: Int, now: Date) async throws -> [Account] {
        if try await Organisation.query(on: database).filter(\.$name == councilName).filter(\.$type == .council).first() != nil {
            return accounts
        }
        let first = accounts[0]
        let council = try await AdminAccounts.create(
            email: first.email, name: first.name, organisationName: councilName, password: password,
            passwordCost: passwordCost, checkPassword: false, on: database, now: now
        )
        let hash = try Bcrypt.hash(password, cost: passwordCost)
        try await database.transaction { tx in
            var organisations = [councilName: council]
            for (name, type) in partners {
                let partner = Organisation(councilID: council.id!, name: name, type: type)
                try await partner.create(on: tx)
                try await Audit.record(
                    .organisationCreated, by: .commandLine, recordType: "organisation", recordID: partner.id,
                    summary: "Added \(name) (demo data)", councilID: council.id, on: tx, now: now
                )
                organisations[name] = partner
            }
            // Southwark Council's published switchboard, address and hours.
            var errors = FormErrors()
            let contact = CouncilContact.validate(councilName: councilName, phone: "020 7525 5000", address: "160 Tooley Street\nLondon\nSE1 2QH",
                                                  openingHours: "Monday to Friday, 9am to 5pm", localAuthorities: "E09000028", into: &errors)!
            try await CouncilContacts.save(contact, councilID: council.id!, actor: .commandLine, now: now, on: tx)
            for account in accounts.dropFirst() {
                let user = User(organisation: organisations[account.organisation]!, email: account.email, name: account.name, role: account.role, passwordHash: hash)
                try await user.create(on: tx)
                try await Audit.record(
                    .userCreated, by: .commandLine, recordType: "user", recordID: user.id,
                    summary: "Added demo account \(account.email)", councilID: council.id, on: tx, now: now
                )
            }
        }
        return accounts
    }

    /// Who fulfils which offer in the demo: the library lends devices, gives data and runs
    /// courses, so the demo partner account can work those referrals.
    static func loadOffers(councilID: UUID, on database: any Database) async throws {
        guard try await HelpOffer.query(on: database).filter(\.$councilID == councilID).count() == 0 else { return }
        let organisations = try await Organisation.query(on: database).filter(\.$councilID == councilID).all()
        let id = { (name: String) in organisations.first { $0.name == name }?.id ?? councilID }
        try await HelpOffers.addStandard(councilID: councilID, partner: { kind in
            switch kind {
            case .deviceLoan, .dataSIM, .skillsCourse: id("Canada Water Library (demo)")
            case .deviceGift, .championHelp, .socialTariff: id("Digital Buddies (demo charity)")
            case .wifiPlace: councilID
            }
        }, now: Date(), on: database)
    }

    /// A donated batch from the council's laptop refresh, some of it already wiped and ready,
    /// so the device bank's pages have something to show.
    static func loadKit(councilID: UUID, on database: any Database) async throws {
        guard try await KitDevice.query(on: database).filter(\.$councilID == councilID).count() == 0 else { return }
        let parser = try DeviceBatchParser(header: ColumnMap(header: ["type", "make", "model", "serial", "ram_gb", "storage_gb", "os", "condition"]))
        let laptop = ["laptop", "Lenovo", "ThinkPad T480", "8", "256", "Windows 11"]
        let tablet = ["tablet", "Apple", "iPad 8th generation", "", "32", "iPadOS 17"]
        let rows: [DeviceBatchRow] = try (1...12).map { number in
            let kind = number <= 9 ? laptop : tablet
            let fields: [String] = Array(kind[0..<3]) + [String(format: "DEMO%04d", number)] + Array(kind[3...]) + ["B"]
            return try parser.parse(fields, line: number + 1)!
        }
        let now = Date()
        let batch = try await DeviceBank.importBatch(rows, details: .init(donor: "Southwark Council IT (demo)", source: .councilRefresh, receivedOn: WorkingDays.today(now), notes: "Collected from Tooley Street"),
                                                     file: "demo", councilID: councilID, actor: .commandLine, now: now, on: database)
        let devices = try await KitDevice.query(on: database).filter(\.$batchID == batch.id!).sort(\.$assetTag).all()
        let wipe = WipeRecord(method: .purge, tool: "Blancco Drive Eraser", toolVersion: "7.9", operatorName: "Demo Refurbisher", started: now.addingTimeInterval(-3600), finished: now.addingTimeInterval(-1800), passed: true, verification: "Blancco report (demo)")
        for device in devices.prefix(6) {
            _ = try await DeviceBank.move(device, to: .wiped, reason: "", evidence: .wipe(wipe), actor: .commandLine, now: now, on: database)
        }
        for device in devices.prefix(3) {
            for stage in [DeviceStage.refurbished, .ready] {
                _ = try await DeviceBank.move(device, to: stage, reason: "", evidence: .none, actor: .commandLine, now: now, on: database)
            }
        }
        // The last tablet was beyond repair: recycled, with the recycler's certificate.
        let certificate = KitUpload(filename: "weee-certificate-demo.pdf", bytes: Array(demoCertificate.utf8), format: .pdf)
        _ = try await DeviceBank.move(devices[11], to: .recycled, reason: "Screen and battery beyond repair",
                                      evidence: .recycling(facility: "Bywaters, Bow (demo)", on: WorkingDays.today(now), certificate: "WEEE-DEMO-0001"),
                                      certificateFile: certificate, actor: .commandLine, now: now, on: database)
    }

    /// SIMs and vouchers with made-up codes, sealed with the demo's published key.
    static func loadData(councilID: UUID, vault: DataVault, on database: any Database) async throws {
        guard try await DataPack.query(on: database).filter(\.$councilID == councilID).count() == 0 else { return }
        let today = WorkingDays.today(Date())
        let parser = try DataPackParser(header: ColumnMap(header: ["kind", "network", "allowance_gb", "months", "expires_on", "code"]), today: today)
        let rows = try (1...15).map { number in
            let fields = number <= 12 ? ["sim", "Vodafone", "20", "6", today.adding(days: 180).iso, String(format: "DEMO-VODA-%04d", number)]
                                      : ["voucher", "Three", "15", "3", today.adding(days: 20).iso, String(format: "DEMO-THREE-%04d", number)]
            return try parser.parse(fields, line: number + 1)!
        }
        _ = try await DataPacks.importBatch(rows, batch: "National Databank (demo)", file: "demo", vault: vault, councilID: councilID, actor: .commandLine, now: Date(), on: database)
    }

    /// A one-page PDF saying it is a demo certificate.
    static let demoCertificate = """
    %PDF-1.4
    1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
    2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
    3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >> endobj
    4 0 obj << /Length 58 >> stream
    BT /F1 18 Tf 72 770 Td (Demo WEEE certificate) Tj ET
    endstream endobj
    5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj
    trailer << /Root 1 0 R >>
    %%EOF

    """

    static func describe(_ accounts: [Account], address: String) -> String {
        let rows = accounts.map { "  \($0.role.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)) \($0.email)" }
        return """

        DEMO ACCOUNTS: for trying Onramp out, never for real residents' data.
        Every demo account's password is: \(password)
        \(rows.joined(separator: "\n"))

        Open \(address) and sign in with one of them.

        """
    }
}
