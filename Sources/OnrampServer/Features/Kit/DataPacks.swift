import Fluent
import OnrampCore
import SQLKit
import Vapor

/// The data bank: batches of SIMs and vouchers with their codes sealed, stock by network,
/// giving one to a resident's data referral (its code shown then, once), and reminders before
/// the resident's data runs out.
enum DataPacks {
    enum Refusal: Error, Equatable {
        case referralNotForData
        case referralNotContacted
        case noneLeft(String)

        var message: String {
            switch self {
            case .referralNotForData: "Select an open referral for a data SIM"
            case .referralNotContacted: "Record on the referral that the resident has been contacted before giving them data"
            case .noneLeft(let what): "There are no \(what) left that have not expired"
            }
        }
    }

    /// Imports a batch. A code repeated in the file or already in the bank is refused with its
    /// line, and then nothing is written.
    static func importBatch(
        _ rows: [DataPackRow], batch: String, file: String, vault: DataVault, councilID: UUID, actor: AuditActor, now: Date, on database: any Database
    ) async throws -> Int {
        var problems = ImportProblems(file: file)
        for (code, lines) in DataPackParser.repeatedCodes(rows) {
            problems.add(line: lines[1], "the code \(code) is also on line\(lines.count > 2 ? "s" : "") \(lines.filter { $0 != lines[1] }.map(String.init).joined(separator: ", "))")
        }
        let digests = rows.map { vault.digest($0.codeKey) }
        var known: Set<String> = []
        for chunk in digests.chunked(into: 500) {
            known.formUnion(try await DataPack.query(on: database).filter(\.$councilID == councilID).filter(\.$codeDigest ~~ chunk).all().map(\.codeDigest))
        }
        for (row, digest) in zip(rows, digests) where known.contains(digest) {
            problems.add(line: row.line, "the code \(DataCode.ending(row.code)) is already in the data bank")
        }
        guard problems.isEmpty else { throw ImportFailure.rows(problems) }
        let packs = try zip(rows, digests).map { row, digest in
            let pack = DataPack()
            (pack.councilID, pack.batch, pack.kind, pack.network) = (councilID, batch, row.kind, row.network)
            (pack.allowanceGB, pack.months, pack.expiresOn) = (row.allowanceGB, row.months, row.expiresOn.iso)
            (pack.codeSealed, pack.codeDigest, pack.codeEnding) = (try vault.seal(row.code), digest, DataCode.ending(row.code))
            (pack.createdBy, pack.createdAt) = (actor.label, now)
            return pack
        }
        do {
            try await database.transaction { tx in
                for chunk in packs.chunked(into: 200) { try await chunk.create(on: tx) }
                try await Audit.record(.kitDataImported, by: actor, recordType: "kit_data_batch", recordID: nil, summary: "\(rows.count) SIMs or vouchers: \(batch)", councilID: councilID, on: tx, now: now)
            }
        } catch where error.isConstraintFailure {
            throw ImportFailure.refused(file, "another batch with some of these codes was recorded at the same moment; nothing was added, so try again")
        }
        return packs.count
    }

    /// Gives the resident the pack of `kind` on `network` that expires soonest, fulfils the
    /// referral and tells the resident, in one transaction; returns the pack and its code.
    static func give(
        _ kind: DataPackKind, network: String, to referral: Referral, vault: DataVault, actor: AuditActor, trackURL: String, today: CalendarDay, now: Date, on database: any Database
    ) async throws -> Result<(DataPack, code: String), Refusal> {
        guard let offer = try await HelpOffer.find(referral.offerID, on: database), offer.kind == .dataSIM, referral.status.isOpen else { return .failure(.referralNotForData) }
        guard referral.status.canBeFulfilled else { return .failure(.referralNotContacted) }
        return try await database.transaction { tx in
            let sql = tx as! any SQLDatabase
            // Two people giving the last SIM at once: the update only takes a pack still free.
            for candidate in try await available(kind, network: network, councilID: referral.councilID, today: today, on: tx).limit(3).all() {
                let ends = DataPlan.endsOn(givenOn: today, months: candidate.months)
                let taken = try await sql.update(DataPack.schema)
                    .set("referral_id", to: referral.id!).set("given_on", to: today.iso).set("given_by", to: actor.label).set("ends_on", to: ends.iso)
                    .where("id", .equal, candidate.id!).where("referral_id", .is, SQLLiteral.null)
                    .returning("id").all()
                guard !taken.isEmpty, let pack = try await DataPack.find(candidate.id, on: tx) else { continue }
                if let refusal = try await ReferralMoves.move(referral, to: .fulfilled, reason: "", outcome: "\(pack.words) (\(pack.codeEnding)), until \(ends.spoken)",
                                                              actor: actor, trackURL: trackURL, now: now, on: tx) { throw refusal }
                try await Audit.record(.kitDataGiven, by: actor, recordType: "kit_data_pack", recordID: pack.id, summary: "\(pack.words), \(pack.codeEnding)",
                                       councilID: referral.councilID, on: tx, now: now)
                return .success((pack, try vault.open(pack.codeSealed)))
            }
            return .failure(.noneLeft("\(network) \(kind.label.lowercased())s"))
        }
    }

    /// Packs not yet given and not expired, the soonest to expire first.
    static func available(_ kind: DataPackKind, network: String, councilID: UUID, today: CalendarDay, on database: any Database) -> QueryBuilder<DataPack> {
        DataPack.query(on: database).filter(\.$councilID == councilID).filter(\.$network == network).filter(\.$kind == kind)
            .filter(\.$referralID == nil).filter(\.$expiresOn >= today.iso).sort(\.$expiresOn).sort(\.$createdAt)
    }

    /// Queues a reminder two weeks before a resident's data ends, once. Run daily.
    static func remind(today: CalendarDay, trackURL: String, now: Date, on database: any Database) async throws -> Int {
        let ending = try await DataPack.query(on: database).filter(\.$referralID != nil).filter(\.$remindedAt == nil)
            .filter(\.$endsOn >= today.iso).filter(\.$endsOn <= today.adding(days: DataPlan.reminderDays).iso).all()
        var sent = 0
        for pack in ending {
            guard let ends = pack.endsOn.flatMap(CalendarDay.init(iso:)), DataPlan.reminderDue(endsOn: ends, today: today, sent: false), let referralID = pack.referralID else { continue }
            try await database.transaction { tx in
                guard try await CaseMessages.queue(forReferral: referralID, trackURL: trackURL, now: now, on: tx, { .dataEnding(reference: $0, data: pack.words, ends: ends) }) else { return }
                pack.remindedAt = now
                try await pack.save(on: tx)
            }
            sent += 1
        }
        return sent
    }
}
