import Fluent
import Foundation
import OnrampCore

/// The demo's directory: Southwark's postcodes, its real libraries (from the Library Data
/// Schema file, with their staffed hours) offering free Wi-Fi and public computers, and
/// example services, each marked as an example, for the other kinds of help.
enum DemoDirectory {
    static let charityName = "Example Digital Inclusion Charity (example data)"

    /// Imports the postcodes and, once, the services. Returns lines to print.
    static func load(from directory: String, councilID: UUID, now: Date, on database: any Database) async throws -> [String] {
        var lines: [String] = []
        let postcodes = try await PlacesImport.run(.postcodes, path: directory + "/postcodes/codepoint_open_2025-10_se.csv", localAuthorities: [], on: database, now: now)
        if !postcodes.alreadyImported { lines.append("  postcodes/codepoint_open_2025-10_se.csv: \(postcodes.keptRows) postcodes") }
        guard try await DirectoryService.query(on: database).count() == 0 else { return lines }
        let libraries = try readLibraries(directory + "/services/libraries_southwark_librarydata_schema.csv").filter(\.isOpen)
        var places: [String: ServiceDraft.Place] = [:]
        for library in libraries {
            let position = try await PostcodePoint.find(library.postcode, on: database)
            let id = UUID().uuidString.lowercased()
            var location = ORUK.Location(id: id, name: library.name, latitude: position?.latitude, longitude: position?.longitude)
            location.addresses = [ORUK.Address(
                id: UUID().uuidString.lowercased(), location_id: id, address_1: library.addressLines.first ?? library.name,
                city: "London", state_province: "Greater London", postal_code: library.postcode
            )]
            location.external_identifier = library.uprn
            location.external_identifier_type = library.uprn == nil ? nil : "UPRN"
            places[library.name] = ServiceDraft.Place(location: location, hours: library.schedules)
        }
        let councilLibraries = ORUK.Organization(
            id: UUID().uuidString.lowercased(), name: "Southwark Libraries",
            description: "Southwark Council\u{2019}s public libraries.", website: "https://www.southwark.gov.uk/libraries"
        )
        let all = places.values.sorted { ($0.location.name ?? "") < ($1.location.name ?? "") }
        var services: [ORUK.Service] = []
        for (name, description, term) in [
            ("Free Wi-Fi at Southwark libraries", "Free Wi-Fi for anyone in every open Southwark library during staffed hours. Bring your own phone, tablet or laptop; staff can help you connect.", "free-wifi"),
            ("Public computers at Southwark libraries", "Free computers with internet access in every open Southwark library. Book a session at the desk or use one that is free. Staff can help you get started.", "public-computers"),
        ] {
            var draft = draft(name, description, terms: [term], organization: councilLibraries, checked: now)
            draft.places = all
            services.append(draft.service { _ in UUID().uuidString.lowercased() })
        }
        let charity = ORUK.Organization(id: UUID().uuidString.lowercased(), name: charityName, description: "Example data for the demo: not a real organisation.")
        let samples = exampleServices()
        for example in samples {
            var draft = draft(example.name, example.description + " This is example data for the demo.", terms: example.terms, organization: charity, checked: now)
            draft.places = example.at.compactMap { places[$0].map { ServiceDraft.Place(location: $0.location, hours: example.hours) } }
            (draft.cost, draft.costOption, draft.costDescription) = example.cost.map { ($0.1, $0.0, "per page") } ?? (0, nil, nil)
            draft.languages = example.languages
            draft.phone = example.phone
            services.append(draft.service { _ in UUID().uuidString.lowercased() })
        }
        try await DirectoryRecords.publish(services, councilID: councilID, on: database, now: now)
        lines.append("  directory: 2 library services at \(all.count) libraries and \(samples.count) example services")
        return lines
    }

    /// A demo service, checked on the day of `checked` and for people in Southwark.
    static func draft(_ name: String, _ description: String, terms: [String], organization: ORUK.Organization, checked: Date) -> ServiceDraft {
        var draft = ServiceDraft(id: UUID().uuidString.lowercased(), name: name, description: description, organization: organization)
        draft.termIDs = terms.compactMap { DigitalInclusionTaxonomy.term(code: $0)?.id }
        draft.assuredDate = ORUKDates.day(checked)
        draft.area = "London Borough of Southwark"
        return draft
    }

    static func readLibraries(_ path: String) throws -> [LibraryDataRow] {
        var reader = try CSVReader(path: path)
        guard let header = reader.next() else { return [] }
        let parser = try LibraryDataParser(header: ColumnMap(header: header.fields))
        var rows: [LibraryDataRow] = []
        while let record = reader.next() { if let row = try parser.parse(record.fields) { rows.append(row) } }
        return rows
    }

    struct Example {
        let name: String
        let description: String
        let terms: [String]
        let at: [String]
        var hours: [WeeklyOpening.Hours] = []
        var cost: (String, Double)? = nil
        var languages: [(String, String)] = [("English", "en")]
        var phone: String? = nil
    }

    static func exampleServices() -> [Example] {
        func weekly(_ days: String, _ opens: String, _ closes: String) -> [WeeklyOpening.Hours] {
            [WeeklyOpening.Hours(days: days, opens: opens, closes: closes)]
        }
        return [
            Example(name: "Example: Printing and scanning", description: "Print, scan or copy documents and forms. 10p a page in black and white.",
                    terms: ["printing"], at: ["Canada Water Library", "Peckham Library"], hours: weekly("MO,TU,WE,TH,FR", "10:00", "17:00"), cost: ("A4 page, black and white", 0.10)),
            Example(name: "Example: Digital skills classes", description: "Weekly classes for beginners: using a phone or computer, email, video calls and staying safe online. Classes in English, Spanish and Portuguese.",
                    terms: ["skills-classes"], at: ["Canada Water Library"], hours: weekly("TU", "10:00", "12:00"),
                    languages: [("English", "en"), ("Spanish", "es"), ("Portuguese", "pt")]),
            Example(name: "Example: One-to-one help with online forms", description: "A digital champion sits with you to fill in forms online, such as Universal Credit, council tax or housing.",
                    terms: ["one-to-one-help", "help-with-online-forms"], at: ["Peckham Library"], hours: weekly("TH", "14:00", "16:00")),
            Example(name: "Example: NHS App help sessions", description: "Help to set up and use the NHS App: repeat prescriptions, appointments and test results.",
                    terms: ["health-apps"], at: ["Dulwich Library"], hours: weekly("WE", "10:00", "12:00")),
            Example(name: "Example: Laptop loan scheme", description: "Borrow a laptop for up to 12 weeks while you look for work or study. Ask a librarian or call us.",
                    terms: ["device-loan"], at: ["Canada Water Library"], hours: weekly("MO,WE,FR", "10:00", "16:00"), phone: "020 7946 0001"),
            Example(name: "Example: Refurbished device gift", description: "A refurbished laptop or tablet to keep, for people on a low income with no device of their own.",
                    terms: ["device-gift"], at: [], phone: "020 7946 0002"),
            Example(name: "Example: Free data SIMs", description: "A SIM card with free mobile data for six months, for people aged 18 and over on a low income (National Databank).",
                    terms: ["data-sims"], at: ["Newington Library", "Nunhead Library"], hours: weekly("MO,TU,WE,TH,FR", "10:00", "17:00")),
            Example(name: "Example: Social tariff advice line", description: "Find out whether you can get cheaper broadband or a cheaper phone contract because you get benefits, and how to switch.",
                    terms: ["social-tariffs"], at: [], phone: "020 7946 0003"),
            Example(name: "Example: Assistive technology taster", description: "Try screen readers, magnifiers and voice control, and borrow what works for you.",
                    terms: ["assistive-technology"], at: ["Canada Water Library"], hours: weekly("SA", "10:00", "13:00")),
        ]
    }
}
