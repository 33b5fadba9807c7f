import Fluent
import OnrampCore
import SQLKit
import Vapor

/// Writing to the device bank: a donated batch from its CSV, all or nothing, and each move of
/// a device with its wipe or recycling record, checked by the rules in OnrampCore.
enum DeviceBank {
    struct BatchDetails: Sendable {
        let donor: String
        let source: DonationSource
        let receivedOn: CalendarDay
        let notes: String
    }

    /// Imports a batch. Serials or asset tags repeated within the file or already in the bank
    /// are refused with their line numbers, and then nothing is written.
    static func importBatch(
        _ rows: [DeviceBatchRow], details: BatchDetails, file: String, councilID: UUID, actor: AuditActor, now: Date, on database: any Database
    ) async throws -> DonationBatch {
        var problems = ImportProblems(file: file)
        let repeats = DeviceBatchParser.repeatedSerials(rows).map { ("serial", $0.serial, $0.lines) } + DeviceBatchParser.repeatedTags(rows).map { ("asset tag", $0.tag, $0.lines) }
        for (what, value, lines) in repeats {
            problems.add(line: lines[1], "the \(what) \(value) is also on line\(lines.count > 2 ? "s" : "") \(lines.filter { $0 != lines[1] }.map(String.init).joined(separator: ", "))")
        }
        let knownSerials = try await existing(\.$serialKey, rows.map(\.serialKey), councilID: councilID, on: database)
        let knownTags = try await existing(\.$assetTag, rows.compactMap(\.assetTag), councilID: councilID, on: database)
        for row in rows {
            if knownSerials.contains(row.serialKey) { problems.add(line: row.line, "the serial \(row.make) \(row.serial) is already in the device bank") }
            if let tag = row.assetTag, knownTags.contains(tag) { problems.add(line: row.line, "the asset tag \(tag) is already in the device bank") }
        }
        guard problems.isEmpty else { throw ImportFailure.rows(problems) }
        do {
            return try await write(rows, details: details, councilID: councilID, actor: actor, now: now, on: database)
        } catch where error.isConstraintFailure {
            // Another batch took the same serial or tag between the check and the write.
            throw ImportFailure.refused(file, "another batch with some of these devices was recorded at the same moment; nothing was added, so try again")
        }
    }

    /// The values of `field` among `values` that the council's bank already holds.
    static func existing(_ field: KeyPath<KitDevice, FieldProperty<KitDevice, String>>, _ values: [String], councilID: UUID, on database: any Database) async throws -> Set<String> {
        var known: Set<String> = []
        for chunk in values.chunked(into: 500) {
            known.formUnion(try await KitDevice.query(on: database).filter(\.$councilID == councilID).filter(field ~~ chunk).all().map { $0[keyPath: field].value ?? "" })
        }
        return known
    }

    private static func write(_ rows: [DeviceBatchRow], details: BatchDetails, councilID: UUID, actor: AuditActor, now: Date, on database: any Database) async throws -> DonationBatch {
        return try await database.transaction { tx in
            let batch = DonationBatch()
            batch.councilID = councilID
            batch.donor = details.donor
            batch.source = details.source
            batch.receivedOn = details.receivedOn.iso
            batch.notes = details.notes
            batch.createdBy = actor.label
            batch.createdAt = now
            try await batch.create(on: tx)
            var next = try await nextTagNumber(councilID: councilID, on: tx)
            for chunk in rows.chunked(into: 200) {
                var devices: [KitDevice] = []
                for row in chunk {
                    let device = KitDevice()
                    device.id = UUID()
                    device.councilID = councilID
                    device.batchID = batch.id!
                    device.assetTag = row.assetTag ?? DeviceBatchParser.madeTagPrefix + String(format: "%06d", next)
                    if row.assetTag == nil { next += 1 }
                    (device.type, device.make, device.model, device.serial, device.serialKey) = (row.type, row.make, row.model, row.serial, row.serialKey)
                    (device.cpu, device.ramGB, device.storageGB, device.operatingSystem, device.accessories, device.condition) =
                        (row.cpu, row.ramGB, row.storageGB, row.operatingSystem, row.accessories, row.condition)
                    (device.stage, device.stageSince, device.wipedSinceArrival, device.createdAt) = (.received, now, false, now)
                    devices.append(device)
                }
                try await devices.create(on: tx)
                try await devices.map { DeviceMove(device: $0, from: nil, to: .received, at: now, actor: actor.label, reason: "Donated by \(details.donor)") }.create(on: tx)
            }
            let arrived = Dictionary(rows.map { (StockCounts.Key(type: $0.type, stage: .received), 1) }, uniquingKeysWith: +)
            try await StockCounts.add(arrived, councilID: councilID, on: tx)
            try await Audit.record(.kitBatchImported, by: actor, recordType: "kit_batch", recordID: batch.id, summary: "\(rows.count) devices from \(details.donor)", councilID: councilID, on: tx, now: now)
            return batch
        }
    }

    /// Asset tags Onramp makes run ONR-000001, ONR-000002… in each council.
    static func nextTagNumber(councilID: UUID, on database: any Database) async throws -> Int {
        let tags = try await KitDevice.query(on: database).filter(\.$councilID == councilID).filter(\.$assetTag >= DeviceBatchParser.madeTagPrefix).filter(\.$assetTag < "ONR.")
            .sort(\.$assetTag, .descending).first()
        return (tags.flatMap { Int($0.assetTag.dropFirst(DeviceBatchParser.madeTagPrefix.count)) } ?? 0) + 1
    }

    /// Moves a device, or says why not. A failed wipe is still recorded, and the device stays.
    /// `certificateFile` is the wipe's or the recycler's, kept with the record.
    static func move(
        _ device: KitDevice, to stage: DeviceStage, reason: String, evidence: DeviceEvidence, certificateFile: KitUpload? = nil, actor: AuditActor, now: Date, on database: any Database
    ) async throws -> DeviceMoveRefusal? {
        if let refusal = device.stage.move(to: stage, wipedSinceArrival: device.wipedSinceArrival, evidence: evidence) { return refusal }
        let from = device.stage
        let wipePassed: Bool? = if case .wipe(let record) = evidence { record.passed } else { nil }
        let failedWipe = wipePassed == false
        // A passed wipe makes the device wiped since it came in; coming (back) in undoes that.
        let wiped = stage.isArrival ? false : (wipePassed == true || device.wipedSinceArrival)
        do {
            try await database.transaction { tx in
                // First, and only from the stage it was read at: had someone moved it meanwhile,
                // this move would count it twice (StockCounts), so nothing of it is kept. A
                // failed wipe leaves the device where it waits, since when it did, but checks it
                // is still there, so that its line of history is true. A caller already in a
                // transaction must throw the refusal on, as Loans does.
                let stillThere = failedWipe
                    ? try await Self.setStage(of: device, from: from, to: from, wipedSinceArrival: nil, since: nil, on: tx)
                    : try await Self.setStage(of: device, from: from, to: stage, wipedSinceArrival: wiped, since: now, on: tx)
                guard stillThere else { throw DeviceMoveRefusal.changedMeanwhile }
                var why = reason
                switch evidence {
                case .wipe(let record):
                    let wipe = DeviceWipe()
                    (wipe.deviceID, wipe.method, wipe.tool, wipe.toolVersion, wipe.operatorName) = (device.id!, record.method, record.tool, record.toolVersion, record.operatorName)
                    (wipe.started, wipe.finished, wipe.passed, wipe.verification, wipe.recordedBy) = (record.started, record.finished, record.passed, record.verification, actor.label)
                    try await wipe.create(on: tx)
                    if let certificateFile { try await KitFiles.store(certificateFile, purpose: .wipeCertificate, device: device, wipeID: wipe.id, actor: actor, now: now, on: tx) }
                    guard record.passed else {
                        try await DeviceMove(device: device, from: from, to: from, at: now, actor: actor.label,
                                             reason: "Wipe failed (\(record.method.label), \(record.tool) \(record.toolVersion)): \(record.verification)").create(on: tx)
                        try await Audit.record(.kitWipeFailed, by: actor, recordType: "kit_device", recordID: device.id,
                                               summary: "\(device.assetTag): \(record.method.label) with \(record.tool) failed", councilID: device.councilID, on: tx, now: now)
                        return
                    }
                    why = "\(record.method.label) with \(record.tool) \(record.toolVersion) by \(record.operatorName), verified: \(record.verification)" + (reason.isEmpty ? "" : ". \(reason)")
                case .recycling(let facility, let day, let certificate):
                    let recycling = DeviceRecycling()
                    (recycling.deviceID, recycling.facility, recycling.recycledOn, recycling.certificate) = (device.id!, facility, day.iso, certificate)
                    try await recycling.create(on: tx)
                    if let certificateFile { try await KitFiles.store(certificateFile, purpose: .recyclingCertificate, device: device, actor: actor, now: now, on: tx) }
                    why = "Recycled at \(facility) on \(day.spoken), certificate \(certificate)" + (reason.isEmpty ? "" : ". \(reason)")
                case .none:
                    break
                }
                // A lent device that is lost ends its loan: no more reminders, off the loans list.
                if from == .loaned, stage == .lost, let loan = try await Loans.current(device, scope: Scope(councilID: device.councilID, organisationID: nil), on: tx) {
                    loan.lostAt = now
                    try await loan.save(on: tx)
                }
                try await DeviceMove(device: device, from: from, to: stage, at: now, actor: actor.label, reason: why).create(on: tx)
                try await Audit.record(.kitDeviceMoved, by: actor, recordType: "kit_device", recordID: device.id,
                                       summary: "\(device.assetTag): \(from.rawValue) to \(stage.rawValue)", councilID: device.councilID, on: tx, now: now)
                try await StockCounts.add(StockCounts.move(device.type, from: from, to: stage), councilID: device.councilID, on: tx)
                if stage.isHandover(from: from) { try await StockCounts.handOver(device.type, at: now, councilID: device.councilID, on: tx) }
            }
        } catch let refusal as DeviceMoveRefusal {
            return refusal
        }
        if !failedWipe { (device.stage, device.stageSince, device.wipedSinceArrival) = (stage, now, wiped) }
        return nil
    }

    /// Sets the device's stage, and whether it is wiped and since when it waits unless they are
    /// nil, if it is still `from`, in one statement; false if it is not.
    private static func setStage(of device: KitDevice, from: DeviceStage, to stage: DeviceStage, wipedSinceArrival: Bool?, since: Date?, on database: any Database) async throws -> Bool {
        let update = (database as! any SQLDatabase).update(KitDevice.schema).set("stage", to: stage.rawValue)
        if let wipedSinceArrival { update.set("wiped_since_arrival", to: wipedSinceArrival) }
        if let since { update.set("stage_since", to: since) }
        let changed = try await update.where("id", .equal, device.id!).where("stage", .equal, from.rawValue).returning("id").all()
        return !changed.isEmpty
    }
}
