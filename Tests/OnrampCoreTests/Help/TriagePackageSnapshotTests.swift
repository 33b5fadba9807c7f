import Foundation
import Testing
@testable import OnrampCore

/// What the triage engine decides and says, for answer sets drawn over every question, against
/// the snapshot in `Tests/Snapshots`: every package in full (the profile, each offer's decision,
/// quantity and reasons, in order) for the first sets, and one digest of the same for many more.
/// The snapshot was first written by the engine that worked out every reason's words as it
/// decided (commit be98aec); an engine that decides first and writes the words when they are
/// read must give the same text. A change of wording fails here: read the difference, then
/// `ONRAMP_UPDATE_SNAPSHOTS=1 swift test --filter TriagePackageSnapshotTests` and commit it.
@Suite struct TriagePackageSnapshotTests {
    static let snapshotPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Snapshots/triage-packages.txt").path

    /// The standard catalogue, with the skills course used up, so that the order's second key is tried.
    static let catalogue = OfferKind.allCases.enumerated().map { index, kind in
        let wording = StandardOffers.wording[kind]!
        return Offer(id: kind.rawValue, kind: kind, name: wording.name, summary: wording.summary, rule: StandardOffers.rules[kind]!,
                     available: kind == .skillsCourse ? 0 : wording.available, position: index, maxPerHousehold: wording.maxPerHousehold)
    }

    static func described(_ answers: TriageAnswers) -> String {
        let package = MinimumAccessPackage(answers: answers, catalogue: catalogue)
        let profile = package.profile
        var text = "scale \(profile.scale), missing \(profile.missing.map(\.rawValue).sorted().joined(separator: " "))\n"
        for line in profile.lines {
            text += "  \(line.barrier.rawValue): has \(line.has.joined(separator: "; ")) | missing \(line.missing.joined(separator: "; "))\n"
        }
        for entry in package.eligible { text += "  yes \(entry.offer.kind.rawValue) x\(entry.quantity): \(entry.outcome.because)\n" }
        for entry in package.notEligible { text += "  no \(entry.offer.kind.rawValue): \(entry.outcome.reasons.joined(separator: "; "))\n" }
        return text
    }

    /// FNV-1a, 64 bits: the same on every machine, unlike `Hasher`.
    static func digest(_ texts: some Sequence<String>) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for text in texts { for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 } }
        return String(hash, radix: 16)
    }

    @Test func packagesAreTheSnapshot() throws {
        let sets = ExampleResidents.drawn(20_000)
        let shown = sets.prefix(120).enumerated().map { "set \($0.offset + 1)\n" + Self.described($0.element) }.joined()
        let text = shown + "digest of all \(sets.count) sets: \(Self.digest(sets.lazy.map(Self.described)))\n"
        if ProcessInfo.processInfo.environment["ONRAMP_UPDATE_SNAPSHOTS"] == "1" {
            try text.write(toFile: Self.snapshotPath, atomically: true, encoding: .utf8)
        }
        let kept = try String(contentsOfFile: Self.snapshotPath, encoding: .utf8)
        let now = text.split(separator: "\n", omittingEmptySubsequences: false), before = kept.split(separator: "\n", omittingEmptySubsequences: false)
        let firstDifference = zip(now, before).enumerated().first { $0.element.0 != $0.element.1 }
        #expect(firstDifference == nil, "line \((firstDifference?.offset ?? 0) + 1) differs from \(Self.snapshotPath)")
        #expect(text == kept)
    }
}
