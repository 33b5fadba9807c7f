import Fluent
import OnrampCore
import Vapor

/// `/track`: a resident sees where their request has got to with its reference and one more
/// fact. A wrong pair gets the same message whatever was wrong; 10 wrong tries from one
/// address in an hour close the door for the hour.
struct TrackController: RouteCollection {
    /// Sign-in's throttle, with /track's numbers: 10 failures in an hour close it for an hour.
    static let throttle = SignInThrottle(maxFailures: 10, window: 60 * 60, lockout: 60 * 60)

    func boot(routes: any RoutesBuilder) throws {
        routes.get(.track, use: form)
        routes.post(.track, use: look)
    }

    func form(req: Request) async throws -> Response {
        req.render(TrackPages.form(TrackForm(), errors: FormErrors(), contacts: try await CouncilContacts.all(on: req.db), token: req.csrfToken ?? ""))
    }

    func look(req: Request) async throws -> Response {
        let fields = try await FormFields.read(req)
        let form = TrackForm(fields)
        let address = req.clientAddress ?? "unknown"
        let now = Date()
        // Counted as a failure before it is judged, as sign-in does: simultaneous tries count
        // against each other. A refused try is no try; a right one is taken back.
        let attempt = TrackFailure()
        (attempt.address, attempt.at) = (address, now)
        try await attempt.create(on: req.db)
        let failures = try await TrackFailure.query(on: req.db).filter(\.$address == address).filter(\.$id != attempt.id!)
            .filter(\.$at > now.addingTimeInterval(-Self.throttle.lookBack)).all()
        if case .refused = Self.throttle.decision(failures: failures.map(\.at), now: now) {
            try await attempt.delete(on: req.db)
            return req.render(TrackPages.refused(contacts: try await CouncilContacts.all(on: req.db)), status: .tooManyRequests)
        }
        var errors = FormErrors()
        let reference = ReferenceNumber(typed: form.reference)
        if form.reference.trimmingCharacters(in: .whitespaces).isEmpty { errors.add("reference", "Enter your reference number") }
        let postcode = Postcode.normalise(form.postcode)
        if postcode == nil, !form.postcode.trimmingCharacters(in: .whitespaces).isEmpty { errors.add("postcode", "Enter a real postcode, like SE1 7PB") }
        let dob = CalendarDay.parse(form.dateOfBirth, field: "dob", label: "Date of birth", into: &errors)
        if postcode == nil, dob == nil, errors["dob"] == nil { errors.add("postcode", "Enter your postcode or your date of birth") }
        guard errors.isEmpty else {
            try await attempt.delete(on: req.db)
            return req.render(form: TrackPages.form(form, errors: errors, contacts: try await CouncilContacts.all(on: req.db), token: req.csrfToken ?? ""))
        }

        if let reference, let found = try await Self.find(reference: reference, postcode: postcode, dateOfBirth: dob, on: req.db) {
            try await attempt.delete(on: req.db)
            let referrals = try await Referral.query(on: req.db).filter(\.$caseID == found.id!).sort(\.$createdAt).sort(\.$id).all()
            let contact = try await CouncilContacts.of(councilID: found.councilID, on: req.db)
            let combined = try await Self.combinedReferences(referrals, on: req.db)
            return req.render(TrackPages.status(reference: reference, rows: try await ReferralQueue.rows(referrals, on: req.db), combinedInto: combined,
                                                contacts: contact.map { [$0] } ?? []))
        }
        // Failures older than any decision can use are dropped, as sign-in's are.
        try await TrackFailure.query(on: req.db).filter(\.$at < now.addingTimeInterval(-Self.throttle.lookBack)).delete()
        errors.add("reference", "We could not find a request with those details. Check your reference and try again, or phone the council: the number is below")
        return req.render(form: TrackPages.form(form, errors: errors, contacts: try await CouncilContacts.all(on: req.db), token: req.csrfToken ?? ""))
    }

    /// The case whose resident matches the postcode or date of birth given: the case's record,
    /// or a record merged into it, which holds the details the resident gave at the time, or the
    /// postcode given with the request itself (a merge keeps the most recent postcode on the record).
    static func find(reference: ReferenceNumber, postcode: String?, dateOfBirth: CalendarDay?, on database: any Database) async throws -> HelpCase? {
        guard let helpCase = try await HelpCase.query(on: database).filter(\.$reference == reference.value).first() else { return nil }
        if let postcode, helpCase.triageAnswers.first("postcode") == postcode { return helpCase }
        // The record, and every record merged into it, or into one of those.
        var records = try await Resident.query(on: database).filter(\.$id == helpCase.residentID).all()
        var joined = records.compactMap(\.id)
        while !joined.isEmpty, records.count < 100 {
            let merged = try await Resident.query(on: database).filter(\.$mergedIntoID ~~ joined).all()
            records += merged
            joined = merged.compactMap(\.id)
        }
        let matches = records.contains { resident in
            (postcode != nil && resident.postcode == postcode) || (dateOfBirth != nil && resident.dateOfBirth == dateOfBirth?.iso)
        }
        return matches ? helpCase : nil
    }

    /// For each request closed by a merge, the reference of the case its twin carries on in.
    static func combinedReferences(_ referrals: [Referral], on database: any Database) async throws -> [UUID: ReferenceNumber] {
        let twins = Dictionary(uniqueKeysWithValues: referrals.compactMap { referral in referral.combinedIntoID.map { (referral.id!, $0) } })
        guard !twins.isEmpty else { return [:] }
        let kept = try await Referral.query(on: database).filter(\.$id ~~ Set(twins.values)).all()
        let cases = try await HelpCase.query(on: database).filter(\.$id ~~ Set(kept.map(\.caseID))).all()
        let referenceOfReferral = Dictionary(uniqueKeysWithValues: kept.compactMap { referral in
            cases.first { $0.id == referral.caseID }.map { (referral.id!, $0.referenceNumber) }
        })
        return twins.compactMapValues { referenceOfReferral[$0] }
    }
}

struct TrackForm: Sendable {
    var reference = ""
    var postcode = ""
    var dateOfBirth = DateParts()

    init() {}

    init(_ fields: FormFields) {
        reference = fields["reference"] ?? ""
        postcode = fields["postcode"] ?? ""
        dateOfBirth = .init(day: fields["dob-day"] ?? "", month: fields["dob-month"] ?? "", year: fields["dob-year"] ?? "")
    }
}

enum TrackPages {
    static func form(_ form: TrackForm, errors: FormErrors, contacts: [CouncilContact], token: String) -> Page {
        Page(title: "Check on your request", errors: errors, content: """
        <h1 class="govuk-heading-l">Check on your request</h1>
        <p class="govuk-body">Enter the reference we sent you, and your postcode or your date of birth.</p>
        \(Components.form(action: SiteURL.track.path, token: token, """
        \(Components.textInput(name: "reference", label: "Reference number", value: form.reference, error: errors["reference"], hint: "Like K7QM-4T9C-R", width: "10", spellcheck: false))
        \(Components.textInput(name: "postcode", label: "Postcode", value: form.postcode, error: errors["postcode"], autocomplete: "postal-code", width: "10", spellcheck: false))
        \(Components.dateInput(name: "dob", legend: "Or your date of birth", value: form.dateOfBirth, error: errors["dob"], hint: "For example, 27 3 1958"))
        \(Components.button("Check"))
        """))
        <p class="govuk-body">Lost your reference? \(CouncilPages.phoneOrVisit(contacts))</p>
        """)
    }

    /// `combinedInto`: for a request closed when the resident's two records were merged, the
    /// reference of the case whose same request carries on.
    static func status(reference: ReferenceNumber, rows: [QueueRow], combinedInto: [UUID: ReferenceNumber], contacts: [CouncilContact]) -> Page {
        let items = rows.map { row -> HTML in
            let referral = row.referral
            if let other = combinedInto[referral.id] {
                return """
                <div class="govuk-summary-card">
                <h2 class="govuk-heading-m">\(row.offerName)</h2>
                \(Components.summaryList([
                    .init(key: "Status", value: "Carried on under your other reference"),
                    .init(key: "What this means", value: "You asked for this twice, so we joined the two requests into one. Check reference \(other.description) to see how it is going."),
                ]))
                </div>
                """
            }
            return """
            <div class="govuk-summary-card">
            <h2 class="govuk-heading-m">\(row.offerName)</h2>
            \(Components.summaryList([
                .init(key: "Status", value: ReferralPages.statusTag(referral.status)),
                .init(key: "What this means", value: "\(referral.status.forResident)"),
                .init(key: "Who is helping", value: "\(row.partnerName)"),
                .init(key: "They will contact you by", value: referral.status.isContactMade ? "Already in touch" : "\(CalendarDay.spoken(referral.contactDue))"),
            ]))
            </div>
            """
        }
        return Page(title: "Your request", content: """
        <span class="govuk-caption-l">Reference \(reference.description)</span>
        <h1 class="govuk-heading-l">Your request</h1>
        \(items)
        <p class="govuk-body">Questions? \(CouncilPages.phoneOrVisit(contacts)) Give your reference.</p>
        """)
    }

    static func refused(contacts: [CouncilContact]) -> Page {
        Page(title: "Too many tries", content: """
        <h1 class="govuk-heading-l">Too many tries</h1>
        <p class="govuk-body">For your safety we have stopped checking for an hour. Try again later. \(CouncilPages.phoneOrVisit(contacts)) Give your reference.</p>
        """)
    }
}
