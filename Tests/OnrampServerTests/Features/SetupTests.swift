import Fluent
import OnrampCore
import Testing
import Vapor
@testable import OnrampServer

@Suite struct SetupTests {
    @Test(arguments: TestDatabase.available)
    func createAdminSetsUpANewCouncil(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            let council = try await AdminAccounts.create(
                email: "Head@Lambeth.test", name: nil, organisationName: "Lambeth Council",
                password: "a long enough password", passwordCost: 4, on: app.db, now: Date()
            )
            #expect(council.type == .council)
            #expect(council.councilID == council.id)
            let admin = try #require(try await User.find(email: "head@lambeth.test", on: app.db))
            #expect(admin.role == .admin && admin.councilID == council.id)
            #expect(try await AuditEvent.query(on: app.db).filter(\.$actor == "command line").count() == 2)

            await #expect(throws: AdminAccounts.Problem.self) {
                try await AdminAccounts.create(email: "head@lambeth.test", name: nil, organisationName: "Lambeth Council", password: "a long enough password", passwordCost: 4, on: app.db, now: Date())
            }
            await #expect(throws: AdminAccounts.Problem.self) {
                try await AdminAccounts.create(email: "second@lambeth.test", name: nil, organisationName: "Lambeth Council", password: "short", passwordCost: 4, on: app.db, now: Date())
            }
            #expect(try await Browser(app).signIn("head@lambeth.test", password: "a long enough password").status == .seeOther)
        }
    }

    @Test(arguments: TestDatabase.available)
    func theDemoLoadsOnceWithOneAccountPerRole(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            try await Demo.load(on: app.db, passwordCost: 4, now: Date())
            try await Demo.load(on: app.db, passwordCost: 4, now: Date())
            let users = try await User.query(on: app.db).all()
            #expect(Set(users.map(\.role)) == Set(Role.allCases))
            #expect(users.count == Role.allCases.count)
            #expect(try await Organisation.query(on: app.db).count() == 1 + Demo.partners.count)
            for account in Demo.accounts {
                #expect(try await Browser(app).signIn(account.email, password: Demo.password).status == .seeOther)
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func migrationsRevertAndRunAgain(db: TestDatabase) async throws {
        try await withTestApp(db) { app in
            try await Demo.load(on: app.db, passwordCost: 4, now: Date())
            try await app.autoRevert()
            try await app.autoMigrate()
            #expect(try await User.query(on: app.db).count() == 0)
            try await Demo.load(on: app.db, passwordCost: 4, now: Date())
        }
    }

    @Test func settingsComeFromFlagsAndEnvironment() {
        var arguments = ["onramp", "serve", "--database", "/tmp/x.sqlite", "--port", "9000"]
        let fromFlag = Settings.read(arguments: &arguments, environment: [:])
        #expect(fromFlag.storage == .sqlite(path: "/tmp/x.sqlite"))
        #expect(arguments == ["onramp", "serve", "--port", "9000"])

        var none = ["onramp"]
        #expect(Settings.read(arguments: &none, environment: [:]).storage == .sqlite(path: "./onramp.sqlite"))
        #expect(Settings.read(arguments: &none, environment: ["DATABASE_PATH": "/data/o.sqlite"]).storage == .sqlite(path: "/data/o.sqlite"))
        let postgres = Settings.read(arguments: &none, environment: ["DATABASE_URL": "postgres://u:p@h/db", "ONRAMP_PUBLIC_URL": "https://onramp.example"])
        #expect(postgres.storage == .postgres(url: "postgres://u:p@h/db"))
        #expect(postgres.cookiesAreSecure)
        // The open API's path, without slashes; never "/", the home page's.
        #expect(Settings.read(arguments: &none, environment: [:]).orukPath == "openreferral")
        #expect(Settings.read(arguments: &none, environment: ["ONRAMP_ORUK_PATH": "/oruk/"]).orukPath == "oruk")
        #expect(Settings.read(arguments: &none, environment: ["ONRAMP_ORUK_PATH": "/"]).orukPath == "openreferral")
        #expect(Settings.read(arguments: &none, environment: ["ONRAMP_ORUK_PATH": ""]).orukPath == "openreferral")
    }

    /// Reading the open API needs no cookie nor session; anything else sent there is checked
    /// as any form is, whatever path the API is given.
    @Test func onlyReadingTheOpenAPIIsForMachines() {
        #expect(RequestTarget(path: "/openreferral/services", method: .GET, orukPath: "openreferral").isForMachines)
        #expect(RequestTarget(path: "/openreferral", method: .HEAD, orukPath: "openreferral").isForMachines)
        #expect(!RequestTarget(path: "/openreferral/services", method: .POST, orukPath: "openreferral").isForMachines)
        #expect(!RequestTarget(path: "/help/start", method: .POST, orukPath: "help").isForMachines)
        #expect(!RequestTarget(path: "/openreferralish", method: .GET, orukPath: "openreferral").isForMachines)
        #expect(!RequestTarget(path: "/", method: .GET, orukPath: "openreferral").isForMachines)
    }
}
