import OnrampCore
import Vapor

/// A donated batch: who gave it, where from and when; its CSV is read with `Request.importCSV`.
struct BatchForm: Content {
    var donor: String?
    var source: String?
    var received_day: String?
    var received_month: String?
    var received_year: String?
    var notes: String?

    /// The date boxes' names, as `Components.dateInput` writes them.
    enum CodingKeys: String, CodingKey {
        case donor, source, notes
        case received_day = "received-day", received_month = "received-month", received_year = "received-year"
    }

    init() {}

    var receivedParts: DateParts { .init(day: received_day ?? "", month: received_month ?? "", year: received_year ?? "") }

    func validated(into errors: inout FormErrors) -> DeviceBank.BatchDetails? {
        let donor = errors.text("donor", donor, label: "who gave the devices", maxLength: 200)
        let source = errors.choice("source", source, as: DonationSource.self, message: "Select where the devices came from")
        let day = CalendarDay.parse(receivedParts, field: "received", label: "The date received", required: "Enter the date the devices were received", into: &errors)
        let notes = errors.text("notes", notes, label: "collection notes", required: false, maxLength: 1000)
        guard let source, let day else { return nil }
        return DeviceBank.BatchDetails(donor: donor, source: source, receivedOn: day, notes: notes)
    }
}

/// Moving a device on, with the wipe record or recycling details the move needs.
struct DeviceMoveForm: Content {
    var stage: String?
    var reason: String?
    var method: String?
    var tool: String?
    var tool_version: String?
    var `operator`: String?
    var started: String?
    var finished: String?
    var result: String?
    var verification: String?
    var facility: String?
    var recycled_on: String?
    var certificate: String?

    init() {}

    /// `certificateFile` is the wipe's or recycler's certificate, a PDF (optional).
    func validated(certificateFile: File?, into errors: inout FormErrors) -> (DeviceStage, DeviceEvidence, KitUpload?)? {
        guard let stage = errors.choice("stage", stage, as: DeviceStage.self, message: "Select where the device goes next") else { return nil }
        _ = errors.text("reason", reason, label: "the reason", required: false, maxLength: 500)
        switch stage {
        case .wiped:
            let record = WipeRecord.validate(method: method, tool: tool, toolVersion: tool_version, operatorName: `operator`,
                                             started: KitTime.parse(started), finished: KitTime.parse(finished), result: result,
                                             verification: verification, into: &errors)
            let file = KitUpload.read(certificateFile, for: .wipeCertificate, field: "certificate_file", into: &errors)
            guard errors.isEmpty, let record else { return nil }
            return (stage, .wipe(record), file)
        case .recycled:
            let facility = errors.text("facility", facility, label: "the WEEE facility", maxLength: 200)
            let day = CalendarDay(iso: recycled_on?.trimmingCharacters(in: .whitespaces) ?? "")
            if day == nil { errors.add("recycled_on", "Enter the date it was recycled, like 2026-11-22") }
            let certificate = errors.text("certificate", certificate, label: "the certificate reference", maxLength: 100)
            let file = KitUpload.read(certificateFile, for: .recyclingCertificate, field: "certificate_file", into: &errors)
            guard errors.isEmpty, let day else { return nil }
            return (stage, .recycling(facility: facility, on: day, certificate: certificate), file)
        default:
            return errors.isEmpty ? (stage, .none, nil) : nil
        }
    }
}
