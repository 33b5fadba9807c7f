import Foundation
import OnrampCore
import Vapor

/// The form a partner fills in to propose a service or a change, as typed. Checkboxes repeat
/// their name, so the body is read as pairs rather than decoded.
struct ServiceProposalForm: Sendable {
    var name = ""
    var description = ""
    var status = ORUK.Status.active.rawValue
    var terms: [String] = []
    var location = ""
    /// A place not yet in the directory, when `location` is "new".
    var newPlaceName = ""
    var newPlaceAddress = ""
    var newPlaceTown = ""
    var newPlacePostcode = ""
    /// Monday first: "09:00-17:00", empty when closed.
    var hours: [String] = Array(repeating: "", count: 7)
    var cost = ""
    var costDescription = ""
    var phone = ""
    var email = ""
    var website = ""
    var languages: [String] = ["en"]

    static let dayFields = ["hours-monday", "hours-tuesday", "hours-wednesday", "hours-thursday", "hours-friday", "hours-saturday", "hours-sunday"]

    /// Languages most spoken in London after English, by ISO 639-1 code.
    static let languageChoices: [(code: String, name: String)] = [
        ("en", "English"), ("pl", "Polish"), ("bn", "Bengali"), ("pt", "Portuguese"), ("es", "Spanish"), ("ar", "Arabic"),
        ("ro", "Romanian"), ("so", "Somali"), ("tr", "Turkish"), ("ur", "Urdu"), ("fr", "French"), ("zh", "Chinese"), ("yo", "Yoruba"),
    ]

    init() {}

    init(_ fields: FormFields) {
        func value(_ name: String) -> String { fields[name] ?? "" }
        name = value("name")
        description = value("description")
        status = value("status")
        terms = fields.all("terms")
        location = value("location")
        newPlaceName = value("new-place-name")
        newPlaceAddress = value("new-place-address")
        newPlaceTown = value("new-place-town")
        newPlacePostcode = value("new-place-postcode")
        hours = Self.dayFields.map(value)
        cost = value("cost")
        costDescription = value("cost-description")
        phone = value("phone")
        email = value("email")
        website = value("website")
        languages = fields.all("languages")
    }

    /// The form filled from a published service, for proposing a change to it.
    init(service: ORUK.Service) {
        name = service.name
        description = service.description ?? ""
        status = service.status.rawValue
        terms = (service.attributes ?? []).map { $0.taxonomy_term_id.lowercased() }
        let link = service.service_at_locations?.first
        location = link?.location_id ?? ""
        // Kept for a place that is not in the directory yet (a rejected proposal's new place).
        let address = link?.location?.addresses?.first
        (newPlaceName, newPlaceAddress, newPlaceTown, newPlacePostcode) = (link?.location?.name ?? "", address?.address_1 ?? "", address?.city ?? "", address?.postal_code ?? "")
        let opening = WeeklyOpening(schedules: link?.schedules ?? service.schedules ?? [])
        hours = (1...7).map { day in
            opening.sessions.first { $0.weekday == day }.map { WeeklyOpening.time($0.opens) + "-" + WeeklyOpening.time($0.closes) } ?? ""
        }
        let paid = service.cost_options?.first { ($0.amount ?? 0) > 0 }
        cost = paid?.amount.map { String(format: "%.2f", $0) } ?? ""
        costDescription = paid?.amount_description ?? ""
        phone = service.contacts?.first?.phones?.first?.number ?? ""
        email = service.email ?? ""
        website = service.url ?? ""
        languages = (service.languages ?? []).compactMap(\.code)
    }

    /// The new place's postcode as canonical, to be looked up before validating.
    var newPlacePostcodeCanonical: String? { Postcode.normalise(newPlacePostcode) }

    /// The proposed service, or what is wrong with the form. `id` is the service's (new or
    /// existing); `locations` are the directory's places, by lower-case id; `newPlacePosition`
    /// where the new place's postcode is, when Onramp knows it.
    func validated(
        id: String, organization: ORUK.Organization, knownTerms: Set<String>, locations: [String: ORUK.Location], newPlacePosition: NationalGrid.Position?
    ) -> (ORUK.Service?, FormErrors) {
        var errors = FormErrors()
        let name = name.trimmingCharacters(in: .whitespaces)
        if name.isEmpty { errors.add("name", "Enter the name of the service") } else if name.count > 120 { errors.add("name", "The name must be 120 characters or fewer") }
        let description = description.trimmingCharacters(in: .whitespacesAndNewlines)
        if description.isEmpty { errors.add("description", "Describe the service: what it offers and who it is for") } else if description.count > 2000 {
            errors.add("description", "The description must be 2,000 characters or fewer")
        }
        let status = errors.choice("status", status, as: ORUK.Status.self, message: "Select whether the service is running")
        if terms.isEmpty || !terms.allSatisfy(knownTerms.contains) { errors.add("terms", "Select at least one kind of help") }
        var place = location.isEmpty || location == "new" ? nil : locations[location.lowercased()]
        if !location.isEmpty, location != "new", place == nil { errors.add("location", "Select a place from the list") }
        if location == "new" { place = newPlace(position: newPlacePosition, errors: &errors) }
        var sessions: [WeeklyOpening.Session] = []
        for (index, text) in hours.enumerated() where !text.trimmingCharacters(in: .whitespaces).isEmpty {
            guard let hours = WeeklyOpening.range(text) else {
                errors.add(Self.dayFields[index], "\(WeeklyOpening.dayNames[index]) hours must be like 09:00-17:00")
                continue
            }
            sessions.append(WeeklyOpening.Session(weekday: index + 1, opens: hours.opens, closes: hours.closes))
        }
        var amount = 0.0
        if !cost.trimmingCharacters(in: .whitespaces).isEmpty {
            if let value = Double(cost.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "£", with: "")), value >= 0, value < 10_000 {
                amount = value
                if amount > 0, costDescription.trimmingCharacters(in: .whitespaces).isEmpty { errors.add("cost-description", "Say what the cost is for, like \u{201C}per page\u{201D}") }
            } else {
                errors.add("cost", "Enter the cost in pounds, like 0.10, or leave it empty if the service is free")
            }
        }
        let email = EmailAddress.normalise(email)
        if !email.isEmpty { EmailAddress.validate(email, field: "email", into: &errors) }
        let website = website.trimmingCharacters(in: .whitespaces)
        if !website.isEmpty, !ServiceDraft.isWebAddress(website) {
            errors.add("website", "Enter a web address starting with https://")
        }
        let phone = phone.trimmingCharacters(in: .whitespaces)
        if !phone.isEmpty, phone.filter(\.isNumber).count < 10 || !phone.allSatisfy({ $0.isNumber || " +()-".contains($0) }) {
            errors.add("phone", "Enter a phone number, like 020 7946 0000")
        }
        guard errors.isEmpty, let status else { return (nil, errors) }

        var draft = ServiceDraft(id: id, name: name, description: description, organization: organization)
        draft.status = status
        draft.termIDs = terms
        let hours = WeeklyOpening.grouped(sessions)
        if let place { draft.places = [ServiceDraft.Place(location: place, hours: hours)] } else { draft.hours = hours }
        (draft.cost, draft.costDescription) = (amount, amount > 0 ? costDescription.trimmingCharacters(in: .whitespaces) : nil)
        draft.phone = phone.isEmpty ? nil : phone
        draft.email = email.isEmpty ? nil : email
        draft.website = website.isEmpty ? nil : website
        let names = Dictionary(uniqueKeysWithValues: Self.languageChoices.map { ($0.code, $0.name) })
        draft.languages = languages.compactMap { code in names[code].map { (name: $0, code: code) } }
        let service = draft.service { _ in UUID().uuidString.lowercased() }
        return (service, errors)
    }

    /// The place typed in for a service somewhere the directory does not know yet.
    private func newPlace(position: NationalGrid.Position?, errors: inout FormErrors) -> ORUK.Location? {
        let name = newPlaceName.trimmingCharacters(in: .whitespaces)
        let address = newPlaceAddress.trimmingCharacters(in: .whitespaces)
        if name.isEmpty { errors.add("new-place-name", "Enter the name of the place") }
        if address.isEmpty { errors.add("new-place-address", "Enter the first line of the place\u{2019}s address") }
        if newPlacePostcodeCanonical == nil {
            errors.add("new-place-postcode", "Enter the place\u{2019}s full postcode, like SE1 7PB")
        } else if position == nil {
            errors.add("new-place-postcode", "We do not know the postcode \(newPlacePostcodeCanonical!). Check it")
        }
        guard !name.isEmpty, !address.isEmpty, let postcode = newPlacePostcodeCanonical, let position else { return nil }
        let id = UUID().uuidString.lowercased()
        var location = ORUK.Location(id: id, name: name, latitude: position.latitude, longitude: position.longitude)
        location.addresses = [ORUK.Address(id: UUID().uuidString.lowercased(), location_id: id, address_1: address,
                                           city: newPlaceTown.trimmingCharacters(in: .whitespaces), state_province: "", postal_code: postcode)]
        return location
    }
}
