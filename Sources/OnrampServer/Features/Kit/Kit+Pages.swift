import Foundation
import OnrampCore

enum KitPages {
    static func stageTag(_ stage: DeviceStage) -> HTML {
        let colour: Components.TagColour = switch stage {
        case .received, .returned: .yellow
        case .wiped, .refurbished: .blue
        case .ready: .green
        case .gifted, .loaned: .grey
        case .recycled, .lost: .red
        }
        return Components.tag(stage.label, colour: colour)
    }

    static func days(since date: Date?, now: Date) -> String {
        guard let date else { return "" }
        let days = Int(now.timeIntervalSince(date) / 86_400)
        return days == 0 ? "today" : days == 1 ? "1 day" : "\(days) days"
    }

    static func stock(_ stock: KitStock, now: Date, search: String) -> Page {
        let stages = DeviceStage.allCases
        let rows = DeviceType.allCases.filter { type in stages.contains { stock.count(type, $0) > 0 } }.map { type -> [HTML] in
            ["\(type.label)"] + stages.map { "\(stock.count(type, $0))" as HTML }
        }
        let waiting = stages.filter { !$0.isFinal && $0 != .loaned }.map { stage -> [HTML] in
            ["\(stage.label)", "\(stock.count(nil, stage))", "\(days(since: stock.oldest(stage), now: now))"]
        }
        let forecasts = DeviceType.allCases.filter { stock.count($0, .ready) > 0 || stock.allocatedRecently[$0] != nil }.map { type -> [HTML] in
            let forecast = stock.forecast(type)
            let words: HTML = forecast.isLow() ? "\(forecast.words(weeks: KitStock.weeks)) \(Components.tag("Low", colour: .red))" : "\(forecast.words(weeks: KitStock.weeks))"
            return ["\(type.label)", "\(forecast.ready)", "\(String(format: "%.1f", forecast.perWeek))", words]
        }
        let notFound: HTML = search.isEmpty ? .empty : "<p class=\"govuk-error-message\">No device has the tag or serial \(search).</p>"
        return Page(title: "Devices", content: """
        <h1 class="govuk-heading-l">Devices</h1>
        <p class="govuk-body"><a class="govuk-link" href="\(SiteURL.kitBatches.path)">Donated batches</a>: record a new one from its spreadsheet, and print asset labels. <a class="govuk-link" href="\(SiteURL.kitLoans.path)">Devices on loan</a>: due dates and overdue loans. <a class="govuk-link" href="\(SiteURL.kitData.path)">Data bank</a>: SIMs and data vouchers.</p>
        <form method="get" action="\(SiteURL.kit.path)" class="app-filter">
        \(Components.textInput(name: "find", label: "Find a device by asset tag or serial number", value: search, error: nil, width: "20", spellcheck: false))
        \(notFound)
        \(Components.button("Find", style: .secondary))
        </form>
        \(rows.isEmpty ? "<p class=\"govuk-body\">No devices yet.</p>" as HTML : Components.table(caption: "Devices by type and stage", head: ["Type"] + stages.map(\.label), rows: rows, numericColumns: Set(1...stages.count)))
        \(Components.table(caption: "Waiting for the next step", head: ["Stage", "Devices", "Longest wait"], rows: waiting, numericColumns: [1]))
        \(forecasts.isEmpty ? .empty : Components.table(caption: "Weeks of stock left, at the rate of the last \(KitStock.weeks) weeks", head: ["Type", "Ready", "Given or lent a week", "Lasts"], rows: forecasts, numericColumns: [1, 2]))
        """)
    }

    static func batches(_ batches: [DonationBatch], form: BatchForm, errors: FormErrors, problems: [String], token: String) -> Page {
        let rows = batches.map { batch -> [HTML] in
            ["<a class=\"govuk-link\" href=\"\(SiteURL.kitBatch(.value(batch.id!)).path)\">\(batch.donor)</a>", "\(batch.source.label)", "\(CalendarDay.spoken(batch.receivedOn))"]
        }
        return Page(title: "Donated batches", errors: errors, backLink: SiteURL.kit.path, content: """
        <h1 class="govuk-heading-l">Donated batches</h1>
        \(rows.isEmpty ? "<p class=\"govuk-body\">No batches yet.</p>" as HTML : Components.table(caption: "Latest batches", head: ["Donor", "Source", "Received"], rows: rows))
        <h2 class="govuk-heading-m">Record a batch</h2>
        <form method="post" action="\(SiteURL.kitBatches.path)" enctype="multipart/form-data" novalidate>
        \(Components.csrfField(token))
        \(Components.textInput(name: "donor", label: "Donor", value: form.donor, error: errors["donor"], hint: "The organisation or person who gave the devices"))
        \(Components.radios(name: "source", legend: "Where they came from", options: DonationSource.allCases.map { .init(value: $0.rawValue, label: $0.label) }, selected: form.source, error: errors["source"]))
        \(Components.dateInput(name: "received", legend: "Date received", value: form.receivedParts, error: errors["received"]))
        \(Components.textarea(name: "notes", label: "Collection notes (optional)", value: form.notes, error: errors["notes"], rows: 3))
        \(Components.fileUpload(name: "file", label: "The devices, as a CSV file", hint: "Columns type, make, model, serial; optionally asset_tag, cpu, ram_gb, storage_gb, os, accessories, condition (A, B, C or U).",
                                 accept: ".csv,text/csv", error: errors["file"], problems: problems))
        \(Components.button("Record batch"))
        </form>
        """)
    }

    static func batch(_ batch: DonationBatch, devices: [KitDevice], paging: Paging) -> Page {
        let rows = devices.map { device -> [HTML] in
            ["<a class=\"govuk-link\" href=\"\(SiteURL.kitDevice(.value(device.id!)).path)\">\(device.assetTag)</a>", "\(device.type.label)", "\(device.make) \(device.model)", "\(device.serial)", stageTag(device.stage)]
        }
        return Page(title: "Batch from \(batch.donor)", backLink: SiteURL.kitBatches.path, content: """
        <h1 class="govuk-heading-l">Batch from \(batch.donor)</h1>
        \(Components.summaryList([
            .init(key: "Source", value: "\(batch.source.label)"), .init(key: "Received", value: "\(CalendarDay.spoken(batch.receivedOn))"),
            .init(key: "Notes", value: "\(batch.notes.isEmpty ? "None" : batch.notes)"), .init(key: "Recorded by", value: "\(batch.createdBy)"),
        ]))
        <p class="govuk-body"><a class="govuk-link" href="\(SiteURL.kitLabels(.value(batch.id!)).path)">Print asset labels for this batch</a></p>
        \(Components.table(caption: "\(paging.totalItems) devices", head: ["Asset tag", "Type", "Make and model", "Serial", "Stage"], rows: rows))
        \(Components.pagination(paging) { SiteURL.kitBatch(.value(batch.id!)).path(query: [("page", String($0))]) })
        """)
    }

    /// A sheet of labels: tag, type, and a code (with its address in text) that opens the device's page.
    static func labels(_ batch: DonationBatch, devices: [KitDevice], base: String) -> Page {
        let labels = devices.map { device -> HTML in
            let address = base + SiteURL.kitDevice(.value(device.id!)).path
            let code = QRCode(address).map { HTML(unescaped: $0.svg(moduleSize: 2, label: "Code that opens the page of device \(device.assetTag)")) } ?? .empty
            return "<li class=\"app-label\"><strong>\(device.assetTag)</strong><br>\(device.type.label), \(device.make)\(code)<span class=\"app-code\">\(address)</span></li>"
        }
        return Page(title: "Asset labels: \(batch.donor)", backLink: SiteURL.kitBatch(.value(batch.id!)).path, content: """
        <h1 class="govuk-heading-l">Asset labels</h1>
        <p class="govuk-body">Print on a sheet of labels and stick one on each device. Scan a label\u{2019}s code with a phone to open the device\u{2019}s page, or find the device by its tag on the Devices page.</p>
        <ul class="app-labels">\(labels)</ul>
        """)
    }

    static func device(
        _ device: KitDevice, batch: DonationBatch?, moves: [DeviceMove], wipes: [DeviceWipe], files: [KitFile], form: DeviceMoveForm, errors: FormErrors, token: String, handing: HTML
    ) -> Page {
        let history = moves.map { move -> [HTML] in
            ["\(Components.date(move.at))", "\(move.fromStage.map { "\($0.label) \u{2192} " } ?? "")\(move.toStage.label)", "\(move.actor)", "\(move.reason)"]
        }
        let wipeRows = wipes.map { wipe -> [HTML] in
            ["\(wipe.method.label)", "\(wipe.tool) \(wipe.toolVersion)", "\(wipe.operatorName)", "\(Components.date(wipe.started)) to \(Components.date(wipe.finished))",
             wipe.passed ? Components.tag("Passed", colour: .green) : Components.tag("Failed", colour: .red), "\(wipe.verification)",
             files.first { $0.wipeID == wipe.id }.map(KitFiles.link) ?? "None"]
        }
        let next = device.stage.next.filter { !$0.needsLoanRecord }.map { Components.Choice(value: $0.rawValue, label: $0.label) }
        let moveForm: HTML = next.isEmpty ? "<p class=\"govuk-body\">This device\u{2019}s record is closed.</p>" : Components.form(action: SiteURL.kitDeviceMove(.value(device.id!)).path, token: token, withFiles: true, """
        \(Components.radios(name: "stage", legend: "Move to", options: next, selected: form.stage, error: errors["stage"]))
        \(Components.textarea(name: "reason", label: "Reason or note (optional)", value: form.reason, error: errors["reason"], rows: 2))
        <h3 class="govuk-heading-s">When moving to wiped: the wipe record</h3>
        \(Components.select(name: "method", label: "Method", options: [.init(value: "", label: "Choose a method")] + WipeMethod.allCases.map { .init(value: $0.rawValue, label: $0.label) }, selected: form.method, error: errors["method"]))
        \(Components.textInput(name: "tool", label: "Tool", value: form.tool, error: errors["tool"], hint: "Like Blancco Drive Eraser", width: "20"))
        \(Components.textInput(name: "tool_version", label: "Tool version", value: form.tool_version, error: errors["tool_version"], width: "10"))
        \(Components.textInput(name: "operator", label: "Operator", value: form.operator, error: errors["operator"], width: "20"))
        \(Components.textInput(name: "started", label: "Started", value: form.started, error: errors["started"], hint: "Like 2026-11-22 09:30", width: "10"))
        \(Components.textInput(name: "finished", label: "Finished", value: form.finished, error: errors["finished"], hint: "Like 2026-11-22 10:15", width: "10"))
        \(Components.radios(name: "result", legend: "Result", options: [.init(value: "passed", label: "Passed"), .init(value: "failed", label: "Failed")], selected: form.result, error: errors["result"], inline: true))
        \(Components.textarea(name: "verification", label: "Verification", value: form.verification, error: errors["verification"], hint: "How the wipe was checked, like the tool\u{2019}s report number", rows: 2))
        <h3 class="govuk-heading-s">When moving to recycled: the WEEE record</h3>
        \(Components.textInput(name: "facility", label: "WEEE facility", value: form.facility, error: errors["facility"], width: "20"))
        \(Components.textInput(name: "recycled_on", label: "Date recycled", value: form.recycled_on, error: errors["recycled_on"], hint: "Like 2026-11-22", width: "10"))
        \(Components.textInput(name: "certificate", label: "Certificate reference", value: form.certificate, error: errors["certificate"], width: "20"))
        <h3 class="govuk-heading-s">The certificate, for a wipe or recycling (optional)</h3>
        \(Components.fileUpload(name: "certificate_file", label: "Certificate file", hint: "A PDF smaller than 10 MB, such as the wipe tool\u{2019}s report", accept: ".pdf,application/pdf", error: errors["certificate_file"]))
        \(Components.button("Move device"))
        """)
        let spec = [device.cpu, device.ramGB.map { "\($0) GB RAM" }, device.storageGB.map { "\($0) GB storage" }, device.operatingSystem].compactMap { $0 }.joined(separator: ", ")
        return Page(title: "Device \(device.assetTag)", errors: errors, backLink: SiteURL.kit.path, content: """
        <span class="govuk-caption-l">Device \(device.assetTag)</span>
        <h1 class="govuk-heading-l">\(device.make) \(device.model)</h1>
        \(Components.summaryList([
            .init(key: "Stage", value: stageTag(device.stage) + HTML.when(!device.wipedSinceArrival && !device.stage.isFinal, " \(Components.tag("Not wiped since it came in", colour: .yellow))")),
            .init(key: "Type", value: "\(device.type.label)"), .init(key: "Serial number", value: "\(device.serial)"),
            .init(key: "Specification", value: "\(spec.isEmpty ? "Not recorded" : spec)"), .init(key: "Accessories", value: "\(device.accessories ?? "None recorded")"),
            .init(key: "Condition", value: "\(device.condition?.label ?? "Not graded")"),
            .init(key: "Batch", value: batch.map { "<a class=\"govuk-link\" href=\"\(SiteURL.kitBatch(.value($0.id!)).path)\">\($0.donor), \(CalendarDay.spoken($0.receivedOn))</a>" } ?? .empty),
        ]))
        \(handing)
        <h2 class="govuk-heading-m">Move the device on</h2>
        \(moveForm)
        \(wipes.isEmpty ? "<h2 class=\"govuk-heading-m\">Wipes</h2><p class=\"govuk-body\">No wipe recorded yet.</p>" as HTML : Components.table(caption: "Wipes", head: ["Method", "Tool", "Operator", "When", "Result", "Verification", "Certificate"], rows: wipeRows))
        \(certificatesAndPhotos(device, files: files, errors: errors, token: token))
        \(Components.table(caption: "History", head: ["When", "Move", "Who", "Why"], rows: history))
        """)
    }

    /// The device's photos and recycling certificate, and the form to add a photo.
    static func certificatesAndPhotos(_ device: KitDevice, files: [KitFile], errors: FormErrors, token: String) -> HTML {
        let photos = files.filter { $0.purpose == .photo }
        let recycling = files.filter { $0.purpose == .recyclingCertificate }.map { "<p class=\"govuk-body\">\(KitFiles.link($0))</p>" as HTML }
        let shown = photos.enumerated().map { index, photo -> HTML in
            "<li><img src=\"\(SiteURL.kitFile(.value(photo.id!)).path)\" alt=\"Photo \(index + 1) of \(device.make) \(device.model) \(device.assetTag)\" width=\"240\"></li>"
        }
        return """
        \(recycling)
        <h2 class="govuk-heading-m">Photos</h2>
        \(photos.isEmpty ? "<p class=\"govuk-body\">No photos yet.</p>" as HTML : "<ul class=\"app-photos\">\(shown)</ul>")
        \(Components.form(action: SiteURL.kitDevicePhotos(.value(device.id!)).path, token: token, withFiles: true, """
        \(Components.fileUpload(name: "photo", label: "Add a photo", hint: "A JPEG or PNG smaller than 10 MB, showing the device\u{2019}s condition", accept: "image/jpeg,image/png", error: errors["photo"]))
        \(Components.button("Add photo", style: .secondary))
        """))
        """
    }
}
